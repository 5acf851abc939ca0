// Passages a user marked in "Wat we al weten": kept in this browser tab (sessionStorage) and
// sent along with an export of the result list (passage=ID:KEY), where each becomes a citation
// of its page with its words.
const kStorageKey = 'kb.gemarkeerde-passages';
// The daemon takes at most this many in one export.
const kMaxMarks = 50;

export function markedPassages() {
  try {
    const list = JSON.parse(sessionStorage.getItem(kStorageKey) || '[]');
    return Array.isArray(list) ? list : [];
  } catch {
    return [];
  }
}

const same = (a, b) => a.id === b.id && a.key === b.key;

export function isMarked(passage) {
  return markedPassages().some((m) => same(m, passage));
}

// Marks or unmarks; returns whether it is marked now (false when the limit is reached).
export function toggleMark(passage) {
  let list = markedPassages();
  if (list.some((m) => same(m, passage))) list = list.filter((m) => !same(m, passage));
  else if (list.length < kMaxMarks) list.push({ id: passage.id, key: passage.key, page: passage.page });
  try {
    sessionStorage.setItem(kStorageKey, JSON.stringify(list));
  } catch {
    // Storage refused (private mode): the mark lasts until the page changes.
  }
  for (const el of document.querySelectorAll('.export-marks')) el.textContent = marksNote();
  return isMarked(passage);
}

// The export's parameters with the marked passages added.
export function withMarks(params) {
  const p = new URLSearchParams(params);
  for (const m of markedPassages()) p.append('passage', `${m.id}:${m.key}`);
  return p;
}

// What the export adds, in words ('' without marks).
export function marksNote() {
  const n = markedPassages().length;
  if (!n) return '';
  return n === 1 ? ' (met 1 gemarkeerde passage)' : ` (met ${n} gemarkeerde passages)`;
}
