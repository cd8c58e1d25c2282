// histogram.js: the timeline of a crowded selection.  Beyond a few
// hundred incidents a bar each no longer reads, so the incidents are
// counted per period instead: each bar is a day, week, month or year (the
// finest that gives at most BINS_MAX bars), stacked by status, and is a
// link that sets the map's from/to filters to its period.  A bar counts
// the incidents whose date range overlaps its period, which is what the
// from/to filters select, so the list after a click holds as many
// incidents as the bar said.
'use strict';

// More dated incidents than this and the timeline is a histogram.
DS.TIMELINE_CROWDED = 300;
const BINS_MAX = 120;
const HIST_STATUSES = ['single-source', 'corroborated', 'contested'];

// Each period: its name, the start of the period holding t, the next start.
const PERIODS = [
  ['day', (t) => t, (t) => t + DAY],
  ['week', (t) => t - ((new Date(t).getUTCDay() + 6) % 7) * DAY, (t) => t + 7 * DAY],
  ['month', (t) => { const d = new Date(t); return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1); },
    (t) => { const d = new Date(t); return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1); }],
  ['year', (t) => Date.UTC(new Date(t).getUTCFullYear(), 0, 1),
    (t) => Date.UTC(new Date(t).getUTCFullYear() + 1, 0, 1)],
];

// The bins over [min, max] of the finest period that gives few enough.
function binsOver(min, max) {
  for (const [name, floor, next] of PERIODS) {
    const bins = [];
    for (let t = floor(min); t <= max && bins.length <= BINS_MAX; t = next(t))
      bins.push({ start: t, end: next(t) - DAY, counts: {}, total: 0 });
    if (bins.length <= BINS_MAX || name === 'year') return { name, bins };
  }
  return null; // not reached: years always end the search
}

// Counts each item in every bin its range overlaps.
function fillBins(bins, items) {
  for (const it of items) {
    let lo = 0, hi = bins.length - 1;
    while (lo < hi) { // the last bin starting on or before it.start
      const mid = (lo + hi + 1) >> 1;
      if (bins[mid].start <= it.start) lo = mid; else hi = mid - 1;
    }
    for (let k = lo; k < bins.length && bins[k].start <= it.end; k++) {
      const s = it.inc.status;
      bins[k].counts[s] = (bins[k].counts[s] || 0) + 1;
      bins[k].total++;
    }
  }
}

const isoDay = (t) => new Date(t).toISOString().slice(0, 10);

// The map's address with from/to set to the bin, kept within the
// filters' own from/to when those name days.
function binHref(params, bin) {
  const q = new URLSearchParams(params);
  const from = isoDay(bin.start), to = isoDay(bin.end);
  const f = q.get('from') || '', t = q.get('to') || '';
  const day = /^\d{4}-\d{2}-\d{2}$/;
  q.set('from', day.test(f) && f > from ? f : from);
  q.set('to', day.test(t) && t < to ? t : to);
  return '#/map?' + q;
}

function axisLabels(svg, x, min, max, bottom) {
  const years = max - min > 3 * 366 * DAY;
  let last = -Infinity;
  for (const t of monthTicks(min, max)) {
    const d = new Date(t);
    if (years && d.getUTCMonth() !== 0) continue;
    svg.appendChild(DS.svg('line', { x1: x(t), x2: x(t), y1: bottom, y2: bottom + 4, class: 'axis' }));
    if (x(t) - last < 55 || x(t) > 960) continue; // labels need room
    last = x(t);
    svg.appendChild(DS.svg('text', { x: x(t) + 2, y: bottom + 14, class: 'tick-label' }))
      .textContent = years ? String(d.getUTCFullYear()) : d.toISOString().slice(0, 7);
  }
}

function binBar(bin, x, y, width, params, period) {
  const a = DS.svg('a', { href: binHref(params, bin), class: 'bin', 'data-count': bin.total,
    'data-from': isoDay(bin.start), 'data-to': isoDay(bin.end) });
  a.appendChild(DS.svg('title')).textContent =
    `${bin.total} incidents in the ${period} ${isoDay(bin.start)}..${isoDay(bin.end)}` +
    HIST_STATUSES.filter((s) => bin.counts[s]).map((s) => `; ${s} ${bin.counts[s]}`).join('');
  let top = y(0);
  for (const s of HIST_STATUSES.concat(Object.keys(bin.counts).filter((k) => !HIST_STATUSES.includes(k)))) {
    const n = bin.counts[s] || 0;
    if (!n) continue;
    const h = y(0) - y(n);
    top -= h;
    a.appendChild(DS.svg('rect', { x: x(bin.start) + 0.5, y: top, width: Math.max(1, width - 1), height: h,
      class: 'bin status-' + s }));
  }
  return a;
}

// items: {inc, start, end} with start and end in ms, at least one.
DS.drawHistogram = function (box, items, params) {
  // reduce, not Math.min(...): a spread of many thousand items overflows the stack
  const min = items.reduce((m, i) => Math.min(m, i.start), Infinity);
  const max = items.reduce((m, i) => Math.max(m, i.end), -Infinity);
  const { name, bins } = binsOver(min, max);
  fillBins(bins, items);
  const width = 1000, left = 10, top = 24, bottom = 160;
  const span = bins[bins.length - 1].end + DAY - bins[0].start;
  const x = (t) => left + ((t - bins[0].start) / span) * (width - 2 * left);
  const peak = Math.max(1, ...bins.map((b) => b.total));
  const y = (n) => bottom - (n / peak) * (bottom - top);
  const svg = DS.svg('svg', { class: 'timeline histogram', viewBox: `0 0 ${width} ${bottom + 20}`, role: 'img' });
  svg.appendChild(DS.svg('title')).textContent = `Incidents per ${name}`;
  svg.appendChild(DS.svg('line', { x1: left, x2: width - left, y1: bottom, y2: bottom, class: 'axis' }));
  axisLabels(svg, x, bins[0].start, bins[bins.length - 1].end, bottom);
  const label = svg.appendChild(DS.svg('text', { x: width - left, y: top - 8, class: 'tick-label peak' }));
  label.setAttribute('text-anchor', 'end');
  label.textContent = `highest bar: ${peak}`;
  for (const bin of bins)
    if (bin.total) svg.appendChild(binBar(bin, x, y, x(bin.end + DAY) - x(bin.start), params, name));
  box.replaceChildren(svg, DS.el('p', { class: 'timeline-note' },
    `${items.length} dated incidents, more than ${DS.TIMELINE_CROWDED}: counted per ${name} instead of a bar ` +
    `each. A bar counts the incidents whose dates overlap its ${name} (one over several ${name}s counts in ` +
    `each); click it to select that ${name}.`));
};
