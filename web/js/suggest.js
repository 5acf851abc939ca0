// Suggestions as you type, following the WAI-ARIA combobox pattern: the input keeps focus, arrow
// keys move through the list (aria-activedescendant), Enter picks, Escape closes.
import { h, clear } from './dom.js';
import { suggest } from './api.js';

const kTypeNames = { theme: 'thema', gemeente: 'gemeente', provincie: 'provincie' };

const kDelayMs = 150;

export function attachSuggest(input, listbox, onPick) {
  let timer = 0;
  let controller = null;
  let items = [];
  let active = -1;

  const close = () => {
    items = [];
    active = -1;
    clear(listbox);
    listbox.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
  };

  const highlight = (index) => {
    active = index;
    [...listbox.children].forEach((li, i) => li.setAttribute('aria-selected', i === index ? 'true' : 'false'));
    if (index >= 0) input.setAttribute('aria-activedescendant', listbox.children[index].id);
    else input.removeAttribute('aria-activedescendant');
  };

  const show = (list) => {
    items = list.slice(0, 8);
    clear(listbox);
    if (!items.length) return close();
    listbox.append(...items.map((item, i) => h('li', {
      id: `suggestie-${i}`, role: 'option', 'aria-selected': 'false',
      // mousedown, not click: picking must happen before the input's blur closes the list.
      onmousedown: (e) => { e.preventDefault(); pick(i); },
    }, item.text, kTypeNames[item.type]
      ? h('span', { class: 'suggest-type' }, ` — filter op ${kTypeNames[item.type]}`) : null)));
    listbox.hidden = false;
    input.setAttribute('aria-expanded', 'true');
    active = -1;
  };

  // A term replaces the query; a theme or region becomes a filter (onPick decides).
  const pick = (index) => {
    const item = items[index];
    close();
    if (item !== undefined) onPick(item);
  };

  input.addEventListener('input', () => {
    clearTimeout(timer);
    controller?.abort();
    const q = input.value.trim();
    if (q.length < 2) return close();
    timer = setTimeout(async () => {
      controller = new AbortController();
      try {
        const list = await suggest(q, { signal: controller.signal });
        // Too late when the user has submitted, typed on or left the box meanwhile.
        if (input.value.trim() === q && document.activeElement === input) show(list);
      } catch {
        close();  // suggestions are a convenience; the search itself still works
      }
    }, kDelayMs);
  });

  input.addEventListener('keydown', (e) => {
    if (listbox.hidden) {
      if (e.key === 'ArrowDown' && input.value.trim().length >= 2) input.dispatchEvent(new Event('input'));
      return;
    }
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      highlight((active + 1) % items.length);
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      highlight(active <= 0 ? items.length - 1 : active - 1);
    } else if (e.key === 'Enter' && active >= 0) {
      e.preventDefault();
      pick(active);
    } else if (e.key === 'Escape') {
      e.preventDefault();
      close();
    }
  });

  input.addEventListener('blur', () => setTimeout(close, 100));
  // Submitting the form ends any pending request and closes the list.
  input.form?.addEventListener('submit', () => {
    clearTimeout(timer);
    controller?.abort();
    close();
  });
  return { close };
}
