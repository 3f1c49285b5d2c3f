#!/usr/bin/env node
// `npm test`: every check the project has, in the order that fails fastest — formatting, lint,
// types, import cycles, then the unit, database/API and browser suites — ending with one line
// "N passed, N failed". The browser suite runs when Chromium is installed and says plainly that
// it was skipped when it is not; under CI (CI=true or MEDSUPPLY_REQUIRE_BROWSER=1) a missing
// browser is a failure.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';

const CHROMIUM = process.env.MEDSUPPLY_CHROMIUM ?? '/usr/bin/chromium';
const requireBrowser = process.env.CI === 'true' || process.env.MEDSUPPLY_REQUIRE_BROWSER === '1';

function run(label, command, args, env = {}) {
  process.stdout.write(`\n== ${label}\n`);
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  if (result.status !== 0) {
    process.stdout.write(`\n${label} failed (exit ${result.status ?? result.signal})\n`);
    process.exit(result.status ?? 1);
  }
}

const npx = (label, ...args) => run(label, 'npx', ['--no-install', ...args]);

npx('format check (prettier)', 'prettier', '--check', '--log-level', 'warn', '.');
npx('lint (eslint)', 'eslint', '--max-warnings', '0', '.');
npx('typecheck (tsc)', 'tsc', '--noEmit', '-p', 'tsconfig.json');
if (existsSync('web/tsconfig.json'))
  npx('typecheck web (tsc)', 'tsc', '--noEmit', '-p', 'web/tsconfig.json');
npx(
  'import cycles (madge)',
  'madge',
  '--circular',
  '--extensions',
  'ts,tsx',
  '--ts-config',
  'tsconfig.json',
  'src',
);

mkdirSync('test-output', { recursive: true });
const projects = ['unit', 'db'];
const haveBrowser = existsSync(CHROMIUM);
const haveE2e = existsSync('test/e2e');
if (haveE2e && haveBrowser) {
  // The e2e project's global setup builds the web app and starts the server itself.
  projects.push('e2e');
} else if (haveE2e && requireBrowser) {
  process.stdout.write(
    `\nbrowser tests required here, but Chromium is not installed at ${CHROMIUM}\n`,
  );
  process.exit(1);
}

npx(
  `tests (vitest: ${projects.join(', ')})`,
  'vitest',
  'run',
  ...projects.flatMap((project) => ['--project', project]),
  '--reporter=default',
  '--reporter=json',
  '--outputFile.json=test-output/vitest.json',
);

const summary = JSON.parse(readFileSync('test-output/vitest.json', 'utf8'));
if (haveE2e && !haveBrowser) {
  process.stdout.write(
    `\nbrowser tests skipped: Chromium not installed (${CHROMIUM}); apt-get install chromium\n`,
  );
}
process.stdout.write(
  `\n${summary.numPassedTests} passed, ${summary.numFailedTests} failed` +
    (summary.numPendingTests > 0 ? `, ${summary.numPendingTests} skipped` : '') +
    '\n',
);
process.exit(summary.numFailedTests > 0 ? 1 : 0);
