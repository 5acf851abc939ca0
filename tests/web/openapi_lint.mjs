#!/usr/bin/env node
// Lints the OpenAPI description of kb-searchd with Redocly CLI (@redocly/cli from npm, in
// tests/web/node_modules) and the rules of tests/web/redocly.yaml. Redocly's own exit status
// fails on errors only; this fails on warnings too.
//
// Usage: node openapi_lint.mjs DESCRIPTION
// Exit status: 0 no problem, 1 a problem (each printed as file:line:col severity rule message),
// 77 skipped (@redocly/cli is not installed; run .ci/install-deps).
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const redocly = join(here, 'node_modules', '.bin', 'redocly');
const description = process.argv[2];
if (!description) {
  console.error('usage: node openapi_lint.mjs DESCRIPTION');
  process.exit(1);
}
if (!existsSync(redocly)) {
  console.log(`skipped: ${redocly} is missing; run .ci/install-deps`);
  process.exit(77);
}

const run = spawnSync(
  process.execPath,
  [redocly, 'lint', '--config', join(here, 'redocly.yaml'), '--lint-config', 'error',
    '--format', 'json', '--max-problems', '1000', description],
  {
    encoding: 'utf8',
    maxBuffer: 64 << 20,
    // No usage data sent and no update check: a test talks to nothing outside this machine.
    env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
  });
let report;
try {
  report = JSON.parse(run.stdout);
} catch {
  console.error(`redocly lint gave no JSON report (exit status ${run.status}):`);
  console.error(run.stdout, run.stderr);
  process.exit(1);
}
for (const problem of report.problems) {
  const where = problem.location?.[0];
  const position = where?.start ? `${where.start.line}:${where.start.col}` : '?';
  console.log(`${description}:${position} ${problem.severity} ${problem.ruleId}: ` +
              `${problem.message} (${where?.pointer ?? ''})`);
}
const { errors, warnings } = report.totals;
console.log(`redocly lint ${report.version}: ${errors} errors, ${warnings} warnings`);
process.exit(errors === 0 && warnings === 0 && run.status === 0 ? 0 : 1);
