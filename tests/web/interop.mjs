#!/usr/bin/env node
// Our exports read by a client nobody here wrote (issue 21): citation-js (npm) parses every
// document's RIS and BibTeX strictly, its APA rendering is compared with ours field by field,
// the RIS follows Zotero's conventions, and the export of a whole result list holds exactly the
// per-document records. Runs the real kb-searchd over the index of ../shared/corpus/docs.
//
// Usage: node interop.mjs --searchd BIN --db DIR --web DIR
// Exit status: 0 passed, 1 failed, 77 skipped (citation-js is not installed; run .ci/install-deps).
import { parseArgs, startSearchd, stopProcess, kSkip } from './harness.mjs';

let Cite;
let plugins;
try {
  ({ Cite, plugins } = await import('@citation-js/core'));
  await import('@citation-js/plugin-ris');
  await import('@citation-js/plugin-bibtex');
  await import('@citation-js/plugin-csl');
} catch {
  console.log('SKIP: citation-js is not installed in tests/web/node_modules; run .ci/install-deps.');
  process.exit(kSkip);
}

const failures = [];
function check(condition, message) {
  if (!condition) failures.push(message);
  return condition;
}

// RIS text -> [{tags: Map(tag -> [values]), text}] per record.
function risRecords(text) {
  const records = [];
  for (const chunk of text.split('ER  - \r\n')) {
    if (!chunk.trim()) continue;
    const record = { text: `${chunk.replace(/^\r\n/, '')}ER  - \r\n`, tags: new Map() };
    for (const line of chunk.split('\r\n')) {
      const m = /^([A-Z][A-Z0-9])  - (.*)$/.exec(line);
      if (!m) continue;
      if (!record.tags.has(m[1])) record.tags.set(m[1], []);
      record.tags.get(m[1]).push(m[2]);
    }
    records.push(record);
  }
  return records;
}

const tag = (record, name) => (record.tags.get(name) || [])[0] || '';
const tags = (record, name) => record.tags.get(name) || [];

// A CSL name as "Family, Given" with its particle, or the literal name.
function cslName(name) {
  if (typeof name === 'string') return name;
  if (name.literal) return name.literal;
  const family = [name['non-dropping-particle'], name.family].filter(Boolean).join(' ');
  const given = [name.given, name['dropping-particle']].filter(Boolean).join(' ');
  return given ? `${family}, ${given}` : family;
}

// "Auteurs (jaar). Titel..." -> {who, year}; "Titel. (jaar)." when there is no author.
function apaParts(reference) {
  const m = /^(.*?) \((\d{4}|z\.d\.|n\.d\.)(?:, [^)]*)?\)\. (.*)$/.exec(reference);
  if (!m) return null;
  return { who: m[1], year: m[2] === 'n.d.' ? 'z.d.' : m[2], rest: m[3] };
}

