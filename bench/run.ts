/**
 * `npm run bench`: import throughput per register against raw PostgreSQL COPY of the same file in
 * the same run, and the time to compute vulnerability for every code. Writes BENCHMARKS.md.
 * Each figure is the median of several runs on a throw-away embedded PostgreSQL.
 */
import { createReadStream, mkdtempSync, writeFileSync } from 'node:fs';
import { cpus, freemem, totalmem, tmpdir, platform, release } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { startEmbeddedPostgres } from '../src/platform/embedded-postgres.ts';
import { applyMigrations } from '../src/platform/migrations.ts';
import {
  FOLDER_LAYOUT,
  REFERENCE_DATA_DIR,
  importRegisterFile,
  loadRegistrySnapshot,
  type RegisterCode,
} from '../src/registry/index.ts';
import { computeVulnerabilityAllSources } from '../src/vulnerability/domain/vulnerability.ts';
import { existsSync } from 'node:fs';
import { WEB_DIST_DIR } from '../src/app.ts';
import { measureBundle, measureOverviewLoad } from './web.ts';
import { measureStockIngestion, renderStockIngestion } from './stock.ts';
import { measureSimulator, simulatorSection } from './simulator.ts';
import { measureNationalWatchlist, renderNationalWatchlist } from './national.ts';
import { measureNationalDatabase, renderNationalDatabase } from './national-db.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? 0)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

