// ui.js: what every page shares: the API client, element building, and
// the highlighting of spans inside a document's text.  Every piece of
// text from the register reaches the page as a text node (textContent or
// createTextNode), never as markup, so a document that holds <script>
// shows it as text.
'use strict';

const DS = {};

// With a token (a server bound beyond loopback) the page is opened as
// http://host:port/#token=TOKEN.  The fragment is never sent to a server;
// the token is kept for this tab only and the address is cleaned so that
// the routes can use the fragment.
// Only a fragment that is the token alone counts ("#/search?q=token=x" is
// a search), and a malformed escape leaves the stored token as it was.
DS.token = (() => {
  const m = /^#token=([^&/]+)$/.exec(location.hash);
  if (m) {
    try {
      sessionStorage.setItem('dossier-token', decodeURIComponent(m[1]));
    } catch (e) {
      // A malformed %-escape: not a token this page can use.
    }
    history.replaceState(null, '', location.pathname + '#/map');
  }
  return sessionStorage.getItem('dossier-token');
})();

DS.headers = function (extra) {
  const h = Object.assign({}, extra || {});
  if (DS.token) h.Authorization = 'Bearer ' + DS.token;
  return h;
};

DS.get = async function (path) {
  const res = await fetch(path, { headers: DS.headers() });
  const data = await res.json();
  if (!res.ok) throw new Error(data.error || 'error ' + res.status);
  return data;
};

DS.session = null;

// The pages by route name (#/map, #/incident/i7 ...), filled by the
// files that follow.
DS.pages = {};

// The CSRF value changes when the server restarts; a page opened before
// that gets 403 once, asks for the new value and sends the decision again.
// Only a refused request is sent again, so nothing is recorded twice.
DS.post = async function (path, body) {
  const send = async () => {
    if (!DS.session) DS.session = await DS.get('/api/session');
    return fetch(path, {
      method: 'POST',
      headers: DS.headers({ 'Content-Type': 'application/json', 'X-Dossier-CSRF': DS.session.csrf }),
      body: JSON.stringify(body),
    });
  };
  let res = await send();
  if (res.status === 403) {
    DS.session = null;
    res = await send();
  }
  const data = await res.json();
  if (!res.ok) throw new Error(data.error || 'error ' + res.status);
  return data;
};

// el('a', {href: '#/x', class: 'k'}, 'text', child...): attributes are set
// with setAttribute and string children become text nodes.
DS.el = function (tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v == null || v === false) continue;
    if (k === 'class') e.className = v;
    else e.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children) {
    if (c == null) continue;
    e.appendChild(typeof c === 'object' ? c : document.createTextNode(String(c)));
  }
  return e;
};

DS.svg = function (tag, attrs) {
  const e = document.createElementNS('http://www.w3.org/2000/svg', tag);
  for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, String(v));
  return e;
};

// The notice line: text and elements (links to incidents), or nothing to
// hide it.
DS.notice = function (...parts) {
  const n = document.getElementById('notice');
  n.replaceChildren(DS.el('span', {}, ...parts));
  n.hidden = !n.textContent;
};

DS.dateText = function (d) {
  if (!d) return '';
  return d.start === d.end ? d.start : d.start + '..' + d.end;
};

DS.killedText = function (k) {
  if (!k) return '';
  // An open figure ("at least 12") has no high end.
  if (k.high == null) return k.low + ' or more';
  return k.low === k.high ? String(k.low) : k.low + '-' + k.high;
};

// The register's spans count UTF-8 bytes of the text.  A document's text
// is encoded once and each piece decoded from its bytes, so spans land on
// the right characters whatever the script.
DS.utf8 = function (text) {
  return new TextEncoder().encode(text);
};

// Fills container with the text of bytes, wrapping each piece covered by
// one or more ranges ({start, end, cls, title, data: {key: value}}) in
// an element of its own whose classes are those of every range that
// covers it.  Ranges may overlap or nest: the text is cut at every range
// boundary, so each piece has one set of covering ranges, kept by a sweep
// over the boundaries (a long document with many mentions stays fast).
DS.highlight = function (container, bytes, ranges, tag) {
  const dec = new TextDecoder();
  const valid = ranges.filter((r) => r.start >= 0 && r.end <= bytes.length && r.start < r.end);
  const starting = new Map();
  for (const r of valid) starting.set(r.start, (starting.get(r.start) || []).concat([r]));
  const points = [...new Set([0, bytes.length, ...valid.flatMap((r) => [r.start, r.end])])]
    .sort((a, b) => a - b);
  const frag = document.createDocumentFragment();
  let active = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const a = points[i], b = points[i + 1];
    active = active.filter((r) => r.end > a).concat(starting.get(a) || []);
    const text = dec.decode(bytes.subarray(a, b));
    frag.appendChild(active.length ? piece(text, active, tag) : document.createTextNode(text));
  }
  container.replaceChildren(frag);
};

function piece(text, over, tag) {
  const span = DS.el(tag || 'span', { class: [...new Set(over.map((r) => r.cls))].join(' ') }, text);
  const titles = over.map((r) => r.title).filter(Boolean);
  if (titles.length) span.title = titles.join('\n');
  for (const r of over)
    for (const [k, v] of Object.entries(r.data || {})) {
      const old = span.dataset[k];
      span.dataset[k] = old && old !== v ? old + ' ' + v : v;
    }
  return span;
}

// The documents' metadata and citations, fetched once per page load.
DS.sources = null;
DS.loadSources = async function () {
  if (!DS.sources) {
    const s = await DS.get('/api/sources');
    s.byId = new Map(s.documents.map((d) => [d.id, d]));
    DS.sources = s;
  }
  return DS.sources;
};

DS.docLabel = function (doc) {
  if (!doc) return '';
  return [doc.title || doc.file, doc.source].filter(Boolean).join(' — ');
};

// A link only for web addresses: anything else (javascript:, data:) is
// shown as text.
DS.safeUrl = function (url) {
  return /^https?:\/\//i.test(url || '') ? url : null;
};
