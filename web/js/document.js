// The document page: metadata, the passages where the query matches (with links that open the
// file at that page), similar documents and the citation block.
import { h, fill, highlightText, fold } from './dom.js';
import { listOf, kindName, evidenceName } from './labels.js';
import { stateUrl, emptyState } from './state.js';
import { fileUrl, documentExportUrl, editorName } from './api.js';
import { copyLinkButton } from './visits.js';

const kMaxPassagePages = 8;
const kPassageRadius = 160;

// Query words as folded prefixes, roughly what the stemmer would match: "eenzaamheid ouderen"
// -> ["eenzaamhe", "ouder"]. Operators and field syntax are dropped.
export function queryWords(q) {
  return [...new Set((q || '')
    .replace(/\b(AND|OR|NOT|NEAR)\b/g, ' ')
    .split(/[^\p{L}\p{N}]+/u)
    .map(fold)
    .filter((w) => w.length >= 3)
    .map((w) => (w.length > 6 ? w.slice(0, Math.max(5, w.length - 2)) : w)))];
}

// Pages as [{number, text}] whatever shape the daemon sends (["…"] or [{page|number, text}]).
function pagesOf(doc) {
  return (doc.pages || doc.text_pages || []).map((p, i) => (typeof p === 'string'
    ? { number: i + 1, text: p }
    : { number: p.number || p.page || i + 1, text: p.text || '' }));
}

function passages(text, words) {
  const folded = fold(text);
  const hits = [];
  for (const w of words) {
    const re = new RegExp(`(^|[^\\p{L}\\p{N}])${w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`, 'gu');
    let m;
    while ((m = re.exec(folded)) && hits.length < 20) hits.push(m.index + m[1].length);
  }
  if (!hits.length) return [];
  hits.sort((a, b) => a - b);
  // Folding can change lengths only for rare characters; clamp to the original text.
  const windows = [];
  for (const at of hits) {
    const start = Math.max(0, at - kPassageRadius);
    const end = Math.min(text.length, at + kPassageRadius);
    const prev = windows[windows.length - 1];
    if (prev && start <= prev[1]) prev[1] = Math.max(prev[1], end);
    else windows.push([start, end]);
  }
  return windows.slice(0, 2).map(([s, e]) => `${s > 0 ? '… ' : ''}${text.slice(s, e).replace(/\s+/g, ' ').trim()}${e < text.length ? ' …' : ''}`);
}

export function renderDocument(container, { state, doc, reference, navigate }) {
  // A duplicate an editor merged into another file of the same report: its page is the kept one.
  if (doc.merged_into && doc.merged_into !== doc.id) {
    fill(container, h('p', { class: 'notice', role: 'status' },
      'Dit document is samengevoegd met een andere versie van hetzelfde stuk; u gaat daarheen.'));
    navigate({ ...state, doc: doc.merged_into }, { replace: true });
    return;
  }
  const back = { ...state, doc: '' };
  const backLink = h('a', {
    href: stateUrl(back), class: 'back',
    onclick: (e) => {
      e.preventDefault();
      // Return through history when we came from the result list, so its scroll position stays.
      if (window.history.state?.fromSearch) window.history.back();
      else navigate(back);
    },
  }, state.q || state.theme.length || state.provincie.length ? '‹ Terug naar de resultaten' : '‹ Naar het zoeken');

  const themes = listOf(doc.themes, 'theme');
  const provincies = listOf(doc.provincies, 'provincie');
  const gemeenten = listOf(doc.gemeenten, 'gemeente');
  const authors = (doc.authors || []).map((a) => (typeof a === 'string' ? a : a.name)).filter(Boolean);
  const pages = pagesOf(doc);
  const pageCount = doc.page_count || doc.pages_count || pages.length;
  const isPdf = (doc.format || '').toLowerCase() === 'pdf';

  const meta = [
    ['Soort', kindName(doc.kind || 'overig')],
    doc.evidence && ['Soort kennis', evidenceName(doc.evidence)],
    ['Datum', doc.date || (doc.year ? String(doc.year) : 'onbekend')],
    authors.length && ['Auteurs', authors.join(', ')],
    doc.organisation && ['Organisatie', doc.organisation],
    themes.length && ['Thema’s', themeLinks(themes, 'theme', navigate)],
    provincies.length && ['Provincies', themeLinks(provincies, 'provincie', navigate)],
    gemeenten.length && ['Gemeenten', themeLinks(gemeenten, 'gemeente', navigate)],
    doc.also_published_as?.length && ['Ook gepubliceerd als', alsoPublishedAs(doc.also_published_as)],
    doc.attachment_of && ['Bijlage bij', documentLink(doc.attachment_of, state)],
    doc.attachments?.length && ['Bijlagen', attachmentList(doc.attachments, state)],
    pageCount && ['Pagina’s', String(pageCount)],
    doc.language && ['Taal', doc.language === 'nl' ? 'Nederlands' : doc.language === 'en' ? 'Engels' : doc.language],
  ].filter(Boolean);

  setCitationMeta(doc.citation);
  fill(container,
    h('nav', { 'aria-label': 'Kruimelpad' }, backLink),
    h('article', { class: 'document', 'aria-labelledby': 'document-titel' },
      h('h2', { id: 'document-titel', tabindex: -1 }, doc.title || 'Zonder titel'),
      h('dl', { class: 'meta' }, meta.map(([k, v]) => [h('dt', {}, k), h('dd', {}, v)])),
      h('p', { class: 'document-actions' },
        h('a', { href: fileUrl(doc.id), class: 'button', target: '_blank', rel: 'noopener' },
          isPdf ? 'Open de PDF' : 'Open het originele bestand'),
        ' ', copyLinkButton('dit document'), ' ', editLink(doc)),
      matchesSection(doc, pages, state.q, isPdf),
      citationSection(doc, reference),
      similarSection(doc, state)),
  );
}

