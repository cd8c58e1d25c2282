// token.js URL ARTIFACT_DIR: the pages of a server that wants a token
// (--token-file), opened as URL#token=TOKEN.  The token must reach every
// API request from the fragment and leave the address bar; a tab opened
// without it must show the server's refusal, not data.
'use strict';

const { run } = require('./browser');

run(async (b) => {
  const { page } = b;
  const [url] = process.argv.slice(2);
  await page.goto(url);
  await b.ready('map');
  const rows = await page.locator('#incidents tr').count();
  const hash = await page.evaluate(() => location.hash);
  await b.screenshot('token-map');
  if (!rows) return b.fail('no incidents with the token');
  if (hash.includes('token')) return b.fail(`the token stays in the address: ${hash}`);
  await page.click('#incidents tr a.incident-link');
  await b.ready('incident');
  console.log(`token: ${rows} incidents, an incident page, the address cleaned`);

  // A page of a fresh browser context has no token: the page loads, the
  // data does not (its refused requests are not watched: they are meant).
  const other = await b.browser.newPage();
  await other.goto(new URL('/#/map', url).href);
  await other.waitForSelector('#view[data-ready="error"]');
  const said = await other.textContent('#view');
  await other.close();
  if (!/Authorization/.test(said)) return b.fail(`without the token the page said: ${said}`);
  console.log('token: refused without it');
});
