// The review queues: the overview with counts, and one queue's items with paging. Every item can
// be fixed in place (the editor opens inside it), and a low-confidence tag can be confirmed or
// rejected with one button.
import { h, fill, formatNumber } from '../../js/dom.js';
import { kindName } from '../../js/labels.js';
import * as api from './api.js';
import { renderEditor, decideQuickly } from './editor.js';
import { renderDuplicates } from './duplicates.js';
import { trackSave } from './status.js';
import { flagList, formatName, formatScore, formatTime, metaLine, personalDataLine } from './ui.js';
import { searchForm } from './search.js';

export const kPageSize = 20;

// The open queue's count refresher (one at a time: the view that is on screen).
let refreshCount = null;
window.addEventListener('redactie-changed', () => refreshCount?.());

export async function renderOverview(container) {
  const [answer, state] = await Promise.all([api.queues(), api.status().catch(() => null)]);
  fill(container,
    h('h2', { id: 'weergave-titel', tabindex: -1 }, 'Wachtrijen'),
    searchForm(),
    h('p', {}, 'Documenten die de machine niet zeker wist. Open een wachtrij en verbeter de documenten één voor één.'),
    h('ul', { class: 'queue-list' }, answer.queues.map((q) => h('li', {},
      h('a', { href: `#/wachtrij/${encodeURIComponent(q.name)}`, class: 'queue-card', dataset: { queue: q.name } },
        h('span', { class: 'queue-label' }, q.label),
        h('span', { class: 'queue-count', 'aria-label': `${formatNumber(q.count)} documenten` }, formatNumber(q.count)))))),
    state ? h('p', { class: 'muted small index-state' },
      `Index: ${formatNumber(state.documents)} documenten`,
      state.last_update ? `, bijgewerkt ${formatTime(state.last_update)}` : '',
      state.pending ? ` — ${state.pending} wijziging${state.pending === 1 ? '' : 'en'} wachten op verwerking.` : '.')
      : null,
    h('p', {}, h('a', { href: '#/upload' }, 'Nieuwe documenten uploaden')));
}

export async function renderQueue(container, name, offset) {
  const [all, page] = await Promise.all([api.queues(), api.queue(name, offset, kPageSize)]);
  const label = all.queues.find((q) => q.name === name)?.label || name;
  const total = page.total ?? 0;
  const items = page.items || [];
  const range = total
    ? `Documenten ${formatNumber(offset + 1)}–${formatNumber(offset + items.length)} van ${formatNumber(total)}`
    : 'Deze wachtrij is leeg. Goed werk!';
  const heading = h('h2', { id: 'weergave-titel', tabindex: -1 }, `${label} (${formatNumber(total)})`);
  const rangeEl = h('p', { class: 'muted', id: 'wachtrij-bereik' }, range);
  // After every action the count follows (a merge leaves the duplicates queue once it is live).
  refreshCount = async () => {
    if (!heading.isConnected) return;
    try {
      const fresh = await api.queue(name, offset, kPageSize);
      heading.textContent = `${label} (${formatNumber(fresh.total ?? 0)})`;
      rangeEl.textContent = fresh.total
        ? `Documenten ${formatNumber(offset + 1)}–${formatNumber(offset + (fresh.items || []).length)} van ${formatNumber(fresh.total)}`
        : 'Deze wachtrij is leeg. Goed werk!';
    } catch {
      // The count stays as it was; "Vernieuwen" tries again.
    }
  };
  const refresh = h('button', { type: 'button', class: 'secondary', onclick: () => window.dispatchEvent(new HashChangeEvent('hashchange')) }, 'Vernieuwen');
  fill(container,
    h('nav', { 'aria-label': 'Kruimelpad' }, h('a', { href: '#/wachtrijen', class: 'back' }, '‹ Alle wachtrijen')),
    h('div', { class: 'results-head' }, heading, refresh),
    rangeEl,
    name === 'duplicates'
      ? renderDuplicates(items)
      : h('ol', { class: 'queue-items', start: offset + 1 }, items.map((item) => queueItem(item))),
    pager(name, offset, total));
}

function pager(name, offset, total) {
  if (total <= kPageSize) return null;
  const link = (to, text, rel) => h('a', { href: `#/wachtrij/${encodeURIComponent(name)}/${to}`, rel }, text);
  const pages = Math.ceil(total / kPageSize);
  const current = Math.floor(offset / kPageSize) + 1;
  return h('nav', { class: 'pagination', 'aria-label': 'Paginering' }, h('ul', {},
    offset > 0 ? h('li', {}, link(Math.max(0, offset - kPageSize), '‹ Vorige', 'prev')) : null,
    h('li', {}, h('span', { class: 'current', 'aria-current': 'page' }, `Pagina ${current} van ${pages}`)),
    offset + kPageSize < total ? h('li', {}, link(offset + kPageSize, 'Volgende ›', 'next')) : null));
}

