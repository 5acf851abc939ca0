// One document, fixed in place: title, date, kind, organisation, themes, gemeenten, provincies,
// low-confidence tags to confirm or reject, hiding; the document's text beside the form; notes and
// the audit history below. Used on its own page, inside a queue item and after an upload.
import { h, fill } from '../../js/dom.js';
import { themeName, gemeenteName, kindName, kindList, evidenceName, evidenceList } from '../../js/labels.js';
import * as api from './api.js';
import { kProvincieNames, loadThemes, withThemes, loadGemeenten, findGemeente } from './catalog.js';
import { machineOf, formState, overrideFrom, validate, decideTag } from './model.js';
import { trackSave } from './status.js';
import { errorBox, flagList, pagesOf, formatName, formatTime, formatScore, personalDataLine } from './ui.js';
import { auditList } from './audit.js';

const kMaxPages = 40;
let instances = 0;

// Which override keys a validation error can name, and the form part that shows it.
const kFieldOf = (key) => {
  if (['title', 'date', 'kind', 'evidence', 'organisation', 'hidden'].includes(key)) return key;
  const group = /^(themes|gemeenten|provincies)_/.exec(key);
  return group ? group[1] : '';
};

// Low-confidence tags of a document as {themes: Set, gemeenten: Set}: from the queue item the
// editor came from, or else looked up in the low-confidence queue.
async function toConfirmFor(doc, given) {
  const sets = (tc) => ({
    themes: new Set((tc?.themes || []).map((t) => t.slug || t)),
    gemeenten: new Set((tc?.gemeenten || []).map((g) => g.code || g)),
  });
  if (given) return sets(given);
  if (!doc.review?.includes('low-confidence')) return sets(null);
  for (let offset = 0; offset < 1000; offset += 100) {
    const page = await api.queue('low-confidence', offset, 100).catch(() => null);
    const item = page?.items?.find((i) => i.id === doc.id);
    if (item) return sets(item.to_confirm);
    if (!page || offset + 100 >= page.total) break;
  }
  return sets(null);
}

// Confirms or rejects one machine tag without opening the form (the queue's quick buttons).
export async function decideQuickly(id, kind, value, decision) {
  const data = await api.editorDocument(id);
  const machine = machineOf(data.document);
  const state = decideTag(formState(machine, data.override), kind, value, decision);
  return api.saveOverride(id, overrideFrom(machine, state));
}

// options: {heading: 'page' | 'inline', toConfirm, upload: bool, onSaved(editor)}
export async function renderEditor(container, id, options = {}) {
  container.setAttribute('aria-busy', 'true');
  fill(container, h('p', { class: 'muted' }, 'Document laden…'));
  try {
    const [data, themes, gemeenten] = await Promise.all([api.editorDocument(id), loadThemes(), loadGemeenten()]);
    const toConfirm = await toConfirmFor(data.document, options.toConfirm);
    const editor = new DocumentEditor(container, { data, themes, gemeenten, toConfirm }, options);
    editor.render();
    return editor;
  } catch (err) {
    fill(container, errorBox(err));
    return null;
  } finally {
    container.removeAttribute('aria-busy');
  }
}


// Which pages were read by OCR (text recognition on a scan): their text may hold recognition
// errors, so an editor checks titles and names against the original.
function ocrLine(ocrPages, pageCount) {
  if (!ocrPages.length) return null;
  const sorted = [...ocrPages].sort((a, b) => a - b);
  const which = sorted.length === pageCount && pageCount > 1
    ? 'Alle pagina’s zijn'
    : `${sorted.length === 1 ? 'Pagina' : 'Pagina’s'} ${sorted.join(', ')} ${sorted.length === 1 ? 'is' : 'zijn'}`;
  return h('p', { class: 'small ocr-pages' },
    `${which} met tekstherkenning (OCR) uit een scan gelezen; de tekst kan herkenningsfouten bevatten. `
    + 'Vergelijk titel en namen met het origineel.');
}

