// timeline.js: the incidents as bars over their date ranges, one lane per
// overlap, in SVG built with DOM calls; beyond a few hundred incidents,
// bars no longer fit, and the timeline is a histogram instead (a bar per
// day, week, month or year counting the incidents of that period, a
// click on one selecting that period).
'use strict';

const DAY = 86400000;

function dayOf(s) {
  return Date.parse(s + 'T00:00:00Z');
}

// Greedy lanes: each bar goes in the first lane free at its start.
function lanes(items) {
  const ends = [];
  for (const it of items) {
    let lane = ends.findIndex((e) => e < it.start);
    if (lane < 0) lane = ends.push(0) - 1;
    ends[lane] = it.end + DAY;
    it.lane = lane;
  }
  return ends.length;
}

function monthTicks(min, max) {
  const ticks = [];
  const d = new Date(min);
  d.setUTCDate(1);
  while (d.getTime() <= max) {
    if (d.getTime() >= min) ticks.push(d.getTime());
    d.setUTCMonth(d.getUTCMonth() + 1);
  }
  return ticks;
}

// Draws the incidents (rows of /api/incidents) in box; params are the
// map's filters, kept when a histogram bar selects a period.
DS.drawTimeline = function (box, incidents, params) {
  const items = incidents.filter((i) => i.date)
    .map((i) => ({ inc: i, start: dayOf(i.date.start), end: dayOf(i.date.end) }))
    .sort((a, b) => a.start - b.start || b.end - a.end);
  if (!items.length) box.replaceChildren(DS.el('p', {}, 'No dated incidents.'));
  else if (items.length > DS.TIMELINE_CROWDED) DS.drawHistogram(box, items, params);
  else drawBars(box, items);
};

function drawBars(box, items) {
  const n = lanes(items);
  const min = Math.min(...items.map((i) => i.start));
  const max = Math.max(...items.map((i) => i.end)) + DAY;
  const width = 1000, left = 10, lane = 8, top = 22;
  const x = (t) => left + ((t - min) / Math.max(DAY, max - min)) * (width - 2 * left);
  const svg = DS.svg('svg', { class: 'timeline', viewBox: `0 0 ${width} ${top + n * lane + 4}`, role: 'img' });
  svg.appendChild(DS.svg('title')).textContent = 'Incidents over time';
  for (const t of monthTicks(min, max)) {
    svg.appendChild(DS.svg('line', { x1: x(t), x2: x(t), y1: 14, y2: top + n * lane, class: 'tick' }));
    if (x(t) > width - 50) continue; // no room for a label at the right edge
    const label = svg.appendChild(DS.svg('text', { x: x(t) + 2, y: 11, class: 'tick-label' }));
    label.textContent = new Date(t).toISOString().slice(0, 7);
  }
  for (const it of items) {
    const a = DS.svg('a', { href: '#/incident/' + it.inc.id });
    const bar = DS.svg('rect', {
      x: x(it.start), y: top + it.lane * lane, height: lane - 2,
      width: Math.max(3, x(it.end + DAY) - x(it.start)), class: 'bar status-' + it.inc.status,
    });
    bar.appendChild(DS.svg('title')).textContent =
      `${it.inc.id} ${DS.dateText(it.inc.date)} ${it.inc.sub_event_type || it.inc.event_type} — ${it.inc.place || ''}`;
    a.appendChild(bar);
    svg.appendChild(a);
  }
  box.replaceChildren(svg);
};
