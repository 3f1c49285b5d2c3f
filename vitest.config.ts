import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Two cores: more workers only queue on the one database server.
    poolOptions: { forks: { maxForks: 2, minForks: 1 } },
    projects: [
      // Pages in Debian's Chromium against the real server (builds the web app itself).
      'test/e2e/vitest.config.ts',
      {
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts', 'scripts/**/*.test.ts', 'web/src/**/*.test.ts'],
          exclude: ['src/**/*.db.test.ts'],
        },
      },
      {
        test: {
          name: 'db',
          include: ['src/**/*.db.test.ts', 'test/api/**/*.test.ts'],
          globalSetup: ['test/setup/global-database.ts'],
          testTimeout: 60_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
