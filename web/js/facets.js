// The filter panel (facets with counts, year range) and the removable chips of active filters.
import { h, clear, fill, formatNumber, fold } from './dom.js';
import { facetLabel } from './labels.js';
import { withChanges, toggleValue, hasFilters, emptyState, stateUrl } from './state.js';

const kFacets = [
  { key: 'theme', title: 'Thema', multi: true, find: 'Zoek een thema' },
  { key: 'provincie', title: 'Provincie', multi: true, find: 'Zoek een provincie' },
  { key: 'gemeente', title: 'Gemeente', multi: true, find: 'Zoek een gemeente' },
  { key: 'kind', title: 'Soort document', multi: false },
  { key: 'evidence', title: 'Soort kennis', multi: false },
  // Shown when the results are in more than one language (or one is chosen).
  { key: 'language', title: 'Taal', multi: false, onlyIfChoice: true },
  { key: 'organisatie', title: 'Organisatie', multi: true, find: 'Zoek een organisatie' },
];
const kCollapsedSize = 8;
// Which facet lists the user expanded; kept across renders of the same page.
const expanded = new Set();
// What the user typed in a facet's type-ahead, kept across renders of the same page.
const typed = new Map();

export function renderFacets(container, { state, result, navigate }) {
  const facets = result.facets || {};
  fill(container,
    h('h2', { id: 'filters-titel' }, 'Filters'),
    kFacets.map((f) => facetGroup(f, facets[f.key] || [], state, navigate)),
    yearRange(state, facets.year || [], navigate),
    undatedNote(state, result, navigate),
  );
}

function facetGroup(facet, entries, state, navigate) {
  const selected = facet.multi ? state[facet.key] : (state[facet.key] ? [state[facet.key]] : []);
  // Selected values stay visible (with count 0) even when the result set no longer has them.
  const rows = [...entries];
  for (const value of selected) if (!rows.some((e) => e.value === value)) rows.push({ value, count: 0 });
  if (!rows.length || (facet.onlyIfChoice && rows.length < 2 && !selected.length)) return null;
  // The chosen values first, then by count.
  rows.sort((a, b) => selected.includes(b.value) - selected.includes(a.value));
  const isOpen = expanded.has(facet.key);
  const listId = `facet-${facet.key}`;
  const list = h('ul', { id: listId });
  const searchable = facet.find && rows.length > kCollapsedSize;
  const none = h('p', { class: 'facet-none', role: 'status' });
  // A long list gets a type-ahead: typing narrows the list (without a new search) to the values
  // whose name holds the text, so "Toon alle 342" is never needed to find one gemeente.
  const showRows = () => {
    const text = fold(typed.get(facet.key) || '').trim();
    const matching = text
      ? rows.filter((e) => selected.includes(e.value) || fold(facetLabel(facet.key, e)).includes(text))
      : rows;
    const shown = isOpen || text ? matching : matching.slice(0, Math.max(kCollapsedSize, selected.length));
    fill(list, shown.map((entry) => row(entry)));
    const found = text ? rows.some((e) => fold(facetLabel(facet.key, e)).includes(text)) : true;
    none.textContent = found ? '' : `Geen ${facet.title.toLowerCase()} gevonden met “${typed.get(facet.key)}”.`;
  };
  const row = (entry) => {
    const id = `f-${facet.key}-${cssId(entry.value)}`;
    const checked = selected.includes(entry.value);
    return h('li', {},
      h('input', {
        type: 'checkbox', id, checked, 'data-facet': facet.key, 'data-value': entry.value,
        onchange: () => navigate(facet.multi
          ? toggleValue(state, facet.key, entry.value)
          : withChanges(state, { [facet.key]: checked ? '' : entry.value }), { focus: `#${id}` }),
      }),
      h('label', { for: id },
        h('span', { class: 'facet-label' }, facetLabel(facet.key, entry)),
        h('span', { class: 'count' }, formatNumber(entry.count),
          h('span', { class: 'visually-hidden' }, entry.count === 1 ? ' document' : ' documenten'))));
  };
  showRows();
  const findId = `zoek-${facet.key}`;
  return h('fieldset', { class: 'facet' },
    h('legend', {}, facet.title),
    searchable ? [
      h('label', { for: findId, class: 'visually-hidden' }, facet.find),
      h('input', {
        type: 'search', id: findId, class: 'facet-search', placeholder: facet.find, autocomplete: 'off',
        'aria-controls': listId, value: typed.get(facet.key) || '',
        oninput: (e) => { typed.set(facet.key, e.target.value); showRows(); },
      })] : null,
    list,
    none,
    rows.length > kCollapsedSize
      ? h('button', {
        type: 'button', class: 'link-button', 'aria-controls': listId, 'aria-expanded': isOpen ? 'true' : 'false',
        onclick: (e) => {
          if (isOpen) expanded.delete(facet.key); else expanded.add(facet.key);
          navigate(state, { replace: true, focus: `button[aria-controls="${listId}"]` });
          e.preventDefault();
        },
      }, isOpen ? 'Toon minder' : `Toon alle ${rows.length}`)
      : null);
}

