// Citations generated in the browser from a document's JSON, so the citation block works even when
// the daemon has no export formats: APA-style text, RIS (Zotero, EndNote, Mendeley) and BibTeX.
import { listOf, kindName } from './labels.js';

const kRisType = { rapport: 'RPRT', interview: 'GEN', artikel: 'JOUR', wet: 'STAT', overig: 'GEN' };
const kBibType = { rapport: 'techreport', artikel: 'article', interview: 'misc', wet: 'misc', overig: 'misc' };

function authorsOf(doc) {
  const authors = (doc.authors || []).map((a) => (typeof a === 'string' ? a : a.name || '')).filter(Boolean);
  return authors.length ? authors : (doc.organisation ? [doc.organisation] : []);
}

function yearOf(doc) {
  return doc.year ? String(doc.year) : (doc.date || '').slice(0, 4);
}

// "2018-05-03" -> "2018/05/03/" (RIS DA); a year-only date keeps only the year.
function risDate(doc) {
  const m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?/.exec(doc.date || '');
  if (!m) return yearOf(doc) ? `${yearOf(doc)}///` : '';
  return `${m[1]}/${m[2] || ''}/${m[3] || ''}/`;
}

export function documentLink(doc) {
  return `${window.location.origin}${window.location.pathname}?doc=${encodeURIComponent(doc.id)}`;
}

// APA 7-like reference for a grey-literature report: Auteur (jaar). Titel [Soort]. Organisatie. URL
export function apa(doc) {
  const authors = authorsOf(doc);
  const who = authors.length > 1
    ? `${authors.slice(0, -1).join(', ')} & ${authors[authors.length - 1]}`
    : authors[0] || '';
  const year = yearOf(doc) || 'z.d.';
  const kind = doc.kind && doc.kind !== 'overig' ? ` [${kindName(doc.kind)}]` : '';
  const publisher = doc.organisation && !authors.includes(doc.organisation) ? ` ${doc.organisation}.` : '';
  const title = (doc.title || 'Zonder titel').replace(/\.$/, '');
  // Without an author APA moves the title to the author's place.
  const text = who
    ? `${who} (${year}). ${title}${kind}.${publisher} ${documentLink(doc)}`
    : `${title}${kind}. (${year}).${publisher} ${documentLink(doc)}`;
  return text.replace(/\s+/g, ' ').trim();
}

export function ris(doc) {
  const lines = [['TY', kRisType[doc.kind] || 'GEN'], ['TI', doc.title || 'Zonder titel']];
  for (const a of authorsOf(doc)) lines.push(['AU', a]);
  if (yearOf(doc)) lines.push(['PY', yearOf(doc)]);
  if (risDate(doc)) lines.push(['DA', risDate(doc)]);
  if (doc.organisation) lines.push(['PB', doc.organisation]);
  for (const t of listOf(doc.themes, 'theme')) lines.push(['KW', t.label]);
  for (const r of [...listOf(doc.provincies, 'provincie'), ...listOf(doc.gemeenten, 'gemeente')]) lines.push(['KW', r.label]);
  if (doc.language) lines.push(['LA', doc.language]);
  lines.push(['UR', documentLink(doc)]);
  lines.push(['ID', String(doc.id)]);
  lines.push(['ER', '']);
  // RIS: "XX  - value", CRLF line ends; values on one line.
  return lines.map(([tag, value]) => `${tag}  - ${String(value).replace(/\s+/g, ' ')}`.trimEnd()).join('\r\n') + '\r\n';
}

function bibEscape(s) {
  return String(s).replace(/\s+/g, ' ').replace(/([{}&%$#_])/g, '\\$1');
}

export function bibtexKey(doc) {
  const who = (authorsOf(doc)[0] || 'anon').normalize('NFD').replace(/[^A-Za-z]/g, '').slice(0, 20) || 'anon';
  const word = (doc.title || '').normalize('NFD').replace(/[^\w\s]/g, '').split(/\s+/).find((w) => w.length > 3) || 'doc';
  return `${who.toLowerCase()}${yearOf(doc) || ''}${word.toLowerCase()}`;
}

export function bibtex(doc) {
  const type = kBibType[doc.kind] || 'misc';
  const fields = [['title', `{${bibEscape(doc.title || 'Zonder titel')}}`]];
  const authors = (doc.authors || []).map((a) => (typeof a === 'string' ? a : a.name || '')).filter(Boolean);
  // A corporate author is wrapped in extra braces so BibTeX does not split it into names.
  if (authors.length) fields.push(['author', authors.map(bibEscape).join(' and ')]);
  else if (doc.organisation) fields.push(['author', `{${bibEscape(doc.organisation)}}`]);
  if (yearOf(doc)) fields.push(['year', yearOf(doc)]);
  if (doc.organisation) fields.push([type === 'techreport' ? 'institution' : 'publisher', bibEscape(doc.organisation)]);
  if (doc.kind) fields.push(['type', bibEscape(kindName(doc.kind))]);
  const keywords = listOf(doc.themes, 'theme').map((t) => t.label);
  if (keywords.length) fields.push(['keywords', bibEscape(keywords.join(', '))]);
  if (doc.language) fields.push(['language', doc.language]);
  fields.push(['url', documentLink(doc)]);
  const body = fields.map(([k, v]) => `  ${k} = {${v}}`).join(',\n');
  return `@${type}{${bibtexKey(doc)},\n${body}\n}\n`;
}

// Offers text as a file download without a server round trip.
export function download(text, filename, mime) {
  const url = URL.createObjectURL(new Blob([text], { type: mime }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function fileBaseName(doc) {
  return (doc.title || 'document').normalize('NFD').replace(/[^\w\s-]/g, '').trim().replace(/\s+/g, '-').slice(0, 60).toLowerCase() || 'document';
}
