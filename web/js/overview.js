// "Wat weten we al?": the overview above the results — how many documents, since when (a timeline
// per year), on which themes, where (the map) and where not (the gaps: the provincies without
// documents, and a theme x provincie matrix with its empty cells marked).
import { h, fill, plural, formatNumber } from './dom.js';
import { renderMap } from './map.js';
import {
  facetLabel, themeName, provincieCode, gemeenteCode, gemeenteProvince, kProvincies,
} from './labels.js';
import { withChanges, toggleValue } from './state.js';

// A provincie with at most this share of the best-covered provincie counts as "few documents".
const kFewShare = 0.25;
// The matrix's rows without a theme filter: the themes with the most documents.
const kMatrixThemes = 8;
// The provincies' usual two-letter abbreviations, for the matrix's columns.
const kProvincieAbbreviations = new Map([
  ['PV20', 'GR'], ['PV21', 'FR'], ['PV22', 'DR'], ['PV23', 'OV'], ['PV24', 'FL'], ['PV25', 'GD'],
  ['PV26', 'UT'], ['PV27', 'NH'], ['PV28', 'ZH'], ['PV29', 'ZE'], ['PV30', 'NB'], ['PV31', 'LB'],
]);

// result: the main search answer; regional: the same search without the region filters (for the
// map and the gaps, so every provincie keeps its count while one is selected).
export function renderOverview(container, { state, result, regional, navigate }) {
  const facets = result.facets || {};
  const years = facets.year || [];
  fill(container,
    h('h2', { id: 'overzicht-titel', class: 'visually-hidden' }, 'Overzicht: wat weten we al?'),
    h('div', { class: 'overview-grid' },
      h('div', { class: 'overview-numbers' },
        summary(state, result, years),
        timeline(state, years, navigate),
        topThemes(state, facets.theme || [], navigate)),
      h('div', { class: 'overview-map' },
        h('h3', {}, 'Waar?'),
        h('div', { id: 'kaart', class: 'map' }),
        gaps(state, regional, result))),
    matrix(state, regional, result),
  );
  return drawMap(container.querySelector('#kaart'), state, regional, navigate);
}

function summary(state, result, years) {
  const known = years.map((y) => Number(y.value)).filter((y) => y > 0);
  const since = known.length ? Math.min(...known) : null;
  const until = known.length ? Math.max(...known) : null;
  const parts = [];
  if (state.q) parts.push(`over “${state.q}”`);
  if (state.theme.length) parts.push(`met het thema ${state.theme.map((t) => facetLabel('theme', { value: t })).join(' of ')}`);
  const regions = [...state.provincie.map((v) => facetLabel('provincie', { value: v })),
    ...state.gemeente.map((v) => facetLabel('gemeente', { value: v }))];
  if (regions.length) parts.push(`in ${regions.join(' of ')}`);
  const what = parts.length ? parts.join(' ') : 'in de collectie';
  // "documenten over ..." counts only the documents that hold the whole query.
  const whole = state.q && result.all_words_total !== undefined ? result.all_words_total : result.total;
  if (state.q && whole === 0 && result.total > 0) {
    return h('p', { class: 'summary' },
      `Geen document bevat alle woorden van “${state.q}”; `,
      h('strong', { class: 'big-number' }, formatNumber(result.total)), ' ',
      result.total === 1 ? 'document bevat' : 'documenten bevatten', ' een deel ervan.');
  }
  const rest = result.total - whole;
  return h('p', { class: 'summary' },
    h('strong', { class: 'big-number' }, formatNumber(whole)), ' ',
    whole === 1 ? 'document' : 'documenten', ` ${what}`,
    since ? (since === until ? ` uit ${since}` : `, van ${since} tot ${until}`) : '',
    rest > 0 ? `, en ${plural(rest, 'document', 'documenten')} met een deel van de woorden` : '',
    '.');
}

