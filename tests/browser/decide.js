// decide.js URL ARTIFACT_DIR: the review of a whole incident on the
// examples.  Opens the incident with the most documents (chosen from the
// list), checks that a date the server would refuse is refused in the
// page, edits the date, follows the incident to its new number, splits a
// claim off it, merges the two parts back, and finds the three decisions
// in the audit log.  Prints what
// it decided for the C test to find in `dossier review log`.
'use strict';

const { run } = require('./browser');

const REVIEWER = 'Decide Reviewer';

// Edits the server takes and refuses, with the forms of each field.
const EDITS = [
  ['date', '2025-03-06'], ['date', '2025-03'], ['date', '2025'], ['date', '2025-03-01/2025-03-09'],
  ['date', '2024-02-29'], ['date', '2025-03-06T10:00'], ['date', '2025-02/2025-03-01'],
  ['date', '2025-02-29'], ['date', '2025-13'], ['date', '25-03-06'], ['date', '2025-03-09/2025-03-01'],
  ['date', '2025-3-6'], ['date', '6 March 2025'], ['date', '2025-03-06/'], ['date', '0000'],
  ['status', 'corroborated'], ['status', 'contested'], ['status', 'confirmed'], ['place', 'Baniyas'],
  ['admin1', 'Tartus'], ['event_type', 'Battles'], ['sub_event_type', 'Attack'], ['place', ''],
  ['killed', '3'], ['location', 'x'],
];

function nextDay(day) {
  return new Date(Date.parse(day + 'T00:00:00Z') + 86400000).toISOString().slice(0, 10);
}

// The incident the page shows, as the API gives it.
async function shown(page) {
  const id = (await page.textContent('#view h2')).split(':')[0];
  return page.evaluate(async (i) => (await fetch('/api/incidents/' + i)).json(), id);
}

async function waitEvent(page, n) {
  await page.waitForSelector(`#notice[data-event="${n}"]`);
  await page.waitForSelector('#view[data-ready="incident"]');
  return page.textContent('#notice');
}

