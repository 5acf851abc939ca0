// The result list: count, sort, "bedoelde u …?", hits with highlighted passages and page links,
// pagination, and an empty state that suggests a way forward.
import { h, fill, markedText, plural, formatNumber } from './dom.js';
import { listOf, kindName, evidenceName } from './labels.js';
import { withChanges, stateUrl, searchParams, hasFilters, emptyState } from './state.js';
import { fileUrl, exportUrl, exportsAvailable } from './api.js';
import { withMarks, marksNote } from './marks.js';
import { newBadge, copyLinkButton } from './visits.js';

// A hit shows at most this many regions and themes; the document page lists them all.
const kMaxRegions = 4;
const kMaxThemes = 4;
// The most documents one export of a result list holds (the daemon's limit).
const kMaxExport = 10000;
const kExampleQueries = ['eenzaamheid ouderen', 'jeugdhulp', 'schulden', 'mantelzorg', 'huiselijk geweld'];

export function renderResults(container, { state, result, navigate }) {
  const size = result.size || 10;
  const pages = Math.max(1, Math.ceil(result.total / size));
  fill(container,
    h('div', { class: 'results-head' },
      h('h2', { id: 'resultaten-titel', tabindex: -1 }, resultsTitle(state, result, pages)),
      sortControl(state, navigate),
      result.total ? copyLinkButton('deze resultaten') : null),
    correction(state, result, navigate),
    shardsNotice(result),
    partialNotice(result),
    placeChips(state, result, navigate),
    result.hits?.length ? h('ol', { class: 'hits', start: (result.page - 1) * size + 1 },
      result.hits.map((hit) => hitItem(hit, state))) : emptyState_(state, navigate),
    pagination(state, result.page || state.page, pages, navigate),
    exportLinks(state, result),
  );
}

function resultsTitle(state, result, pages) {
  const found = plural(result.total, 'document gevonden', 'documenten gevonden');
  return pages > 1 ? `${found} — pagina ${result.page || state.page} van ${formatNumber(pages)}` : found;
}

function sortControl(state, navigate) {
  return h('div', { class: 'sort' },
    h('label', { for: 'sorteer' }, 'Sorteer op'),
    h('select', {
      id: 'sorteer',
      onchange: (e) => navigate(withChanges(state, { sort: e.target.value }), { focus: '#sorteer' }),
    },
    h('option', { value: 'relevance', selected: state.sort === 'relevance' }, 'relevantie'),
    h('option', { value: 'date', selected: state.sort === 'date' }, 'datum (nieuwste eerst)'),
    h('option', { value: 'added', selected: state.sort === 'added' }, 'toegevoegd (nieuwste eerst)')));
}

function correction(state, result, navigate) {
  const corrected = result.corrected_query;
  if (!corrected || corrected === state.q) return null;
  const next = withChanges(state, { q: corrected });
  const link = h('a', {
    href: stateUrl(next),
    onclick: (e) => { e.preventDefault(); navigate(next); },
  }, h('strong', {}, corrected));
  if (result.showing_corrected) {
    const original = withChanges(state, { spell: false });
    return h('p', { class: 'did-you-mean' },
      'U ziet de resultaten voor ', link, '. ',
      h('a', {
        href: stateUrl(original),
        onclick: (e) => { e.preventDefault(); navigate(original); },
      }, `Zoek toch naar “${state.q}”`), '.');
  }
  return h('p', { class: 'did-you-mean' }, 'Bedoelde u ', link, '?');
}

// An index in shards of which some did not answer: the counts are those of the others.
function shardsNotice(result) {
  const shards = result.shards;
  if (!shards || !shards.partial) return null;
  return h('p', { class: 'partial-notice', role: 'status' },
    `Niet alle delen van de index antwoordden (${shards.failed.length} van ${shards.total}); `
    + 'de aantallen en resultaten zijn onvolledig. Probeer het over enkele minuten opnieuw.');
}

// Honest about partial matches: when no document holds every word of the query, or only some do.
function partialNotice(result) {
  if (!result.total || result.all_words_total === undefined) return null;
  if (result.partial) {
    return h('p', { class: 'partial-notice', role: 'status' },
      'Geen document bevat alle woorden; dit zijn de beste gedeeltelijke treffers.');
  }
  if (result.all_words_total < result.total) {
    return h('p', { class: 'partial-notice' },
      `${plural(result.all_words_total, 'document bevat', 'documenten bevatten')} alle woorden en staan bovenaan; `
      + `daarna volgen ${plural(result.total - result.all_words_total, 'document', 'documenten')} met een deel ervan.`);
  }
  return null;
}

