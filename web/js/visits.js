// "Kopieer link" (the address is the state, so the link is the list or document as it is shown)
// and "nieuw sinds uw vorige bezoek", remembered in this browser only (localStorage); nothing is
// sent to the server.
import { h } from './dom.js';

const kLastVisit = 'wwwa-laatste-bezoek';
const kThisSession = 'wwwa-vorige-bezoek';

// ISO 8601 UTC to the second, as the daemon writes `added`.
const isoSeconds = (date) => date.toISOString().replace(/\.\d+Z$/, 'Z');

// When the user was here before this visit ('' on a first visit). A visit is a browser session:
// the moment stays the same while the user searches on, and the next session compares with now.
function previousVisit() {
  try {
    let before = window.sessionStorage.getItem(kThisSession);
    if (before === null) {
      before = window.localStorage.getItem(kLastVisit) || '';
      window.sessionStorage.setItem(kThisSession, before);
      window.localStorage.setItem(kLastVisit, isoSeconds(new Date()));
    }
    return before;
  } catch {
    return '';  // storage switched off: nothing is marked
  }
}
const since = previousVisit();

// Whether a hit entered the collection after the user's previous visit.
export function isNew(hit) {
  return Boolean(since && hit.added && hit.added > since);
}

export function newBadge(hit) {
  return isNew(hit)
    ? h('span', { class: 'new-badge', title: 'Toegevoegd sinds uw vorige bezoek' },
      'nieuw', h('span', { class: 'visually-hidden' }, ' sinds uw vorige bezoek'))
    : null;
}

// A button that copies the page's address; it says whether that worked, in words.
export function copyLinkButton(what) {
  const status = h('span', { class: 'copy-status', role: 'status' });
  const copy = async () => {
    const url = window.location.href;
    let done = false;
    try {
      await navigator.clipboard.writeText(url);
      done = true;
    } catch {
      // Without the clipboard API (a page over plain http): select the address in a field.
      const field = h('input', { type: 'text', value: url, readonly: true, 'aria-label': 'Link' });
      document.body.append(field);
      field.select();
      done = document.execCommand && document.execCommand('copy');
      field.remove();
    }
    status.textContent = done
      ? 'Link gekopieerd.'
      : `Kopiëren lukte niet; kopieer het adres uit de adresbalk: ${url}`;
  };
  return h('span', { class: 'copy-link' },
    h('button', { type: 'button', class: 'secondary copy-button', onclick: copy, 'aria-label': `Kopieer link naar ${what}` },
      'Kopieer link'),
    status);
}
