// The JSON API of kb-searchd (issue 4). Every function returns parsed JSON or throws an ApiError
// with a Dutch message that can be shown to the user as is.

export class ApiError extends Error {
  constructor(message, status) {
    super(message);
    this.status = status;
  }
}

async function getJson(url, { signal } = {}) {
  let response;
  try {
    response = await fetch(url, { signal, headers: { Accept: 'application/json' } });
  } catch (err) {
    if (err.name === 'AbortError') throw err;
    throw new ApiError('De zoekdienst is niet bereikbaar. Controleer of kb-searchd draait en probeer het opnieuw.', 0);
  }
  let body = null;
  try {
    body = await response.json();
  } catch {
    body = null;
  }
  if (!response.ok) {
    const detail = body?.error?.message || `HTTP ${response.status}`;
    if (response.status === 404) throw new ApiError(`Niet gevonden: ${detail}`, 404);
    if (response.status >= 400 && response.status < 500) {
      throw new ApiError(`De zoekvraag kon niet worden uitgevoerd: ${detail}`, response.status);
    }
    throw new ApiError(`Er ging iets mis in de zoekdienst (${detail}). Probeer het later opnieuw.`, response.status);
  }
  if (body === null) throw new ApiError('De zoekdienst gaf een onleesbaar antwoord.', response.status);
  return body;
}

export function search(params, options) {
  return getJson(`/api/search?${params}`, options);
}

// The passages that best answer the query ({passages: [...]}); see README's /api/passages.
export function passages(params, options) {
  return getJson(`/api/passages?${params}`, options);
}

export function documentById(id, options) {
  return getJson(`/api/documents/${encodeURIComponent(id)}`, options);
}

// The document's reference as the daemon writes it (format=apa, plain text); '' when it fails.
export async function documentReference(id, { signal } = {}) {
  try {
    const response = await fetch(documentExportUrl(id, 'apa'), { signal });
    return response.ok ? (await response.text()).trim() : '';
  } catch (err) {
    if (err.name === 'AbortError') throw err;
    return '';
  }
}

export function fileUrl(id, page) {
  return `/api/documents/${encodeURIComponent(id)}/file${page ? `#page=${page}` : ''}`;
}

export function exportUrl(kind, params) {
  const p = new URLSearchParams(params);
  p.set('format', kind);
  return `/api/search?${p}`;
}

export function documentExportUrl(id, kind) {
  return `/api/documents/${encodeURIComponent(id)}?format=${kind}`;
}

// Suggestions as [{text, type, value}]: type "term" completes the query, "theme", "gemeente" and
// "provincie" name a filter value. Plain strings (an older daemon) count as terms.
export async function suggest(q, options) {
  const body = await getJson(`/api/suggest?q=${encodeURIComponent(q)}`, options);
  const list = Array.isArray(body) ? body : body.suggestions || [];
  return list
    .map((s) => (typeof s === 'string'
      ? { text: s, type: 'term', value: s }
      : { text: s.text || s.value || '', type: s.type || 'term', value: s.value || s.text || '' }))
    .filter((s) => s.text);
}

// Whether the daemon offers format=… exports; asked once, cached.
let exportsSupported;
export function exportsAvailable() {
  exportsSupported ??= fetch('/api/search?size=1&format=ris')
    .then((r) => r.ok && !(r.headers.get('Content-Type') || '').includes('json'))
    .catch(() => false);
  return exportsSupported;
}

// The logged-in editor's name, or '' (asked once per page load; the editors' session cookie goes
// along). Only for showing "Bewerken": the editors' API checks every change itself.
let editorSession;
export function editorName() {
  editorSession ??= fetch('/api/editor/session', { credentials: 'same-origin' })
    .then((r) => (r.ok ? r.json() : null))
    .then((body) => body?.editor || '')
    .catch(() => '');
  return editorSession;
}
