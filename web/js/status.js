// The status page: /api/health in words a user reads (the JSON stays at /api/health).
import { h, fill, formatNumber, plural } from './dom.js';

const kIndexerStates = {
  running: 'bezig met bijwerken',
  finished: 'klaar',
  stopped: 'gestopt voordat het klaar was',
  unknown: 'onbekend (geen gegevens van de indexeerder)',
};

function dutchTime(iso) {
  if (!iso) return 'onbekend';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat('nl-NL', { dateStyle: 'long', timeStyle: 'short' }).format(date);
}

function megabytes(bytes) {
  return `${new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 1 }).format((bytes || 0) / 1048576)} MB`;
}

async function show() {
  const box = document.getElementById('status');
  let health;
  try {
    const response = await fetch('/api/health', { cache: 'no-store' });
    health = await response.json();
    if (!response.ok) throw new Error(health?.error?.message || `HTTP ${response.status}`);
  } catch (err) {
    fill(box, h('p', { class: 'notice', role: 'alert' },
      'De zoekdienst is nu niet bereikbaar of kan de index niet lezen. Probeer het over een paar minuten opnieuw; ',
      'blijft dit zo, meld het dan aan de beheerder. ', h('span', { class: 'muted' }, `(${err.message})`)));
    return;
  }
  const indexer = health.indexer || {};
  const rows = [
    ['Zoekdienst', health.status === 'ok' ? 'werkt' : String(health.status)],
    ['Documenten', formatNumber(health.documents || 0)],
    ['Laatst bijgewerkt', dutchTime(health.last_update)],
    ['Indexeerder', kIndexerStates[indexer.state] || kIndexerStates.unknown],
  ];
  if (indexer.state === 'running' && indexer.files_total) {
    rows.push(['Voortgang', `${formatNumber(indexer.files_done || 0)} van ${plural(indexer.files_total, 'bestand', 'bestanden')}`]);
  }
  if (indexer.started) rows.push(['Laatste run gestart', dutchTime(indexer.started)]);
  if (indexer.finished) rows.push(['Laatste run klaar', dutchTime(indexer.finished)]);
  rows.push(['Niet te lezen bestanden', health.failed_files
    ? `${plural(health.failed_files, 'bestand', 'bestanden')}; de redactie ziet welke`
    : 'geen']);
  rows.push(['Grootte van de index', megabytes(health.index_bytes)]);
  fill(box, h('dl', { class: 'meta status-list' }, rows.map(([k, v]) => [h('dt', {}, k), h('dd', {}, v)])));
}

show();
