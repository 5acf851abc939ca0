// Loads the simplified CBS boundaries once and projects them to SVG path data.
import { registerGemeenten } from './labels.js';

let loading;

// Resolves to {provincies: [Feature], gemeenten: [Feature]}; gemeente names are registered with
// labels.js on the way, so codes in facets can be shown as names.
export function loadGeometry() {
  loading ??= Promise.all(
    ['provincies', 'gemeenten'].map((name) =>
      fetch(`geo/${name}.geojson`).then((r) => {
        if (!r.ok) throw new Error(`geo/${name}.geojson: HTTP ${r.status}`);
        return r.json();
      })),
  ).then(([provincies, gemeenten]) => {
    registerGemeenten(gemeenten.features);
    return { provincies: provincies.features, gemeenten: gemeenten.features };
  });
  return loading;
}

// An equirectangular projection scaled by cos(latitude) of the area's centre: at the size of the
// Netherlands this is indistinguishable from RD New and needs no library.
export function projection(features, width) {
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  forEachPoint(features, ([x, y]) => {
    if (x < minX) minX = x;
    if (x > maxX) maxX = x;
    if (y < minY) minY = y;
    if (y > maxY) maxY = y;
  });
  const k = Math.cos((((minY + maxY) / 2) * Math.PI) / 180);
  const scale = width / ((maxX - minX) * k);
  const height = Math.ceil((maxY - minY) * scale);
  const project = ([x, y]) => [(x - minX) * k * scale, (maxY - y) * scale];
  return { width, height, project };
}

export function pathData(feature, project) {
  const parts = [];
  for (const polygon of polygonsOf(feature.geometry)) {
    for (const ring of polygon) {
      parts.push(ring.map((p, i) => {
        const [x, y] = project(p);
        return `${i ? 'L' : 'M'}${x.toFixed(1)} ${y.toFixed(1)}`;
      }).join('') + 'Z');
    }
  }
  return parts.join('');
}

function polygonsOf(geometry) {
  return geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
}

function forEachPoint(features, fn) {
  for (const f of features) for (const polygon of polygonsOf(f.geometry)) for (const ring of polygon) ring.forEach(fn);
}