async function time(fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

const DELIMITER: Record<RegisterCode, string> = {
  ulcm: ',',
  epar: ',',
  bfarm: ',',
  hpra: ',',
  cep: ',',
};

/** The reference: PostgreSQL parses the same CSV file itself into a table of text columns. */
async function rawCopy(pool: pg.Pool, register: RegisterCode, path: string): Promise<number> {
  const client = await pool.connect();
  try {
    const header = (await import('node:fs')).readFileSync(path, 'utf8').split('\n', 1)[0] ?? '';
    const columns = header.split(DELIMITER[register]).length;
    await client.query('drop table if exists bench_raw');
    await client.query(
      `create unlogged table bench_raw (${Array.from({ length: columns }, (_, i) => `c${i} text`).join(', ')})`,
    );
    const elapsed = await time(async () => {
      await client.query('begin');
      await pipeline(
        createReadStream(path),
        client.query(
          copyFrom(
            `copy bench_raw from stdin with (format csv, header true, delimiter '${DELIMITER[register]}')`,
          ),
        ),
      );
      await client.query('commit');
    });
    return elapsed;
  } finally {
    client.release();
  }
}

async function main(): Promise<void> {
  const dataDir = join(mkdtempSync(join(tmpdir(), 'medsupply-bench-')), 'pgdata');
  const server = await startEmbeddedPostgres({ dataDir, ephemeral: true });
  const pool = new pg.Pool({ connectionString: server.url });
  // Idle clients see the server go away at the end; that is expected, not a crash.
  pool.on('error', () => undefined);
  try {
    await applyMigrations(pool);
    const version = (await pool.query<{ server_version: string }>('show server_version')).rows[0]
      ?.server_version;
    const rows: string[] = [];
    const order: RegisterCode[] = ['ulcm', 'epar', 'bfarm', 'hpra', 'cep'];
    for (const register of order) {
      const path = join(REFERENCE_DATA_DIR, FOLDER_LAYOUT[register]);
      let rowsRead = 0;
      const importTimes: number[] = [];
      const copyTimes: number[] = [];
      for (let run = 0; run < RUNS; run++) {
        copyTimes.push(await rawCopy(pool, register, path));
        importTimes.push(
          await time(async () => {
            const report = await importRegisterFile(pool, register, path, {
              actor: 'bench',
              listVersion: 'bench',
            });
            rowsRead = report.rowsRead;
          }),
        );
      }
      const importMs = median(importTimes);
      const copyMs = median(copyTimes);
      rows.push(
        `| ${register} | ${rowsRead.toLocaleString('en')} | ${importMs.toFixed(0)} | ${Math.round((rowsRead / importMs) * 1000).toLocaleString('en')} | ${copyMs.toFixed(0)} | ${Math.round((rowsRead / copyMs) * 1000).toLocaleString('en')} | ${(copyMs / importMs).toFixed(2)} |`,
      );
      process.stderr.write(
        `${register}: import ${importMs.toFixed(0)} ms, raw COPY ${copyMs.toFixed(0)} ms\n`,
      );
    }
    await pool.query('drop table if exists bench_raw');

    const snapshotTimes: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      // A fresh pool per run: the snapshot cache is per pool, so this measures the database read.
      const fresh = new pg.Pool({ connectionString: server.url });
      fresh.on('error', () => undefined);
      snapshotTimes.push(await time(() => loadRegistrySnapshot(fresh)));
      await fresh.end();
    }
    const snapshot = await loadRegistrySnapshot(pool);
    const computeTimes: number[] = [];
    let resultRows = 0;
    for (let run = 0; run < RUNS * 4; run++) {
      computeTimes.push(
        await time(async () => {
          resultRows = computeVulnerabilityAllSources(snapshot.observations).length;
          await Promise.resolve();
        }),
      );
    }
    process.stderr.write('stock ingestion…\n');
    const stockSection = renderStockIngestion(await measureStockIngestion(pool, { runs: RUNS }));
    process.stderr.write('national watchlist vs DuckDB…\n');
    const watchlistSection = renderNationalWatchlist(await measureNationalWatchlist(pool));
    process.stderr.write('simulator…\n');
    const simulatorText = simulatorSection(await measureSimulator(pool, { runs: 3, load: false }));
    const cpu = cpus()[0]?.model ?? 'unknown';
    const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
    let webSection =
      '\n## Web app\n\nNot measured: no build in web/dist (run `npm run build:web` first).\n';
    if (existsSync(`${WEB_DIST_DIR}index.html`)) {
      const bundle = measureBundle();
      const load = await measureOverviewLoad(pool);
      webSection = `
## Web app

Production bundle (\`npm run build:web\`, web/dist): ${bundle.files} files, ${kib(bundle.rawBytes)} raw,
${kib(bundle.gzipBytes)} gzip (level 9)${bundle.largestJs === null ? '' : `; largest script ${bundle.largestJs.name}: ${kib(bundle.largestJs.rawBytes)} raw, ${kib(bundle.largestJs.gzipBytes)} gzip`}.

Overview page load on localhost with the full reference data, in Debian's Chromium (headless, new
context each run, so no browser cache), from navigation until the key figures and the world map
are drawn and the network is idle: ${
        load === undefined
          ? 'not measured (no Chromium at /usr/bin/chromium)'
          : `median ${load.medianMs.toFixed(0)} ms over ${load.runs} runs (min ${load.minMs.toFixed(0)}, max ${load.maxMs.toFixed(0)}), after one warm-up run`
      }.
`;
    }
    // Last: it loads the national market into this database (about 57 M rows), which would
    // change what the measurements before it see.
    process.stderr.write('national watchlist from PostgreSQL…\n');
    const nationalDbSection = renderNationalDatabase(await measureNationalDatabase(pool));
    const report = `# Benchmarks

Measured by \`npm run bench\` (bench/run.ts) on ${new Date().toISOString().slice(0, 10)}; medians of ${RUNS} runs
(vulnerability: ${RUNS * 4} runs). Re-run after changes to importers, store or analytics, and
replace this file.

## Machine

- CPU: ${cpu}, ${cpus().length} cores; memory ${(totalmem() / 2 ** 30).toFixed(0)} GiB (${(freemem() / 2 ** 30).toFixed(0)} GiB free at start)
- ${platform()} ${release()}, Node.js ${process.version}
- PostgreSQL ${version} (embedded-postgres, throw-away cluster with fsync off, same for both columns)

## Import throughput per register

"medsupply import" is the whole importer: stream and parse the CSV, validate and map every row,
then in one transaction upsert sites, COPY the supply links, write names, the import record and
the audit entry. The reference, measured in the same run on the same file, is PostgreSQL parsing
the file itself with \`COPY … (FORMAT csv)\` into an unlogged table of text columns: the floor for
getting those rows into the database at all. Ratio = reference time / import time (1.0 would be
as fast as raw COPY).

| register | rows | import ms | import rows/s | raw COPY ms | raw COPY rows/s | ratio |
|---|---:|---:|---:|---:|---:|---:|
${rows.join('\n')}

## Vulnerability for all codes

| step | median ms |
|---|---:|
| read the snapshot from PostgreSQL (${snapshot.observations.length.toLocaleString('en')} distinct observations, names, critical list) | ${median(snapshotTimes).toFixed(1)} |
| compute vulnerability for every code, every register and all combined, all codes (${resultRows.toLocaleString('en')} rows) | ${median(computeTimes).toFixed(1)} |

The API and CLI keep the snapshot in memory until the next import changes the data version, so
a request pays only the computation.
${webSection}${stockSection}${simulatorText}${watchlistSection}${nationalDbSection}`;
    writeFileSync('BENCHMARKS.md', report);
    process.stdout.write(report);
  } finally {
    await pool.end();
    await server.stop();
  }
}

await main();
