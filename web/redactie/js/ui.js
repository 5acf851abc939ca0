// Small pieces the editors' views share: error boxes, review flags, page texts, dates, formats.
import { h } from '../../js/dom.js';

export const kFlagLabels = {
  title: 'titel controleren',
  date: 'datum ontbreekt of klopt niet',
  'no-theme': 'zonder thema',
  'no-region': 'zonder regio',
  'low-confidence': 'tags bevestigen',
  'personal-data': 'persoonsgegevens gemaskeerd',
};

// "2 nummers (BSN of IBAN) gemaskeerd op p. 1, 4": what the privacy guard did, never the numbers.
export function personalDataLine(personal) {
  if (!personal?.count) return null;
  const what = personal.count === 1 ? '1 nummer (BSN of IBAN)' : `${personal.count} nummers (BSN of IBAN)`;
  const pages = personal.pages?.length ? ` op p. ${personal.pages.join(', ')}` : '';
  return h('p', { class: 'small personal-data' },
    `${what} gemaskeerd${pages}. Ze zijn niet doorzoekbaar; controleer of het document in de collectie hoort.`);
}

export function errorBox(err, extra = null) {
  return h('div', { class: 'error', role: 'alert' }, h('p', {}, err.message || String(err)), extra);
}

export function flagList(review) {
  if (!review?.length) return null;
  return h('ul', { class: 'flags', 'aria-label': 'Waarom in de wachtrij' },
    review.map((flag) => h('li', {}, kFlagLabels[flag] || flag)));
}

// Page texts as [{number, text}] whatever shape the daemon sends (["…"] or [{number, text}]).
export function pagesOf(doc) {
  return (doc.pages || []).map((p, i) => (typeof p === 'string'
    ? { number: i + 1, text: p }
    : { number: p.number || p.page || i + 1, text: p.text || '' }));
}

export function textLength(doc) {
  return pagesOf(doc).reduce((n, p) => n + p.text.length, 0);
}

export function formatName(format) {
  return { pdf: 'PDF', text: 'tekstbestand', markdown: 'Markdown' }[format] || format || 'onbekend formaat';
}

export function formatTime(iso) {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso || '';
  return date.toLocaleString('nl-NL', { dateStyle: 'medium', timeStyle: 'short' });
}

export function formatScore(score) {
  return Number(score).toLocaleString('nl-NL', { maximumFractionDigits: 2 });
}

// "Rapport · 2019 · PDF · /pad/naar/bestand.pdf"
export function metaLine(parts) {
  return h('p', { class: 'hit-meta' }, parts.filter(Boolean).join(' · '));
}

export function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
