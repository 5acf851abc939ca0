// Small helpers for building DOM safely. Text from the index or the URL is only ever inserted
// as text nodes; the one exception, highlighted snippets, goes through markedText(), which keeps
// <mark> and turns everything else into plain text.

// h('a', {href: '…', class: 'x', onclick: fn}, 'text', childNode, [more]) -> element.
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') {
      el.addEventListener(key.slice(2), value);
    } else if (key === 'class') {
      el.className = value;
    } else if (key === 'dataset') {
      Object.assign(el.dataset, value);
    } else if (key === 'style') {
      // Through the CSSOM: the Content-Security-Policy allows no inline style attributes.
      el.style.cssText = String(value);
    } else if (value === true) {
      el.setAttribute(key, '');
    } else {
      el.setAttribute(key, String(value));
    }
  }
  append(el, children);
  return el;
}

const kSvgNs = 'http://www.w3.org/2000/svg';

// The SVG counterpart of h(); attributes are set verbatim.
export function svg(tag, attrs = {}, ...children) {
  const el = document.createElementNS(kSvgNs, tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2), value);
    else el.setAttribute(key, String(value));
  }
  append(el, children);
  return el;
}

export function append(parent, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    parent.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return parent;
}

// Replaces the element's children; accepts nested arrays and skips null/false like h().
export function fill(el, ...children) {
  return append(clear(el), children);
}

export function clear(el) {
  while (el.firstChild) el.firstChild.remove();
  return el;
}

// Turns a server snippet ("HTML-escaped text with <mark>…</mark>") into DOM nodes. It is parsed in
// an inert document, and only text and <mark> survive, so even a snippet that was not escaped
// cannot inject markup or script.
export function markedText(html) {
  const fragment = document.createDocumentFragment();
  if (!html) return fragment;
  const doc = new DOMParser().parseFromString(`<body>${html}</body>`, 'text/html');
  const copy = (node, into) => {
    for (const child of node.childNodes) {
      if (child.nodeType === Node.TEXT_NODE) {
        into.append(document.createTextNode(child.textContent));
      } else if (child.nodeType === Node.ELEMENT_NODE) {
        if (child.tagName === 'MARK') into.append(copy(child, document.createElement('mark')));
        else into.append(document.createTextNode(child.textContent));
      }
    }
    return into;
  };
  return copy(doc.body, fragment);
}

// Highlights the given lower-case, accent-folded words (as prefixes) in plain text.
export function highlightText(text, words) {
  const fragment = document.createDocumentFragment();
  if (!words.length) {
    fragment.append(text);
    return fragment;
  }
  // Words are matched one at a time so positions refer to the original, unfolded text.
  const ranges = [];
  const wordRe = /[\p{L}\p{N}]+/gu;
  let m;
  while ((m = wordRe.exec(text))) {
    const w = fold(m[0]);
    if (words.some((q) => w.startsWith(q))) ranges.push([m.index, m.index + m[0].length]);
  }
  let at = 0;
  for (const [start, end] of ranges) {
    if (start > at) fragment.append(text.slice(at, start));
    fragment.append(h('mark', {}, text.slice(start, end)));
    at = end;
  }
  if (at < text.length) fragment.append(text.slice(at));
  return fragment;
}

// Lower case without diacritics: "Fryslân" -> "fryslan".
export function fold(s) {
  return String(s).normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

// "Noord-Brabant" -> "noord-brabant", "Fryslân" -> "fryslan", "Súdwest-Fryslân" -> "sudwest-fryslan".
export function slug(s) {
  return fold(s).replace(/['’]/g, '').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
}

export function formatNumber(n) {
  return new Intl.NumberFormat('nl-NL').format(n);
}

export function plural(n, one, many) {
  return `${formatNumber(n)} ${n === 1 ? one : many}`;
}