// A place typed in the query weighs in the ranking; a chip offers it as a filter ("Alleen Drenthe?").
function placeChips(state, result, navigate) {
  const interpreted = result.interpreted || {};
  const chips = [];
  for (const [key, names] of [['provincie', interpreted.provincie || []], ['gemeente', interpreted.gemeente || []]]) {
    for (const name of names) {
      if (state[key].includes(name)) continue;
      const next = withChanges(state, { [key]: [...state[key], name] });
      chips.push(h('a', {
        class: 'chip',
        href: stateUrl(next),
        onclick: (e) => { e.preventDefault(); navigate(next); },
      }, `Alleen ${name}?`));
    }
  }
  return chips.length ? h('p', { class: 'place-chips' }, 'Plaats in uw zoekvraag: ', chips) : null;
}

function hitItem(hit, state) {
  const docState = { ...state, doc: hit.id };
  const themes = listOf(hit.themes, 'theme');
  const regions = [...listOf(hit.provincies, 'provincie'), ...listOf(hit.gemeenten, 'gemeente')];
  const meta = [kindName(hit.kind || 'overig'), hit.year || hit.date?.slice(0, 4) || 'jaar onbekend'];
  if (regions.length) {
    const more = regions.length - kMaxRegions;
    meta.push(regions.slice(0, kMaxRegions).map((r) => r.label).join(', ') + (more > 0 ? ` en ${more} andere` : ''));
  }
  return h('li', { class: 'hit' },
    h('article', { 'aria-labelledby': `hit-${cssSafe(hit.id)}` },
      h('h3', { id: `hit-${cssSafe(hit.id)}` },
        h('a', { href: stateUrl(docState), class: 'hit-title', 'data-doc': hit.id }, hit.title || 'Zonder titel'),
        newBadge(hit)),
      h('p', { class: 'hit-meta' }, meta.join(' · ')),
      hit.attachment_of ? h('p', { class: 'hit-attachment' }, 'Bijlage bij de e-mail ',
        h('a', { href: stateUrl({ ...state, doc: hit.attachment_of.id }) },
          hit.attachment_of.title || 'zonder onderwerp')) : null,
      hit.evidence ? h('p', { class: 'hit-evidence' }, `Soort kennis: ${evidenceName(hit.evidence)}`) : null,
      hit.snippet ? h('p', { class: 'snippet' }, markedText(hit.snippet)) : null,
      hit.pages?.length ? h('p', { class: 'hit-pages' },
        hit.pages.length === 1 ? 'Gevonden op pagina ' : 'Gevonden op pagina’s ',
        [...hit.pages].slice(0, 8).sort((a, b) => a - b).map((p, i) => [i ? ', ' : '', pageLink(hit, p, docState)]))
        : null,
      themes.length ? h('ul', { class: 'tags', 'aria-label': 'Thema’s' },
        themes.slice(0, kMaxThemes).map((t) => h('li', {}, t.label)),
        themes.length > kMaxThemes ? h('li', { class: 'more' }, `+${themes.length - kMaxThemes}`) : null) : null));
}

// A PDF opens at the page itself; other formats have no pages to jump to in the browser, so the
// link leads to the document page, which shows the passage of that page.
function pageLink(hit, page, docState) {
  const isPdf = String(hit.url || '').includes('#page=') || hit.format === 'pdf';
  const label = `pagina ${page} van ${hit.title || 'het document'}`;
  return isPdf
    ? h('a', { href: fileUrl(hit.id, page), 'aria-label': `${label} (PDF)` }, String(page))
    : h('a', { href: stateUrl(docState), 'aria-label': label }, String(page));
}

