// walk.js URL ARTIFACT_DIR: a reviewer's walk through the pages on the
// reference seeds.  Opens the map, filters to Tartus governorate, opens
// the Qadmus incident with the most documents, checks that the evidence
// of at least two documents is highlighted, confirms a claim, sees the
// incident found again by its claims, and finds the confirmation in the
// audit log.  A screenshot is saved at each step.
'use strict';

const { run } = require('./browser');

const REVIEWER = 'Walk Reviewer';

run(async (b) => {
  const { page } = b;
  await b.go('map', 'map');
  const markers = await page.locator('.incident-marker, .marker-cluster').count();
  const countries = await page.locator('path.country').count();
  await b.screenshot('map');
  if (!markers) return b.fail('no markers on the map');
  if (countries < 100) return b.fail(`only ${countries} country shapes drawn`);
  console.log(`map: ${markers} markers or clusters over ${countries} country shapes`);

  await page.fill('#filters input[name="admin1"]', 'Tartus');
  await page.click('#filters button[type="submit"]');
  await page.waitForFunction(() => location.hash.includes('admin1=Tartus'));
  await b.ready('map');
  const rows = await page.$$eval('#incidents tr', (trs) => trs.map((tr) => ({
    id: tr.dataset.id,
    place: tr.querySelector('.place').textContent,
    docs: Number(tr.querySelector('.docs').textContent),
  })));
  await b.screenshot('tartus');
  if (!rows.length) return b.fail('no incidents in Tartus');
  const outside = rows.filter((r) => !r.place.endsWith(', Tartus'));
  if (outside.length) return b.fail(`rows outside Tartus: ${outside.map((r) => r.place).join('; ')}`);
  const qadmus = rows.filter((r) => /Qadm/.test(r.place)).sort((x, y) => y.docs - x.docs)[0];
  if (!qadmus) return b.fail('no Qadmus incident in the Tartus list');
  console.log(`tartus: ${rows.length} incidents; chose ${qadmus.id} at ${qadmus.place} with ${qadmus.docs} documents`);

  await page.click(`#incidents tr[data-id="${qadmus.id}"] a.incident-link`);
  await b.ready('incident');
  const perDoc = await page.$$eval('.evidence-doc', (secs) => secs.map((s) => ({
    doc: s.dataset.doc,
    marks: s.querySelectorAll('mark.evidence').length,
    text: [...s.querySelectorAll('mark.evidence')].map((m) => m.textContent).join(' '),
  })));
  await b.screenshot('incident');
  await page.locator('.evidence-docs').scrollIntoViewIfNeeded();
  await b.screenshot('incident-evidence');
  const lit = perDoc.filter((d) => d.marks > 0 && d.text.trim().length > 20);
  if (lit.length < 2) return b.fail(`evidence highlighted in ${lit.length} documents: ${JSON.stringify(perDoc)}`);
  console.log(`incident ${qadmus.id}: evidence highlighted in ${lit.length} documents (` +
    perDoc.map((d) => `${d.doc}: ${d.marks}`).join(', ') + ')');
  // Each mark holds exactly the sentence of its claim: the byte spans of
  // the API land on the right characters of text with non-ASCII letters.
  const wrong = await page.evaluate(async (id) => {
    const inc = await (await fetch('/api/incidents/' + id)).json();
    const sentence = new Map(inc.claims.map((c) => [c.id, c.sentence]));
    return [...document.querySelectorAll('mark.evidence')]
      .filter((m) => m.textContent !== sentence.get(m.dataset.claims.split(' ')[0]))
      .map((m) => m.dataset.claims);
  }, qadmus.id);
  if (wrong.length) return b.fail(`marks that are not their claim's sentence: ${wrong.join(', ')}`);

  // Each document's box is scrolled so that its first evidence is in view.
  const hidden = await page.$$eval('.evidence-doc .doc-text', (boxes) => boxes.filter((box) => {
    const m = box.querySelector('mark.evidence');
    if (!m) return false;
    const r = m.getBoundingClientRect(), v = box.getBoundingClientRect();
    return r.bottom <= v.top || r.top >= v.bottom;
  }).map((box) => box.dataset.doc));
  if (hidden.length) return b.fail(`evidence not scrolled into view in ${hidden.join(', ')}`);

  const claim = await page.getAttribute('.claim button.review-confirm', 'data-claim');
  await page.fill('#reviewer', REVIEWER);
  await page.dispatchEvent('#reviewer', 'change');
  page.once('dialog', (d) => d.accept('read in the document'));
  await page.click(`.claim button.review-confirm[data-claim="${claim}"]`);
  await page.waitForSelector('#notice:not([hidden])');
  const notice = await page.textContent('#notice');
  if (!notice.includes(`${REVIEWER} confirm ${claim}`)) return b.fail(`the page said: ${notice}`);
  // The incident is found again by its claims (linking numbered the
  // incidents afresh) and shown, the claim carrying its confirmation.
  const now = /The confirmed claim \(c\d+\): now (i\d+)/.exec(notice);
  if (!now) return b.fail(`the page said: ${notice}`);
  await page.waitForSelector(`.claim[data-claim="${claim}"] .badge:text("confirmed")`);
  const title = await page.textContent('#view h2');
  if (!title.startsWith(now[1] + ':')) return b.fail(`the notice names ${now[1]}, the page shows ${title}`);
  await b.screenshot('confirmed');

  await page.click('nav a[href="#/log"]');
  await b.ready('log');
  const events = await page.$$eval('#log tr', (trs) => trs.map((tr) => ({
    user: tr.querySelector('.user').textContent,
    action: tr.querySelector('.action').textContent,
    target: tr.querySelector('.target').textContent,
  })));
  await b.screenshot('audit-log');
  const found = events.find((e) => e.user === REVIEWER && e.action === 'confirm' && e.target === claim);
  if (!found) return b.fail(`no confirmation of ${claim} by ${REVIEWER} in the log: ${JSON.stringify(events)}`);
  console.log(`log: ${REVIEWER} confirm ${claim}`);

  // Search, and the reader at a hit: the sentence marked among the
  // mentions highlighted by kind.
  await page.click('nav a[href="#/search"]');
  await b.ready('search');
  await page.fill('form.search input[name="q"]', 'Qadmus');
  await page.click('form.search button');
  await b.ready('search');
  const hits = await page.locator('ol.hits li').count();
  await b.screenshot('search');
  if (!hits) return b.fail('no search hits for Qadmus');
  await page.click('ol.hits li a');
  await b.ready('document');
  const reader = await page.$$eval('.doc-text.reader', ([box]) => ({
    hit: [...box.querySelectorAll('.evidence')].map((e) => e.textContent).join(''),
    kinds: [...new Set([...box.querySelectorAll('.m')].flatMap((e) => [...e.classList]))]
      .filter((c) => c.startsWith('m-')),
  }));
  await b.screenshot('reader');
  if (!/Qadmus/.test(reader.hit)) return b.fail(`the reader does not mark the hit: ${reader.hit}`);
  if (reader.kinds.length < 3) return b.fail(`mentions of only ${reader.kinds.join(', ')} highlighted`);
  console.log(`search: ${hits} hits; the reader marks the hit among ${reader.kinds.join(' ')} mentions`);
  console.log('walk: the confirmation is in the audit log');
});
