#!/usr/bin/env node
/**
 * `npm test`: everything CI checks, in order, stopping at the first failure:
 * type-check, lint, format, API docs in sync (a test), function bundles, the weapp and h5
 * builds, then every jest project (unit + emulator conformance, weapp via miniprogram-simulate,
 * end-to-end in Chromium). Ends with one line `tests: N passed, N failed`.
 * `npm test -- --quick` skips the builds and the weapp/e2e projects.
 */
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { buildFunctions } from './build-functions.mjs';
import { buildApp, root, run } from './lib.mjs';

const quick = process.argv.includes('--quick');
const bin = (name) => join(root, 'node_modules', '.bin', name);
const step = (title) => console.log(`\n▶ ${title}`);

step('type-check (tsc --noEmit)');
await run(bin('tsc'), ['-p', 'tsconfig.json']);
step('lint (eslint)');
await run(bin('eslint'), ['.', '--max-warnings', '0']);
step('format (prettier --check)');
await run(bin('prettier'), ['--check', '.', '--log-level', 'warn']);
step('cloud function bundles (esbuild)');
await buildFunctions();
if (!quick) {
  step('weapp build');
  await buildApp('weapp');
  step('h5 build');
  await buildApp('h5');
}

step('jest');
mkdirSync(join(root, 'test-results'), { recursive: true });
// Server and weapp tests in parallel (they wait on I/O more than they compute); the browser
// tests one file at a time, so two Chromiums and servers never compete for two cores.
const runs = quick ? [['unit']] : [['unit', 'weapp'], ['e2e']];
let failed = false;
let passed = 0;
let failures = 0;
for (const [i, projects] of runs.entries()) {
  const report = join(root, 'test-results', `jest-${i}.json`);
  rmSync(report, { force: true });
  const parallelism = projects.includes('e2e') ? ['--runInBand'] : ['--maxWorkers=2'];
  try {
    await run(bin('jest'), ['--selectProjects', ...projects, ...parallelism, '--json', '--outputFile', report]);
  } catch {
    failed = true;
  }
  const summary = JSON.parse(readFileSync(report, 'utf8'));
  passed += summary.numPassedTests;
  failures += summary.numFailedTests + summary.numRuntimeErrorTestSuites;
}
console.log(`\ntests: ${passed} passed, ${failures} failed`);
if (failed || failures > 0 || passed === 0) process.exit(1);
