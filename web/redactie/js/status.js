// After a save: "opgeslagen" at once, then "live" once kb-indexer has applied the edit. The page
// polls GET /api/editor/status (one poll for every waiting message) until nothing is pending.
import * as api from './api.js';

const kPollMs = 1000;
const kPatienceMs = 60_000;

const waiting = new Map();  // status element -> callback when live
let polling = false;

export const kSavedText = 'Opgeslagen — zichtbaar in de zoekresultaten zodra de index is bijgewerkt.';
export const kLiveText = 'Bijgewerkt — de wijziging is nu zichtbaar in de zoekresultaten.';

function show(el, text, kind) {
  el.textContent = text;
  el.className = `save-status ${kind}`;
}

// Tells the page that the collection changed (an edit is live, a pair was rejected): views
// showing counts refresh them (queues.js).
export function announceChange() {
  window.dispatchEvent(new CustomEvent('redactie-changed'));
}

// el: an element with role="status"; onLive: called once the index has the change.
export function trackSave(el, onLive = () => {}) {
  show(el, kSavedText, 'pending');
  waiting.set(el, onLive);
  if (!polling) poll();
}

async function poll() {
  polling = true;
  const started = Date.now();
  let warned = false;
  try {
    while (waiting.size) {
      await new Promise((resolve) => setTimeout(resolve, kPollMs));
      let state;
      try {
        state = await api.status();
      } catch (err) {
        for (const el of waiting.keys()) show(el, `Opgeslagen, maar de stand van de index is onbekend: ${err.message}`, 'warning');
        if (err.status === 401) waiting.clear();
        continue;
      }
      if (state.pending === 0) {
        const done = [...waiting];
        waiting.clear();
        for (const [el, onLive] of done) {
          show(el, kLiveText, 'live');
          onLive();
        }
        announceChange();
      } else if (!warned && Date.now() - started > kPatienceMs) {
        warned = true;
        for (const el of waiting.keys()) {
          show(el, `Opgeslagen; de index is nog niet bijgewerkt (${state.pending} wijziging${state.pending === 1 ? '' : 'en'} wachten op kb-indexer). Dit bericht verandert zodra dat gebeurd is.`, 'warning');
        }
      }
    }
  } finally {
    polling = false;
  }
}
