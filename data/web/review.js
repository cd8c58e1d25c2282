// review.js: confirm and reject buttons on claims, and the #/log page of
// every review decision.  A decision is POSTed with the CSRF value of
// /api/session; the server links the register again, which numbers the
// incidents afresh.  A page that shows claims may set
// DS.afterReview(recorded, claim, action) to find them again and show
// the register as linked anew (relink.js).
'use strict';

DS.afterReview = null;

DS.reviewer = function () {
  return document.getElementById('reviewer').value.trim();
};

// POSTs a decision (an object of the API's verbs) with the reviewer's
// name; answers what the server recorded.
DS.decide = function (body) {
  if (DS.reviewer()) body.user = DS.reviewer();
  return DS.post('/api/review', body);
};

async function decide(action, claim) {
  const why = window.prompt(`Why ${action} ${claim}?`, '');
  if (why === null) return;
  let r;
  try {
    r = await DS.decide({ action, claim, why });
  } catch (e) {
    DS.notice(`The ${action} of ${claim} failed: ${e.message}`);
    return;
  }
  DS.geojson = null; // incidents are numbered afresh by the new link
  if (DS.afterReview) await DS.afterReview(r, claim, action);
  else DS.notice(`Recorded: ${r.user} ${r.action} ${r.target}. The register was linked again; ` +
    'incident numbers may have changed, so find the incident again from the map.');
}

DS.reviewButtons = function (claim) {
  const span = DS.el('span', { class: 'review' });
  for (const action of ['confirm', 'reject']) {
    const b = DS.el('button', { type: 'button', class: 'review-' + action, 'data-claim': claim }, action);
    b.addEventListener('click', () => decide(action, claim));
    span.appendChild(b);
  }
  return span;
};

DS.pages.log = async function (view) {
  const data = await DS.get('/api/review/log');
  const body = DS.el('tbody', { id: 'log' });
  for (const e of data.events)
    body.appendChild(DS.el('tr', { class: 'event' },
      DS.el('td', {}, '#' + e.id), DS.el('td', {}, e.at), DS.el('td', { class: 'user' }, e.user),
      DS.el('td', { class: 'action' }, e.action), DS.el('td', { class: 'target' }, e.target),
      DS.el('td', {}, e.field ? `${e.field}: ${e.before || '(none)'} -> ${e.after || ''}` : ''),
      DS.el('td', {}, e.why || '')));
  const head = DS.el('tr', {});
  for (const h of ['event', 'time (UTC)', 'user', 'action', 'target', 'change', 'why']) head.appendChild(DS.el('th', {}, h));
  view.replaceChildren(DS.el('h2', {}, 'Audit log'),
    data.events.length ? DS.el('table', { class: 'log' }, DS.el('thead', {}, head), body)
      : DS.el('p', {}, 'No review decisions yet.'));
  view.dataset.ready = 'log';
};
