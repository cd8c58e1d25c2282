// app.js: the router.  The address fragment names the page
// (#/map?filters, #/incident/i7, #/document/d3, #/search?q=, #/log); each
// page is built from the JSON API with text put in by textContent or
// text nodes only.
'use strict';

function route() {
  const m = /^#\/([a-z]+)(?:\/([A-Za-z0-9]+))?(?:\?(.*))?$/.exec(location.hash);
  return m ? { name: m[1], id: m[2], params: new URLSearchParams(m[3] || '') }
           : { name: 'map', params: new URLSearchParams() };
}

async function show() {
  const view = document.getElementById('view');
  const r = route();
  const page = DS.pages[r.name] || DS.pages.map;
  delete view.dataset.ready;
  DS.afterReview = null;
  view.replaceChildren(DS.el('p', {}, 'loading…'));
  try {
    await page(view, r.params, r.id);
  } catch (e) {
    view.replaceChildren(DS.el('p', { class: 'error' }, String((e && e.message) || e)));
    console.error(e);
    view.dataset.ready = 'error';
  }
}

// Shows the page of hash now, whether or not the address already names it
// (after a decision the same number may name another incident).
DS.open = async function (hash) {
  if (location.hash !== hash) history.pushState(null, '', hash);
  await show();
};

const reviewer = document.getElementById('reviewer');
reviewer.value = localStorage.getItem('dossier-reviewer') || '';
reviewer.addEventListener('change', () => localStorage.setItem('dossier-reviewer', reviewer.value.trim()));
window.addEventListener('hashchange', () => {
  DS.notice('');
  show();
});
show();
