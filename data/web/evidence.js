// evidence.js: the parts of the incident page that show where its
// figures come from: the evidence of each claim highlighted inside its
// document's text, and the origin graph of documents and citations.
'use strict';

// One block per document: its full text, scrollable, with every claim
// sentence of the incident marked (data-claims names the claims).
DS.evidenceBlock = function (docId, doc, claims, meta) {
  const text = DS.el('div', { class: 'doc-text', 'data-doc': docId });
  const bytes = DS.utf8(doc.text);
  DS.highlight(text, bytes, claims.map((c) => ({
    start: c.span[0], end: c.span[1], cls: 'evidence', title: c.id + ' ' + (c.trigger || ''),
    data: { claims: c.id },
  })), 'mark');
  const block = DS.el('section', { class: 'evidence-doc', 'data-doc': docId },
    DS.el('h3', {}, DS.el('a', { href: '#/document/' + docId }, docId), ' ', DS.docLabel(meta)),
    text);
  return block;
};

// Scrolls each document's box to its first mark, so the evidence is in
// view without scrolling the page.
DS.scrollToMarks = function (root) {
  for (const box of root.querySelectorAll('.doc-text')) {
    const first = box.querySelector('mark');
    if (first) box.scrollTop = first.offsetTop - 40; // the box is the mark's offsetParent
  }
};

function graphNodes(docIds, citations, byId) {
  const nodes = docIds.map((id) => ({ id, label: id, sub: (byId.get(id) || {}).source, own: true }));
  const index = new Map(nodes.map((n, i) => [n.id, i]));
  const edges = [];
  for (const c of citations) {
    if (!index.has(c.from)) continue;
    const key = c.to || (c.publisher ? 'p:' + c.publisher : null);
    if (!key) continue;
    if (!index.has(key)) {
      index.set(key, nodes.length);
      nodes.push(c.to ? { id: c.to, label: c.to, sub: (byId.get(c.to) || {}).source, own: false }
                      : { id: key, label: c.publisher, sub: 'cited, not held', own: false });
    }
    const e = [index.get(c.from), index.get(key)];
    if (!edges.some((x) => x[0] === e[0] && x[1] === e[1])) edges.push(e);
  }
  return { nodes, edges };
}

function graphSvg(nodes, edges) {
  const step = 150, y = 110, width = Math.max(300, nodes.length * step + 40);
  const svg = DS.svg('svg', { class: 'origin-graph', viewBox: `0 0 ${width} 160`, width, height: 160, role: 'img' });
  svg.appendChild(DS.svg('title')).textContent = 'Documents of the incident and the citations between them';
  const defs = svg.appendChild(DS.svg('defs'));
  const marker = defs.appendChild(DS.svg('marker', { id: 'arrow', viewBox: '0 0 10 10', refX: 10, refY: 5,
    markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse' }));
  marker.appendChild(DS.svg('path', { d: 'M0,0 L10,5 L0,10 z', class: 'arrow-head' }));
  const x = (i) => 40 + i * step;
  for (const [a, b] of edges) {
    const lift = 25 + Math.abs(x(b) - x(a)) / 5;
    svg.appendChild(DS.svg('path', {
      d: `M${x(a)},${y - 12} Q${(x(a) + x(b)) / 2},${y - 12 - lift * 2} ${x(b)},${y - 12}`,
      class: 'citation', 'marker-end': 'url(#arrow)',
    }));
  }
  nodes.forEach((n, i) => {
    svg.appendChild(DS.svg('circle', { cx: x(i), cy: y, r: 10, class: n.own ? 'node own' : 'node' }));
    svg.appendChild(DS.svg('text', { x: x(i), y: y + 26, class: 'node-label' })).textContent = n.label;
    if (n.sub)
      svg.appendChild(DS.svg('text', { x: x(i), y: y + 40, class: 'node-sub' })).textContent = n.sub.slice(0, 24);
  });
  return svg;
}

// The same graph as a nested list: each document and what it cites.
function graphList(docIds, citations, byId) {
  const list = DS.el('ul', { class: 'origin-list' });
  for (const id of docIds) {
    const cites = DS.el('ul', {});
    const times = new Map(); // one line per cited document or publisher
    for (const c of citations.filter((c) => c.from === id && (c.to || c.publisher))) {
      const key = c.to || 'p:' + c.publisher;
      if (!times.has(key)) times.set(key, { c, n: 0 });
      times.get(key).n++;
    }
    for (const { c, n } of times.values())
      cites.appendChild(DS.el('li', {}, 'cites ', c.to ? DS.el('a', { href: '#/document/' + c.to }, c.to) : '',
        c.to ? ' ' : '', c.publisher || DS.docLabel(byId.get(c.to)), n > 1 ? ` (${n} citations)` : ''));
    list.appendChild(DS.el('li', {}, DS.el('a', { href: '#/document/' + id }, id), ' ',
      DS.docLabel(byId.get(id)), cites.children.length ? cites : null));
  }
  return list;
}

DS.originGraph = function (inc, sources) {
  const { nodes, edges } = graphNodes(inc.documents, sources.citations, sources.byId);
  return DS.el('div', { class: 'origins' },
    DS.el('p', {}, `${inc.independent_origins} independent origin(s): ${(inc.origins || []).join('; ')}`),
    graphSvg(nodes, edges), graphList(inc.documents, sources.citations, sources.byId));
};
