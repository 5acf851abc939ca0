// The editors' search: any document, hidden and merged ones included, with its state, so an
// editor reaches every document from /redactie (not only those in a queue).
//   #/zoeken/QUERY[/OFFSET]
import { h, fill, formatNumber } from '../../js/dom.js';
import { kindName } from '../../js/labels.js';
import * as api from './api.js';
import { flagList } from './ui.js';

const kPageSize = 20;

// The search form; it goes to #/zoeken/QUERY (the view itself runs the search).
export function searchForm(query = '') {
  const input = h('input', {
    id: 'redactie-zoekvraag', type: 'search', name: 'q', value: query, autocomplete: 'off',
    placeholder: 'titel, woorden of bestandsnaam',
  });
  return h('form', {
    role: 'search', class: 'redactie-search', 'aria-label': 'Zoek een document',
    onsubmit: (e) => {
      e.preventDefault();
      window.location.hash = `#/zoeken/${encodeURIComponent(input.value.trim())}`;
    },
  },
  h('label', { for: 'redactie-zoekvraag' }, 'Zoek een document (ook verborgen en samengevoegde)'),
  h('div', { class: 'search-row' }, input, h('button', { type: 'submit', class: 'primary' }, 'Zoeken')));
}

export async function renderSearch(container, query, offset) {
  const answer = await api.search(query, offset, kPageSize);
  const items = answer.items || [];
  const total = answer.total || 0;
  const title = query ? `Zoeken: “${query}”` : 'Alle documenten';
  fill(container,
    h('nav', { 'aria-label': 'Kruimelpad' }, h('a', { href: '#/wachtrijen', class: 'back' }, '‹ Wachtrijen')),
    h('h2', { id: 'weergave-titel', tabindex: -1 }, title),
    searchForm(query),
    h('p', { class: 'muted', id: 'zoek-bereik' }, total
      ? `${formatNumber(total)} document${total === 1 ? '' : 'en'}${total > kPageSize ? `, ${formatNumber(offset + 1)}–${formatNumber(offset + items.length)} hier` : ''}.`
      : 'Geen document gevonden. Probeer andere woorden, of laat het zoekveld leeg voor alle documenten.'),
    h('ol', { class: 'queue-items redactie-hits', start: offset + 1 }, items.map(hit)),
    pager(query, offset, total));
}

function hit(item) {
  const state = [];
  if (item.merged_into) state.push(h('a', { href: `#/document/${encodeURIComponent(item.merged_into)}`, class: 'state state-merged' }, 'samengevoegd — naar het bewaarde document'));
  else if (item.hidden) state.push(h('span', { class: 'state state-hidden' }, 'verborgen'));
  else state.push(h('span', { class: 'state state-public' }, 'zichtbaar'));
  if (item.edited) state.push(h('span', { class: 'state state-edited' }, 'bewerkt'));
  return h('li', { class: 'queue-item' },
    h('h3', {}, h('a', { href: `#/document/${encodeURIComponent(item.id)}`, class: 'redactie-hit-title' }, item.title || item.id)),
    h('p', { class: 'muted small' }, [kindName(item.kind || 'overig'), item.year || 'jaar onbekend', item.path].filter(Boolean).join(' · ')),
    h('p', { class: 'states', 'aria-label': 'Staat' }, state.map((s, i) => [i ? ' ' : '', s])),
    flagList(item.review));
}

function pager(query, offset, total) {
  if (total <= kPageSize) return null;
  const link = (to, text, rel) => h('a', { href: `#/zoeken/${encodeURIComponent(query)}/${to}`, rel }, text);
  return h('nav', { class: 'pagination', 'aria-label': 'Paginering' }, h('ul', {},
    offset > 0 ? h('li', {}, link(Math.max(0, offset - kPageSize), '‹ Vorige', 'prev')) : null,
    offset + kPageSize < Math.min(total, 10000) ? h('li', {}, link(offset + kPageSize, 'Volgende ›', 'next')) : null));
}
