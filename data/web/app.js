// app.js: lists the incidents through the JSON API.  Every piece of text
// from the register goes into the page with textContent, never as markup,
// so a document that holds <script> shows it as text.
'use strict';

// With a token (a server bound beyond loopback), the page is opened as
// http://host:port/#token=TOKEN; the token stays in the fragment, which
// the browser never sends to any server.
function authHeaders() {
  const m = /token=([^&]+)/.exec(location.hash);
  return m ? { Authorization: 'Bearer ' + decodeURIComponent(m[1]) } : {};
}

function cell(row, text) {
  const td = document.createElement('td');
  td.textContent = text == null ? '' : String(text);
  row.appendChild(td);
}

function killed(k) {
  if (!k) return '';
  return k.low === k.high ? String(k.low) : k.low + '-' + k.high;
}

async function load(params) {
  const status = document.getElementById('status');
  const body = document.getElementById('incidents');
  const res = await fetch('/api/incidents?' + params.toString(), { headers: authHeaders() });
  const data = await res.json();
  body.replaceChildren();
  if (!res.ok) {
    status.textContent = data.error || ('error ' + res.status);
    return;
  }
  status.textContent = data.total + ' incidents';
  for (const inc of data.incidents) {
    const row = document.createElement('tr');
    cell(row, inc.id);
    cell(row, inc.date ? inc.date.start : '');
    cell(row, inc.sub_event_type || inc.event_type);
    cell(row, [inc.place, inc.admin1].filter(Boolean).join(', '));
    cell(row, killed(inc.killed));
    cell(row, inc.independent_origins);
    cell(row, inc.status);
    body.appendChild(row);
  }
}

document.getElementById('filters').addEventListener('submit', (e) => {
  e.preventDefault();
  const params = new URLSearchParams();
  for (const [k, v] of new FormData(e.target)) if (v) params.set(k, v);
  load(params);
});

load(new URLSearchParams());
