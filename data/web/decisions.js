// decisions.js: the review of a whole incident on its page: edit a field,
// split some claims off, merge with another incident.  Each form checks
// its values as the server would (review_request.c, link_review.c) before
// POSTing, needs a reason, and then follows the claims to the incidents
// the server says hold them once the register is linked again (relink.js).
'use strict';

const EDIT_FIELDS = ['date', 'place', 'admin1', 'event_type', 'sub_event_type', 'status'];
const STATUS_VALUES = ['single-source', 'corroborated', 'contested'];
const WHY_MAX = 2000, SPLIT_MAX = 256; // the server's limits, in bytes and claims

function daysIn(y, m) {
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  return [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1];
}

function pad(n, w) {
  return String(n).padStart(w, '0');
}

// YYYY, YYYY-MM or YYYY-MM-DD (a time after T or a space is ignored, as
// the server ignores it) as the range of days it covers, else null.
DS.parseDay = function (s) {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:[T ].*)?$/.exec(s);
  if (!m) return null;
  const y = +m[1], mo = m[2] ? +m[2] : 1, d = m[3] ? +m[3] : 1;
  if (y < 1 || mo < 1 || mo > 12 || d < 1 || d > daysIn(y, mo)) return null;
  const ymd = (mm, dd) => `${pad(y, 4)}-${pad(mm, 2)}-${pad(dd, 2)}`;
  if (m[3]) return { start: ymd(mo, d), end: ymd(mo, d) };
  if (m[2]) return { start: ymd(mo, 1), end: ymd(mo, daysIn(y, mo)) };
  return { start: ymd(1, 1), end: ymd(12, 31) };
};

// An edit's date: one day, month or year, or START/END with START not
// after END; the range it sets, else null.
DS.parseDateValue = function (v) {
  const slash = v.indexOf('/');
  if (slash < 0) return DS.parseDay(v);
  const a = DS.parseDay(v.slice(0, slash)), b = DS.parseDay(v.slice(slash + 1));
  return a && b && a.start <= b.end ? { start: a.start, end: b.end } : null;
};

// What is wrong with an edit, or '' when the server will take it.
DS.checkEdit = function (field, value) {
  if (!EDIT_FIELDS.includes(field)) return `${field} cannot be edited`;
  if (!value) return `Give the new ${field}.`;
  if (field === 'date' && !DS.parseDateValue(value))
    return `"${value}" is not a date: write YYYY-MM-DD, YYYY-MM, YYYY or START/END (START not after END).`;
  if (field === 'status' && !STATUS_VALUES.includes(value))
    return `The status is one of ${STATUS_VALUES.join(', ')}.`;
  return '';
};

DS.checkWhy = function (why) {
  if (!why) return 'Give the reason for the decision.';
  if (DS.utf8(why).length > WHY_MAX) return `The reason is longer than ${WHY_MAX} bytes.`;
  return '';
};

function currentValue(inc, field) {
  const loc = inc.location || {};
  if (field === 'date')
    return !inc.date ? '' : inc.date.start === inc.date.end ? inc.date.start : `${inc.date.start}/${inc.date.end}`;
  if (field === 'place') return loc.name || '';
  if (field === 'admin1') return loc.admin1 || '';
  return inc[field] || '';
}

// POSTs plan.body; once recorded, follows plan.parts (relink.js).
async function carryOut(plan) {
  await DS.followDecision(await DS.decide(plan.body), plan.parts);
}

// A form of the review section: fields, a reason, a button.  check()
// answers what is wrong ('' when nothing); plan(why) what to POST and
// which claims to follow.
function decisionForm(kind, title, fields, check, plan) {
  const error = DS.el('p', { class: 'form-error', hidden: true });
  const why = DS.el('input', { name: 'why', class: 'why', placeholder: 'reason (required)' });
  const button = DS.el('button', { type: 'submit' }, title);
  const form = DS.el('form', { class: 'decision ' + kind },
    DS.el('fieldset', {}, DS.el('legend', {}, title), ...fields,
      DS.el('label', {}, 'Why ', why), button, error));
  const say = (text) => { error.textContent = text; error.hidden = !text; };
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const problem = check() || DS.checkWhy(why.value.trim());
    say(problem);
    if (problem) return;
    button.disabled = true;
    try {
      await carryOut(await plan(why.value.trim()));
    } catch (err) {
      say(`The ${kind} was not recorded: ${err.message}`);
      button.disabled = false;
    }
  });
  return form;
}

