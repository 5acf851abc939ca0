// What the browser tests share: options, child processes (kb-indexer, kb-searchd, kb-admin),
// a free port, Debian's headless Chromium through playwright-core, pages and screenshots.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import net from 'node:net';

export const kChromium = process.env.KB_CHROMIUM || '/usr/bin/chromium';
const kChromiumArgs = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run'];
export const kSkip = 77;
export const kTimeout = 10_000;
export const kPhone = { width: 390, height: 844 };
export const kDesktop = { width: 1280, height: 900 };

// "--key value" pairs; keys in `repeatable` collect arrays, the others camelCase strings.
export function parseArgs(argv, { required = [], repeatable = [] } = {}) {
  const args = Object.fromEntries(repeatable.map((k) => [k, []]));
  for (let i = 0; i < argv.length; i += 2) {
    const key = argv[i].replace(/^--/, '');
    const value = argv[i + 1];
    if (value === undefined) throw new Error(`option --${key} needs a value`);
    if (repeatable.includes(key)) args[key].push(value);
    else args[key.replace(/-(\w)/g, (_, c) => c.toUpperCase())] = value;
  }
  for (const name of required) {
    const missing = repeatable.includes(name) ? !args[name].length : !args[name.replace(/-(\w)/g, (_, c) => c.toUpperCase())];
    if (missing) throw new Error(`option --${name} is required`);
  }
  return args;
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

// Runs a program to its end; resolves with its output, rejects with it when it fails.
export function run(command, args, { quiet = false } = {}) {
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

// Starts kb-searchd on a free port with the given extra options; keeps the tail of its log.
export async function startSearchd(binary, { db, web, extra = [] }) {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const log = [];
  const child = spawn(binary, ['--db', db, '--listen', `127.0.0.1:${port}`, '--web', web, ...extra],
    { stdio: ['ignore', 'ignore', 'pipe'] });
  child.stderr.on('data', (d) => { log.push(String(d)); if (log.length > 200) log.shift(); });
  const health = await waitForHealth(base, child);
  return { child, base, health, log: () => log.join('').slice(-3000) };
}

export async function stopProcess(child) {
  if (!child || child.exitCode !== null) return;
  child.kill('SIGTERM');
  await new Promise((r) => { child.once('close', r); setTimeout(r, 3000); });
  if (child.exitCode === null) child.kill('SIGKILL');
}

// playwright-core's chromium launched on Debian's binary, or null (with the reason printed) when
// either is missing, so the caller can exit with kSkip.
export async function launchChromium() {
  if (!existsSync(kChromium)) {
    console.log(`SKIP: ${kChromium} is missing; install it with .ci/install-deps (apt-get install chromium).`);
    return null;
  }
  let chromium;
  try {
    ({ chromium } = await import('playwright-core'));
  } catch {
    console.log('SKIP: playwright-core is not installed in tests/web/node_modules; run .ci/install-deps.');
    return null;
  }
  return chromium.launch({ executablePath: kChromium, args: kChromiumArgs });
}

// The frame of a browser test program: Chromium, a temporary work folder and the screenshot
// folder; body(env) builds what it needs (setting env.daemon when it starts kb-searchd) and
// returns the number of failed tests. Resolves to the exit status: 0, 1, or kSkip.
export async function runSuite(prefix, screenshots, body) {
  const browser = await launchChromium();
  if (!browser) return kSkip;
  const work = mkdtempSync(join(tmpdir(), prefix));
  const shots = screenshots || join(work, 'screenshots');
  mkdirSync(shots, { recursive: true });
  const env = { browser, work, shots, daemon: null };
  try {
    const failures = await body(env);
    if (failures && env.daemon) console.log(`kb-searchd log (tail):\n${env.daemon.log()}`);
    console.log(`screenshots: ${shots}`);
    return failures ? 1 : 0;
  } catch (err) {
    console.error(`FAILED to set up: ${err.message}`);
    if (env.daemon) console.error(`kb-searchd log (tail):\n${env.daemon.log()}`);
    return 1;
  } finally {
    await browser.close().catch(() => {});
    await stopProcess(env.daemon?.child);
    rmSync(work, { recursive: true, force: true });
  }
}

// A page in a fresh context (own cookies); uncaught errors and dialogs are collected in
// page.errors, and tests assert it stays empty.
export async function newPage(ctx, viewport = kDesktop) {
  const context = await ctx.browser.newContext({ viewport, acceptDownloads: true, locale: 'nl-NL' });
  const page = await context.newPage();
  page.setDefaultTimeout(kTimeout);
  page.errors = [];
  page.on('pageerror', (err) => page.errors.push(err.message));
  page.on('dialog', (dialog) => {
    page.errors.push(`unexpected dialog: ${dialog.message()}`);
    dialog.dismiss().catch(() => {});
  });
  return page;
}

export async function shot(ctx, page, name) {
  // From the top, so sticky panels sit where a reader first sees them.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: join(ctx.shots, `${name}.png`), fullPage: true });
}

// Runs the named async tests in order, each with a fresh page when it takes one; a failing test
// saves a screenshot named after it. Returns the number of failures.
export async function runNamedTests(ctx, tests) {
  let failures = 0;
  for (const [name, test] of Object.entries(tests)) {
    const started = Date.now();
    const page = test.length >= 2 ? await newPage(ctx) : null;
    try {
      await test(ctx, page);
      if (page) {
        if (JSON.stringify(page.errors) !== '[]') throw new Error(`errors in the page: ${page.errors.join('; ')}`);
      }
      console.log(`ok   ${name} (${Date.now() - started} ms)`);
    } catch (err) {
      failures++;
      console.log(`FAIL ${name}: ${err.message}${page ? `\n     at ${page.url()}` : ''}`);
      if (page) await shot(ctx, page, `failed-${name.replace(/\W+/g, '-')}`).catch(() => {});
    } finally {
      await page?.context().close();
    }
  }
  const total = Object.keys(tests).length;
  console.log(failures ? `${failures} of ${total} browser tests failed` : `all ${total} browser tests passed`);
  return failures;
}
