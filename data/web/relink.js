// relink.js: what a page does after a review decision.  The server links
// the register again after each decision and numbers the incidents
// afresh, so an incident cannot be followed by its number; claims keep
// theirs, and the server's answer to the decision names the incident
// that now holds each of its claims ("incidents": {"c12": "i7"}, null for
// a claim in none).  GET /api/claims/c12 answers the same for any claim.
'use strict';

// The incidents holding the claims (where: the answer's claim -> incident
// id), each with the claims of the list it holds, most claims first, and
// the claims in no incident.
DS.groupClaims = function (claims, where) {
  const groups = new Map(), lost = [];
  for (const c of claims) {
    const id = where[c];
    if (!id) { lost.push(c); continue; }
    if (!groups.has(id)) groups.set(id, { id, claims: [] });
    groups.get(id).claims.push(c);
  }
  return { groups: [...groups.values()].sort((a, b) => b.claims.length - a.claims.length), lost };
};

function incidentLink(id) {
  return DS.el('a', { href: '#/incident/' + id, class: 'found-incident', 'data-id': id }, id);
}

function claimsText(claims) {
  return claims.length > 6 ? `${claims.length} claims` : claims.join(', ');
}

// After a decision: says plainly where the claims of each part (label ->
// claim ids) went and opens the incident of the first part.  parts is a
// list of [label, claims]; recorded is the server's answer to the POST.
// The decision is recorded whatever happens here, so a failure to read
// the incidents is said as such.
DS.followDecision = async function (recorded, parts) {
  DS.geojson = null; // the map's incidents are numbered afresh too
  const said = `Recorded: ${recorded.user} ${recorded.action} ${recorded.target} ` +
    `(event #${recorded.event}). The register was linked again and its incidents numbered afresh. `;
  try {
    await follow(said, parts, recorded.incidents || {});
  } catch (e) {
    DS.notice(said + `Its incidents could not be read (${e.message}); find them from the map.`);
  }
  document.getElementById('notice').dataset.event = String(recorded.event);
};

async function follow(opening, parts, where) {
  const said = [opening];
  const ids = [...new Set(Object.values(where).filter(Boolean))];
  const incidents = new Map(await Promise.all(ids.map(async (id) => [id, await DS.get('/api/incidents/' + id)])));
  let first = null;
  for (const [label, claims] of parts) {
    const { groups, lost } = DS.groupClaims(claims, where);
    for (const g of groups) {
      const inc = incidents.get(g.id);
      first = first || g.id;
      said.push(`${label} (${claimsText(g.claims)}): now `, incidentLink(g.id),
        ` (${DS.dateText(inc.date)}, ${inc.sub_event_type || inc.event_type}). `);
    }
    if (lost.length)
      said.push(`${label}: ${claimsText(lost)} in no incident now. `);
  }
  // The old number may name another incident now: open one that holds
  // the claims, else the map.
  await DS.open(first ? '#/incident/' + first : '#/map');
  if (first) said.push(`Shown below: ${first}.`);
  DS.notice(...said);
}