class DocumentEditor {
  constructor(container, { data, themes, gemeenten, toConfirm }, options) {
    this.container = container;
    this.options = options;
    this.doc = data.document;
    this.override = data.override || {};
    this.notes = data.notes || [];
    this.audit = data.audit || [];
    this.machine = machineOf(this.doc);
    this.state = formState(this.machine, this.override);
    this.themes = withThemes(themes, this.machine.themes);
    this.gemeenten = gemeenten;
    this.toConfirm = toConfirm;
    this.p = `e${++instances}`;
    this.controls = {};  // form part -> the element a message about it belongs to
    this.groups = {};
  }

  render() {
    const { doc, p } = this;
    const pageView = this.options.heading === 'page';
    this.heading = pageView
      ? h('h2', { id: `${p}-kop`, tabindex: -1, class: 'doc-heading' }, doc.title || 'Zonder titel')
      : h('h4', { id: `${p}-kop` }, 'Gegevens bewerken');
    const { heading } = this;
    this.statusEl = h('p', { class: 'save-status', role: 'status', id: `${p}-status` });
    this.generalError = h('div', { class: 'error', role: 'alert', tabindex: -1, hidden: true });
    this.saveButton = h('button', { type: 'submit', class: 'primary', id: `${p}-opslaan` }, 'Opslaan');
    const form = h('form', {
      class: 'edit-form', novalidate: true, 'aria-labelledby': `${p}-kop`,
      onsubmit: (e) => { e.preventDefault(); this.save(); },
    },
    pageView ? null : heading,
    this.textField('title', 'Titel', this.state.title, this.machine.title),
    h('div', { class: 'field-pair' },
      this.textField('date', 'Datum', this.state.date, this.machine.date,
        { placeholder: 'JJJJ-MM-DD', inputmode: 'numeric', hint: 'JJJJ, JJJJ-MM of JJJJ-MM-DD; leeg = onbekend.' }),
      this.kindField()),
    this.evidenceField(),
    this.textField('organisation', 'Organisatie of auteur', this.state.organisation, this.machine.organisation),
    this.group('themes', 'Thema’s'),
    this.group('gemeenten', 'Gemeenten'),
    this.group('provincies', 'Provincies'),
    this.hiddenField(),
    this.generalError,
    h('div', { class: 'button-row' },
      this.saveButton,
      this.options.upload ? h('button', {
        type: 'button', class: 'secondary', id: `${p}-bevestig-alles`,
        onclick: () => this.save({ confirmAll: true }),
      }, 'Opslaan en alle tags bevestigen') : null),
    this.statusEl);

    const layout = h('div', { class: 'edit-layout' }, form, this.textPanel());
    this.auditBox = h('div', { class: 'audit' });
    // On its own page the document's name, facts and state head the page; inside a queue item
    // the item shows them already.
    const head = pageView ? [heading, this.facts(), flagList(doc.review), personalDataLine(doc.personal_data)] : [];
    fill(this.container, head, this.mergeBanner(), layout, h('div', { class: 'edit-extra' }, this.notesSection(), this.auditBox));
    for (const kind of Object.keys(this.groups)) this.renderGroup(kind);
    this.renderAudit();
  }

  facts() {
    const { doc } = this;
    return h('p', { class: 'hit-meta' },
      [formatName(doc.format), doc.path, `id ${doc.id}`].filter(Boolean).join(' · '), ' · ',
      h('a', { href: `/?doc=${encodeURIComponent(doc.id)}`, target: '_blank', rel: 'noopener' }, 'bekijk op de zoekpagina'),
      doc.edited ? h('span', { class: 'badge' }, 'bewerkt') : null,
      doc.hidden ? h('span', { class: 'badge warn' }, 'verborgen') : null);
  }

