/**
 * The watchlist the way the API computes it, at national size, from PostgreSQL: the simulated
 * national market is loaded into the database (the system of record), then `packWatchlist` reads
 * the window it needs (national stock folded per pack and day, demand, deliveries, signals) and
 * ranks every pack. Reference in the same run: PostgreSQL's own COPY of the same rows to a sink
 * that drops them, the floor for getting those rows out of the database at all.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { systemActor } from '../src/kernel/actor.ts';
import { addDays, loadNationalMarketSeries } from '../src/stock/index.ts';
import { loadRegistrySnapshot } from '../src/registry/index.ts';
import {
  loadSimulatedMarket,
  marketReferenceFromRegistry,
  NATIONAL_SIZE,
  simulateMarket,
} from '../src/simulator/index.ts';
import { earlyWarningConfig, packWatchlist } from '../src/early-warning/watchlist.service.ts';

export interface NationalDatabaseFigures {
  readonly packs: number;
  readonly days: number;
  readonly loadSeconds: number;
  readonly stockRows: number;
  readonly demandRows: number;
  readonly incomingRows: number;
  readonly asOf: string;
  readonly windowDays: number;
  readonly rawCopyMs: number;
  readonly rawCopyRows: number;
  readonly seriesMs: number;
  readonly watchlistMs: number;
  readonly listed: number;
  /** Resident memory the watchlist added at its peak, over what the process held before. */
  readonly watchlistPeakExtraMiB: number;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

function residentMiB(field: 'VmRSS' | 'VmHWM'): number {
  const match = new RegExp(`^${field}:\\s+(\\d+) kB$`, 'm').exec(
    readFileSync('/proc/self/status', 'utf8'),
  );
  return Number(match?.[1] ?? 0) / 1024;
}

/** Resets the process's peak resident memory to its current size (Linux, clear_refs 5). */
function resetPeak(): void {
  writeFileSync('/proc/self/clear_refs', '5');
}

async function copyToNowhere(pool: pg.Pool, sql: string): Promise<number> {
  const client = await pool.connect();
  let rows = 0;
  try {
    await pipeline(
      client.query(copyTo(`copy (${sql}) to stdout`)),
      new Writable({
        write(chunk: Buffer, _encoding, done) {
          for (const byte of chunk) if (byte === 10) rows++;
          done();
        },
      }),
    );
  } finally {
    client.release();
  }
  return rows;
}

export async function measureNationalDatabase(
  pool: pg.Pool,
  log: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
  runs = 3,
): Promise<NationalDatabaseFigures> {
  const snapshot = await loadRegistrySnapshot(pool);
  let market: ReturnType<typeof simulateMarket> | undefined = simulateMarket({
    seed: 2026,
    reference: marketReferenceFromRegistry(snapshot),
    ...NATIONAL_SIZE,
    startDate: '2024-01-01',
  });
  const asOf = addDays(market.parameters.startDate, market.series.days - 1);
  const loadStart = performance.now();
  const loaded = await loadSimulatedMarket(pool, market, { actor: systemActor('bench') });
  const loadSeconds = (performance.now() - loadStart) / 1000;
  const packs = market.catalogue.packs.length;
  const days = market.series.days;
  market = undefined;
  log(`national market loaded into PostgreSQL in ${loadSeconds.toFixed(0)} s`);
  await pool.query('analyze');

  const config = earlyWarningConfig();
  const from = addDays(asOf, -(28 + config.demandWindowDays));
  const to = addDays(asOf, config.horizonDays);
  const rawTimes: number[] = [];
  let rawCopyRows = 0;
  for (let run = 0; run < runs; run++) {
    const start = performance.now();
    rawCopyRows =
      (await copyToNowhere(
        pool,
        `select holder_id, pack_id, report_date, on_hand from stock_report
          where report_date between date '${addDays(from, -7)}' and date '${asOf}'`,
      )) +
      (await copyToNowhere(
        pool,
        `select reporter_id, pack_id, period_start, period_days, quantity from demand_report
          where period_start between date '${addDays(from, -6)}' and date '${asOf}'`,
      ));
    rawTimes.push(performance.now() - start);
  }
  const seriesTimes: number[] = [];
  for (let run = 0; run < runs; run++) {
    const start = performance.now();
    await loadNationalMarketSeries(pool, { from, to, asOf });
    seriesTimes.push(performance.now() - start);
  }
  const watchTimes: number[] = [];
  let listed = 0;
  let peakExtra = 0;
  for (let run = 0; run < runs; run++) {
    const before = residentMiB('VmRSS');
    resetPeak();
    const start = performance.now();
    listed = (await packWatchlist(pool, { asOf, minimumScore: config.alertScore })).length;
    watchTimes.push(performance.now() - start);
    peakExtra = Math.max(peakExtra, residentMiB('VmHWM') - before);
  }
  log(`national watchlist from PostgreSQL: ${median(watchTimes).toFixed(0)} ms`);
  return {
    packs,
    days,
    loadSeconds,
    stockRows: loaded.stockRows,
    demandRows: loaded.demandRows,
    incomingRows: loaded.incomingRows,
    asOf,
    windowDays: 28 + config.demandWindowDays + 1,
    rawCopyMs: median(rawTimes),
    rawCopyRows,
    seriesMs: median(seriesTimes),
    watchlistMs: median(watchTimes),
    listed,
    watchlistPeakExtraMiB: peakExtra,
  };
}

export function renderNationalDatabase(f: NationalDatabaseFigures): string {
  const n = (value: number) => value.toLocaleString('en');
  return `
### The watchlist from PostgreSQL, as the API computes it

The same national market (${n(f.packs)} packs, ${f.days} days) loaded into PostgreSQL through the
simulator's loader (${n(f.stockRows)} weekly stock reports, ${n(f.demandRows)} demand reports, ${n(f.incomingRows)}
expected deliveries: ${f.loadSeconds.toFixed(0)} s). \`packWatchlist\` (GET /v1/watchlist) for ${f.asOf} reads the
${f.windowDays} days it needs (stock folded into national stock per pack and day as the rows stream in,
demand, deliveries as known that day, notifications, foreign shortages, site stoppages), scores and
ranks every pack: ${n(f.listed)} score ≥ the alert score. Reference in the same run: PostgreSQL's own COPY of
the same stock and demand rows (${n(f.rawCopyRows)}) to a sink that drops them.

| step | median ms |
|---|---:|
| COPY the window's stock and demand rows out, nothing done with them (reference) | ${f.rawCopyMs.toFixed(0)} |
| load the national series of the window (typed arrays) | ${f.seriesMs.toFixed(0)} |
| the whole watchlist: catalogue, series, signals, scores, ranking | ${f.watchlistMs.toFixed(0)} |

Series load / raw COPY = ${(f.seriesMs / f.rawCopyMs).toFixed(2)}. Resident memory the watchlist added at its peak:
${f.watchlistPeakExtraMiB.toFixed(0)} MiB (the per-holder stock cube of the same window would be
${n(Math.round((200 * f.packs * (f.windowDays + 120) * 4) / 2 ** 20))} MiB with 200 reporting holders).
`;
}