function timeline(state, years, navigate) {
  const counts = new Map(years.map((y) => [Number(y.value), y.count]).filter(([y]) => y > 0));
  if (!counts.size) return h('p', { class: 'muted' }, 'Geen jaartallen bekend voor deze documenten.');
  const first = Math.min(...counts.keys());
  const last = Math.max(...counts.keys());
  const max = Math.max(...counts.values());
  const bars = [];
  // Long spans are grouped per 5 years so the bars stay readable on a phone.
  const span = last - first;
  const step = span > 60 ? 10 : span > 30 ? 5 : 1;
  // Up to a dozen bars each carry their year; more get only the first and last below the axis.
  const barCount = Math.floor((last - first) / step) + 1;
  const labelEach = barCount <= 12;
  const shortLabels = barCount > 6 || step > 1;
  for (let y = first - (first % step === 0 ? 0 : first % step); y <= last; y += step) {
    let count = 0;
    for (let k = y; k < y + step; k++) count += counts.get(k) || 0;
    const to = y + step - 1;
    const label = step === 1 ? String(y) : `${y}–${to}`;
    const selected = state.year_from === String(y) && state.year_to === String(to);
    bars.push(h('li', {},
      h('button', {
        type: 'button',
        class: `bar${selected ? ' selected' : ''}`,
        'aria-pressed': selected ? 'true' : 'false',
        'aria-label': `${label}: ${plural(count, 'document', 'documenten')}`,
        title: `${label}: ${plural(count, 'document', 'documenten')}`,
        disabled: count === 0,
        onclick: () => navigate(selected
          ? withChanges(state, { year_from: '', year_to: '' })
          : withChanges(state, { year_from: String(y), year_to: String(to) })),
      }, h('span', { class: 'bar-fill', style: `height:${Math.max(count ? 6 : 0, (count / max) * 100)}%` })),
      labelEach ? h('span', { class: 'bar-label', 'aria-hidden': 'true' }, shortLabels ? `’${String(y).slice(2)}` : String(y)) : null));
  }
  // One tab stop for the whole timeline (the chosen period, else the latest); the arrow keys, Home
  // and End move between the periods, so the keyboard never walks through dozens of bars.
  const buttons = bars.map((li) => li.querySelector('button'));
  const enabled = buttons.filter((b) => !b.disabled);
  const start = buttons.find((b) => b.classList.contains('selected')) || enabled[enabled.length - 1];
  for (const b of buttons) b.tabIndex = b === start ? 0 : -1;
  const onKey = (e) => {
    const at = enabled.indexOf(e.target);
    if (at < 0) return;
    const to = { ArrowLeft: at - 1, ArrowRight: at + 1, ArrowUp: at + 1, ArrowDown: at - 1, Home: 0, End: enabled.length - 1 }[e.key];
    if (to === undefined) return;
    e.preventDefault();
    const next = enabled[Math.max(0, Math.min(enabled.length - 1, to))];
    for (const b of buttons) b.tabIndex = b === next ? 0 : -1;
    next.focus();
  };
  return h('section', { class: 'timeline', 'aria-labelledby': 'tijdlijn-titel' },
    h('h3', { id: 'tijdlijn-titel' }, 'Documenten per jaar'),
    h('p', { class: 'visually-hidden', id: 'tijdlijn-uitleg' }, 'Kies een periode met de pijltjestoetsen en Enter.'),
    h('ol', { class: `bars${labelEach ? ' labelled' : ''}`, onkeydown: onKey, 'aria-describedby': 'tijdlijn-uitleg' }, bars),
    labelEach ? null : h('div', { class: 'bar-axis', 'aria-hidden': 'true' },
      h('span', {}, String(first)), h('span', {}, String(last))));
}

function topThemes(state, themes, navigate) {
  const top = themes.slice(0, 6);
  if (!top.length) return null;
  const max = Math.max(...top.map((t) => t.count));
  return h('section', { class: 'top-themes', 'aria-labelledby': 'themas-titel' },
    h('h3', { id: 'themas-titel' }, 'Belangrijkste thema’s'),
    h('ul', {}, top.map((t) => {
      const active = state.theme.includes(t.value);
      return h('li', {},
        h('button', {
          type: 'button', class: 'theme-bar', 'aria-pressed': active ? 'true' : 'false',
          onclick: () => navigate(toggleValue(state, 'theme', t.value)),
        },
        h('span', { class: 'theme-bar-label' }, facetLabel('theme', t)),
        h('span', { class: 'theme-bar-track', 'aria-hidden': 'true' },
          h('span', { class: 'theme-bar-fill', style: `width:${(t.count / max) * 100}%` })),
        h('span', { class: 'theme-bar-count' }, formatNumber(t.count))));
    })));
}

function provincieCounts(result) {
  const counts = new Map();
  for (const entry of result.facets?.provincie || []) {
    const code = provincieCode(entry.value);
    if (code) counts.set(code, (counts.get(code) || 0) + entry.count);
  }
  return counts;
}

// The provincies the user asks about (named in the query or chosen as a filter, directly or by
// one of their gemeenten): what they ask about is never a gap to point out.
function askedProvincies(state, result) {
  return new Set([
    ...(result.interpreted?.provincie || []), ...state.provincie,
  ].map(provincieCode).concat(
    [...(result.interpreted?.gemeente || []), ...state.gemeente]
      .map((g) => gemeenteProvince(gemeenteCode(g)))).filter(Boolean));
}

function gapSubject(state) {
  return state.theme.length
    ? `voor ${state.theme.map(themeName).join(' of ')}`
    : state.q ? `voor “${state.q}”` : 'in de collectie';
}

function gaps(state, regional, result) {
  const counts = provincieCounts(regional);
  const named = askedProvincies(state, result);
  const rows = kProvincies.filter(([code]) => !named.has(code))
    .map(([code, name]) => ({ code, name, count: counts.get(code) || 0 }));
  const max = Math.max(0, ...rows.map((r) => r.count));
  const none = rows.filter((r) => r.count === 0);
  const few = rows.filter((r) => r.count > 0 && r.count <= Math.max(1, Math.floor(max * kFewShare)) && max > 2);
  const subject = gapSubject(state);
  const items = [];
  if (none.length) {
    items.push(h('li', {}, h('strong', {}, 'Geen documenten: '), none.map((r) => r.name).join(', ')));
  }
  if (few.length) {
    items.push(h('li', {}, h('strong', {}, 'Weinig documenten: '),
      few.map((r) => `${r.name} (${formatNumber(r.count)})`).join(', ')));
  }
  return h('section', { class: 'gaps', 'aria-labelledby': 'gaten-titel' },
    h('h3', { id: 'gaten-titel' }, `Witte vlekken ${subject}`),
    items.length
      ? h('ul', {}, items)
      : h('p', {}, 'Elke provincie heeft documenten.'));
}

