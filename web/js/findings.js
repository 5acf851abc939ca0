// "Wat we al weten": the passages that best answer the query, above the result list, each cited
// to its page (a link that opens a PDF at that page) with its reference from the server, and
// marked on request to go along with the export of the result list.
import { h, fill, markedText } from './dom.js';
import { stateUrl } from './state.js';
import { fileUrl, documentReference, documentExportUrl } from './api.js';
import { isMarked, toggleMark } from './marks.js';

// passages: the answer of /api/passages, or null when there is none (no query, an older index).
export function renderFindings(container, { state, passages }) {
  const list = passages?.passages || [];
  container.hidden = list.length === 0;
  if (!list.length) {
    fill(container);
    return;
  }
  fill(container,
    h('h2', { id: 'bevindingen-titel' }, 'Wat we al weten'),
    h('p', { class: 'findings-lead' },
      'Passages uit de documenten die het meest op uw vraag ingaan, met de pagina waar ze staan.'),
    h('ol', { class: 'findings-list' }, list.map((p) => findingItem(p, state))));
}

function findingItem(p, state) {
  const docState = { ...state, doc: p.id };
  // A page read by OCR says so: its text may hold recognition errors.
  const pageLabel = p.ocr ? `p. ${p.page} (OCR)` : `p. ${p.page}`;
  const page = p.format === 'pdf'
    ? h('a', { href: fileUrl(p.id, p.page), class: 'finding-page', target: '_blank', rel: 'noopener' },
      pageLabel, h('span', { class: 'visually-hidden' }, ` van ${p.title || 'het document'} (pdf)`))
    : h('span', { class: 'finding-page' }, pageLabel);
  const source = [p.year || 'jaar onbekend'];
  if (p.section) source.push(p.section);
  return h('li', { class: 'finding' },
    h('blockquote', { class: 'finding-text' }, markedText(p.text)),
    h('p', { class: 'finding-source' },
      h('a', { href: stateUrl(docState), class: 'finding-title' }, p.title || 'Zonder titel'),
      ` · ${source.join(' · ')} · `, page),
    h('div', { class: 'finding-actions' }, markControl(p), citeControl(p)));
}

// "Markeer voor export": the passage goes along with the export of the result list.
function markControl(p) {
  if (!p.key) return null;  // an older daemon gives no keys
  const button = h('button', {
    type: 'button', class: 'finding-mark', 'aria-pressed': isMarked(p) ? 'true' : 'false',
  }, 'Markeer voor export');
  button.addEventListener('click', () => {
    button.setAttribute('aria-pressed', toggleMark(p) ? 'true' : 'false');
  });
  return button;
}

// "Citeer": the document's APA reference from the server, with the passage's page.
function citeControl(p) {
  const output = h('p', { class: 'finding-citation', 'aria-live': 'polite' });
  const details = h('details', { class: 'finding-cite' }, h('summary', {}, 'Citeer'), output);
  details.addEventListener('toggle', async () => {
    if (!details.open || output.textContent) return;
    output.textContent = 'Bezig met laden…';
    const reference = await documentReference(p.id);
    output.textContent = reference
      ? `${reference} (p. ${p.page})`
      : 'De bronvermelding kon niet worden geladen. Probeer het later opnieuw.';
  });
  // The same reference for a reference manager, with the page (RIS: SP).
  details.append(h('p', { class: 'finding-ris' },
    h('a', { href: `${documentExportUrl(p.id, 'ris')}&page=${p.page}`, download: 'passage.ris' },
      'Download als RIS (met paginanummer)')));
  return details;
}
