// Upload of PDF and text files into the managed corpus folder; each file, once kb-indexer has
// indexed it, opens in the editor so the extracted metadata can be confirmed or corrected.
import { h, fill } from '../../js/dom.js';
import { uploadExtensions } from '../../js/labels.js';
import * as api from './api.js';
import { renderEditor } from './editor.js';
import { errorBox, sleep } from './ui.js';

const kWaitMs = 120_000;

export function renderUpload(container) {
  const input = h('input', {
    id: 'bestanden', type: 'file', multiple: true, accept: [...uploadExtensions(), 'application/pdf', 'text/plain', 'text/markdown'].join(','),
    class: 'file-input', 'aria-describedby': 'bestanden-gekozen bestanden-hint bestanden-fout',
    // The browser's own button speaks the browser's language ("Choose Files"); ours is Dutch.
    onchange: () => { chosen.textContent = chosenText([...input.files]); },
  });
  const chosen = h('span', { class: 'file-chosen', id: 'bestanden-gekozen' }, chosenText([]));
  const errorEl = h('p', { class: 'field-error', id: 'bestanden-fout', hidden: true });
  const results = h('ol', { class: 'upload-results', 'aria-live': 'polite' });
  const button = h('button', { type: 'submit', class: 'primary' }, 'Uploaden');
  const form = h('form', {
    class: 'upload-form',
    onsubmit: async (e) => {
      e.preventDefault();
      errorEl.hidden = true;
      input.removeAttribute('aria-invalid');
      const files = [...input.files];
      const problem = checkFiles(files);
      if (problem) {
        errorEl.textContent = problem;
        errorEl.hidden = false;
        input.setAttribute('aria-invalid', 'true');
        input.focus();
        return;
      }
      button.disabled = true;
      try {
        const answer = await api.upload(files);
        for (const file of answer.files || []) results.append(uploadedItem(file));
        form.reset();
        chosen.textContent = chosenText([]);
      } catch (err) {
        errorEl.textContent = err.message;
        errorEl.hidden = false;
        input.setAttribute('aria-invalid', 'true');
        input.focus();
      } finally {
        button.disabled = false;
      }
    },
  },
  h('div', { class: 'field' },
    h('span', { class: 'field-label' }, 'Bestanden'),
    h('div', { class: 'file-picker' },
      input,
      h('label', { for: 'bestanden', class: 'button secondary file-button' }, 'Kies bestanden'),
      chosen),
    h('p', { class: 'hint', id: 'bestanden-hint' }, `Rapporten, artikelen en andere documenten (${uploadExtensions().join(', ')}); u kunt er meer tegelijk kiezen. Elk bestand komt in de beheerde documentmap en wordt meteen geïndexeerd.`),
    errorEl),
  button);
  fill(container,
    h('nav', { 'aria-label': 'Kruimelpad' }, h('a', { href: '#/wachtrijen', class: 'back' }, '‹ Alle wachtrijen')),
    h('h2', { id: 'weergave-titel', tabindex: -1 }, 'Documenten toevoegen'),
    form, results);
}

function checkFiles(files) {
  if (!files.length) return 'Kies eerst een of meer bestanden.';
  const accepted = uploadExtensions();
  const wrong = files.filter((f) => !accepted.some((ext) => f.name.toLowerCase().endsWith(ext)));
  if (wrong.length) {
    return `Alleen bestanden met deze extensies kunnen worden toegevoegd: ${accepted.join(', ')}. Niet: ${wrong.map((f) => f.name).join(', ')}.`;
  }
  const empty = files.filter((f) => f.size === 0);
  if (empty.length) return `Leeg bestand: ${empty.map((f) => f.name).join(', ')}.`;
  return '';
}

// One uploaded file: "wacht op indexering", then its metadata in the editor.
function uploadedItem(file) {
  const box = h('div', { class: 'upload-editor' }, h('p', { class: 'muted', role: 'status' }, 'Geüpload; wacht tot het document geïndexeerd is…'));
  const item = h('li', { class: 'upload-item', dataset: { doc: file.id } },
    h('h3', {}, file.name),
    h('p', { class: 'hit-meta' }, file.path || ''),
    box);
  waitAndEdit(box, file);
  return item;
}

async function waitAndEdit(box, file) {
  const deadline = Date.now() + kWaitMs;
  while (Date.now() < deadline) {
    try {
      await api.editorDocument(file.id);
      fill(box, h('p', {}, 'Geïndexeerd. Controleer de gegevens die uit het bestand gehaald zijn en sla ze op, of verbeter ze eerst.'));
      const editorBox = h('div', {});
      box.append(editorBox);
      await renderEditor(editorBox, file.id, { heading: 'inline', upload: true });
      return;
    } catch (err) {
      if (err.status !== 404) {
        fill(box, errorBox(err));
        return;
      }
    }
    await sleep(1000);
  }
  fill(box, errorBox(new Error('Het document is na twee minuten nog niet geïndexeerd. Draait kb-indexer, en is de uploadmap een van de mappen die hij indexeert?')));
}

// What the picker holds, in words.
function chosenText(files) {
  if (!files.length) return 'Nog geen bestand gekozen.';
  if (files.length === 1) return `Gekozen: ${files[0].name}`;
  return `${files.length} bestanden gekozen: ${files.map((f) => f.name).join(', ')}`;
}