function emptyState_(state, navigate) {
  const tips = [];
  if (hasFilters(state)) {
    const next = { ...emptyState(), q: state.q, sort: state.sort };
    tips.push(h('li', {}, 'Zoek zonder filters: ',
      h('a', { href: stateUrl(next), onclick: (e) => { e.preventDefault(); navigate(next); } }, 'wis alle filters'), '.'));
  }
  if (state.q && state.q.trim().includes(' ')) {
    tips.push(h('li', {}, 'Gebruik minder of andere woorden, of zet OR tussen woorden die niet allemaal hoeven voor te komen.'));
  }
  tips.push(h('li', {}, 'Controleer de spelling, of zoek op een algemener woord (bijvoorbeeld “zorg” in plaats van “zorgverlening”).'));
  tips.push(h('li', {}, 'Een * achter een woord zoekt op het begin: ', h('code', {}, 'jeugd*'), '.'));
  return h('div', { class: 'empty' },
    h('p', {}, state.q
      ? ['Er zijn geen documenten gevonden voor ', h('strong', {}, `“${state.q}”`), hasFilters(state) ? ' met deze filters.' : '.']
      : 'Er zijn geen documenten met deze filters.'),
    h('ul', {}, tips),
    h('p', {}, 'Of probeer: ', kExampleQueries.map((q, i) => {
      const next = { ...emptyState(), q };
      return [i ? ', ' : '', h('a', { href: stateUrl(next), onclick: (e) => { e.preventDefault(); navigate(next); } }, q)];
    })));
}

function pagination(state, page, pages, navigate) {
  if (pages <= 1) return null;
  const link = (n, text, label, extra = {}) => {
    const next = withChanges(state, { page: n });
    return h('a', {
      href: stateUrl(next), 'aria-label': label, ...extra,
      onclick: (e) => { e.preventDefault(); navigate(next, { focus: '#resultaten-titel' }); },
    }, text);
  };
  const items = [];
  if (page > 1) items.push(link(page - 1, '‹ Vorige', `Vorige pagina, pagina ${page - 1}`, { rel: 'prev' }));
  const numbers = new Set([1, pages, page - 2, page - 1, page, page + 1, page + 2].filter((n) => n >= 1 && n <= pages));
  let last = 0;
  for (const n of [...numbers].sort((a, b) => a - b)) {
    if (n > last + 1) items.push(h('span', { class: 'ellipsis', 'aria-hidden': 'true' }, '…'));
    items.push(n === page
      ? h('span', { class: 'current', 'aria-current': 'page' }, String(n))
      : link(n, String(n), `Pagina ${n}`));
    last = n;
  }
  if (page < pages) items.push(link(page + 1, 'Volgende ›', `Volgende pagina, pagina ${page + 1}`, { rel: 'next' }));
  return h('nav', { class: 'pagination', 'aria-label': 'Paginering' }, h('ul', {}, items.map((i) => h('li', {}, i))));
}

// Export of the whole result list through the daemon's format=… parameter, shown only when the
// daemon offers it.
function exportLinks(state, result) {
  if (!result.total) return null;
  const box = h('p', { class: 'export', hidden: true });
  exportsAvailable().then((ok) => {
    if (!ok) return;
    const params = searchParams(state, { withPage: false });
    // The passages marked in "Wat we al weten" go along, as they are when the link is followed.
    const link = (kind, file, label, extra = {}) => {
      const url = () => {
        const p = withMarks(params);
        for (const [name, value] of Object.entries(extra)) p.set(name, value);
        return exportUrl(kind, p);
      };
      const a = h('a', { href: url(), download: file }, label);
      a.addEventListener('click', () => { a.href = url(); });
      return a;
    };
    // Every result goes along, up to the most one export holds; the count is said.
    const count = result.total > kMaxExport
      ? `de eerste ${formatNumber(kMaxExport)} van ${formatNumber(result.total)} resultaten`
      : `alle ${plural(result.total, 'resultaat', 'resultaten')}`;
    const feed = new URLSearchParams(params);
    feed.set('format', 'atom');
    box.append(`Exporteer ${count}`,
      h('span', { class: 'export-marks' }, marksNote()), ': ',
      link('ris', 'resultaten.ris', 'RIS'), ' · ',
      link('bibtex', 'resultaten.bib', 'BibTeX'), ' · ',
      link('csv', 'resultaten.csv', 'CSV'), ' · ',
      link('csv', 'resultaten-excel.csv', 'CSV voor Excel', { separator: 'semicolon' }), ' · ',
      h('a', { href: `/api/search?${feed}`, type: 'application/atom+xml', class: 'feed-link' },
        'Volg deze zoekopdracht (Atom-feed)'));
    box.hidden = false;
  });
  return box;
}

function cssSafe(id) {
  return String(id).replace(/[^\w-]+/g, '_');
}