run(async (b) => {
  const { page } = b;
  await b.go('map', 'map');
  const rows = await page.$$eval('#incidents tr', (trs) => trs.map((tr) => ({
    id: tr.dataset.id, docs: Number(tr.querySelector('.docs').textContent),
  })));
  const chosen = rows.sort((x, y) => y.docs - x.docs)[0];
  if (!chosen || chosen.docs < 2) return b.fail(`no incident with two documents: ${JSON.stringify(rows)}`);
  // The page's checks of an edit agree with the server's: posted for an
  // incident beyond the last one, a value the page takes gets 404 (no
  // such incident, the value passed) and one it refuses 400, so nothing
  // is recorded.
  const nowhere = 'i' + (Math.max(...rows.map((r) => Number(r.id.slice(1)))) + 1000);
  // (Posted from node: the browser would report each refusal as an error.)
  const verdicts = await page.evaluate((edits) => edits.map(([f, v]) => DS.checkEdit(f, v) === ''), EDITS);
  const base = new URL(process.argv[2]);
  const { csrf } = await (await fetch(new URL('/api/session', base))).json();
  const disagree = [];
  for (const [i, [field, value]] of EDITS.entries()) {
    const res = await fetch(new URL('/api/review', base), {
      method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Dossier-CSRF': csrf },
      body: JSON.stringify({ action: 'edit', incident: nowhere, field, value, why: 'check' }),
    });
    if (res.status !== (verdicts[i] ? 404 : 400))
      disagree.push(`${field} "${value}": server ${res.status}, page ${verdicts[i] ? 'takes' : 'refuses'} it`);
  }
  if (disagree.length) return b.fail(`the page and the server disagree: ${disagree.join('; ')}`);
  console.log(`decide: the page checks ${EDITS.length} edits as the server does`);

  await page.fill('#reviewer', REVIEWER);
  await page.dispatchEvent('#reviewer', 'change');
  await b.go('incident/' + chosen.id, 'incident');
  const before = await shown(page);

  // A date the server refuses is refused in the page, and nothing is sent.
  await page.fill('form.edit input[name="value"]', '2025-02-30');
  await page.fill('form.edit input[name="why"]', 'no such day');
  await page.click('form.edit button[type="submit"]');
  await page.waitForSelector('form.edit .form-error:not([hidden])');
  const refusal = await page.textContent('form.edit .form-error');
  const logged = await page.evaluate(async () => (await (await fetch('/api/review/log')).json()).events.length);
  await page.locator('form.edit').scrollIntoViewIfNeeded();
  await b.screenshot('edit-refused');
  if (!/not a date/.test(refusal) || logged) return b.fail(`bad date: "${refusal}", ${logged} events`);

  const day = before.date.start === before.date.end ? nextDay(before.date.start) : before.date.start;
  await page.selectOption('form.edit select[name="field"]', 'date');
  await page.fill('form.edit input[name="value"]', day);
  await page.fill('form.edit input[name="why"]', 'the dateline gives the day');
  await page.click('form.edit button[type="submit"]');
  let notice = await waitEvent(page, 1);
  const edited = await shown(page);
  await b.screenshot('edited');
  if (edited.date.start !== day || edited.date.end !== day || !(edited.edited || []).includes('date'))
    return b.fail(`the page shows ${edited.id} dated ${JSON.stringify(edited.date)}, not ${day}`);
  const kept = before.claims.filter((c) => edited.claims.some((e) => e.id === c.id)).length;
  if (kept * 2 < before.claims.length || !notice.includes(`now ${edited.id}`))
    return b.fail(`${edited.id} holds ${kept} of ${before.claims.length} claims; the page said: ${notice}`);
  console.log(`decide: edit ${before.id} date -> ${day}, now ${edited.id}`);

  // Split the last claim off.
  const apart = edited.claims[edited.claims.length - 1].id;
  await page.check(`input.split-pick[value="${apart}"]`);
  await page.fill('form.split input[name="why"]', 'a second raid');
  await page.locator('form.split').scrollIntoViewIfNeeded();
  await b.screenshot('split-checked');
  await page.click('form.split button[type="submit"]');
  notice = await waitEvent(page, 2);
  await b.screenshot('split');
  const found = await page.$$eval('#notice .found-incident', (as) => as.map((a) => a.dataset.id));
  const where = await page.evaluate(async (ids) => Promise.all(ids.map(async (i) =>
    (await (await fetch('/api/incidents/' + i)).json()).claims.map((c) => c.id))), found);
  const rest = edited.claims.map((c) => c.id).filter((c) => c !== apart);
  if (found.length !== 2 || found[0] === found[1] || !where[0].includes(apart) ||
      where[0].some((c) => rest.includes(c)) || !rest.every((c) => where[1].includes(c)))
    return b.fail(`after the split the page said: ${notice} (${JSON.stringify(where)})`);
  console.log(`decide: split ${edited.id} ${apart}, now ${found[0]} and ${found[1]}`);

  // And merge the two back: one incident holds every claim again.
  await page.fill('form.merge input[name="other"]', found[1]);
  await page.fill('form.merge input[name="why"]', 'one raid after all');
  await page.locator('form.merge').scrollIntoViewIfNeeded();
  await b.screenshot('merge-form');
  await page.click('form.merge button[type="submit"]');
  notice = await waitEvent(page, 3);
  const merged = await shown(page);
  await b.screenshot('merged');
  const missing = edited.claims.filter((c) => !merged.claims.some((m) => m.id === c.id));
  if (missing.length || !notice.includes(`now ${merged.id}`))
    return b.fail(`after the merge ${merged.id} lacks ${missing.map((c) => c.id)}; the page said: ${notice}`);
  console.log(`decide: merge ${found[0]} ${found[1]}, now ${merged.id}`);

  await page.click('nav a[href="#/log"]');
  await b.ready('log');
  const events = await page.$$eval('#log tr', (trs) => trs.map((tr) =>
    [...tr.querySelectorAll('td')].map((td) => td.textContent)));
  await b.screenshot('audit-log');
  // event, time, user, action, target, change, why
  const editRow = events.find((e) => e[2] === REVIEWER && e[3] === 'edit' && e[4] === before.id &&
    e[5].startsWith('date: ') && e[5].endsWith(`-> ${day}`));
  const splitRow = events.find((e) => e[2] === REVIEWER && e[3] === 'split' &&
    e[4] === `${edited.id} (1 claims apart)` && e[6] === 'a second raid');
  const mergeRow = events.find((e) => e[2] === REVIEWER && e[3] === 'merge' &&
    e[4] === `${found[0]} ${found[1]}`);
  if (!editRow || !splitRow || !mergeRow)
    return b.fail(`the audit log lacks the edit, the split or the merge: ${JSON.stringify(events)}`);
  console.log('decide: the edit, the split and the merge are in the audit log');
});
