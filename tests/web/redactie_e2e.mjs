#!/usr/bin/env node
// Browser end-to-end test of the editors' pages (/redactie, issue 7): the real kb-indexer indexes a
// copy of the sample corpus plus a known duplicate (one sample text again under another name,
// with another first line), the real kb-admin creates an editor, the real kb-searchd serves the
// page and the API (uploads go into the indexed corpus folder), and headless Chromium does what an
// editor does.
//
// Usage: node redactie_e2e.mjs --indexer BIN --searchd BIN --admin BIN --web DIR --corpus DIR
//                               [--shared-docs DIR] [--screenshots DIR]
// Exit status: 0 all passed, 1 a test failed, 77 skipped (no chromium or playwright-core).
import { mkdirSync, readdirSync, statSync, copyFileSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join, extname } from 'node:path';
import { parseArgs, run, startSearchd, runSuite } from './harness.mjs';

// The duplicate's first line: this prefix before the original's title line, so the copy is the
// longer text (the page's default choice keeps the longer one) and has its own title.
const kCopyPrefix = 'Doorgestuurde kopie, ontvangen per e-mail:';

// Copies the corpus folder's files and adds the duplicate of its longest text file.
function prepareCorpus(from, into) {
  mkdirSync(into, { recursive: true });
  let longest = null;
  for (const name of readdirSync(from).sort()) {
    const path = join(from, name);
    if (!statSync(path).isFile()) continue;
    copyFileSync(path, join(into, name));
    if (extname(name) === '.txt' && (!longest || statSync(path).size > longest.size)) longest = { name, size: statSync(path).size };
  }
  if (!longest) throw new Error(`${from} holds no .txt file to make a duplicate of`);
  const original = join(into, longest.name);
  const lines = readFileSync(original, 'utf8').split('\n');
  const copy = join(into, `kopie-${longest.name}`);
  const copyFirstLine = `${kCopyPrefix} ${lines[0].trim()}`;
  writeFileSync(copy, [copyFirstLine, ...lines.slice(1)].join('\n'));
  return { original, copy, originalTitle: lines[0].trim(), copyFirstLine };
}

// A one-page scan of the shared corpus (formats/scanned-pdf beside docs/), for OCR.
function pickScan(docs) {
  if (!docs) return null;
  const path = join(docs, '..', 'formats', 'scanned-pdf',
    'vng-stuf-king-archief_Is-het-RSGB-nog-wel-een-gemeentelijk-referentiemodel.pdf');
  return existsSync(path) ? path : null;
}

// A text file of the shared corpus that is not in the sample, to upload.
function pickUpload(root) {
  if (!root || !existsSync(root)) return null;
  const stack = [root];
  while (stack.length) {
    const dir = stack.shift();
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      const st = statSync(path);
      if (st.isDirectory()) stack.push(path);
      else if (extname(name) === '.txt' && st.size > 2000 && st.size < 60_000) return path;
    }
  }
  return null;
}

async function main() {
  const args = parseArgs(process.argv.slice(2), { required: ['indexer', 'searchd', 'admin', 'web', 'corpus'] });
  return runSuite('kb-web-redactie-', args.screenshots, async (env) => {
    const corpus = join(env.work, 'corpus');
    const dup = prepareCorpus(args.corpus, corpus);
    const db = join(env.work, 'index');
    await run(args.indexer, ['--db', db, corpus], { quiet: true });
    const added = await run(args.admin, ['--db', db, 'editor', 'add', 'anna']);
    const token = /\b[0-9a-f]{32,}\b/i.exec(added)?.[0];
    if (!token) throw new Error(`kb-admin editor add printed no token:\n${added}`);
    env.daemon = await startSearchd(args.searchd, {
      db, web: args.web, extra: ['--upload-dir', corpus, '--indexer', args.indexer],
    });
    console.log(`index: ${env.daemon.health.documents ?? '?'} documents; kb-searchd on ${env.daemon.base}`);
    const { runTests } = await import('./redactie_tests.mjs');
    return runTests({
      browser: env.browser, base: env.daemon.base, shots: env.shots, token, dup, upload: pickUpload(args.sharedDocs),
      scan: pickScan(args.sharedDocs),
    });
  });
}

process.exitCode = await main();
