// What an editor can choose from: themes, gemeenten, provincies and kinds of document.
// Themes are the whole taxonomy (GET /api/editor/themes), so an editor can file a document under
// a theme no document carries yet, plus any theme already on the document; gemeenten from the map geometry the public page uses (all 342
// CBS gemeenten of 2024); provincies from labels.js, kinds from the daemon's catalog (labels.js).
import { themeName, kindList, kProvincies, registerGemeenten } from '../../js/labels.js';
import { fold } from '../../js/dom.js';
import { themes } from './api.js';

export const kProvincieNames = kProvincies.map(([, name]) => name);

let themesLoading;
let gemeentenLoading;

// [{slug, name}] sorted by name.
export function loadThemes() {
  themesLoading ??= themes()
    .then((body) => body.themes.map((t) => ({ slug: t.slug, name: t.name || themeName(t.slug) })))
    .catch(() => []);
  return themesLoading;
}

// Adds the themes of one document (which may carry one no other document has).
export function withThemes(catalogue, tags) {
  const bySlug = new Map(catalogue.map((t) => [t.slug, t]));
  for (const t of tags) if (!bySlug.has(t.slug)) bySlug.set(t.slug, { slug: t.slug, name: t.name || themeName(t.slug) });
  return [...bySlug.values()].sort((a, b) => a.name.localeCompare(b.name, 'nl'));
}

// [{code, name, provincie}] sorted by name; also teaches labels.js the names of the codes.
export function loadGemeenten() {
  gemeentenLoading ??= fetch('/geo/gemeenten.geojson')
    .then((r) => (r.ok ? r.json() : { features: [] }))
    .catch(() => ({ features: [] }))
    .then((geo) => {
      registerGemeenten(geo.features);
      const provincie = new Map(kProvincies);
      return geo.features
        .map((f) => ({ code: f.properties.code, name: f.properties.name, provincie: provincie.get(f.properties.province) || '' }))
        .sort((a, b) => a.name.localeCompare(b.name, 'nl'));
    });
  return gemeentenLoading;
}

// The gemeente an editor typed: a name (any case or accents) or a CBS code, or undefined.
export function findGemeente(gemeenten, typed) {
  const text = String(typed || '').trim();
  if (/^gm\d{4}$/i.test(text)) return gemeenten.find((g) => g.code === text.toUpperCase());
  const wanted = fold(text);
  return gemeenten.find((g) => fold(g.name) === wanted)
    || gemeenten.find((g) => fold(`${g.name} (${g.provincie})`) === wanted);
}
