/**
 * Web figures for BENCHMARKS.md: the production bundle's size (raw and gzip) and the overview
 * page's load on localhost with the full reference data, in Debian's Chromium. Needs a built web
 * app (npm run build:web) and a database with the reference data (it starts its own server on a
 * throw-away embedded PostgreSQL).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type pg from 'pg';
import { buildApp, WEB_DIST_DIR } from '../src/app.ts';
import { loadReferenceData } from '../src/registry/index.ts';
import { hasChromium, launchChromium } from '../test/e2e/browser.ts';

export interface BundleFigures {
  readonly files: number;
  readonly rawBytes: number;
  readonly gzipBytes: number;
  readonly largestJs: { name: string; rawBytes: number; gzipBytes: number } | null;
}

function listFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? listFiles(join(folder, entry.name)) : [join(folder, entry.name)],
  );
}

export function measureBundle(folder = WEB_DIST_DIR): BundleFigures {
  let rawBytes = 0;
  let gzipBytes = 0;
  let largestJs: BundleFigures['largestJs'] = null;
  const files = listFiles(folder).filter((file) => /\.(js|css|html|json|svg)$/.test(file));
  for (const file of files) {
    const content = readFileSync(file);
    const gzip = gzipSync(content, { level: 9 }).length;
    rawBytes += statSync(file).size;
    gzipBytes += gzip;
    if (file.endsWith('.js') && (largestJs === null || content.length > largestJs.rawBytes)) {
      largestJs = { name: file.slice(folder.length), rawBytes: content.length, gzipBytes: gzip };
    }
  }
  return { files: files.length, rawBytes, gzipBytes, largestJs };
}

export interface PageLoadFigures {
  readonly runs: number;
  readonly medianMs: number;
  readonly minMs: number;
  readonly maxMs: number;
}

/** Median time from navigation to the overview's key figures and map being shown. */
export async function measureOverviewLoad(
  pool: pg.Pool,
  runs = 5,
): Promise<PageLoadFigures | undefined> {
  if (!hasChromium()) return undefined;
  await loadReferenceData(pool, { actor: 'bench' });
  const app = await buildApp({ pool });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  const browser = await launchChromium();
  const times: number[] = [];
  try {
    for (let run = 0; run < runs + 1; run++) {
      const context = await browser.newContext();
      const page = await context.newPage();
      const start = performance.now();
      await page.goto(`http://127.0.0.1:${port}/`);
      // Loaded = the real numbers and the map are on screen, not just the HTML shell.
      await page.waitForSelector('main h1');
      await page.waitForSelector('.ms-map__svg path', { state: 'attached', timeout: 60_000 });
      await page.waitForLoadState('networkidle');
      const elapsed = performance.now() - start;
      if (run > 0) times.push(elapsed); // the first run warms the server's snapshot cache
      await context.close();
    }
  } finally {
    await browser.close();
    await app.close();
  }
  const sorted = [...times].sort((a, b) => a - b);
  return {
    runs,
    medianMs: sorted[Math.floor(sorted.length / 2)] ?? 0,
    minMs: sorted[0] ?? 0,
    maxMs: sorted.at(-1) ?? 0,
  };
}
