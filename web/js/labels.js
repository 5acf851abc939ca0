// Display names for facet values. The index stores theme slugs, provincie names (or slugs) and
// gemeente CBS codes (or names); the page shows Dutch names for all of them.
import { fold, slug } from './dom.js';

// Theme, kind and evidence type names, and the files editors may upload, from the daemon's catalog
// (GET /api/catalog, from corpus/themes.toml and the index schema). Filled once by loadCatalog
// before the page first renders; until then, or when it fails, values are shown humanised.
const themeNames = new Map();
const kindNames = new Map();
const evidenceNames = new Map();
let evidenceTypes = [];
let kinds = [];
let extensions = [];
let catalogLoading;

export function loadCatalog() {
  catalogLoading ??= fetch('/api/catalog', { headers: { Accept: 'application/json' } })
    .then((r) => (r.ok ? r.json() : {}))
    .catch(() => ({}))
    .then((body) => {
      for (const t of body.themes || []) themeNames.set(t.slug, t.name);
      kinds = (body.kinds || []).map((k) => ({ value: k.value, label: k.label }));
      for (const k of kinds) kindNames.set(k.value, k.label);
      evidenceTypes = (body.evidence || []).map((e) => ({ value: e.value, label: e.label }));
      for (const e of evidenceTypes) evidenceNames.set(e.value, e.label);
      extensions = body.extensions || [];
    });
  return catalogLoading;
}

// [{value, label}] of every kind of document, in the daemon's order.
export function kindList() {
  return kinds;
}

// [{value, label}] of every evidence type ("Soort kennis"), in the daemon's order.
export function evidenceList() {
  return evidenceTypes;
}

// The file extensions an upload may have (".pdf", ".txt", ...).
export function uploadExtensions() {
  return extensions;
}

// CBS provincie codes (as in the geometry files) and their names.
export const kProvincies = [
  ['PV20', 'Groningen'], ['PV21', 'Fryslân'], ['PV22', 'Drenthe'], ['PV23', 'Overijssel'],
  ['PV24', 'Flevoland'], ['PV25', 'Gelderland'], ['PV26', 'Utrecht'], ['PV27', 'Noord-Holland'],
  ['PV28', 'Zuid-Holland'], ['PV29', 'Zeeland'], ['PV30', 'Noord-Brabant'], ['PV31', 'Limburg'],
];
const kProvincieByCode = new Map(kProvincies);
const kProvincieBySlug = new Map(kProvincies.map(([code, name]) => [slug(name), { code, name }]));

// Gemeente code -> {name, province}, filled from the geometry once it is loaded.
const gemeenten = new Map();
const gemeenteByName = new Map();

export function registerGemeenten(features) {
  for (const f of features) {
    const { code, name, province } = f.properties;
    gemeenten.set(code, { code, name, province });
    gemeenteByName.set(fold(name), code);
  }
}

function humanise(value) {
  const text = String(value).replace(/[-_]+/g, ' ').trim();
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function themeName(value) {
  return themeNames.get(value) || humanise(value);
}

export function kindName(value) {
  return kindNames.get(value) || humanise(value);
}

// "Soort kennis": the evidence type's Dutch name ("Monitor en cijfers").
export function evidenceName(value) {
  return evidenceNames.get(value) || humanise(value);
}

export function provincieName(value) {
  if (kProvincieByCode.has(value)) return kProvincieByCode.get(value);
  return kProvincieBySlug.get(slug(value))?.name || value;
}

// The PVxx code of a provincie facet value ("Fryslân", "fryslan" or "PV21"), or ''.
export function provincieCode(value) {
  if (kProvincieByCode.has(value)) return value;
  return kProvincieBySlug.get(slug(value))?.code || '';
}

export function gemeenteName(value) {
  if (/^GM\d{4}$/.test(value)) return gemeenten.get(value)?.name || value;
  return value;
}

// The GMxxxx code of a gemeente facet value (a code or a name), or ''.
export function gemeenteCode(value) {
  if (/^GM\d{4}$/.test(value)) return value;
  return gemeenteByName.get(fold(value)) || '';
}

export function gemeenteProvince(code) {
  return gemeenten.get(code)?.province || '';
}

// The languages the indexer tells apart (GuessLanguage), by their Dutch names.
const kLanguageNames = { nl: 'Nederlands', fy: 'Fries', en: 'Engels', de: 'Duits' };

export function languageName(code) {
  return kLanguageNames[code] || String(code).toUpperCase();
}

// Uniform label for any facet: the daemon's own label first.
export function facetLabel(facet, entry) {
  if (entry.label && entry.label !== entry.value) return entry.label;
  switch (facet) {
    case 'theme': return themeName(entry.value);
    case 'kind': return kindName(entry.value);
    case 'evidence': return evidenceName(entry.value);
    case 'language': return languageName(entry.value);
    case 'provincie': return provincieName(entry.value);
    case 'gemeente': return gemeenteName(entry.value);
    default: return String(entry.value);
  }
}

// Hits and documents carry themes/regions either as plain values or as objects
// ({slug,name}, {code,name}); this returns [{value, label}].
export function listOf(items, facet) {
  return (items || []).map((item) => {
    if (item && typeof item === 'object') {
      const value = item.slug || item.code || item.value || item.name || '';
      const label = item.name || item.label || facetLabel(facet, { value });
      return { value, label };
    }
    return { value: item, label: facetLabel(facet, { value: item }) };
  });
}
