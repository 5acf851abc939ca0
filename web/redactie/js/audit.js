// The audit history of a document: who changed what, when, before and after.
import { h } from '../../js/dom.js';
import { formatTime } from './ui.js';

const kActions = {
  override: 'Gegevens gewijzigd',
  merge: 'Samengevoegd',
  unmerge: 'Samenvoegen ongedaan gemaakt',
  note: 'Notitie toegevoegd',
  'reject-duplicate': 'Geen dubbel',
  upload: 'Geüpload',
  import: 'Geïmporteerd',
  'index-failed': 'Niet in de index verwerkt',
};

const kKeys = {
  title: 'titel', date: 'datum', kind: 'soort', organisation: 'organisatie', hidden: 'verborgen',
  themes_added: 'thema’s toegevoegd', themes_removed: 'thema’s verwijderd', themes_confirmed: 'thema’s bevestigd',
  gemeenten_added: 'gemeenten toegevoegd', gemeenten_removed: 'gemeenten verwijderd',
  gemeenten_confirmed: 'gemeenten bevestigd', provincies_added: 'provincies toegevoegd',
  provincies_removed: 'provincies verwijderd', kept: 'behouden', duplicate: 'dubbel', text: 'tekst',
};

function parse(value) {
  if (value === null || value === undefined || value === '') return {};
  if (typeof value === 'object') return value;
  try {
    const parsed = JSON.parse(value);
    return parsed && typeof parsed === 'object' ? parsed : { waarde: parsed };
  } catch {
    return { waarde: value };
  }
}

function show(value) {
  if (value === undefined) return '—';
  if (Array.isArray(value)) return value.length ? value.join(', ') : '—';
  if (typeof value === 'boolean') return value ? 'ja' : 'nee';
  if (value && typeof value === 'object') return JSON.stringify(value);
  return value === '' ? '(leeg)' : String(value);
}

// "titel: “oud” → “nieuw”" for every key whose value changed.
function changes(entry) {
  const before = parse(entry.before);
  const after = parse(entry.after);
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  return keys
    .filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]))
    .filter((k) => !(before[k] === undefined && (after[k] === false || (Array.isArray(after[k]) && !after[k].length))))
    .map((k) => h('li', {}, `${kKeys[k] || k}: ${show(before[k])} → ${show(after[k])}`));
}

export function auditList(entries) {
  return h('details', { class: 'audit-details' },
    h('summary', {}, `Geschiedenis (${entries.length} ${entries.length === 1 ? 'wijziging' : 'wijzigingen'})`),
    entries.length
      ? h('ol', { class: 'audit-list' }, entries.map((e) => h('li', {},
        h('p', { class: 'note-meta' }, `${formatTime(e.time)} — ${e.editor || 'onbekend'} — ${kActions[e.action] || e.action}`),
        h('ul', {}, changes(e)))))
      : h('p', { class: 'muted' }, 'Nog niets gewijzigd.'));
}
