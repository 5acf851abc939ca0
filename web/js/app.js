// Wires the page together: reads the state from the URL, asks kb-searchd, renders the search or
// document view, and turns every change into a history entry.
import { h, fill, plural } from './dom.js';
import {
  parseState, stateUrl, searchParams, withChanges, hasFilters, emptyState, kPageSize,
} from './state.js';
import * as api from './api.js';
import { renderFacets, renderChips } from './facets.js';
import { renderOverview } from './overview.js';
import { renderResults } from './results.js';
import { renderFindings } from './findings.js';
import { renderDocument, setCitationMeta } from './document.js';
import { attachSuggest } from './suggest.js';
import { loadGeometry } from './geo.js';
import { loadCatalog } from './labels.js';

const $ = (id) => document.getElementById(id);
const els = {
  form: $('zoekformulier'), input: $('zoekvraag'), suggestions: $('suggesties'),
  searchView: $('zoekweergave'), documentView: $('documentweergave'),
  chips: $('filters-actief'), filters: $('filters'), filterPanel: $('filterpaneel'),
  overview: $('overzicht'), results: $('resultaten'), announce: $('melding'),
  findings: $('bevindingen'), overviewPanel: $('overzichtpaneel'),
};
// How many passages "Wat we al weten" shows.
const kFindings = 5;

let current = parseState();
let renderToken = 0;
let controller = null;

// Goes to a new state: a new history entry (or a replaced one), then renders it.
// options.focus: a CSS selector to focus after rendering (keyboard users keep their place).
function navigate(state, options = {}) {
  const url = stateUrl(state);
  const entry = { fromSearch: Boolean(state.doc && !current.doc) || Boolean(state.doc && window.history.state?.fromSearch) };
  if (options.replace) window.history.replaceState(entry, '', url);
  else window.history.pushState(entry, '', url);
  lastSearch = window.location.search;
  current = state;
  render(state, options);
}

async function render(state, options = {}) {
  const token = ++renderToken;
  controller?.abort();
  controller = new AbortController();
  const { signal } = controller;
  els.input.value = state.q;
  document.title = `${state.q ? `${state.q} — ` : ''}Wat weten we al?`;
  try {
    if (state.doc) await renderDocumentView(state, signal, token);
    else await renderSearchView(state, signal, token);
  } catch (err) {
    if (err.name === 'AbortError' || token !== renderToken) return;
    showError(state, err);
  }
  if (token !== renderToken) return;
  focusAfterRender(options.focus);
}

// selector: one CSS selector or a list tried in order (the first element that exists wins).
function focusAfterRender(selector) {
  if (!selector) return;
  for (const s of [selector].flat()) {
    const el = document.querySelector(s);
    if (el) {
      el.focus();
      return;
    }
  }
}

async function renderSearchView(state, signal, token) {
  setCitationMeta(null);
  els.documentView.hidden = true;
  els.searchView.hidden = false;
  els.results.setAttribute('aria-busy', 'true');
  const params = searchParams(state);
  params.set('size', String(kPageSize));
  // The map and the gaps need the counts of every provincie, also while one is selected.
  const regionalState = withChanges(state, { provincie: [], gemeente: [] });
  const needRegional = state.provincie.length || state.gemeente.length;
  const regionalParams = searchParams(regionalState, { withPage: false });
  regionalParams.set('size', '1');
  // The findings answer a question: only with a query, on the first page of results.
  const findingsParams = searchParams(state, { withPage: false });
  findingsParams.delete('sort');
  findingsParams.set('size', String(kFindings));
  const wantFindings = Boolean(state.q) && state.page <= 1;
  const [result, regional, , found] = await Promise.all([
    api.search(params, { signal }),
    needRegional ? api.search(regionalParams, { signal }) : null,
    loadGeometry().catch(() => null),  // gemeente names for labels; the map reports its own error
    // An index without passages (or a failure) leaves the panel out; the results still show.
    wantFindings ? api.passages(findingsParams, { signal }).catch(() => null) : null,
  ]);
  if (token !== renderToken) return;
  renderChips(els.chips, { state, navigate });
  renderFacets(els.filters, { state, result, navigate });
  renderFindings(els.findings, { state, passages: found });
  renderResults(els.results, { state, result, navigate });
  els.results.removeAttribute('aria-busy');
  els.announce.textContent = plural(result.total, 'document gevonden', 'documenten gevonden');
  // Without documents there is nothing to give an overview of and the empty state explains why;
  // the map stays while a region is chosen on it, so it can be unchosen there.
  const showOverview = result.total > 0 || needRegional;
  els.overviewPanel.hidden = !showOverview;
  if (showOverview) await renderOverview(els.overview, { state, result, regional: regional || result, navigate });
}

async function renderDocumentView(state, signal, token) {
  await loadGeometry().catch(() => null);
  const [doc, reference] = await Promise.all([
    api.documentById(state.doc, { signal }),
    api.documentReference(state.doc, { signal }),
  ]);
  if (token !== renderToken) return;
  els.searchView.hidden = true;
  els.documentView.hidden = false;
  document.title = `${doc.title || 'Document'} — Wat weten we al?`;
  renderDocument(els.documentView, { state, doc, reference, navigate });
  window.scrollTo(0, 0);
  $('document-titel')?.focus();
}

