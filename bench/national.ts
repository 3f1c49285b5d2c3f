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
import { simulateSiteFailure } from '../src/early-warning/domain/site-failure.ts';
import type { PackContext } from '../src/early-warning/domain/watchlist.ts';
import type { MarketSeriesLike } from '../src/early-warning/domain/market.ts';
import { benchWatchlist, coverScan, type WatchlistBenchFigures } from './watchlist.ts';

export interface ScenarioBenchFigures {
  readonly siteId: number;
  readonly soleSourcePacks: number;
  readonly affectedPacks: number;
  readonly packsRunningOut: number;
  readonly horizonDays: number;
  readonly scenarioMs: number;
  /** One cover scan of every pack on the failure day: reading each pack's state once. */
  readonly coverScanMs: number;
}

export type NationalBenchFigures = WatchlistBenchFigures & {
  readonly simulateMs: number;
  readonly scenario: ScenarioBenchFigures;
};

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

/**
 * The site-failure scenario (the InnoGenerics case) for the site that is the only source of the
 * most packs, over a half-year horizon, next to one cover scan of the whole market.
 */
export function benchSiteFailure(
  series: MarketSeriesLike,
  contexts: readonly PackContext[],
  day: number,
  runs = 5,
): ScenarioBenchFigures {
  const soleSource = new Map<number, number>();
  for (const context of contexts) {
    const only = context.siteIds[0];
    if (only !== undefined && context.siteIds.every((site) => site === only))
      soleSource.set(only, (soleSource.get(only) ?? 0) + 1);
  }
  const [siteId, soleSourcePacks] = [...soleSource.entries()].sort(
    (a, b) => b[1] - a[1] || a[0] - b[0],
  )[0] ?? [0, 0];
  const options = {
    siteId,
    failureDay: day,
    horizonDays: 182,
    spareCapacity: 0.2,
    pipelineDays: 14,
    demandWindowDays: 56,
  };
  const scenarioTimes: number[] = [];
  const scanTimes: number[] = [];
  let result = simulateSiteFailure(series, contexts, options);
  for (let run = 0; run < runs; run++) {
    const start = performance.now();
    result = simulateSiteFailure(series, contexts, options);
    scenarioTimes.push(performance.now() - start);
    const scanStart = performance.now();
    coverScan(series, day);
    scanTimes.push(performance.now() - scanStart);
  }
  return {
    siteId,
    soleSourcePacks,
    affectedPacks: result.affectedPacks,
    packsRunningOut: result.packsRunningOut,
    horizonDays: options.horizonDays,
    scenarioMs: median(scenarioTimes),
    coverScanMs: median(scanTimes),
  };
}

export async function measureNationalWatchlist(pool: pg.Pool): Promise<NationalBenchFigures> {
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
  const contexts = packContexts(market, snapshot);
  const figures = await benchWatchlist(
    series,
    contexts,
    { notifications: new Map(), shortAbroad: new Map(), failedSites: failed },
    readConfig('early-warning') as WatchlistConfig,
    day,
  );
  // A failure on the first day of the last half-year, so the whole horizon lies in the series.
  const scenario = benchSiteFailure(series, contexts, series.days - 183);
  return { ...figures, simulateMs, scenario };
}

export function renderNationalWatchlist(f: NationalBenchFigures): string {
  const c = f.scenario;
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

### Site-failure scenario at national size

Site ${c.siteId}, the only active-substance source of the most packs (${c.soleSourcePacks.toLocaleString('en')}), stops ${c.horizonDays} days before the
end of the series; the scenario follows every affected pack day by day over ${c.horizonDays} days (stock, the
pipeline of 14 days, 20% spare capacity at the other suppliers of the substance): ${c.affectedPacks.toLocaleString('en')} packs
affected, ${c.packsRunningOut.toLocaleString('en')} run out. Reference, in the same run: one cover scan of all ${f.packs.toLocaleString('en')} packs on that day.

| step | median ms |
|---|---:|
| cover scan of every pack (reference) | ${c.coverScanMs.toFixed(1)} |
| site-failure scenario, ${c.horizonDays}-day horizon | ${c.scenarioMs.toFixed(1)} |
`;
}
