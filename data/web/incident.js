// incident.js: the #/incident/iN page: the incident's facts, its figures
// by document, the origin graph, contradictions, and each claim with its
// evidence highlighted inside its document, the review buttons of each
// claim and the review of the whole incident (decisions.js).
'use strict';

function factList(inc) {
  const loc = inc.location;
  const rows = [
    ['type', [inc.event_type, inc.sub_event_type].filter(Boolean).join(' / ')],
    ['date', DS.dateText(inc.date) + (inc.date ? ' (' + inc.date.precision + ')' : '')],
    ['place', loc ? `${loc.name} (${[loc.admin1, loc.country].filter(Boolean).join(', ')}), ${loc.precision}` : ''],
    ['actors', (inc.actors || []).map((a) => `${a.role}: ${a.name}`).join('; ')],
    ['groups', (inc.groups || []).join(', ')],
    ['status', inc.status],
    ['parent', inc.parent || ''],
    ['edited by review', (inc.edited || []).join(', ')],
  ];
  const dl = DS.el('dl', { class: 'facts' });
  for (const [k, v] of rows) if (v) dl.append(DS.el('dt', {}, k), DS.el('dd', {}, v));
  return dl;
}

function figureTable(inc, byId) {
  const body = DS.el('tbody', {});
  for (const [kind, f] of Object.entries(inc.figures || {}))
    for (const r of f.reports || [])
      body.appendChild(DS.el('tr', {},
        DS.el('td', {}, kind),
        DS.el('td', {}, DS.el('a', { href: '#/document/' + r.document }, r.document), ' ', DS.docLabel(byId.get(r.document))),
        DS.el('td', {}, DS.killedText(r)),
        DS.el('td', {}, r.qualifier || ''),
        DS.el('td', {}, r.claim)));
  if (!body.children.length) return DS.el('p', {}, 'No figures reported.');
  const head = DS.el('tr', {});
  for (const h of ['figure', 'document', 'value', 'qualifier', 'claim']) head.appendChild(DS.el('th', {}, h));
  const summary = DS.el('ul', {});
  for (const [kind, f] of Object.entries(inc.figures || {}))
    summary.appendChild(DS.el('li', {}, `${kind}: ${DS.killedText(f)} (best ${f.best})`));
  return DS.el('div', {}, summary, DS.el('table', { class: 'figures' }, DS.el('thead', {}, head), body));
}

// A claim, with a box to check it for a split when the incident has
// others.
function claimRow(c, byId, splittable) {
  const counts = Object.entries(c.counts || {}).map(([k, v]) => `${k} ${DS.killedText(v)}`).join(', ');
  return DS.el('li', { class: 'claim', 'data-claim': c.id, 'data-doc': c.document },
    splittable ? DS.el('input', { type: 'checkbox', class: 'split-pick', value: c.id, title: 'to split off' }) : null,
    ' ',
    DS.el('strong', {}, c.id), c.review ? DS.el('span', { class: 'badge' }, c.review) : null,
    ` ${c.sub_event_type || c.event_type} in `,
    DS.el('a', { href: '#/document/' + c.document }, c.document), ' ', DS.docLabel(byId.get(c.document)),
    counts ? ' — ' + counts : '', c.hedged ? ' (hedged)' : '',
    c.attributed_to ? ` (attributed to ${c.attributed_to})` : '',
    DS.reviewButtons(c.id));
}

DS.pages.incident = async function (view, params, id) {
  const [inc, sources] = await Promise.all([DS.get('/api/incidents/' + id), DS.loadSources()]);
  const docs = await Promise.all(inc.documents.map((d) => DS.get('/api/documents/' + d)));
  const claimsList = DS.el('ul', { class: 'claims' });
  for (const c of inc.claims) claimsList.appendChild(claimRow(c, sources.byId, inc.claims.length > 1));
  const evidence = DS.el('div', { class: 'evidence-docs' });
  inc.documents.forEach((d, i) => evidence.appendChild(
    DS.evidenceBlock(d, docs[i], inc.claims.filter((c) => c.document === d), sources.byId.get(d))));
  const contra = DS.el('ul', { class: 'contradictions' });
  for (const t of inc.contradictions || []) contra.appendChild(DS.el('li', {}, t));
  view.replaceChildren(
    DS.el('h2', {}, `${inc.id}: ${inc.sub_event_type || inc.event_type}`),
    factList(inc),
    DS.el('h3', {}, 'Figures by document'), figureTable(inc, sources.byId),
    DS.el('h3', {}, 'Origins'), DS.originGraph(inc, sources),
    DS.el('h3', {}, 'Contradictions'), contra.children.length ? contra : DS.el('p', {}, 'None found.'),
    DS.el('h3', {}, 'Claims'), claimsList, DS.incidentReview(inc, view),
    DS.el('h3', {}, 'Evidence in the documents'), evidence);
  DS.scrollToMarks(evidence);
  view.dataset.ready = 'incident';
};