// A rejected request (4xx) will fail again as it is, so the ways out drop the filters or start
// over; a daemon that is down or failing gets "try again".
function showError(state, err) {
  const rejected = err.status >= 400 && err.status < 500;
  const withoutFilters = { ...emptyState(), q: state.q };
  const ways = [];
  if (!rejected) ways.push(h('a', { href: stateUrl(state) }, 'Probeer het opnieuw'));
  if (rejected && hasFilters(state)) ways.push(h('a', { href: stateUrl(withoutFilters) }, 'Zoek zonder filters'));
  ways.push(h('a', { href: './' }, 'Naar de startpagina'));
  // A document that is not (or no longer) in the collection: say so in words and offer a search,
  // not the daemon's message for API clients.
  const missing = state.doc && err.status === 404;
  const message = missing
    ? h('div', { class: 'error', role: 'alert' },
      h('h2', { id: 'resultaten-titel', tabindex: -1 }, 'Dit document staat niet in de collectie'),
      h('p', {}, 'Misschien is het verwijderd, samengevoegd met een ander document of is de link onvolledig. '
        + 'Zoek het op met een paar woorden uit de titel of het onderwerp:'),
      missingSearch(),
      h('ul', { class: 'error-ways' }, h('li', {}, h('a', { href: './' }, 'Naar de startpagina'))))
    : h('div', { class: 'error', role: 'alert' },
      h('h2', { id: 'resultaten-titel', tabindex: -1 }, state.doc ? 'Dit document kon niet worden geopend' : 'Dat lukte niet'),
      h('p', {}, err.message || String(err)),
      h('ul', { class: 'error-ways' }, ways.map((a) => h('li', {}, a))));
  if (state.doc) {
    els.searchView.hidden = true;
    els.documentView.hidden = false;
    fill(els.documentView, message);
  } else {
    els.documentView.hidden = true;
    els.searchView.hidden = false;
    els.results.removeAttribute('aria-busy');
    els.overviewPanel.hidden = true;
    fill(els.filters);
    renderChips(els.chips, { state, navigate });
    fill(els.results, message);
  }
}

// The search box on the page of a missing document.
function missingSearch() {
  const input = h('input', { type: 'search', id: 'zoek-document', name: 'q', autocomplete: 'off' });
  return h('form', {
    role: 'search', class: 'missing-search',
    onsubmit: (e) => {
      e.preventDefault();
      navigate({ ...emptyState(), q: input.value.trim() }, { focus: '#resultaten-titel' });
    },
  },
  h('label', { for: 'zoek-document' }, 'Zoek een document'), ' ', input, ' ',
  h('button', { type: 'submit' }, 'Zoeken'));
}

// Same-page links ("?q=…", "?doc=…") become history navigations instead of page loads; skip
// links move focus without adding a history entry.
document.addEventListener('click', (e) => {
  if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
  const a = e.target.closest('a[href]');
  if (!a || a.target || a.hasAttribute('download')) return;
  if (a.getAttribute('href').startsWith('#')) {
    const target = document.getElementById(a.getAttribute('href').slice(1));
    if (target) {
      e.preventDefault();
      if (!target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
      target.focus();
    }
    return;
  }
  const url = new URL(a.href, window.location.href);
  if (url.origin !== window.location.origin || url.pathname !== window.location.pathname) return;
  e.preventDefault();
  const next = parseState(url.search);
  navigate(next, { focus: next.doc ? null : '#zoekvraag' });
});

els.form.addEventListener('submit', (e) => {
  e.preventDefault();
  // Focus stays in the search box; the "Naar de resultaten" skip link leads on from there.
  navigate(withChanges({ ...current, doc: '' }, { q: els.input.value.trim() }));
});

let lastSearch = window.location.search;
window.addEventListener('popstate', () => {
  // A change of the fragment alone is not a new state.
  if (window.location.search === lastSearch) return;
  const previous = current;
  current = parseState();
  // Coming back from a document, keyboard focus returns to that document's link in the list.
  const focus = previous.doc && !current.doc
    ? [`a[data-doc="${CSS.escape(previous.doc)}"]`, '#resultaten-titel']
    : null;
  lastSearch = window.location.search;
  render(current, { focus });
});

attachSuggest(els.input, els.suggestions, (item) => {
  const base = { ...current, doc: '' };
  if (['theme', 'gemeente', 'provincie'].includes(item.type)) {
    // The typed text was only a way to find the filter; the previous query stays.
    const values = base[item.type].includes(item.value) ? base[item.type] : [...base[item.type], item.value];
    navigate(withChanges(base, { [item.type]: values }));
    els.input.value = base.q;
  } else {
    navigate(withChanges(base, { q: item.value }));
  }
});

// The filter panel is a disclosure on phones and always open on wider screens.
const wide = window.matchMedia('(min-width: 56rem)');
// So is the overview: on a phone the results come first and "Overzicht" opens on demand.
const syncPanel = () => {
  els.filterPanel.open = wide.matches;
  els.overviewPanel.open = wide.matches;
};
wide.addEventListener('change', syncPanel);
syncPanel();

window.history.replaceState({ fromSearch: false }, '', stateUrl(current));
loadCatalog().then(() => render(current));