function queueItem(item) {
  const editId = `bewerk-${String(item.id).replace(/[^\w-]/g, '_')}`;
  const editBox = h('div', { class: 'inline-editor', id: editId, hidden: true });
  const toggle = h('button', {
    type: 'button', class: 'secondary', 'aria-expanded': 'false', 'aria-controls': editId,
    onclick: async () => {
      const open = toggle.getAttribute('aria-expanded') === 'true';
      toggle.setAttribute('aria-expanded', String(!open));
      toggle.textContent = open ? 'Hier bewerken' : 'Sluiten';
      editBox.hidden = open;
      if (!open && !editBox.firstChild) {
        const editor = await renderEditor(editBox, item.id, { heading: 'inline', toConfirm: item.to_confirm });
        editBox.querySelector('input, select')?.focus();
        return editor;
      }
      return null;
    },
  }, 'Hier bewerken');
  return h('li', { class: 'queue-item', dataset: { doc: item.id } },
    h('article', { 'aria-labelledby': `${editId}-titel` },
      h('h3', { id: `${editId}-titel` }, h('a', { href: `#/document/${encodeURIComponent(item.id)}` }, item.title || 'Zonder titel')),
      metaLine([kindName(item.kind || 'overig'), item.date || 'datum onbekend', formatName(item.format), item.path]),
      flagList(item.review),
      personalDataLine(item.personal_data),
      tagSummary(item),
      confirmBox(item),
      h('div', { class: 'button-row' }, toggle),
      editBox));
}

function tagSummary(item) {
  const themes = (item.themes || []).map((t) => t.name || t.slug || t);
  const gemeenten = (item.gemeenten || []).map((g) => g.name || g.code || g);
  if (!themes.length && !gemeenten.length) return null;
  return h('p', { class: 'small' },
    themes.length ? [h('strong', {}, 'Thema’s: '), themes.join(', ')] : null,
    themes.length && gemeenten.length ? ' · ' : null,
    gemeenten.length ? [h('strong', {}, 'Gemeenten: '), gemeenten.join(', ')] : null);
}

// The low-confidence tags of an item, each with "Bevestig" and "Wijs af".
function confirmBox(item) {
  const themes = (item.to_confirm?.themes || []).map((t) => ({ kind: 'theme', value: t.slug, label: t.name || t.slug, detail: t.score != null ? `score ${formatScore(t.score)}` : '' }));
  const gemeenten = (item.to_confirm?.gemeenten || []).map((g) => ({ kind: 'gemeente', value: g.code, label: g.name || g.code, detail: g.mentions != null ? `${g.mentions}× genoemd` : '' }));
  const tags = [...themes, ...gemeenten];
  if (!tags.length) return null;
  return h('div', { class: 'confirm-box' },
    h('p', { class: 'confirm-title' }, tags.length === 1 ? 'Klopt deze tag?' : 'Kloppen deze tags?'),
    h('ul', { class: 'tag-edit' }, tags.map((tag) => confirmRow(item, tag))));
}

function confirmRow(item, tag) {
  const noun = tag.kind === 'theme' ? 'thema' : 'gemeente';
  const status = h('span', { class: 'save-status', role: 'status' });
  const buttons = h('span', { class: 'tag-buttons' });
  const decide = async (decision) => {
    for (const b of buttons.querySelectorAll('button')) b.disabled = true;
    try {
      await decideQuickly(item.id, tag.kind, tag.value, decision);
      row.classList.add(decision === 'confirm' ? 'confirmed' : 'removed');
      buttons.replaceChildren(h('span', { class: `badge ${decision === 'confirm' ? 'confirmed' : 'removed'}` },
        decision === 'confirm' ? 'bevestigd' : 'afgewezen'));
      trackSave(status);
    } catch (err) {
      status.textContent = err.message;
      for (const b of buttons.querySelectorAll('button')) b.disabled = false;
    }
  };
  buttons.append(
    h('button', { type: 'button', class: 'tag-action ok', 'aria-label': `Bevestig ${noun} ${tag.label}`, onclick: () => decide('confirm') }, 'Bevestig'),
    h('button', { type: 'button', class: 'tag-action no', 'aria-label': `Wijs ${noun} ${tag.label} af`, onclick: () => decide('reject') }, 'Wijs af'));
  const row = h('li', { class: 'tag-item confirm', dataset: { kind: tag.kind, value: tag.value } },
    h('span', { class: 'tag-label' }, `${tag.kind === 'theme' ? 'Thema' : 'Gemeente'}: ${tag.label}`),
    tag.detail ? h('span', { class: 'tag-detail' }, tag.detail) : null,
    buttons, status);
  return row;
}