const kFormatNames = {
  pdf: 'PDF', text: 'tekstbestand', markdown: 'Markdown', docx: 'Word', doc: 'Word', odt: 'OpenDocument',
  pptx: 'PowerPoint', rtf: 'RTF', html: 'webpagina', epub: 'EPUB', email: 'e-mail',
};

// Other files of the same report that an editor merged into this one: each opens as a file.
function alsoPublishedAs(others) {
  return h('ul', { class: 'also-published' }, others.map((d) => h('li', {},
    h('a', { href: fileUrl(d.id), target: '_blank', rel: 'noopener' }, d.title || 'Zonder titel'),
    ` (${kFormatNames[d.format] || d.format || 'bestand'})`)));
}

// An e-mail and its attachments are documents of their own; each page links to the others.
function documentLink(linked, state) {
  return h('a', { href: stateUrl({ ...state, doc: linked.id }) }, linked.title || 'Zonder titel');
}

function attachmentList(attachments, state) {
  return h('ul', { class: 'attachments' }, attachments.map((d) => h('li', {},
    documentLink(d, state), ` (${kFormatNames[d.format] || d.format || 'bestand'})`)));
}

function themeLinks(items, key, navigate) {
  return items.map((item, i) => {
    const next = { ...emptyState(), [key]: [item.value] };
    return [i ? ', ' : '', h('a', {
      href: stateUrl(next), onclick: (e) => { e.preventDefault(); navigate(next); },
      'aria-label': `Alle documenten over ${item.label}`,
    }, item.label)];
  });
}

function matchesSection(doc, pages, q, isPdf) {
  const words = queryWords(q);
  const found = words.length
    ? pages.map((p) => ({ ...p, passages: passages(p.text, words) })).filter((p) => p.passages.length)
    : [];
  const section = h('section', { class: 'matches', 'aria-labelledby': 'vindplaatsen-titel' });
  if (!q) {
    const first = pages.find((p) => p.text.trim());
    section.append(h('h3', { id: 'vindplaatsen-titel' }, 'Begin van de tekst'),
      first ? h('p', { class: 'passage' }, `${first.text.replace(/\s+/g, ' ').trim().slice(0, 600)} …`)
        : h('p', { class: 'muted' }, 'Van dit document is geen tekst beschikbaar.'));
    return section;
  }
  section.append(h('h3', { id: 'vindplaatsen-titel' }, `Waar “${q}” voorkomt`));
  if (!found.length) {
    section.append(h('p', { class: 'muted' }, pages.length
      ? 'De zoekwoorden komen niet letterlijk in de tekst voor (het document werd gevonden via een verwant woord of synoniem).'
      : 'De tekst van de pagina’s is niet beschikbaar.'));
    return section;
  }
  section.append(h('ol', { class: 'passages' }, found.slice(0, kMaxPassagePages).map((p) => h('li', { id: `pagina-${p.number}` },
    h('h4', {}, `Pagina ${p.number}`, ' ',
      h('a', { href: fileUrl(doc.id, p.number), target: '_blank', rel: 'noopener', class: 'open-page' },
        isPdf ? `open de PDF op pagina ${p.number}` : 'open het bestand')),
    p.passages.map((text) => h('p', { class: 'passage' }, highlightText(text, words)))))));
  if (found.length > kMaxPassagePages) {
    section.append(h('p', { class: 'muted' }, `En nog ${found.length - kMaxPassagePages} pagina’s.`));
  }
  return section;
}

