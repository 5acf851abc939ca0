// The "Mogelijke dubbelen" queue: two documents side by side, the editor keeps one ("Samenvoegen")
// or says they differ ("Geen dubbel"). The default choice keeps the PDF, or else the longer text.
import { h, fill } from '../../js/dom.js';
import * as api from './api.js';
import { trackSave, announceChange } from './status.js';
import { pagesOf, textLength, formatName } from './ui.js';

const kFirstPageChars = 1500;
let pairs = 0;

export function renderDuplicates(items) {
  if (!items.length) return null;
  return h('ol', { class: 'dup-pairs' }, items.map((item) => pairView(item)));
}

// Which of the two to keep when nothing else is known: the PDF, or else the longer text.
export function defaultKeep(a, b, lengths) {
  const pdfA = a.format === 'pdf';
  const pdfB = b.format === 'pdf';
  if (pdfA !== pdfB) return pdfA ? a.id : b.id;
  return (lengths[b.id] || 0) > (lengths[a.id] || 0) ? b.id : a.id;
}

function pairView(item) {
  const n = ++pairs;
  const { a, b } = item;
  const lengths = {};
  let chosenByEditor = false;
  const status = h('p', { class: 'save-status', role: 'status' });
  const error = h('div', { class: 'error', role: 'alert', hidden: true });
  const sides = h('div', { class: 'dup-sides' }, side(n, a), side(n, b));
  const radios = () => [...sides.querySelectorAll('input[type="radio"]')];
  const choose = (id) => { for (const r of radios()) r.checked = r.value === id; };
  sides.addEventListener('change', () => { chosenByEditor = true; });
  choose(defaultKeep(a, b, lengths));

  // The first page of each, and the lengths the default choice needs.
  Promise.all([a, b].map((d) => api.editorDocument(d.id).then((answer) => {
    const doc = answer.document;
    lengths[d.id] = textLength(doc);
    const first = pagesOf(doc)[0]?.text || '';
    const box = sides.querySelector(`[data-text-of="${CSS.escape(d.id)}"]`);
    fill(box, first ? first.slice(0, kFirstPageChars).trim() + (first.length > kFirstPageChars ? ' …' : '') : '(geen tekst)');
    const size = sides.querySelector(`[data-size-of="${CSS.escape(d.id)}"]`);
    const pages = pagesOf(doc).length;
    size.textContent = `${pages} ${pages === 1 ? 'pagina' : 'pagina’s'}, ${lengths[d.id].toLocaleString('nl-NL')} tekens`;
  }).catch((err) => {
    fill(sides.querySelector(`[data-text-of="${CSS.escape(d.id)}"]`), err.message);
  }))).then(() => { if (!chosenByEditor) choose(defaultKeep(a, b, lengths)); });

  const buttons = h('div', { class: 'button-row' });
  const act = async (what) => {
    error.hidden = true;
    for (const button of buttons.querySelectorAll('button')) button.disabled = true;
    const kept = radios().find((r) => r.checked)?.value || a.id;
    const keptDoc = kept === a.id ? a : b;
    const dupDoc = kept === a.id ? b : a;
    try {
      if (what === 'merge') {
        await api.merge(keptDoc.id, dupDoc.id);
        fill(buttons, h('p', { class: 'done' }, `Samengevoegd: “${keptDoc.title}” blijft; “${dupDoc.title}” verdwijnt uit de zoekresultaten en staat bij het behouden document als “ook gepubliceerd als”.`));
        trackSave(status);
      } else {
        await api.rejectDuplicate(a.id, b.id);
        announceChange();
        fill(buttons, h('p', { class: 'done' }, 'Genoteerd: dit zijn twee verschillende documenten. Het paar komt niet meer terug in deze wachtrij.'));
      }
      for (const r of radios()) r.disabled = true;
      buttons.setAttribute('tabindex', '-1');
      buttons.focus();
    } catch (err) {
      error.textContent = err.message;
      error.hidden = false;
      for (const button of buttons.querySelectorAll('button')) button.disabled = false;
    }
  };
  buttons.append(
    h('button', { type: 'button', class: 'primary', dataset: { action: 'merge' }, onclick: () => act('merge') }, 'Samenvoegen'),
    h('button', { type: 'button', class: 'secondary', dataset: { action: 'reject' }, onclick: () => act('reject') }, 'Geen dubbel'));

  const similarity = Math.round((item.similarity || 0) * 100);
  return h('li', { class: 'dup-pair', dataset: { a: a.id, b: b.id } },
    h('h3', { id: `paar-${n}` }, `Mogelijk dubbel — ${similarity}% overeenkomst`),
    h('fieldset', { class: 'dup-choice', 'aria-labelledby': `paar-${n} paar-${n}-vraag` },
      h('legend', { id: `paar-${n}-vraag` }, 'Welk document blijft in de zoekresultaten?'),
      sides),
    buttons, error, status);
}

function side(n, d) {
  const id = `paar-${n}-${d.id}`.replace(/[^\w-]/g, '_');
  return h('div', { class: 'dup-side' },
    h('div', { class: 'dup-keep' },
      h('input', { type: 'radio', name: `behoud-${n}`, id, value: d.id }),
      h('label', { for: id }, 'Deze behouden')),
    h('h4', {}, h('a', { href: `#/document/${encodeURIComponent(d.id)}` }, d.title || 'Zonder titel')),
    h('p', { class: 'hit-meta' }, formatName(d.format), ' · ', h('span', { dataset: { sizeOf: d.id } }, '…')),
    h('p', { class: 'path small' }, d.path || ''),
    h('div', {
      class: 'dup-text', tabindex: 0, role: 'region', 'aria-label': `Eerste pagina van ${d.title || d.id}`, dataset: { textOf: d.id },
    }, 'Tekst laden…'));
}
