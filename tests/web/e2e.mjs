#!/usr/bin/env node
// Browser end-to-end tests of the web page (issue 5), against the real kb-searchd over an index
// built by the real kb-indexer. Headless Chromium from Debian (/usr/bin/chromium) is driven by
// playwright-core; no browser is ever downloaded.
//
// Usage: node e2e.mjs --indexer BIN --searchd BIN --web DIR --corpus DIR [--corpus DIR…]
//                     [--shared-docs DIR] [--screenshots DIR]
// Exit status: 0 all passed, 1 a test failed, 77 skipped (no chromium or playwright-core; run
// .ci/install-deps).
import { mkdirSync, readdirSync, statSync, copyFileSync, existsSync } from 'node:fs';
import { join, extname, basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, run, startSearchd, runSuite } from './harness.mjs';

// A few small text, Markdown and PDF files from the shared corpus, so the index holds more than
// the sample corpus (more regions, years and kinds) while building in seconds.
function pickSharedDocs(root, into, wanted = 8) {
  const found = [];
  const walk = (dir) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      const st = statSync(path);
      if (st.isDirectory()) walk(path);
      else if (['.txt', '.md', '.pdf'].includes(extname(name)) && st.size < 200_000) found.push(path);
    }
  };
  walk(root);
  // Spread the choice over the folders instead of taking the first ones.
  const step = Math.max(1, Math.floor(found.length / wanted));
  const chosen = found.filter((_, i) => i % step === 0).slice(0, wanted);
  chosen.forEach((path, i) => copyFileSync(path, join(into, `${i}-${basename(path)}`)));
  return chosen.length;
}

async function main() {
  const args = parseArgs(process.argv.slice(2), { required: ['indexer', 'searchd', 'web', 'corpus'], repeatable: ['corpus'] });
  return runSuite('kb-web-e2e-', args.screenshots, async (env) => {
    const corpora = [...args.corpus];
    if (args.sharedDocs && existsSync(args.sharedDocs)) {
      const extra = join(env.work, 'shared-docs');
      mkdirSync(extra);
      if (pickSharedDocs(args.sharedDocs, extra)) corpora.push(extra);
    }
    // An e-mail with two attachments, which become documents of their own.
    const post = join(env.work, 'post');
    mkdirSync(post);
    copyFileSync(fileURLToPath(new URL('../indexer/data/email/verslag-vroegsignalering.eml', import.meta.url)),
      join(post, 'verslag.eml'));
    corpora.push(post);
    const db = join(env.work, 'index');
    await run(args.indexer, ['--db', db, ...corpora], { quiet: true });
    env.daemon = await startSearchd(args.searchd, { db, web: args.web });
    console.log(`index: ${env.daemon.health.documents ?? '?'} documents; kb-searchd on ${env.daemon.base}`);
    const { runTests } = await import('./e2e_tests.mjs');
    return runTests({ browser: env.browser, base: env.daemon.base, shots: env.shots });
  });
}

process.exitCode = await main();
