// document.js: the #/document/dN reader: the document's text with its
// mentions highlighted by kind, and a sentence marked when the address
// names one (#/document/d3?hl=START-END, byte offsets as the API gives).
'use strict';

function mentionTitle(m) {
  const v = m.value && typeof m.value === 'object' ? m.value : {};
  const what = v.name || v.start || v.value || v.text || '';
  return `${m.kind}: ${what}${v.admin1 ? ' (' + v.admin1 + ')' : ''}`;
}

function legend(mentions, box) {
  const counts = new Map();
  for (const m of mentions) counts.set(m.kind, (counts.get(m.kind) || 0) + 1);
  const p = DS.el('p', { class: 'legend' }, 'Mentions: ');
  for (const [kind, n] of [...counts].sort()) {
    const label = DS.el('label', { class: 'm m-' + kind },
      DS.el('input', { type: 'checkbox', checked: true, 'data-kind': kind }), ` ${kind} (${n})`);
    label.firstChild.addEventListener('change', (e) => box.classList.toggle('hide-' + kind, !e.target.checked));
    p.appendChild(label);
  }
  return p;
}

function metadata(doc) {
  const url = DS.safeUrl(doc.url);
  const dl = DS.el('dl', { class: 'facts' });
  const rows = [['title', doc.title], ['author', doc.author], ['source', doc.source],
    ['source kind', doc.source_kind], ['published', DS.dateText(doc.published)],
    ['language', doc.language], ['file', doc.file]];
  for (const [k, v] of rows) if (v) dl.append(DS.el('dt', {}, k), DS.el('dd', {}, v));
  if (doc.url) dl.append(DS.el('dt', {}, 'address'),
    DS.el('dd', {}, url ? DS.el('a', { href: url, rel: 'noreferrer noopener' }, doc.url) : doc.url));
  return dl;
}

DS.pages.document = async function (view, params, id) {
  const doc = await DS.get('/api/documents/' + id);
  const text = DS.el('div', { class: 'doc-text reader', 'data-doc': id });
  const ranges = doc.mentions.map((m) => ({
    start: m.span[0], end: m.span[1], cls: 'm m-' + m.kind, title: mentionTitle(m),
  }));
  const hl = /^(\d+)-(\d+)$/.exec(params.get('hl') || '');
  if (hl) ranges.push({ start: +hl[1], end: +hl[2], cls: 'evidence' });
  DS.highlight(text, DS.utf8(doc.text), ranges);
  view.replaceChildren(DS.el('h2', {}, `${doc.id}: ${doc.title || doc.file || ''}`), metadata(doc),
    legend(doc.mentions, text), text);
  const mark = text.querySelector('.evidence');
  if (mark) mark.scrollIntoView({ block: 'center' });
  view.dataset.ready = 'document';
};
