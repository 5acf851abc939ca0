// The editors' HTTP API of kb-searchd (see docs in README, "Redactie"). The session lives in the
// HttpOnly cookie the login sets; this module keeps the CSRF value the login (or the session
// check) returned and sends it with every write. Every failure becomes an EditorApiError with a
// Dutch message that can be shown as is, and, for a validation error, the field it names.

export class EditorApiError extends Error {
  constructor(message, { status = 0, code = '', field = '', retryAfter = 0 } = {}) {
    super(message);
    this.status = status;
    this.code = code;
    this.field = field;
    this.retryAfter = retryAfter;
  }
}

let csrf = '';
let onUnauthenticated = () => {};

export function setCsrf(value) {
  csrf = value || '';
}

// Called when a request other than the login is refused with 401 (the session ended).
export function whenUnauthenticated(handler) {
  onUnauthenticated = handler;
}

// The field a 400 answer is about: the daemon names it in error.param.
function fieldOf(error) {
  return error?.param ? String(error.param) : '';
}

function minutes(seconds) {
  const m = Math.max(1, Math.ceil(seconds / 60));
  return m === 1 ? '1 minuut' : `${m} minuten`;
}

function errorFor(response, body, { login }) {
  const status = response.status;
  const code = body?.error?.code || '';
  const detail = body?.error?.message || `HTTP ${status}`;
  const retryAfter = Number.parseInt(response.headers.get('Retry-After') || '0', 10) || 0;
  const make = (message, extra = {}) => new EditorApiError(message, { status, code, retryAfter, ...extra });
  switch (status) {
    case 400:
      return make(detail, { field: fieldOf(body?.error) });
    case 401:
      return make(login
        ? 'Deze toegangscode is onbekend of ingetrokken. Controleer de code (kb-admin editor add gaf hem één keer) en probeer het opnieuw.'
        : 'U bent niet (meer) ingelogd. Log opnieuw in om verder te gaan.');
    case 403:
      return make('Geweigerd: de beveiligingscode van deze pagina (CSRF) ontbreekt of klopt niet. Herlaad de pagina en probeer het opnieuw.');
    case 404:
      return make(`Niet gevonden: ${detail}`);
    case 409:
      return make(detail);
    case 413:
      return make(`Het bestand is te groot: ${detail}`);
    case 429:
      return make(`Te veel mislukte inlogpogingen vanaf dit adres. Probeer het over ${minutes(retryAfter || 600)} opnieuw.`);
    default:
      if (status >= 400 && status < 500) return make(detail);
      return make(`Er ging iets mis in de redactiedienst (${detail}). Probeer het later opnieuw.`);
  }
}

async function request(method, url, { json, form, login = false } = {}) {
  const headers = { Accept: 'application/json' };
  let body;
  if (json !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(json);
  } else if (form) {
    body = form;
  }
  if (method !== 'GET' && csrf) headers['X-CSRF-Token'] = csrf;
  let response;
  try {
    response = await fetch(url, { method, headers, body, credentials: 'same-origin' });
  } catch {
    throw new EditorApiError('De zoekdienst is niet bereikbaar. Controleer of kb-searchd draait en probeer het opnieuw.');
  }
  const text = response.status === 204 ? '' : await response.text();
  let data = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = null;
  }
  if (!response.ok) {
    const error = errorFor(response, data, { login });
    if (response.status === 401 && !login) onUnauthenticated(error);
    throw error;
  }
  return data;
}

const enc = encodeURIComponent;

export const login = (token) => request('POST', '/api/editor/login', { json: { token }, login: true });
export const logout = () => request('POST', '/api/editor/logout');

// {editor, csrf} or null when not logged in (a 401 here is the normal "not yet" answer).
export async function session() {
  try {
    return await request('GET', '/api/editor/session', { login: true });
  } catch (err) {
    if (err.status === 401) return null;
    throw err;
  }
}

export const queues = () => request('GET', '/api/editor/queues');
export const queue = (name, offset, limit) => request('GET', `/api/editor/queues/${enc(name)}?offset=${offset}&limit=${limit}`);
export const search = (q, offset, limit) => request('GET', `/api/editor/search?q=${enc(q)}&offset=${offset}&limit=${limit}`);
export const editorDocument = (id) => request('GET', `/api/editor/documents/${enc(id)}`);
export const saveOverride = (id, override) => request('PUT', `/api/editor/documents/${enc(id)}`, { json: override });
export const addNote = (id, text) => request('POST', `/api/editor/documents/${enc(id)}/notes`, { json: { text } });
export const merge = (kept, duplicate) => request('POST', '/api/editor/merges', { json: { kept, duplicate } });
export const unmerge = (duplicate) => request('DELETE', `/api/editor/merges/${enc(duplicate)}`);
export const rejectDuplicate = (a, b) => request('POST', '/api/editor/duplicates/reject', { json: { a, b } });
export const status = () => request('GET', '/api/editor/status');
export const audit = (id, limit = 50) => request('GET', `/api/editor/audit?doc=${enc(id)}&limit=${limit}`);

export function upload(files) {
  const form = new FormData();
  for (const file of files) form.append('file', file, file.name);
  return request('POST', '/api/editor/upload', { form });
}

// The public search, for the theme catalogue (facet values with their names).
export const themes = () => request('GET', '/api/editor/themes');
