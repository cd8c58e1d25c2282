// browser.js: what the browser walks share: headless Debian chromium
// driven by playwright-core (deps/node_modules), a watch on the console
// for Content-Security-Policy refusals and script errors, and screenshots.
'use strict';

const path = require('path');
const { chromium } = require(path.join(__dirname, '../../deps/node_modules/playwright-core'));

async function open(url, artifacts) {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu'],
  });
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const problems = [];
  page.on('console', (m) => {
    const t = m.text();
    if (/Content Security Policy|Refused to/i.test(t)) problems.push('CSP: ' + t);
    else if (m.type() === 'error') problems.push('console error: ' + t);
  });
  page.on('pageerror', (e) => problems.push('page error: ' + e.message));
  page.setDefaultTimeout(15000);
  let shot = 0;
  return {
    browser, page, problems,
    // Opens #/ROUTE and waits until the page says it is built.
    async go(route, ready) {
      await page.goto(new URL('#/' + route, url).href);
      return this.ready(ready);
    },
    async ready(name) {
      await page.waitForSelector(`#view[data-ready="${name}"]`);
    },
    async screenshot(name) {
      shot++;
      const file = path.join(artifacts, `${String(shot).padStart(2, '0')}-${name}.png`);
      await page.screenshot({ path: file, fullPage: false });
      return file;
    },
    // A failure: the reason on stderr, a screenshot, exit status 1.
    async fail(msg) {
      console.error('FAIL: ' + msg);
      for (const p of problems) console.error(p);
      await this.screenshot('failure').catch(() => {});
      await browser.close();
      process.exit(1);
    },
  };
}

async function run(main) {
  const [url, artifacts] = process.argv.slice(2);
  if (!url || !artifacts) {
    console.error(`usage: node ${path.basename(process.argv[1])} URL ARTIFACT_DIR`);
    process.exit(2);
  }
  // The folder is this script's own: screenshots of an earlier run go.
  require('fs').rmSync(artifacts, { recursive: true, force: true });
  require('fs').mkdirSync(artifacts, { recursive: true });
  const b = await open(url, artifacts);
  try {
    await main(b);
  } catch (e) {
    await b.fail(e.message);
  }
  if (b.problems.length) await b.fail(b.problems.join('\n'));
  await b.browser.close();
}

module.exports = { run };
