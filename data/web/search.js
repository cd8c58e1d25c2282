// search.js: the #/search?q=WORDS page over the sentences of every
// document; the server marks matches with « », shown here as <mark>.
'use strict';

function snippet(text) {
  const p = DS.el('p', { class: 'snippet' });
  const parts = (text || '').split(/([«»])/);
  let open = false;
  for (const part of parts) {
    if (part === '«') open = true;
    else if (part === '»') open = false;
    else if (part) p.appendChild(open ? DS.el('mark', {}, part) : document.createTextNode(part));
  }
  return p;
}

DS.pages.search = async function (view, params) {
  const q = params.get('q') || '';
  const input = DS.el('input', { name: 'q', value: q, type: 'search', placeholder: 'words' });
  const form = DS.el('form', { class: 'search' }, input, DS.el('button', { type: 'submit' }, 'Search'));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    location.hash = '#/search?' + new URLSearchParams({ q: input.value });
  });
  const results = DS.el('ol', { class: 'hits' });
  const status = DS.el('p', {});
  view.replaceChildren(DS.el('h2', {}, 'Search'), form, status, results);
  if (q) {
    const data = await DS.get('/api/search?' + new URLSearchParams({ q, limit: '100' }));
    status.textContent = `${data.total} sentences`;
    for (const h of data.hits)
      results.appendChild(DS.el('li', {},
        DS.el('a', { href: `#/document/${h.document}?hl=${h.span[0]}-${h.span[1]}` },
          `${h.document} ${h.title || ''}`), h.source ? ' — ' + h.source : '', snippet(h.snippet)));
  }
  view.dataset.ready = 'search';
};