// Theme x provincie for the current query and filters (regional: without the region filters, so
// every provincie has its column), the asked provincies left out. Rows: the chosen themes, else
// the themes with the most documents. An empty cell is marked, in words for screen readers.
function matrix(state, regional, result) {
  const themes = state.theme.length
    ? state.theme
    : (regional.facets?.theme || []).slice(0, kMatrixThemes).map((t) => t.value);
  if (!themes.length) return null;
  const asked = askedProvincies(state, result);
  const columns = kProvincies.filter(([code]) => !asked.has(code));
  const cells = new Map();
  for (const c of regional.facets?.theme_provincie || []) {
    const code = provincieCode(c.provincie);
    if (code) cells.set(`${c.theme}|${code}`, (cells.get(`${c.theme}|${code}`) || 0) + c.count);
  }
  return h('section', { class: 'gap-matrix', 'aria-labelledby': 'matrix-titel' },
    h('h3', { id: 'matrix-titel' }, `Thema’s per provincie ${gapSubject(state)}`),
    h('p', { class: 'muted', id: 'matrix-uitleg' },
      'Aantal documenten per thema en provincie; een gearceerd vak met een streepje is een witte vlek.'),
    // Scrolls sideways on a narrow screen; focusable so the keyboard can scroll it too.
    // Its own name: two landmarks with one name are one too many (axe: landmark-unique).
    h('div', { class: 'matrix-scroll', tabindex: '0', role: 'region', 'aria-label': 'Tabel: thema’s per provincie, schuifbaar' },
      h('table', { 'aria-describedby': 'matrix-uitleg' },
        h('thead', {}, h('tr', {},
          h('th', { scope: 'col' }, 'Thema'),
          columns.map(([code, name]) => h('th', { scope: 'col' },
            h('abbr', { title: name, 'aria-hidden': 'true' }, kProvincieAbbreviations.get(code)),
            h('span', { class: 'visually-hidden' }, name))))),
        h('tbody', {}, themes.map((theme) => h('tr', {},
          h('th', { scope: 'row' }, themeName(theme)),
          columns.map(([code, name]) => {
            const n = cells.get(`${theme}|${code}`) || 0;
            return n
              ? h('td', {}, formatNumber(n))
              : h('td', { class: 'gap-cell' },
                h('span', { 'aria-hidden': 'true' }, '–'),
                h('span', { class: 'visually-hidden' }, `geen documenten in ${name}`));
          })))))));
}

function drawMap(container, state, regional, navigate) {
  const selectedProvincies = state.provincie.map(provincieCode).filter(Boolean);
  const gemeenteCounts = new Map();
  for (const entry of regional.facets?.gemeente || []) {
    const code = gemeenteCode(entry.value);
    if (code) gemeenteCounts.set(code, (gemeenteCounts.get(code) || 0) + entry.count);
  }
  const selected = new Set([...selectedProvincies, ...state.gemeente.map(gemeenteCode).filter(Boolean)]);
  // Zoom into a provincie when exactly one is chosen (its gemeenten then become clickable).
  const zoom = selectedProvincies.length === 1 ? selectedProvincies[0] : '';
  const provincieValue = (code) => kProvincies.find(([c]) => c === code)[1];
  const focusOn = (code) => ({ focus: [`#kaart [data-code="${code}"]`, '#kaart button', '#kaart path'] });
  return renderMap(container, {
    provincieCounts: provincieCounts(regional),
    gemeenteCounts,
    zoom,
    selected,
    onProvincie: (code) => {
      const name = provincieValue(code);
      const current = state.provincie.find((v) => provincieCode(v) === code);
      navigate(withChanges(state, {
        provincie: current ? state.provincie.filter((v) => v !== current) : [...state.provincie, name],
      }), focusOn(code));
    },
    onGemeente: (code) => {
      // Filter with the form the index uses: codes when its facet shows codes, else names.
      const usesCodes = (regional.facets?.gemeente || []).some((e) => /^GM\d{4}$/.test(e.value));
      const current = state.gemeente.find((v) => gemeenteCode(v) === code);
      const value = usesCodes || !(regional.facets?.gemeente || []).length
        ? code
        : (regional.facets.gemeente.find((e) => gemeenteCode(e.value) === code)?.value || code);
      navigate(withChanges(state, {
        gemeente: current ? state.gemeente.filter((v) => v !== current) : [...state.gemeente, value],
      }), focusOn(code));
    },
    onZoomOut: () => navigate(withChanges(state, {
      provincie: [],
      gemeente: state.gemeente.filter((v) => gemeenteProvince(gemeenteCode(v)) !== zoom),
    }), focusOn(zoom)),
  });
}
