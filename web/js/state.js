// The address is the state: every query, filter, sort, page and the open document live in the
// URL's query string, so a result list can be shared and back/forward work.
//
//   /?q=eenzaamheid&provincie=Drenthe&theme=ouderen&sort=date&page=2
//   /?doc=ID&q=eenzaamheid          (the document page, remembering the search it came from)

export const kMultiFilters = ['theme', 'provincie', 'gemeente', 'organisatie'];
export const kPageSize = 10;

export function emptyState() {
  return {
    q: '', theme: [], provincie: [], gemeente: [], organisatie: [], kind: '', evidence: '', language: '', undated: false,
    year_from: '', year_to: '', sort: 'relevance', page: 1, doc: '', spell: true,
  };
}

export function parseState(search = window.location.search) {
  const params = new URLSearchParams(search);
  const state = emptyState();
  state.q = (params.get('q') || '').slice(0, 500);
  for (const key of kMultiFilters) state[key] = unique(params.getAll(key).filter(Boolean));
  state.kind = params.get('kind') || '';
  state.evidence = params.get('evidence') || '';
  state.language = /^[a-z]{2}$/.test(params.get('language') || '') ? params.get('language') : '';
  state.year_from = yearOrEmpty(params.get('year_from'));
  state.year_to = yearOrEmpty(params.get('year_to'));
  // undated=1: a year filter keeps the documents whose year is unknown.
  state.undated = params.get('undated') === '1';
  state.sort = ['date', 'added'].includes(params.get('sort')) ? params.get('sort') : 'relevance';
  const page = Number.parseInt(params.get('page') || '1', 10);
  state.page = Number.isFinite(page) && page > 0 ? page : 1;
  state.doc = params.get('doc') || '';
  // spell=0: the words exactly as typed, not a spelling correction's results.
  state.spell = params.get('spell') !== '0';
  return state;
}

// Parameters for /api/search (and for the page URL, which adds `doc`).
export function searchParams(state, { withPage = true } = {}) {
  const params = new URLSearchParams();
  if (state.q) params.set('q', state.q);
  for (const key of kMultiFilters) for (const v of state[key]) params.append(key, v);
  if (state.kind) params.set('kind', state.kind);
  if (state.evidence) params.set('evidence', state.evidence);
  if (state.language) params.set('language', state.language);
  if (state.year_from) params.set('year_from', state.year_from);
  if (state.year_to) params.set('year_to', state.year_to);
  if (state.undated && (state.year_from || state.year_to)) params.set('undated', '1');
  if (state.sort === 'date' || state.sort === 'added') params.set('sort', state.sort);
  if (withPage && state.page > 1) params.set('page', String(state.page));
  if (state.q && !state.spell) params.set('spell', '0');
  return params;
}

export function stateUrl(state) {
  const params = searchParams(state);
  if (state.doc) params.set('doc', state.doc);
  const query = params.toString();
  return query ? `?${query}` : window.location.pathname;
}

export function hasFilters(state) {
  return kMultiFilters.some((k) => state[k].length) || Boolean(state.kind || state.evidence || state.language || state.year_from || state.year_to);
}

// Returns a copy with changes applied; any change other than the page goes back to page 1.
export function withChanges(state, changes) {
  const next = { ...state, ...changes, doc: changes.doc ?? '' };
  // A new query is spelled anew; spell=0 holds only for the query it was asked for.
  if ('q' in changes && changes.q !== state.q && !('spell' in changes)) next.spell = true;
  for (const key of kMultiFilters) next[key] = [...(changes[key] ?? state[key])];
  if (!('page' in changes)) next.page = 1;
  return next;
}

export function toggleValue(state, key, value) {
  const values = state[key];
  const next = values.includes(value) ? values.filter((v) => v !== value) : [...values, value];
  return withChanges(state, { [key]: next });
}

function unique(values) {
  return [...new Set(values.map((v) => v.slice(0, 200)))];
}

function yearOrEmpty(v) {
  return v && /^\d{4}$/.test(v) ? v : '';
}
