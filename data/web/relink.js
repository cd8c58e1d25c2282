// relink.js: what a page does after a review decision.  The server links
// the register again after each decision and numbers the incidents
// afresh, so an incident cannot be followed by its number; it is found
// again by its claims, whose numbers stay.  The API has no lookup of an
// incident by claim, so the incidents whose dates overlap the claims'
// dates are read one by one until every claim is placed.
'use strict';

// At most this many incidents are read to place the claims: each read is
// a request, and the server allows a client some hundreds a minute.
const FIND_MAX = 60;

function widthOf(d) {
  return Date.parse(d.end) - Date.parse(d.start);
}

// The date ranges where an incident holding one of the claims may now
// lie: its own dates before the decision (an edit may have set them),
// each claim's dates and any given besides; narrowest first, since a
// narrow range has fewer incidents to read.
DS.claimWindows = function (incidents, extra) {
  const windows = new Map();
  const add = (d) => { if (d && d.start && d.end) windows.set(d.start + '/' + d.end, d); };
  for (const inc of incidents) {
    add(inc.date);
    for (const c of inc.claims) add(c.date);
  }
  for (const d of extra || []) add(d);
  return [...windows.values()].sort((a, b) => widthOf(a) - widthOf(b));
};

// Reads the incidents of one window, those of the claims' types first,
// until every claim is placed or the reads run out; fills where (claim
// id -> incident) and seen (incident ids read).
async function searchWindow(w, want, where, seen, types) {
  const q = new URLSearchParams({ limit: '500' });
  if (w) { q.set('from', w.start); q.set('to', w.end); }
  const rows = (await DS.get('/api/incidents?' + q)).incidents
    .sort((a, b) => types.has(b.sub_event_type) - types.has(a.sub_event_type));
  for (const row of rows) {
    if (where.size === want.size || seen.size >= FIND_MAX) return;
    if (seen.has(row.id)) continue;
    seen.add(row.id);
    const inc = await DS.get('/api/incidents/' + row.id);
    for (const c of inc.claims) if (want.has(c.id)) where.set(c.id, inc);
  }
}

// Where the claims are now: a Map from claim id to the incident (as
// /api/incidents/iN gives it) that holds it; a claim not found is left
// out.  types are the claims' sub-event types, read first.
DS.findClaims = async function (claims, windows, types) {
  const want = new Set(claims), where = new Map(), seen = new Set();
  for (const w of windows.length ? windows : [null]) {
    if (where.size === want.size || seen.size >= FIND_MAX) break;
    await searchWindow(w, want, where, seen, new Set(types || []));
  }
  return where;
};

// The incidents holding the claims, each with the claims of the list it
// holds, most claims first, and the claims found nowhere.
DS.groupClaims = function (claims, where) {
  const groups = new Map(), lost = [];
  for (const c of claims) {
    const inc = where.get(c);
    if (!inc) { lost.push(c); continue; }
    if (!groups.has(inc.id)) groups.set(inc.id, { inc, claims: [] });
    groups.get(inc.id).claims.push(c);
  }
  return { groups: [...groups.values()].sort((a, b) => b.claims.length - a.claims.length), lost };
};

function incidentLink(inc) {
  return DS.el('a', { href: '#/incident/' + inc.id, class: 'found-incident', 'data-id': inc.id }, inc.id);
}

function claimsText(claims) {
  return claims.length > 6 ? `${claims.length} claims` : claims.join(', ');
}

// After a decision: places the claims of each part (label -> claim ids),
// opens the incident of the first part and says plainly where every part
// went.  parts is a list of [label, claims]; recorded is the server's
// answer to the POST.  The decision is recorded whatever happens here, so
// a failure to find the incidents is said as such.
DS.followDecision = async function (recorded, parts, windows, types) {
  DS.geojson = null; // the map's incidents are numbered afresh too
  const said = `Recorded: ${recorded.user} ${recorded.action} ${recorded.target} ` +
    `(event #${recorded.event}). The register was linked again and its incidents numbered afresh. `;
  try {
    await follow(said, parts, windows, types);
  } catch (e) {
    DS.notice(said + `Its incidents could not be found again (${e.message}); find them from the map.`);
  }
  document.getElementById('notice').dataset.event = String(recorded.event);
};

async function follow(opening, parts, windows, types) {
  const all = parts.flatMap(([, claims]) => claims);
  const where = await DS.findClaims(all, windows, types);
  const said = [opening];
  let first = null;
  for (const [label, claims] of parts) {
    const { groups, lost } = DS.groupClaims(claims, where);
    for (const g of groups) {
      first = first || g.inc;
      said.push(`${label} (${claimsText(g.claims)}): now `, incidentLink(g.inc),
        ` (${DS.dateText(g.inc.date)}, ${g.inc.sub_event_type || g.inc.event_type}). `);
    }
    if (lost.length)
      said.push(`${label}: ${claimsText(lost)} not found again; look for them from the map. `);
  }
  // The old number may name another incident now: open one that holds
  // the claims, else the map.
  await DS.open(first ? '#/incident/' + first.id : '#/map');
  if (first) said.push(`Shown below: ${first.id}.`);
  DS.notice(...said);
}
