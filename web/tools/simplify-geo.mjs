#!/usr/bin/env node
// Simplifies the CBS boundary GeoJSON for the browser map.
//
// Usage: node web/tools/simplify-geo.mjs SRC_DIR OUT_DIR
// Reads SRC_DIR/provincies.geojson and SRC_DIR/gemeenten.geojson (WGS84, properties code/name/
// province) and writes OUT_DIR/provincies.geojson and OUT_DIR/gemeenten.geojson with
// Douglas-Peucker simplified rings and coordinates rounded to 4 decimals (about 10 m).
// The tolerances stay under one screen pixel at the sizes the page draws each layer: the whole
// country (provincies) is about 400 px wide, one provincie (its gemeenten) about 400 px too, so the
// small gaps that per-ring simplification opens between neighbours are invisible.
// No dependencies; rerun after replacing the source files.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const [srcDir, outDir] = process.argv.slice(2);
if (!srcDir || !outDir) {
  console.error('usage: simplify-geo.mjs SRC_DIR OUT_DIR');
  process.exit(2);
}
// Tolerance in degrees of latitude per layer (0.001 degrees is about 110 m).
const kTolerance = { provincies: 0.004, gemeenten: 0.0012 };
let tolerance = 0;
// Longitude degrees are shorter than latitude degrees at 52 N; measure distances in a
// locally isotropic plane so the tolerance means the same in both directions.
const kLonScale = Math.cos((52.2 * Math.PI) / 180);

function perpendicularDistance(p, a, b) {
  const ax = a[0] * kLonScale, ay = a[1];
  const dx = b[0] * kLonScale - ax, dy = b[1] - ay;
  const px = p[0] * kLonScale - ax, py = p[1] - ay;
  const len2 = dx * dx + dy * dy;
  if (len2 === 0) return Math.hypot(px, py);
  const t = Math.max(0, Math.min(1, (px * dx + py * dy) / len2));
  return Math.hypot(px - t * dx, py - t * dy);
}

// Iterative Douglas-Peucker on an open polyline; keeps both ends.
function simplifyLine(points) {
  if (points.length <= 2) return points;
  const keep = new Uint8Array(points.length);
  keep[0] = keep[points.length - 1] = 1;
  const stack = [[0, points.length - 1]];
  while (stack.length) {
    const [first, last] = stack.pop();
    let maxDist = 0, index = -1;
    for (let i = first + 1; i < last; i++) {
      const d = perpendicularDistance(points[i], points[first], points[last]);
      if (d > maxDist) { maxDist = d; index = i; }
    }
    if (index >= 0 && maxDist > tolerance) {
      keep[index] = 1;
      stack.push([first, index], [index, last]);
    }
  }
  return points.filter((_, i) => keep[i]);
}

const round = (v) => Math.round(v * 1e4) / 1e4;

// A closed ring is split at its farthest point from the start so Douglas-Peucker has a chord.
function simplifyRing(ring) {
  const open = ring.slice(0, -1);
  if (open.length < 4) return null;
  let far = 1, best = 0;
  for (let i = 1; i < open.length; i++) {
    const d = Math.hypot((open[i][0] - open[0][0]) * kLonScale, open[i][1] - open[0][1]);
    if (d > best) { best = d; far = i; }
  }
  const a = simplifyLine(open.slice(0, far + 1));
  const b = simplifyLine(open.slice(far).concat([open[0]]));
  const out = a.concat(b.slice(1)).map(([x, y]) => [round(x), round(y)]);
  // Drop consecutive duplicates created by rounding; a ring needs 4 positions incl. closure.
  const dedup = out.filter((p, i) => i === 0 || p[0] !== out[i - 1][0] || p[1] !== out[i - 1][1]);
  return dedup.length >= 4 ? dedup : null;
}

function simplifyGeometry(geometry) {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  const out = [];
  for (const polygon of polygons) {
    const rings = polygon.map(simplifyRing);
    if (!rings[0]) continue;  // an island smaller than the tolerance disappears
    out.push(rings.filter(Boolean));
  }
  return { type: 'MultiPolygon', coordinates: out };
}

for (const name of ['provincies', 'gemeenten']) {
  tolerance = kTolerance[name];
  const src = JSON.parse(readFileSync(join(srcDir, `${name}.geojson`), 'utf8'));
  const features = src.features.map((f) => ({
    type: 'Feature',
    properties: f.properties,
    geometry: simplifyGeometry(f.geometry),
  }));
  const text = JSON.stringify({ type: 'FeatureCollection', features });
  writeFileSync(join(outDir, `${name}.geojson`), text + '\n');
  console.log(`${name}: ${features.length} features, ${text.length} bytes`);
}
