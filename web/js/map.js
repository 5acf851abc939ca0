// The map of the Netherlands: provincies (or, zoomed into one provincie, its gemeenten) shaded by
// the number of documents, each shape a keyboard-operable toggle for the region filter.
import { h, svg, fill, plural, formatNumber } from './dom.js';
import { loadGeometry, projection, pathData } from './geo.js';
import { kProvincies } from './labels.js';

// Sequential blues; class 0 is "no documents". Borders are dark enough to separate the lightest
// fills (non-text contrast of at least 3:1 against white for selected outlines).
const kShades = ['#f4f5f7', '#c3d9ee', '#93bfe2', '#5c9fd0', '#2f78b8', '#0b4f8f'];
// Regions without documents are hatched so they read as gaps, not as "a few".
const kNoneFill = 'url(#geen-documenten)';
const kWidth = 400;

function shadeIndex(count, max) {
  if (!count) return 0;
  if (max <= 1) return kShades.length - 1;
  return 1 + Math.min(kShades.length - 2, Math.floor(((count - 1) / max) * (kShades.length - 1)));
}

// options: {
//   provincieCounts: Map(PVxx -> count), gemeenteCounts: Map(GMxxxx -> count),
//   zoom: PVxx or '' (show that provincie's gemeenten), selected: Set of PVxx/GMxxxx codes,
//   onProvincie(code), onGemeente(code), onZoomOut()
// }
export async function renderMap(container, options) {
  let geometry;
  try {
    geometry = await loadGeometry();
  } catch (err) {
    fill(container, h('p', { class: 'notice' }, `De kaart kon niet worden geladen (${err.message}).`));
    return;
  }
  const zoomed = Boolean(options.zoom);
  const features = zoomed
    ? geometry.gemeenten.filter((f) => f.properties.province === options.zoom)
    : geometry.provincies;
  const counts = zoomed ? options.gemeenteCounts : options.provincieCounts;
  const max = Math.max(0, ...features.map((f) => counts.get(f.properties.code) || 0));
  const { width, height, project } = projection(features, kWidth);
  const zoomName = zoomed ? kProvincies.find(([code]) => code === options.zoom)?.[1] : '';

  // The keyboard's place: a ring drawn over every shape (a shape's own outline is partly covered
  // by its neighbours), dark outside and light inside so it shows on every shade.
  const ringOuter = svg('path', { class: 'focus-ring-outer', d: '', 'aria-hidden': 'true' });
  const ringInner = svg('path', { class: 'focus-ring-inner', d: '', 'aria-hidden': 'true' });
  const showRing = (d) => {
    ringOuter.setAttribute('d', d);
    ringInner.setAttribute('d', d);
  };
  const shapes = features.map((f) => {
    const { code, name } = f.properties;
    const count = counts.get(code) || 0;
    const selected = options.selected.has(code);
    const label = `${name}: ${plural(count, 'document', 'documenten')}`;
    const activate = () => (zoomed ? options.onGemeente(code) : options.onProvincie(code));
    return svg('path', {
      d: pathData(f, project),
      class: `region${selected ? ' selected' : ''}`,
      fill: count ? kShades[shadeIndex(count, max)] : kNoneFill,
      tabindex: 0,
      role: 'button',
      'aria-pressed': selected ? 'true' : 'false',
      'aria-label': label,
      'data-code': code,
      onclick: activate,
      onfocus: (e) => showRing(e.currentTarget.matches(':focus-visible') ? e.currentTarget.getAttribute('d') : ''),
      onblur: () => showRing(''),
      onkeydown: (e) => {
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          activate();
        }
      },
    }, svg('title', {}, label));
  });
  // Selected shapes are drawn last so their outline is not covered by neighbours.
  shapes.sort((a, b) => a.classList.contains('selected') - b.classList.contains('selected'));

  const map = svg('svg', {
    viewBox: `-2 -2 ${width + 4} ${height + 4}`,
    class: 'map-svg',
    role: 'group',
    'aria-label': zoomed
      ? `Kaart van ${zoomName} met gemeenten; kies een gemeente om op te filteren`
      : 'Kaart van Nederland met provincies; kies een provincie om op te filteren',
  }, svg('defs', {}, svg('pattern', {
    id: 'geen-documenten', width: 6, height: 6, patternUnits: 'userSpaceOnUse', patternTransform: 'rotate(45)',
  }, svg('rect', { width: 6, height: 6, fill: kShades[0] }),
  svg('line', { x1: 0, y1: 0, x2: 0, y2: 6, stroke: '#b4bcc4', 'stroke-width': 1.5 }))), shapes,
  ringOuter, ringInner);

  const legendSteps = legendFor(max);
  fill(container,
    h('div', { class: 'map-head' },
      h('p', { class: 'map-caption' }, zoomed
        ? `Gemeenten in ${zoomName}`
        : 'Provincies'),
      zoomed && h('button', { type: 'button', class: 'link-button', onclick: options.onZoomOut },
        'Terug naar heel Nederland')),
    map,
    h('ul', { class: 'legend', 'aria-label': 'Legenda: aantal documenten' },
      legendSteps.map(([shade, text]) => h('li', {},
        h('span', { class: `swatch${shade ? '' : ' swatch-none'}`, style: shade ? `background:${kShades[shade]}` : null, 'aria-hidden': 'true' }), text))),
    h('p', { class: 'attribution' }, 'Bron kaart: CBS / Kadaster, CBS Gebiedsindelingen 2024'),
  );
}

function legendFor(max) {
  const steps = [[0, '0']];
  if (max <= 0) return steps;
  let previous = 0;
  for (let i = 1; i < kShades.length; i++) {
    // The largest count that still falls in class i.
    let upper = previous;
    for (let c = previous + 1; c <= max; c++) if (shadeIndex(c, max) === i) upper = c;
    if (upper > previous) {
      steps.push([i, upper === previous + 1 ? formatNumber(upper) : `${formatNumber(previous + 1)}–${formatNumber(upper)}`]);
      previous = upper;
    }
  }
  return steps;
}