  mergeBanner() {
    const { doc } = this;
    const parts = [];
    if (doc.merged_into) {
      const status = h('p', { class: 'save-status', role: 'status' });
      parts.push(h('div', { class: 'notice' },
        h('p', {}, 'Dit document is samengevoegd met ',
          h('a', { href: `#/document/${encodeURIComponent(doc.merged_into)}` }, 'het behouden document'),
          ' en verschijnt niet in de zoekresultaten.'),
        h('button', {
          type: 'button', class: 'secondary',
          onclick: async (e) => {
            e.target.disabled = true;
            try {
              await api.unmerge(doc.id);
              trackSave(status);
            } catch (err) {
              status.textContent = err.message;
              e.target.disabled = false;
            }
          },
        }, 'Samenvoegen ongedaan maken'),
        status));
    }
    if (doc.also_published_as?.length) {
      parts.push(h('p', { class: 'notice' }, 'Ook gepubliceerd als: ',
        doc.also_published_as.map((d, i) => [i ? ', ' : '',
          h('a', { href: `#/document/${encodeURIComponent(d.id)}` }, d.title || d.id), ` (${formatName(d.format)})`])));
    }
    return parts;
  }

  // A labelled control with its hint and a place for an error message.
  field(key, label, control, hint) {
    const id = control.id;
    const errorEl = h('p', { class: 'field-error', id: `${id}-fout`, hidden: true });
    control.setAttribute('aria-describedby', [hint ? `${id}-hint` : '', `${id}-fout`].filter(Boolean).join(' '));
    this.controls[key] = { control, errorEl };
    return h('div', { class: 'field', dataset: { field: key } },
      h('label', { for: id }, label), control,
      hint ? h('p', { class: 'hint', id: `${id}-hint` }, hint) : null,
      errorEl);
  }

  textField(key, label, value, machineValue, extra = {}) {
    const { hint, ...attrs } = extra;
    const input = h('input', {
      id: `${this.p}-${key}`, name: key, type: 'text', autocomplete: 'off', ...attrs,
      oninput: (e) => { this.state[key] = e.target.value; },
    });
    input.value = value;
    const found = `Uit het bestand: ${machineValue ? `“${machineValue}”` : '(niets gevonden)'}.`;
    return this.field(key, label, input, hint ? `${hint} ${found}` : found);
  }

  kindField() {
    const select = h('select', {
      id: `${this.p}-kind`, name: 'kind',
      onchange: (e) => { this.state.kind = e.target.value; },
    }, kindList().map((k) => h('option', { value: k.value, selected: k.value === this.state.kind }, k.label)));
    return this.field('kind', 'Soort', select, `Uit het bestand: ${kindName(this.machine.kind)}.`);
  }

  evidenceField() {
    const options = evidenceList().map((e) => h('option', { value: e.value, selected: e.value === this.state.evidence }, e.label));
    // Documents indexed before evidence types have none until an editor or a re-index gives one.
    if (!this.state.evidence) options.unshift(h('option', { value: '', selected: true }, '(onbekend)'));
    const select = h('select', {
      id: `${this.p}-evidence`, name: 'evidence',
      onchange: (e) => { this.state.evidence = e.target.value; },
    }, options);
    const found = this.machine.evidence ? evidenceName(this.machine.evidence) : '(niets bepaald)';
    return this.field('evidence', 'Soort kennis', select, `Uit het bestand: ${found}.`);
  }

  hiddenField() {
    const box = h('input', {
      id: `${this.p}-hidden`, type: 'checkbox', checked: this.state.hidden,
      onchange: (e) => { this.state.hidden = e.target.checked; },
    });
    const errorEl = h('p', { class: 'field-error', id: `${this.p}-hidden-fout`, hidden: true });
    box.setAttribute('aria-describedby', errorEl.id);
    this.controls.hidden = { control: box, errorEl };
    return h('div', { class: 'field check' }, box,
      h('label', { for: box.id }, 'Verbergen: dit document niet tonen in de zoekresultaten'), errorEl);
  }

  // A fieldset for themes, gemeenten or provincies: the current tags and a way to add one.
  group(kind, legend) {
    const id = `${this.p}-${kind}`;
    const list = h('ul', { class: 'tag-edit', id: `${id}-lijst` });
    const errorEl = h('p', { class: 'field-error', id: `${id}-fout`, hidden: true });
    const add = this.addControl(kind);
    const fieldset = h('fieldset', { class: 'tag-group', id, 'aria-describedby': errorEl.id, tabindex: -1 },
      h('legend', {}, legend), list, add.row, errorEl);
    this.groups[kind] = { list, add };
    this.controls[kind] = { control: fieldset, errorEl };
    return fieldset;
  }

