#!/usr/bin/env node
// Browser end-to-end tests of the web page (issue 5), against the real kb-searchd over an index
// built by the real kb-indexer. Headless Chromium from Debian (/usr/bin/chromium) is driven by
// playwright-core; no browser is ever downloaded.
//
// Usage: node e2e.mjs --indexer BIN --searchd BIN --web DIR --corpus DIR [--corpus DIR…]
//                     [--shared-docs DIR] [--screenshots DIR]
// Exit status: 0 all passed, 1 a test failed, 77 skipped (no chromium or playwright-core; run
// .ci/install-deps).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, mkdirSync, readdirSync, statSync, copyFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, extname, basename } from 'node:path';
import net from 'node:net';

const kChromium = process.env.KB_CHROMIUM || '/usr/bin/chromium';
const kChromiumArgs = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run'];
const kSkip = 77;

function parseArgs(argv) {
  const args = { corpus: [] };
  for (let i = 0; i < argv.length; i += 2) {
    const key = argv[i].replace(/^--/, '');
    const value = argv[i + 1];
    if (value === undefined) throw new Error(`option --${key} needs a value`);
    if (key === 'corpus') args.corpus.push(value);
    else args[key.replace(/-(\w)/g, (_, c) => c.toUpperCase())] = value;
  }
  for (const required of ['indexer', 'searchd', 'web']) {
    if (!args[required]) throw new Error(`option --${required} is required`);
  }
  if (!args.corpus.length) throw new Error('give at least one --corpus folder');
  return args;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function run(command, args, { quiet = false } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => { output += d; });
    child.stderr.on('data', (d) => { output += d; });
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve(output);
      else reject(new Error(`${basename(command)} exited with ${code}:\n${quiet ? output.slice(-2000) : output}`));
    });
  });
}

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

async function waitForHealth(base, daemon, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (daemon.exitCode !== null) throw new Error(`kb-searchd exited with ${daemon.exitCode}`);
    try {
      const r = await fetch(`${base}/api/health`);
      if (r.ok) return r.json();
    } catch { /* not listening yet */ }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`kb-searchd did not answer ${base}/api/health within ${timeoutMs} ms`);
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  if (!existsSync(kChromium)) {
    console.log(`SKIP: ${kChromium} is missing; install it with .ci/install-deps (apt-get install chromium).`);
    return kSkip;
  }
  let chromium;
  try {
    ({ chromium } = await import('playwright-core'));
  } catch {
    console.log('SKIP: playwright-core is not installed in tests/web/node_modules; run .ci/install-deps.');
    return kSkip;
  }

  const work = mkdtempSync(join(tmpdir(), 'kb-web-e2e-'));
  const shots = args.screenshots || join(work, 'screenshots');
  mkdirSync(shots, { recursive: true });
  let daemon = null;
  let browser = null;
  const daemonLog = [];
  try {
    const corpora = [...args.corpus];
    if (args.sharedDocs && existsSync(args.sharedDocs)) {
      const extra = join(work, 'shared-docs');
      mkdirSync(extra);
      if (pickSharedDocs(args.sharedDocs, extra)) corpora.push(extra);
    }
    const db = join(work, 'index');
    await run(args.indexer, ['--db', db, ...corpora], { quiet: true });

    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    daemon = spawn(args.searchd, ['--db', db, '--listen', `127.0.0.1:${port}`, '--web', args.web],
      { stdio: ['ignore', 'ignore', 'pipe'] });
    daemon.stderr.on('data', (d) => { daemonLog.push(String(d)); if (daemonLog.length > 200) daemonLog.shift(); });
    const health = await waitForHealth(base, daemon);
    console.log(`index: ${health.documents ?? '?'} documents; kb-searchd on ${base}`);

    browser = await chromium.launch({ executablePath: kChromium, args: kChromiumArgs });
    const { runTests } = await import('./e2e_tests.mjs');
    const failures = await runTests({ browser, base, shots });
    console.log(`screenshots: ${shots}`);
    return failures ? 1 : 0;
  } catch (err) {
    console.error(`FAILED to set up: ${err.message}`);
    if (daemonLog.length) console.error(`kb-searchd log (tail):\n${daemonLog.join('').slice(-3000)}`);
    return 1;
  } finally {
    await browser?.close().catch(() => {});
    if (daemon && daemon.exitCode === null) {
      daemon.kill('SIGTERM');
      await new Promise((r) => { daemon.once('close', r); setTimeout(r, 3000); });
      if (daemon.exitCode === null) daemon.kill('SIGKILL');
    }
    rmSync(work, { recursive: true, force: true });
  }
}

process.exitCode = await main();