function editForm(inc) {
  const field = DS.el('select', { name: 'field' });
  for (const f of EDIT_FIELDS) field.appendChild(DS.el('option', { value: f }, f));
  const statuses = DS.el('datalist', { id: 'edit-statuses' });
  for (const s of STATUS_VALUES) statuses.appendChild(DS.el('option', { value: s }));
  const value = DS.el('input', { name: 'value', value: currentValue(inc, 'date') });
  const hint = DS.el('span', { class: 'hint' });
  const update = () => {
    value.value = currentValue(inc, field.value);
    value.setAttribute('list', field.value === 'status' ? 'edit-statuses' : '');
    hint.textContent = field.value === 'date' ? 'YYYY-MM-DD, YYYY-MM, YYYY or START/END' : '';
  };
  field.addEventListener('change', update);
  update();
  return decisionForm('edit', 'Edit', [DS.el('label', {}, 'Field ', field),
    DS.el('label', {}, 'New value ', value), hint, statuses],
  () => DS.checkEdit(field.value, value.value.trim()),
  (why) => {
    const v = value.value.trim();
    return {
      body: { action: 'edit', incident: inc.id, field: field.value, value: v, why },
      parts: [[`The claims of ${inc.id}`, inc.claims.map((c) => c.id)]],
    };
  });
}

function picked(view) {
  return [...view.querySelectorAll('input.split-pick:checked')].map((b) => b.value);
}

function splitForm(inc, view) {
  const all = inc.claims.map((c) => c.id);
  return decisionForm('split', 'Split the checked claims off',
    [DS.el('span', { class: 'hint' }, 'Check the claims (above) that belong to another incident. ')],
    () => {
      const n = picked(view).length;
      if (!n || n >= all.length) return `Check some of the ${all.length} claims, not none and not all.`;
      return n > SPLIT_MAX ? `At most ${SPLIT_MAX} claims split at once.` : '';
    },
    (why) => {
      const apart = picked(view);
      return {
        body: { action: 'split', incident: inc.id, claims: apart, why },
        parts: [['The checked claims', apart], ['The other claims', all.filter((c) => !apart.includes(c))]],
      };
    });
}

// Incidents whose dates overlap this one's, offered to merge with.
async function mergeChoices(inc, list) {
  if (!inc.date) return;
  const q = new URLSearchParams({ from: inc.date.start, to: inc.date.end, limit: '200' });
  for (const row of (await DS.get('/api/incidents?' + q)).incidents)
    if (row.id !== inc.id)
      list.appendChild(DS.el('option', { value: row.id },
        `${DS.dateText(row.date)} ${row.sub_event_type || row.event_type} ${row.place || ''}`));
}

function mergeForm(inc) {
  const list = DS.el('datalist', { id: 'merge-choices' });
  const other = DS.el('input', { name: 'other', list: 'merge-choices', placeholder: 'i12', size: 8 });
  mergeChoices(inc, list).catch((e) => console.warn('no incidents to offer for a merge:', e.message));
  const otherId = () => other.value.trim().replace(/^(?=\d)/, 'i');
  return decisionForm('merge', 'Merge with…',
    [DS.el('label', {}, 'Incident ', other), list,
      DS.el('span', { class: 'hint' }, 'type its number or pick one of the same dates ')],
    () => {
      if (!/^i?[1-9]\d*$/.test(other.value.trim())) return 'Give the other incident as i12.';
      return otherId() === inc.id ? 'An incident cannot be merged with itself.' : '';
    },
    async (why) => {
      const them = await DS.get('/api/incidents/' + otherId());
      return {
        body: { action: 'merge', incidents: [inc.id, them.id], why },
        parts: [[`The claims of ${inc.id}`, inc.claims.map((c) => c.id)],
          [`The claims of ${them.id}`, them.claims.map((c) => c.id)]],
      };
    });
}

// The review section of the incident page, and the page's follow-up of
// a confirm or reject of one of its claims.
DS.incidentReview = function (inc, view) {
  DS.afterReview = async (recorded, claim, action) => {
    const rest = inc.claims.map((c) => c.id).filter((c) => c !== claim);
    const parts = action === 'reject' ? [] : [[`The ${action}ed claim`, [claim]]];
    parts.push([`The other claims of ${inc.id}`, rest]);
    await DS.followDecision(recorded, parts);
  };
  return DS.el('section', { class: 'incident-review' },
    DS.el('h3', {}, 'Review this incident'), editForm(inc),
    inc.claims.length > 1 ? splitForm(inc, view) : DS.el('p', { class: 'hint' }, 'One claim: nothing to split.'),
    mergeForm(inc));
};
