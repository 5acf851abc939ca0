// The editor's form state and the Override JSON it is saved as. The form shows what the document
// should look like (the machine's facts with the override applied); saving turns that back into
// an override relative to the machine's facts, so a value set back to the machine's is dropped
// from the override instead of being pinned.

// The machine's facts of an editor-API document: `machine` once an override is applied,
// otherwise the document's own values (nothing overrides them yet).
export function machineOf(doc) {
  const m = doc.edited && doc.machine && doc.machine.title ? doc.machine : doc;
  return {
    title: m.title || '',
    date: m.date || '',
    kind: m.kind || 'overig',
    evidence: m.evidence || '',
    organisation: m.organisation || '',
    themes: (m.themes || []).map((t) => (typeof t === 'string' ? { slug: t, name: '', score: null } : t)),
    gemeenten: (m.gemeenten || []).map((g) => (typeof g === 'string' ? { code: g, name: '', mentions: null } : g)),
    provincies: (m.provincies || []).map((p) => (typeof p === 'string' ? p : p.name)),
  };
}

function applyList(machine, added = [], removed = []) {
  const out = machine.filter((v) => !removed.includes(v));
  for (const v of added) if (!out.includes(v)) out.push(v);
  return out;
}

export function formState(machine, override = {}) {
  const o = override || {};
  return {
    title: o.title ?? machine.title,
    date: o.date ?? machine.date,
    kind: o.kind ?? machine.kind,
    evidence: o.evidence ?? machine.evidence,
    organisation: o.organisation ?? machine.organisation,
    themes: applyList(machine.themes.map((t) => t.slug), o.themes_added, o.themes_removed),
    themesConfirmed: new Set(o.themes_confirmed || []),
    gemeenten: applyList(machine.gemeenten.map((g) => g.code), o.gemeenten_added, o.gemeenten_removed),
    gemeentenConfirmed: new Set(o.gemeenten_confirmed || []),
    provincies: applyList(machine.provincies, o.provincies_added, o.provincies_removed),
    hidden: Boolean(o.hidden),
  };
}

// Lists relative to the machine's: what was added, removed and (for machine tags still on the
// document) confirmed. Empty lists are left out.
function listDiff(out, prefix, machineValues, values, confirmed) {
  const added = values.filter((v) => !machineValues.includes(v));
  const removed = machineValues.filter((v) => !values.includes(v));
  if (added.length) out[`${prefix}_added`] = added;
  if (removed.length) out[`${prefix}_removed`] = removed;
  if (confirmed) {
    const kept = [...confirmed].filter((v) => machineValues.includes(v) && values.includes(v));
    if (kept.length) out[`${prefix}_confirmed`] = kept;
  }
}

export function overrideFrom(machine, state) {
  const out = {};
  const scalar = (key, value) => {
    if (value !== machine[key]) out[key] = value;
  };
  scalar('title', state.title.trim());
  scalar('date', state.date.trim());
  scalar('kind', state.kind);
  if (state.evidence) scalar('evidence', state.evidence);
  scalar('organisation', state.organisation.trim());
  listDiff(out, 'themes', machine.themes.map((t) => t.slug), state.themes, state.themesConfirmed);
  listDiff(out, 'gemeenten', machine.gemeenten.map((g) => g.code), state.gemeenten, state.gemeentenConfirmed);
  listDiff(out, 'provincies', machine.provincies, state.provincies, null);
  out.hidden = state.hidden;
  return out;
}

const kDate = /^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/;

// Checks the browser can do before asking the daemon: [{field, message}].
export function validate(state) {
  const problems = [];
  if (!state.title.trim()) problems.push({ field: 'title', message: 'Vul een titel in; een document zonder titel is niet te vinden.' });
  const date = state.date.trim();
  if (date && !kDate.test(date)) {
    problems.push({ field: 'date', message: 'Schrijf de datum als JJJJ, JJJJ-MM of JJJJ-MM-DD (bijvoorbeeld 2021-03-15), of laat het veld leeg.' });
  }
  return problems;
}

// Marks one machine tag as confirmed (it stays) or rejected (it goes).
export function decideTag(state, kind, value, decision) {
  const listKey = kind === 'theme' ? 'themes' : 'gemeenten';
  const confirmedKey = kind === 'theme' ? 'themesConfirmed' : 'gemeentenConfirmed';
  if (decision === 'confirm') {
    state[confirmedKey].add(value);
    if (!state[listKey].includes(value)) state[listKey].push(value);
  } else {
    state[confirmedKey].delete(value);
    state[listKey] = state[listKey].filter((v) => v !== value);
  }
  return state;
}
