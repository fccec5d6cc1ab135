// `npm test`: lint, type-check, unit and integration tests (SQLite, and PostgreSQL when
// OPSLOOP_TEST_DATABASE_URL is set), the web build and the browser journeys. Ends with one line
// `N passed, N failed` counting every test and every step that is not a test runner.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

interface VitestReport {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  success: boolean;
}

const root = path.resolve(import.meta.dirname, '..');
const bin = path.join(root, 'node_modules/.bin');
const env = { ...process.env, PATH: `${bin}${path.delimiter}${process.env.PATH ?? ''}` };
const reportDir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsloop-test-'));
let passed = 0;
let failed = 0;
let skipped = 0;
const failures: string[] = [];

function run(label: string, command: string, args: string[]): boolean {
  console.log(`\n▶ ${label}`);
  const started = Date.now();
  const result = spawnSync(command, args, { cwd: root, env, stdio: 'inherit' });
  const ok = result.status === 0;
  console.log(`${ok ? '✔' : '✘'} ${label} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  return ok;
}

function step(label: string, command: string, args: string[]): void {
  if (run(label, command, args)) passed += 1;
  else {
    failed += 1;
    failures.push(label);
  }
}

function vitest(label: string, args: string[]): void {
  const report = path.join(reportDir, `${label.replace(/\W+/g, '-')}.json`);
  const ok = run(label, 'vitest', [
    'run',
    ...args,
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${report}`,
  ]);
  let counted = false;
  try {
    const result = JSON.parse(fs.readFileSync(report, 'utf8')) as VitestReport;
    passed += result.numPassedTests;
    failed += result.numFailedTests;
    skipped += result.numPendingTests;
    counted = true;
    if (!ok && result.numFailedTests === 0) {
      failed += 1; // the run failed outside any test (a file that did not load, an error hook)
    }
  } catch {
    // no report: the runner itself failed
  }
  if (!counted && !ok) failed += 1;
  if (!ok) failures.push(label);
}

const only = process.argv.slice(2);
const wants = (name: string) => only.length === 0 || only.includes(name);

if (wants('lint')) {
  step('lint (eslint)', 'eslint', ['--max-warnings=0', '.']);
  step('format (prettier --check)', 'prettier', ['--check', '.']);
}
if (wants('typecheck')) step('type-check (tsc)', 'tsc', ['-p', 'tsconfig.json']);
if (wants('tests')) {
  if (!process.env.OPSLOOP_TEST_DATABASE_URL) {
    console.log('\nℹ OPSLOOP_TEST_DATABASE_URL is not set: integration tests run on SQLite only.');
  }
  vitest('unit and integration tests', []);
}
if (wants('web')) step('web build', 'node', ['scripts/build-web.ts']);
if (wants('e2e')) vitest('browser journeys', ['--config', 'e2e/vitest.config.ts']);

fs.rmSync(reportDir, { recursive: true, force: true });
if (failures.length) console.log(`\nFailed: ${failures.join('; ')}`);
console.log(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exitCode = failed === 0 ? 0 : 1;