// The reference and the citation files come from the daemon (format=apa, ris, bibtex, csv),
// so the page, the API and every export cite a document the same way.
function citationSection(doc, reference) {
  const text = reference || doc.title || '';
  const status = h('span', { class: 'copy-status', role: 'status' });
  const fileLink = (id, kind, label) => h('a', { id, class: 'button', href: documentExportUrl(doc.id, kind), download: '' }, label);
  return h('section', { class: 'citation', 'aria-labelledby': 'citeren-titel' },
    h('h3', { id: 'citeren-titel' }, 'Citeren'),
    h('p', { class: 'apa', id: 'apa-tekst' }, text),
    h('div', { class: 'button-row' },
      h('button', {
        type: 'button', id: 'kopieer-apa',
        onclick: async () => {
          try {
            await navigator.clipboard.writeText(text);
            status.textContent = 'Gekopieerd.';
          } catch {
            // Without clipboard permission, select the text so Ctrl+C copies it.
            const range = document.createRange();
            range.selectNodeContents(document.getElementById('apa-tekst'));
            window.getSelection().removeAllRanges();
            window.getSelection().addRange(range);
            status.textContent = 'Tekst geselecteerd: kopieer met Ctrl+C.';
          }
        },
      }, 'Kopieer (APA)'),
      fileLink('download-ris', 'ris', 'Download RIS'),
      fileLink('download-bibtex', 'bibtex', 'Download BibTeX'),
      fileLink('download-csv', 'csv', 'Download CSV'),
      status),
    h('p', { class: 'muted small' }, 'RIS werkt met Zotero, EndNote en Mendeley; BibTeX met LaTeX en JabRef.'));
}

function similarSection(doc, state) {
  const similar = doc.similar || [];
  return h('section', { class: 'similar', 'aria-labelledby': 'vergelijkbaar-titel' },
    h('h3', { id: 'vergelijkbaar-titel' }, 'Vergelijkbare documenten'),
    similar.length
      ? h('ul', {}, similar.map((s) => h('li', {},
        h('a', { href: stateUrl({ ...state, doc: s.id }) }, s.title || 'Zonder titel'),
        h('span', { class: 'muted' }, ` — ${[kindName(s.kind || 'overig'), s.year].filter(Boolean).join(', ')}`))))
      : h('p', { class: 'muted' }, 'Geen vergelijkbare documenten gevonden.'));
}

// "Bewerken" for a logged-in editor: the document in the editors' page.
function editLink(doc) {
  const link = h('a', { href: `/redactie#/document/${encodeURIComponent(doc.id)}`, class: 'edit-link', hidden: true },
    'Bewerken', h('span', { class: 'visually-hidden' }, ` (redactie: ${doc.title || doc.id})`));
  editorName().then((name) => {
    if (name) link.hidden = false;
  });
  return link;
}

// The document's citation_* tags in the head (reference managers such as the Zotero Connector
// read them) and its COinS span, from the server's one citation builder; cleared with null when
// the page shows no document.
export function setCitationMeta(citation) {
  for (const el of document.head.querySelectorAll('meta[name^="citation_"]')) el.remove();
  for (const el of document.querySelectorAll('span.Z3988')) el.remove();
  if (!citation) return;
  for (const { name, content } of citation.meta || []) {
    document.head.append(h('meta', { name, content }));
  }
  if (citation.coins) document.body.append(h('span', { class: 'Z3988', title: citation.coins, hidden: true }));
}
