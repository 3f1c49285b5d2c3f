/**
 * The national-size market for the watchlist benchmark: the simulator's market of ~15,000 packs x
 * 12 holders x 730 days, with weekly stock reports (as holders send them), and the watchlist's
 * pack contexts and signals on its last day.
 */
import type pg from 'pg';
import { readConfig } from '../src/platform/config.ts';
import { loadRegistrySnapshot } from '../src/registry/index.ts';
import {
  marketReferenceFromRegistry,
  NATIONAL_SIZE,
  simulateMarket,
  withWeeklyStockReports,
} from '../src/simulator/index.ts';
import { packContexts } from '../src/early-warning/backtest.service.ts';
import type { WatchlistConfig } from '../src/early-warning/domain/watchlist.ts';
import { benchWatchlist, type WatchlistBenchFigures } from './watchlist.ts';

export async function measureNationalWatchlist(
  pool: pg.Pool,
): Promise<WatchlistBenchFigures & { simulateMs: number }> {
  const snapshot = await loadRegistrySnapshot(pool);
  const start = performance.now();
  const market = simulateMarket({
    seed: 2026,
    reference: marketReferenceFromRegistry(snapshot),
    ...NATIONAL_SIZE,
    startDate: '2024-01-01',
  });
  const simulateMs = performance.now() - start;
  const series = withWeeklyStockReports(market.series);
  const day = series.days - 1;
  const failed = new Set<number>();
  for (const event of market.events) {
    if (event.kind === 'site_failure' && event.startDay <= day && day <= event.endDay)
      failed.add(event.siteId);
  }
  const figures = await benchWatchlist(
    series,
    packContexts(market, snapshot),
    { notifications: new Map(), shortAbroad: new Set(), failedSites: failed },
    readConfig('early-warning') as WatchlistConfig,
    day,
  );
  return { ...figures, simulateMs };
}

export function renderNationalWatchlist(f: WatchlistBenchFigures & { simulateMs: number }): string {
  return `
## Daily watchlist at national size, next to DuckDB

A simulated national market (seed 2026): ${f.packs.toLocaleString('en')} packs x ${f.holders} holders x ${f.days} days, simulated in
${(f.simulateMs / 1000).toFixed(1)} s; weekly stock reports (${f.stockRows.toLocaleString('en')} rows) and daily demand
(${f.demandRows.toLocaleString('en')} rows). The same rows go into DuckDB (@duckdb/node-api, in memory, loaded in
${(f.duckdbLoadMs / 1000).toFixed(1)} s, not counted). Both compute, for the last day, every pack's national stock (each
holder's latest report within 7 days) and average daily demand over 56 days, hence cover; the
answers were compared: ${f.coversAgree ? 'identical' : 'DIFFERENT (a bug)'}.

| step | median ms |
|---|---:|
| cover for every pack, DuckDB SQL over the tables (reference) | ${f.duckdbCoverMs.toFixed(1)} |
| cover for every pack, typed-array scan in process | ${f.coverScanMs.toFixed(1)} |
| the whole watchlist (8 factors, reasons, projected stock-out, ranking) | ${f.watchlistMs.toFixed(1)} |

Cover scan / DuckDB = ${f.ratio.toFixed(2)} (the aim: at most 2). Extra heap while computing the watchlist:
${f.watchlistPeakHeapMiB.toFixed(0)} MiB; the series itself is held in typed arrays.
`;
}