function yearRange(state, years, navigate) {
  const known = years.map((y) => Number(y.value)).filter((y) => y > 0);
  const min = known.length ? Math.min(...known) : 1900;
  const max = known.length ? Math.max(...known) : new Date().getFullYear();
  const onSubmit = (e) => {
    e.preventDefault();
    const form = e.currentTarget;
    let from = form.elements.year_from.value.trim();
    let to = form.elements.year_to.value.trim();
    // A reversed range is what the user meant the other way round.
    if (from && to && Number(from) > Number(to)) [from, to] = [to, from];
    navigate(withChanges(state, { year_from: from, year_to: to }), { focus: '#jaar-van' });
  };
  return h('form', { class: 'facet year-range', onsubmit: onSubmit, 'aria-labelledby': 'jaar-titel' },
    h('h3', { id: 'jaar-titel', class: 'legend-like' }, 'Jaar'),
    h('div', { class: 'year-inputs' },
      h('label', { for: 'jaar-van' }, 'Van'),
      h('input', {
        id: 'jaar-van', name: 'year_from', type: 'number', inputmode: 'numeric', min: 1800, max: 2100,
        placeholder: String(min), value: state.year_from,
      }),
      h('label', { for: 'jaar-tot' }, 'tot en met'),
      h('input', {
        id: 'jaar-tot', name: 'year_to', type: 'number', inputmode: 'numeric', min: 1800, max: 2100,
        placeholder: String(max), value: state.year_to,
      })),
    h('button', { type: 'submit', class: 'secondary' }, 'Pas jaren toe'));
}

// Documents without a known year: how many the results hold, or how many a year filter leaves
// out, with a way to include them.
function undatedNote(state, result, navigate) {
  const link = (text, next) => h('a', {
    href: stateUrl(next),
    onclick: (e) => { e.preventDefault(); navigate(next, { focus: '#jaar-van' }); },
  }, text);
  const filtered = state.year_from || state.year_to;
  if (filtered && state.undated) {
    return h('p', { class: 'undated-note' }, 'Documenten zonder jaar tellen mee. ',
      link('Laat ze weg', withChanges(state, { undated: false })), '.');
  }
  if (filtered && result.undated_left_out > 0) {
    return h('p', { class: 'undated-note' },
      `${formatNumber(result.undated_left_out)} ${result.undated_left_out === 1 ? 'document' : 'documenten'} zonder jaar `
      + 'vallen buiten dit jaarfilter. ', link('Ook tonen', withChanges(state, { undated: true })), '.');
  }
  const unknown = result.facets?.year_unknown || 0;
  return unknown > 0
    ? h('p', { class: 'undated-note' }, `${formatNumber(unknown)} ${unknown === 1 ? 'document' : 'documenten'} zonder jaar.`)
    : null;
}

// The active filters as chips; each chip removes its filter.
export function renderChips(container, { state, navigate }) {
  const chips = [];
  const chip = (text, next) => chips.push(h('li', {},
    h('button', {
      type: 'button', class: 'chip', 'aria-label': `Verwijder filter ${text}`,
      onclick: () => navigate(next, { focus: '#filters-actief' }),
    }, h('span', {}, text), h('span', { class: 'chip-x', 'aria-hidden': 'true' }, '×'))));
  // The facet is named in each chip: "Groningen" is both a provincie and a gemeente.
  const kChipNames = { theme: 'Thema', provincie: 'Provincie', gemeente: 'Gemeente', organisatie: 'Organisatie' };
  for (const key of ['theme', 'provincie', 'gemeente', 'organisatie']) {
    for (const value of state[key]) chip(`${kChipNames[key]}: ${facetLabel(key, { value })}`, toggleValue(state, key, value));
  }
  if (state.kind) chip(`Soort: ${facetLabel('kind', { value: state.kind })}`, withChanges(state, { kind: '' }));
  if (state.evidence) chip(`Soort kennis: ${facetLabel('evidence', { value: state.evidence })}`, withChanges(state, { evidence: '' }));
  if (state.language) chip(`Taal: ${facetLabel('language', { value: state.language })}`, withChanges(state, { language: '' }));
  if (state.year_from || state.year_to) {
    const text = state.year_from && state.year_to
      ? (state.year_from === state.year_to ? state.year_from : `${state.year_from}–${state.year_to}`)
      : state.year_from ? `vanaf ${state.year_from}` : `tot en met ${state.year_to}`;
    chip(`Jaar: ${text}`, withChanges(state, { year_from: '', year_to: '', undated: false }));
  }
  clear(container);
  if (!hasFilters(state)) return;
  container.append(
    h('h2', { class: 'visually-hidden' }, 'Actieve filters'),
    h('ul', { class: 'chips' }, chips,
      h('li', {}, h('button', {
        type: 'button', class: 'link-button',
        onclick: () => navigate({ ...emptyState(), q: state.q, sort: state.sort }, { focus: '#zoekvraag' }),
      }, 'Wis alle filters'))));
}

function cssId(value) {
  return String(value).normalize('NFD').replace(/[^\w-]+/g, '_');
}
