import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Paths below are from the repository root, also when this file is used as a project of the
// root vitest.config.ts (`projects: ['test/e2e/vitest.config.ts']`).
const root = fileURLToPath(new URL('../../', import.meta.url));

/**
 * Browser tests: the built web app on the real server (embedded PostgreSQL with the reference
 * data), driven in Debian's Chromium by playwright-core. The global setup builds the app, starts
 * the server on a free port and stops it afterwards; without Chromium the tests are skipped
 * (or fail, with MEDSUPPLY_REQUIRE_BROWSER=1).
 */
export default defineConfig({
  test: {
    name: 'e2e',
    root,
    include: ['test/e2e/**/*.e2e.test.ts'],
    globalSetup: ['test/e2e/global-setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 600_000,
    // One browser, one server: the page tests run one after another.
    fileParallelism: false,
    pool: 'forks',
    poolOptions: { forks: { singleFork: true } },
  },
});