  addControl(kind) {
    const id = `${this.p}-${kind}-nieuw`;
    const words = { themes: 'Thema toevoegen', gemeenten: 'Gemeente toevoegen', provincies: 'Provincie toevoegen' };
    let control;
    if (kind === 'gemeenten') {
      const listId = `${id}-opties`;
      control = h('input', {
        id, type: 'text', list: listId, autocomplete: 'off', placeholder: 'naam van de gemeente',
        onkeydown: (e) => { if (e.key === 'Enter') { e.preventDefault(); this.addTag(kind); } },
      });
      this.gemeenteOptions = h('datalist', { id: listId },
        this.gemeenten.map((g) => h('option', { value: g.name }, g.provincie)));
    } else {
      control = h('select', { id });
    }
    const button = h('button', { type: 'button', class: 'secondary small-button', onclick: () => this.addTag(kind) }, 'Toevoegen');
    const row = h('div', { class: 'add-row' },
      h('label', { for: id }, words[kind]), h('div', { class: 'add-controls' }, control, button),
      kind === 'gemeenten' ? this.gemeenteOptions : null);
    return { row, control };
  }

  // The tags of one group as [{value, label, detail, state}] with state "confirm" (a low-
  // confidence machine tag), "confirmed", "kept", "added" or "removed" (a machine tag taken off).
  items(kind) {
    const s = this.state;
    if (kind === 'themes') {
      const machine = new Map(this.machine.themes.map((t) => [t.slug, t]));
      return this.tagItems(s.themes, [...machine.keys()], s.themesConfirmed, this.toConfirm.themes, (slug) => {
        const m = machine.get(slug);
        return { label: m?.name || this.themeLabel(slug), detail: m && m.score != null ? `score ${formatScore(m.score)}` : '' };
      });
    }
    if (kind === 'gemeenten') {
      const machine = new Map(this.machine.gemeenten.map((g) => [g.code, g]));
      return this.tagItems(s.gemeenten, [...machine.keys()], s.gemeentenConfirmed, this.toConfirm.gemeenten, (code) => {
        const m = machine.get(code);
        const known = this.gemeenten.find((g) => g.code === code);
        const mentions = m?.mentions != null ? `${m.mentions}× genoemd` : '';
        return { label: m?.name || known?.name || gemeenteName(code), detail: [mentions, known?.provincie].filter(Boolean).join(', ') };
      });
    }
    return this.tagItems(s.provincies, this.machine.provincies, new Set(), new Set(), (name) => ({ label: name, detail: '' }));
  }

  tagItems(values, machineValues, confirmed, toConfirm, describe) {
    const state = (v) => {
      if (!machineValues.includes(v)) return 'added';
      if (confirmed.has(v)) return 'confirmed';
      return toConfirm.has(v) ? 'confirm' : 'kept';
    };
    const current = values.map((v) => ({ value: v, ...describe(v), state: state(v) }));
    const removed = machineValues.filter((v) => !values.includes(v)).map((v) => ({ value: v, ...describe(v), state: 'removed' }));
    return [...current, ...removed];
  }

  themeLabel(slug) {
    return this.themes.find((t) => t.slug === slug)?.name || themeName(slug);
  }

