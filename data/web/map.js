// map.js: the incidents on a Leaflet map over the Natural Earth country
// boundaries of world-atlas (no tile server).  Markers are sized by the
// killed toll, styled by how precisely the place is known, and clustered
// when dense.
'use strict';

DS.boundaries = null;

async function loadBoundaries() {
  if (!DS.boundaries) {
    const topo = await DS.get('/vendor/countries-50m.json');
    DS.boundaries = topojson.feature(topo, topo.objects.countries);
  }
  return DS.boundaries;
}

// geo_precision as the register writes it: 1 a town or village, 2 a
// district, 3 a governorate or wider.
function precisionClass(loc) {
  const p = loc && loc.geo_precision;
  return p === 1 ? 'prec-exact' : p === 2 ? 'prec-district' : 'prec-region';
}

function markerRadius(figures) {
  const k = figures && figures.killed;
  const best = k ? (k.best != null ? k.best : k.low) : 0;
  return 5 + 3 * Math.sqrt(Math.max(0, best || 0));
}

function popupFor(p) {
  return DS.el('div', { class: 'popup' },
    DS.el('a', { href: '#/incident/' + p.id }, p.id + ' ' + (p.sub_event_type || p.event_type || '')),
    DS.el('div', {}, DS.dateText(p.date)),
    DS.el('div', {}, p.location ? p.location.name + ' (' + (p.location.admin1 || '') + ')' : ''),
    DS.el('div', {}, p.figures && p.figures.killed ? 'killed ' + DS.killedText(p.figures.killed) : ''));
}

// Draws the features (GeoJSON points of the given incidents) in box.
DS.drawMap = async function (box, features) {
  if (typeof L === 'undefined' || typeof topojson === 'undefined') {
    box.replaceChildren(DS.el('p', { class: 'error' },
      'The map libraries are not installed (run make setup: npm ci in deps/).'));
    return null;
  }
  // Without a tile layer the map has no zoom range of its own.
  const map = L.map(box, { minZoom: 2, maxZoom: 12 });
  const world = await loadBoundaries();
  L.geoJSON(world, { className: 'country', interactive: false }).addTo(map);
  const cluster = L.markerClusterGroup({ maxClusterRadius: 30, showCoverageOnHover: false });
  const points = [];
  for (const f of features) {
    const [lon, lat] = f.geometry.coordinates;
    const p = f.properties;
    const m = L.circleMarker([lat, lon], {
      radius: markerRadius(p.figures),
      className: 'incident-marker ' + precisionClass(p.location) + ' status-' + p.status,
    });
    m.bindPopup(popupFor(p));
    cluster.addLayer(m);
    points.push([lat, lon]);
  }
  map.addLayer(cluster);
  if (points.length) map.fitBounds(points, { padding: [30, 30], maxZoom: 9 });
  else map.setView([34.8, 38.5], 6);
  return map;
};