async function main() {
  const args = parseArgs(process.argv.slice(2), { required: ['searchd', 'db', 'web'] });
  const daemon = await startSearchd(args.searchd, { db: args.db, web: args.web, extra: ['--quiet'] });
  try {
    const base = daemon.base;
    // 1. The export of the whole list: every match, counted, each record the document's own.
    const list = await fetch(`${base}/api/search?format=ris`);
    const total = Number(list.headers.get('X-Total-Count'));
    const exported = Number(list.headers.get('X-Export-Count'));
    const records = risRecords(await list.text());
    console.log(`export of the whole list: ${exported} of ${total} documents, ${records.length} RIS records`);
    check(total > 100, `the corpus index should hold over 100 documents, X-Total-Count says ${total}`);
    check(exported === Math.min(total, 10000), `X-Export-Count ${exported} for ${total} matches`);
    check(records.length === exported, `${records.length} RIS records for X-Export-Count ${exported}`);

    let authorsChecked = 0;
    let apaChecked = 0;
    let bibStrict = 0;
    let bibMisc = 0;
    const bibtexConfig = plugins.config.get('@bibtex');
    const apaList = (await (await fetch(`${base}/api/search?format=apa`)).text()).split('\n').filter(Boolean);
    check(apaList.length === records.length, `${apaList.length} APA lines for ${records.length} records`);

    for (const [index, record] of records.entries()) {
      const id = tag(record, 'ID');
      const where = `document ${id} (${tag(record, 'TI').slice(0, 50)})`;
      // The per-document export is the very same record: same authors, same everything.
      const own = await (await fetch(`${base}/api/documents/${id}?format=ris`)).text();
      check(own === record.text, `${where}: the list's RIS record differs from the document's own`);

      // Zotero's RIS conventions: one AU per person as "Family, Given"; an organisation without
      // a comma (Zotero then keeps it as one field).
      for (const au of tags(record, 'AU')) {
        check((au.match(/,/g) || []).length <= 1 && !/^,|,$/.test(au) && !/,\S/.test(au),
          `${where}: AU "${au}" is not "Family, Given" or a single name`);
      }

      // citation-js reads the RIS (strict chain: an unparseable record throws).
      const [item] = new Cite(record.text, { forceType: '@ris/file' }).data;
      const ty = tag(record, 'TY');
      const names = ty === 'NEWS' ? item.reporter : ty === 'STAT' ? null : item.author;
      if (names !== null) {
        // CSL's reporter is a plain string in citation-js; authors are name objects.
        const theirs = (Array.isArray(names) ? names : names ? [names] : []).map(cslName);
        check(JSON.stringify(theirs) === JSON.stringify(tags(record, 'AU')),
          `${where}: citation-js reads the authors as ${JSON.stringify(theirs)}, RIS has ${JSON.stringify(tags(record, 'AU'))}`);
        authorsChecked += theirs.length;
      }
      check(item.title === tag(record, 'TI'), `${where}: title read as "${item.title}"`);
      if (tag(record, 'PY')) {
        check(String(item.issued?.['date-parts']?.[0]?.[0]) === tag(record, 'PY'), `${where}: year read as ${JSON.stringify(item.issued)}`);
      }

      // The BibTeX entry, parsed strictly (biblatex's required fields) unless it had to be a
      // @misc, which only an entry without an author or a year is.
      const bib = await (await fetch(`${base}/api/documents/${id}?format=bibtex`)).text();
      const misc = bib.startsWith('@misc{');
      bibtexConfig.parse.strict = !misc;
      let entry;
      try {
        [entry] = new Cite(bib, { forceType: '@biblatex/text' }).data;
      } catch (err) {
        check(false, `${where}: citation-js refuses the BibTeX entry: ${err.message}\n${bib}`);
        continue;
      } finally {
        bibtexConfig.parse.strict = false;
      }
      if (misc) {
        bibMisc += 1;
        check(!tag(record, 'PY') || !tags(record, 'AU').length, `${where}: a @misc although it has an author and a year`);
      } else {
        bibStrict += 1;
      }
      const bibNames = (entry.author || []).map(cslName);
      const risNames = tags(record, 'AU');
      // BibTeX keeps an organisation's commas (braced); RIS drops them.
      check(JSON.stringify(bibNames.map((n) => n.replace(/,(?= \S+ )/g, ''))) === JSON.stringify(risNames) ||
            JSON.stringify(bibNames.map((n) => n.replaceAll(',', ''))) === JSON.stringify(risNames.map((n) => n.replaceAll(',', ''))),
        `${where}: BibTeX authors ${JSON.stringify(bibNames)} differ from RIS ${JSON.stringify(risNames)}`);

      // APA: citation-js renders the RIS item with the APA style; ours must agree on the authors,
      // the year, the title, the publisher and the link.
      if (ty === 'NEWS' || ty === 'STAT') continue;  // citation-js maps no AU to an author there
      const theirs = new Cite(record.text, { forceType: '@ris/file' })
        .format('bibliography', { template: 'apa', format: 'text', lang: 'en-US' }).trim();
      const ours = apaList[index];
      const a = apaParts(ours);
      const b = apaParts(theirs);
      if (!check(a && b, `${where}: APA not of the form "Auteurs (jaar). ...":\n  ours:   ${ours}\n  theirs: ${theirs}`)) continue;
      // The APA style prints typographic quotes and puts a period inside a closing quote (US
      // punctuation): titles are compared without quotes and final periods.
      const plain = (text) => text.replace(/['"‘’“”`]/g, '').replace(/\.(?=\s|$)/g, '');
      const title = plain(tag(record, 'TI'));
      if (tags(record, 'AU').length) {
        // An organisation's commas are kept in our APA but not in the RIS citation-js read.
        const literal = tags(record, 'AU').every((au) => !au.includes(','));
        const who = (text) => (literal ? text.replaceAll(',', '') : text);
        check(who(a.who) === who(b.who), `${where}: APA authors differ:\n  ours:   ${a.who}\n  theirs: ${b.who}`);
      }
      check(a.year === b.year, `${where}: APA year ${a.year} vs ${b.year}`);
      check(plain(ours).includes(title.replace(/\.$/, '')) && plain(theirs).includes(title.replace(/\.$/, '')),
        `${where}: APA title missing:\n  ours:   ${ours}\n  theirs: ${theirs}`);
      check(ours.includes(tag(record, 'UR')) && theirs.includes(tag(record, 'UR')), `${where}: APA link missing`);
      const publisher = tag(record, 'PB');
      if (publisher && publisher !== tags(record, 'AU')[0]) {
        check(ours.includes(publisher) && theirs.includes(publisher), `${where}: APA publisher "${publisher}" missing`);
      }
      apaChecked += 1;
    }
    console.log(`authors compared: ${authorsChecked}; APA references compared: ${apaChecked}; ` +
                `BibTeX entries parsed strictly: ${bibStrict}, @misc (no author or year): ${bibMisc}`);
    check(apaChecked > 50, `only ${apaChecked} APA references compared`);
    check(bibStrict > bibMisc, `${bibStrict} strict BibTeX entries against ${bibMisc} @misc`);

    // The whole list's BibTeX parses too, one entry per record.
    bibtexConfig.parse.strict = false;
    const allBib = await (await fetch(`${base}/api/search?format=bibtex`)).text();
    const entries = new Cite(allBib, { forceType: '@biblatex/text' }).data;
    check(entries.length === records.length, `${entries.length} BibTeX entries for ${records.length} records`);
  } finally {
    await stopProcess(daemon.child);
  }
  for (const f of failures.slice(0, 40)) console.log(`FAIL: ${f}`);
  if (failures.length > 40) console.log(`... and ${failures.length - 40} more`);
  console.log(failures.length ? `${failures.length} failures` : 'all interoperability checks passed');
  return failures.length ? 1 : 0;
}

process.exitCode = await main();