  renderGroup(kind, focusValue = null) {
    const { list, add } = this.groups[kind];
    const noun = { themes: 'thema', gemeenten: 'gemeente', provincies: 'provincie' }[kind];
    const badge = { confirm: 'te bevestigen', confirmed: 'bevestigd', added: 'toegevoegd', removed: 'verwijderd' };
    const button = (action, text, item, extra = '') => h('button', {
      type: 'button', class: `tag-action ${extra}`, dataset: { action, value: item.value },
      'aria-label': `${text} ${noun} ${item.label}`,
      onclick: () => this.tagAction(kind, action, item.value),
    }, text);
    const items = this.items(kind);
    fill(list, items.length ? items.map((item) => h('li', { class: `tag-item ${item.state}` },
      h('span', { class: 'tag-label' }, item.label),
      item.detail ? h('span', { class: 'tag-detail' }, item.detail) : null,
      badge[item.state] ? h('span', { class: `badge ${item.state}` }, badge[item.state]) : null,
      h('span', { class: 'tag-buttons' },
        item.state === 'confirm' ? [button('confirm', 'Bevestig', item, 'ok'), button('reject', 'Wijs af', item, 'no')] : null,
        item.state === 'removed' ? button('restore', 'Zet terug', item) : null,
        ['kept', 'confirmed', 'added'].includes(item.state) ? button('remove', 'Verwijder', item) : null)))
      : h('li', { class: 'muted' }, `Geen ${noun === 'thema' ? 'thema’s' : `${noun === 'gemeente' ? 'gemeenten' : 'provincies'}`}.`));
    if (kind !== 'gemeenten') this.fillChoices(kind, add.control);
    if (focusValue !== null) {
      const next = list.querySelector(`[data-value="${CSS.escape(focusValue)}"]`) || list.querySelector('button') || add.control;
      next.focus();
    }
  }

  fillChoices(kind, select) {
    const taken = new Set(this.state[kind]);
    const choices = kind === 'themes'
      ? this.themes.filter((t) => !taken.has(t.slug)).map((t) => [t.slug, t.name])
      : kProvincieNames.filter((n) => !taken.has(n)).map((n) => [n, n]);
    fill(select, h('option', { value: '' }, '— kies —'), choices.map(([value, label]) => h('option', { value }, label)));
  }

  tagAction(kind, action, value) {
    const s = this.state;
    const confirmedKey = kind === 'themes' ? 'themesConfirmed' : 'gemeentenConfirmed';
    if (action === 'confirm' || action === 'reject') decideTag(s, kind === 'themes' ? 'theme' : 'gemeente', value, action);
    else if (action === 'remove') {
      s[kind] = s[kind].filter((v) => v !== value);
      s[confirmedKey]?.delete(value);
    } else if (action === 'restore' && !s[kind].includes(value)) s[kind].push(value);
    this.renderGroup(kind, value);
  }

  addTag(kind) {
    const { control } = this.groups[kind].add;
    this.clearError(kind);
    let value = control.value;
    if (kind === 'gemeenten') {
      if (!value.trim()) return;
      const found = findGemeente(this.gemeenten, value);
      if (!found) {
        this.showError(kind, `“${value}” is geen gemeente in de lijst van het CBS (2024). Kies een naam uit de suggesties.`);
        control.focus();
        return;
      }
      value = found.code;
    }
    if (!value) return;
    if (!this.state[kind].includes(value)) this.state[kind].push(value);
    control.value = '';
    this.renderGroup(kind);
    control.focus();
  }

  textPanel() {
    const pages = pagesOf(this.doc);
    const shown = pages.slice(0, kMaxPages);
    const id = `${this.p}-tekst`;
    const ocr = new Set(this.doc.ocr_pages || []);
    return h('section', { class: 'doc-text', 'aria-labelledby': id },
      h('h3', { id }, 'Tekst van het document'),
      ocrLine([...ocr], pages.length),
      h('p', { class: 'small' },
        h('a', { href: `/api/documents/${encodeURIComponent(this.doc.id)}/file`, target: '_blank', rel: 'noopener' },
          this.doc.format === 'pdf' ? 'Open de PDF' : 'Open het originele bestand')),
      h('div', { class: 'doc-pages', tabindex: 0, role: 'region', 'aria-label': 'Tekst van het document, scrollbaar' },
        shown.length ? shown.map((page) => h('section', { class: 'doc-page' },
          pages.length > 1 || ocr.has(page.number)
            ? h('h4', {}, `Pagina ${page.number}`, ocr.has(page.number) ? h('span', { class: 'badge' }, 'OCR') : null)
            : null,
          h('p', {}, page.text.trim() || '(lege pagina)')))
          : h('p', { class: 'muted' }, 'Er is geen tekst uit dit bestand gehaald.'),
        pages.length > shown.length ? h('p', { class: 'muted' }, `En nog ${pages.length - shown.length} pagina’s.`) : null));
  }

