/**
 * Builds the web app, starts `medsupply serve --load-reference --demo` on a free port (the demo
 * adds the demo users, product catalogue and notifications the Meldpunt pages need) and hands its
 * address to the tests; stops it when they are done. MEDSUPPLY_E2E_BASE_URL points the tests at
 * a server that is already running instead (no build, no start).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import { CHROMIUM_PATH, browserRequired } from './browser.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const OUTPUT = `${ROOT}test-output`;

declare module 'vitest' {
  export interface ProvidedContext {
    /** The server's origin, or '' when the browser tests are skipped. */
    baseUrl: string;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        if (address !== null && typeof address === 'object') resolve(address.port);
        else reject(new Error('no free port'));
      });
    });
  });
}

async function waitForHealth(
  baseUrl: string,
  child: ChildProcess,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(
        `the server stopped with code ${child.exitCode}; see test-output/e2e-server.log`,
      );
    }
    try {
      const response = await fetch(`${baseUrl}/v1/health`);
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`the server did not answer /v1/health within ${timeoutMs / 1000} s`);
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) {
      resolve();
      return;
    }
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    // SIGINT lets the server stop its embedded PostgreSQL cleanly.
    child.kill('SIGINT');
  });
}

export default async function setup(
  project: TestProject,
): Promise<(() => Promise<void>) | undefined> {
  mkdirSync(`${OUTPUT}/screenshots`, { recursive: true });
  if (!existsSync(CHROMIUM_PATH)) {
    if (browserRequired()) {
      throw new Error(
        `browser tests need Chromium at ${CHROMIUM_PATH} (MEDSUPPLY_REQUIRE_BROWSER=1)`,
      );
    }
    console.log('browser tests skipped: Chromium not installed');
    project.provide('baseUrl', '');
    return undefined;
  }

  const external = process.env.MEDSUPPLY_E2E_BASE_URL;
  if (external !== undefined && external !== '') {
    project.provide('baseUrl', external.replace(/\/$/, ''));
    return undefined;
  }

  // Build as `npm run build:web` does, in its own process: vitest sets NODE_ENV=test, which
  // would give React's development build.
  const built = spawnSync(
    process.execPath,
    [
      `${ROOT}node_modules/vite/bin/vite.js`,
      'build',
      '--config',
      `${ROOT}web/vite.config.ts`,
      '--logLevel',
      'warn',
    ],
    { cwd: ROOT, env: { ...process.env, NODE_ENV: 'production' }, stdio: 'inherit' },
  );
  if (built.status !== 0)
    throw new Error(`the web app did not build (exit ${String(built.status)})`);

  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const log = createWriteStream(`${OUTPUT}/e2e-server.log`);
  // The server keeps its embedded PostgreSQL under its working folder (.medsupply/): a folder of
  // its own keeps the tests off a developer's database and loads the reference data fresh.
  const workDir = mkdtempSync(join(tmpdir(), 'medsupply-e2e-'));
  const child = spawn(
    process.execPath,
    [`${ROOT}bin/medsupply.js`, 'serve', '--load-reference', '--demo'],
    {
      cwd: workDir,
      // As `npm start` runs it: without the test runner's NODE_ENV=test.
      env: { ...process.env, NODE_ENV: undefined, PORT: String(port) },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  try {
    // The first start on a fresh clone loads the reference data: allow it a few minutes.
    await waitForHealth(baseUrl, child, 540_000);
  } catch (error) {
    await stop(child);
    rmSync(workDir, { recursive: true, force: true });
    throw error;
  }
  project.provide('baseUrl', baseUrl);
  return async () => {
    await stop(child);
    log.end();
    rmSync(workDir, { recursive: true, force: true });
  };
}
