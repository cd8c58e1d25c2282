// register.js: the #/map page: filters, the map, the timeline and the
// list of incidents.  The filters are kept in the address (#/map?admin1=
// Tartus), so a filtered view can be reloaded and shared.
'use strict';

const FILTERS = [
  ['place', 'Place'], ['admin1', 'Governorate (admin1)'], ['group', 'Group'], ['type', 'Type'],
  ['actor', 'Actor'], ['from', 'From'], ['to', 'To'],
];
const STATUSES = ['', 'single-source', 'corroborated', 'contested'];

function filterForm(params) {
  const form = DS.el('form', { id: 'filters', class: 'filters' });
  for (const [name, label] of FILTERS)
    form.appendChild(DS.el('label', {}, label + ' ',
      DS.el('input', { name, value: params.get(name) || '',
        placeholder: name === 'from' || name === 'to' ? 'YYYY-MM-DD' : null })));
  const status = DS.el('select', { name: 'status' });
  for (const s of STATUSES)
    status.appendChild(DS.el('option', { value: s, selected: params.get('status') === s && s }, s || 'any'));
  form.appendChild(DS.el('label', {}, 'Status ', status));
  form.appendChild(DS.el('button', { type: 'submit' }, 'Filter'));
  form.appendChild(DS.el('a', { href: '#/map', class: 'clear' }, 'clear'));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const q = new URLSearchParams();
    for (const [k, v] of new FormData(form)) if (v.trim()) q.set(k, v.trim());
    location.hash = '#/map' + (q.toString() ? '?' + q : '');
  });
  return form;
}

// Every incident the filters select, page by page.
async function fetchIncidents(params) {
  const rows = [];
  for (let offset = 0; ; offset += 500) {
    const q = new URLSearchParams(params);
    q.set('limit', '500');
    q.set('offset', String(offset));
    const page = await DS.get('/api/incidents?' + q);
    rows.push(...page.incidents);
    if (rows.length >= page.total || !page.incidents.length) return rows;
  }
}

function incidentTable(rows) {
  const body = DS.el('tbody', { id: 'incidents' });
  for (const inc of rows)
    body.appendChild(DS.el('tr', { 'data-id': inc.id },
      DS.el('td', {}, DS.el('a', { href: '#/incident/' + inc.id, class: 'incident-link' }, inc.id)),
      DS.el('td', {}, DS.dateText(inc.date)),
      DS.el('td', {}, inc.sub_event_type || inc.event_type),
      DS.el('td', { class: 'place' }, [inc.place, inc.admin1].filter(Boolean).join(', ')),
      DS.el('td', {}, DS.killedText(inc.killed)),
      DS.el('td', { class: 'docs' }, inc.documents),
      DS.el('td', {}, inc.independent_origins),
      DS.el('td', {}, inc.status)));
  const head = DS.el('tr', {});
  for (const h of ['id', 'date', 'type', 'place', 'killed', 'documents', 'origins', 'status'])
    head.appendChild(DS.el('th', {}, h));
  return DS.el('table', { class: 'register' }, DS.el('thead', {}, head), body);
}

DS.geojson = null;

DS.pages.map = async function (view, params) {
  const status = DS.el('p', { id: 'status' }, 'loading…');
  const mapBox = DS.el('div', { id: 'map', class: 'map' });
  const timeBox = DS.el('div', { id: 'timeline' });
  const listBox = DS.el('div', { id: 'list' });
  const legend = DS.el('p', { class: 'map-legend' }, 'Circle area grows with the killed toll. ',
    DS.el('span', { class: 'key prec-exact' }, 'town or village'), ' ',
    DS.el('span', { class: 'key prec-district' }, 'district'), ' ',
    DS.el('span', { class: 'key prec-region' }, 'governorate or wider'),
    '; numbered circles are clusters of nearby incidents.');
  view.replaceChildren(filterForm(params), status, mapBox, legend,
    DS.el('h2', {}, 'Timeline'), timeBox, DS.el('h2', {}, 'Incidents'), listBox);
  const [rows, geo] = await Promise.all([
    fetchIncidents(params),
    DS.geojson || DS.get('/api/incidents.geojson'),
  ]);
  DS.geojson = geo;
  const ids = new Set(rows.map((r) => r.id));
  const located = geo.features.filter((f) => f.geometry && ids.has(f.properties.id));
  status.textContent = `${rows.length} incidents, ${located.length} on the map`;
  listBox.replaceChildren(incidentTable(rows));
  DS.drawTimeline(timeBox, rows, params);
  await DS.drawMap(mapBox, located);
  view.dataset.ready = 'map';
};