  notesSection() {
    const id = `${this.p}-notitie`;
    const list = h('ul', { class: 'notes-list' });
    const renderNotes = () => fill(list, this.notes.length
      ? this.notes.map((n) => h('li', {}, h('p', { class: 'note-meta' }, `${n.editor} — ${formatTime(n.time)}`), h('p', {}, n.text)))
      : h('li', { class: 'muted' }, 'Nog geen notities.'));
    renderNotes();
    const textarea = h('textarea', { id, rows: 3, 'aria-describedby': `${id}-fout` });
    const errorEl = h('p', { class: 'field-error', id: `${id}-fout`, role: 'alert', hidden: true });
    const form = h('form', {
      class: 'note-form',
      onsubmit: async (e) => {
        e.preventDefault();
        errorEl.hidden = true;
        const text = textarea.value.trim();
        if (!text) {
          errorEl.textContent = 'Schrijf eerst een notitie.';
          errorEl.hidden = false;
          textarea.focus();
          return;
        }
        try {
          const note = await api.addNote(this.doc.id, text);
          this.notes.push(note?.note || note || { editor: '', time: new Date().toISOString(), text });
          textarea.value = '';
          renderNotes();
          this.renderAudit(true);
        } catch (err) {
          errorEl.textContent = err.message;
          errorEl.hidden = false;
        }
      },
    }, h('label', { for: id }, 'Nieuwe notitie'), textarea, errorEl,
    h('button', { type: 'submit', class: 'secondary' }, 'Notitie toevoegen'));
    return h('section', { class: 'notes', 'aria-labelledby': `${id}-kop` },
      h('h3', { id: `${id}-kop` }, 'Notities'), list, form);
  }

  async renderAudit(reload = false) {
    if (reload) {
      const answer = await api.audit(this.doc.id).catch(() => null);
      if (answer?.entries) this.audit = answer.entries;
    }
    fill(this.auditBox, auditList(this.audit));
  }

  clearError(key) {
    const part = this.controls[key];
    if (!part) return;
    part.errorEl.hidden = true;
    part.errorEl.textContent = '';
    part.control.removeAttribute('aria-invalid');
  }

  showError(key, message) {
    const part = this.controls[key];
    if (!part) {
      this.generalError.textContent = message;
      this.generalError.hidden = false;
      return;
    }
    // Next to its field the message need not name the field again.
    part.errorEl.textContent = message.replace(/^velde?n? "[^"]+"(?: en "[^"]+")?:\s*/, '');
    part.errorEl.hidden = false;
    part.control.setAttribute('aria-invalid', 'true');
  }

  async save({ confirmAll = false } = {}) {
    for (const key of Object.keys(this.controls)) this.clearError(key);
    this.generalError.hidden = true;
    this.statusEl.textContent = '';
    if (confirmAll) {
      for (const t of this.machine.themes) if (this.state.themes.includes(t.slug)) this.state.themesConfirmed.add(t.slug);
      for (const g of this.machine.gemeenten) if (this.state.gemeenten.includes(g.code)) this.state.gemeentenConfirmed.add(g.code);
      this.renderGroup('themes');
      this.renderGroup('gemeenten');
    }
    const problems = validate(this.state);
    if (problems.length) {
      for (const p of problems) this.showError(p.field, p.message);
      this.controls[problems[0].field].control.focus();
      return false;
    }
    this.saveButton.disabled = true;
    try {
      const answer = await api.saveOverride(this.doc.id, overrideFrom(this.machine, this.state));
      this.override = answer?.override || this.override;
      if (this.options.heading === 'page') this.heading.textContent = this.state.title.trim();
      trackSave(this.statusEl, () => this.options.onLive?.(this));
      this.renderAudit(true);
      this.options.onSaved?.(this);
      return true;
    } catch (err) {
      const key = err.status === 400 ? kFieldOf(err.field) : '';
      this.showError(key, err.message);
      (this.controls[key]?.control || this.generalError).focus?.();
      return false;
    } finally {
      this.saveButton.disabled = false;
    }
  }
}
