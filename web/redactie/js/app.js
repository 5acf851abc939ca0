// The editors' pages (/redactie): login, the review queues, one document, duplicates, upload.
// Views live in the URL fragment so back/forward and links work:
//   #/wachtrijen   #/wachtrij/NAME[/OFFSET]   #/document/ID   #/upload   #/zoeken/QUERY[/OFFSET]
// Anything else in the fragment (a skip link's "#inhoud") is not a view and changes nothing.
import { h, fill } from '../../js/dom.js';
import { loadCatalog } from '../../js/labels.js';
import * as api from './api.js';
import { renderOverview, renderQueue } from './queues.js';
import { renderEditor } from './editor.js';
import { renderUpload } from './upload.js';
import { renderSearch } from './search.js';
import { errorBox } from './ui.js';

const $ = (id) => document.getElementById(id);
const els = {
  view: $('weergave'), menu: $('hoofdmenu'), account: $('account'), who: $('ingelogd-als'),
  logout: $('uitloggen'), announce: $('melding'),
};

let editor = null;  // the logged-in editor's name, or null
let renderToken = 0;

function route() {
  const parts = window.location.hash.replace(/^#\/?/, '').split('/').map(decodeURIComponent);
  switch (parts[0]) {
    case 'wachtrij': return { view: 'queue', name: parts[1] || '', offset: Math.max(0, Number.parseInt(parts[2] || '0', 10) || 0) };
    case 'document': return { view: 'document', id: parts[1] || '' };
    case 'upload': return { view: 'upload' };
    case 'zoeken': return { view: 'search', q: parts[1] || '', offset: Math.max(0, Number.parseInt(parts[2] || '0', 10) || 0) };
    default: return { view: 'overview' };
  }
}

function isViewHash() {
  const hash = window.location.hash;
  return hash === '' || hash === '#' || hash.startsWith('#/');
}

async function render({ focus = true } = {}) {
  const token = ++renderToken;
  if (!editor) return showLogin();
  const r = route();
  els.view.setAttribute('aria-busy', 'true');
  markMenu(r.view);
  // Each render draws into a container of its own: an answer that arrives after the user has
  // moved on fills a container no longer on the page, never the view that replaced it.
  const view = h('div');
  fill(els.view, view);
  try {
    if (r.view === 'queue') await renderQueue(view, r.name, r.offset);
    else if (r.view === 'document') await renderDocumentPage(view, r.id);
    else if (r.view === 'upload') renderUpload(view);
    else if (r.view === 'search') await renderSearch(view, r.q, r.offset);
    else await renderOverview(view);
  } catch (err) {
    if (token !== renderToken || !editor) return;
    fill(view, h('h2', { id: 'weergave-titel', tabindex: -1 }, 'Dat lukte niet'), errorBox(err,
      h('p', {}, h('a', { href: '#/wachtrijen' }, 'Naar de wachtrijen'))));
  } finally {
    els.view.removeAttribute('aria-busy');
  }
  if (token !== renderToken) return;
  const title = $('weergave-titel') || els.view.querySelector('h2');
  document.title = `${title ? `${title.textContent} — ` : ''}Redactie — Wat weten we al?`;
  if (focus) title?.focus();
}

async function renderDocumentPage(view, id) {
  fill(view,
    h('nav', { 'aria-label': 'Kruimelpad' }, h('a', {
      href: '#/wachtrijen', class: 'back',
      onclick: (e) => { if (window.history.length > 1) { e.preventDefault(); window.history.back(); } },
    }, '‹ Terug')),
    h('div', { id: 'document-editor' }));
  await renderEditor($('document-editor'), id, { heading: 'page' });
}

function markMenu(view) {
  for (const a of els.menu.querySelectorAll('a[data-view]')) {
    if (a.dataset.view === view || (view === 'queue' && a.dataset.view === 'overview')) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
}

function setEditor(session) {
  editor = session?.editor || null;
  api.setCsrf(session?.csrf || '');
  els.menu.hidden = !editor;
  els.account.hidden = !editor;
  els.who.textContent = editor ? `Ingelogd als ${editor}` : '';
}

function showLogin(message = '') {
  setEditor(null);
  document.title = 'Inloggen — Redactie — Wat weten we al?';
  const input = h('input', {
    id: 'token', name: 'token', type: 'password', autocomplete: 'current-password', required: true,
    spellcheck: 'false', 'aria-describedby': 'token-hint token-fout',
  });
  const errorEl = h('p', { class: 'field-error', id: 'token-fout', role: 'alert', hidden: !message }, message);
  const button = h('button', { type: 'submit', class: 'primary' }, 'Inloggen');
  const form = h('form', {
    id: 'inlogformulier', class: 'login-form', novalidate: true,
    onsubmit: async (e) => {
      e.preventDefault();
      const token = input.value.trim();
      if (!token) {
        fail('Vul uw toegangscode in.');
        return;
      }
      button.disabled = true;
      try {
        const session = await api.login(token);
        input.value = '';
        setEditor(session);
        announce(`Ingelogd als ${session.editor}.`);
        render();
      } catch (err) {
        fail(err.message);
      } finally {
        button.disabled = false;
      }
    },
  },
  h('div', { class: 'field' },
    h('label', { for: 'token' }, 'Toegangscode'),
    input,
    h('p', { class: 'hint', id: 'token-hint' }, 'De code die de beheerder voor u maakte met kb-admin editor add NAAM.'),
    errorEl),
  button);
  function fail(text) {
    errorEl.textContent = text;
    errorEl.hidden = false;
    input.setAttribute('aria-invalid', 'true');
    input.focus();
  }
  fill(els.view,
    h('section', { class: 'login', 'aria-labelledby': 'weergave-titel' },
      h('h2', { id: 'weergave-titel', tabindex: -1 }, 'Inloggen voor de redactie'),
      h('p', {}, 'Hier verbeteren redacteuren titels, datums, thema’s en regio’s, voegen ze dubbele documenten samen en voegen ze nieuwe documenten toe.'),
      form,
      h('p', { class: 'muted' }, 'Zoeken kan zonder inloggen: ', h('a', { href: '/' }, 'naar de zoekpagina'), '.')));
  input.focus();
}

function announce(text) {
  els.announce.textContent = text;
}

els.logout.addEventListener('click', async () => {
  try {
    await api.logout();
  } catch {
    // Logged out anyway: the session is gone or will expire; the page forgets it.
  }
  showLogin();
  announce('U bent uitgelogd.');
});

api.whenUnauthenticated((err) => {
  if (editor) showLogin(err.message);
});

window.addEventListener('hashchange', () => {
  if (isViewHash()) render();
});

async function start() {
  await loadCatalog();
  try {
    setEditor(await api.session());
  } catch (err) {
    fill(els.view, errorBox(err));
    return;
  }
  render({ focus: false });
}

start();
