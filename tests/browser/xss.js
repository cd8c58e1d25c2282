// xss.js URL ARTIFACT_DIR: the pages on a register holding a document
// full of markup (in its text, title, source and address).  Every page
// that shows the document must show the markup as text: no script runs
// (window.__xss stays unset, no dialog opens), no element is made from
// it, and the browser refuses nothing under the Content-Security-Policy
// (a refusal would mean markup reached the page and tried to run).
'use strict';

const { run } = require('./browser');

// Elements that only markup from the document could have made.
async function injected(page) {
  return page.$$eval('#view script, #view img, #view iframe, #view object, #view b, a[href^="javascript"]',
    (els) => els.map((e) => e.outerHTML.slice(0, 80)));
}

async function check(b, where, expect) {
  const { page } = b;
  const bad = await injected(page);
  if (bad.length) await b.fail(`${where}: elements made from the document: ${bad.join(' ')}`);
  const text = await page.textContent('#view');
  for (const literal of expect)
    if (!text.includes(literal)) await b.fail(`${where}: the text does not show ${literal} literally`);
  console.log(`${where}: markup shown as text`);
}

run(async (b) => {
  const { page } = b;
  let dialogs = 0;
  page.on('dialog', (d) => {
    dialogs++;
    d.dismiss();
  });
  await b.go('map', 'map');
  const hostile = await page.evaluate(async () => {
    const s = await (await fetch('/api/sources')).json();
    const doc = s.documents.find((d) => (d.title || '').includes('<img'));
    const geo = await (await fetch('/api/incidents.geojson')).json();
    const inc = geo.features.find((f) => doc && f.properties.documents.includes(doc.id));
    return { doc: doc && doc.id, incident: inc && inc.properties.id };
  });
  if (!hostile.doc || !hostile.incident) return b.fail(`no hostile document or incident: ${JSON.stringify(hostile)}`);
  await b.screenshot('xss-map');

  await b.go('document/' + hostile.doc, 'document');
  await b.screenshot('xss-document');
  await check(b, 'document ' + hostile.doc, ['<script>', '<img src=x onerror=', 'javascript:']);

  await b.go('incident/' + hostile.incident, 'incident');
  await b.screenshot('xss-incident');
  await check(b, 'incident ' + hostile.incident, ['<script>', '<img src=x onerror=']);

  await b.go('search?q=onerror', 'search');
  await b.screenshot('xss-search');
  await check(b, 'search', ['onerror']);

  const flag = await page.evaluate(() => window.__xss);
  if (flag !== undefined || dialogs) return b.fail(`a script ran: window.__xss=${flag}, ${dialogs} dialogs`);
  console.log('xss: no script ran');
});
