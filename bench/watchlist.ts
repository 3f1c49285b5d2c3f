/**
 * The daily watchlist over a national-size market, next to DuckDB computing the same cover
 * aggregation over the same rows (@duckdb/node-api, a bench-only dependency). Our path scans the
 * typed arrays in process; DuckDB gets the stock reports and demand as tables and one SQL query.
 * Both answer: per pack, national stock on the as-of day (each holder's latest report within 14
 * days) and average daily demand over the 56 days up to it, hence cover in weeks.
 */
import {
  DuckDBDataChunk,
  DuckDBInstance,
  DOUBLE,
  INTEGER,
  type DuckDBConnection,
} from '@duckdb/node-api';
import {
  averageDemand,
  coverWeeks,
  nationalStock,
  type MarketSeriesLike,
} from '../src/early-warning/domain/market.ts';
import {
  computeWatchlist,
  type PackContext,
  type WatchlistConfig,
  type WatchSignals,
} from '../src/early-warning/domain/watchlist.ts';

export interface WatchlistBenchFigures {
  readonly packs: number;
  readonly holders: number;
  readonly days: number;
  readonly stockRows: number;
  readonly demandRows: number;
  readonly coverScanMs: number;
  readonly watchlistMs: number;
  readonly watchlistPeakHeapMiB: number;
  readonly duckdbLoadMs: number;
  readonly duckdbCoverMs: number;
  /** Our cover scan's time / DuckDB's query time (below 1: faster than DuckDB). */
  readonly ratio: number;
  readonly coversAgree: boolean;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

/** The typed-array path: cover per pack on a day. */
export function coverScan(series: MarketSeriesLike, day: number): Float64Array {
  const covers = new Float64Array(series.packIds.length);
  for (let pack = 0; pack < series.packIds.length; pack++) {
    covers[pack] = coverWeeks(
      nationalStock(series, pack, day),
      averageDemand(series, pack, day, 56),
    );
  }
  return covers;
}

async function loadIntoDuckDb(
  connection: DuckDBConnection,
  series: MarketSeriesLike,
): Promise<{ stockRows: number; demandRows: number }> {
  await connection.run(
    'create table stock (holder integer, pack integer, day integer, on_hand double)',
  );
  await connection.run('create table demand (pack integer, day integer, quantity double)');
  const packs = series.packIds.length;
  const days = series.days;
  const size = 2048;
  let stockRows = 0;
  let demandRows = 0;
  const stockAppender = await connection.createAppender('stock');
  let h: number[] = [];
  let p: number[] = [];
  let d: number[] = [];
  let v: number[] = [];
  const flushStock = () => {
    if (h.length === 0) return;
    const chunk = DuckDBDataChunk.create([INTEGER, INTEGER, INTEGER, DOUBLE], h.length);
    chunk.setColumnValues(0, h);
    chunk.setColumnValues(1, p);
    chunk.setColumnValues(2, d);
    chunk.setColumnValues(3, v);
    stockAppender.appendDataChunk(chunk);
    h = [];
    p = [];
    d = [];
    v = [];
  };
  for (let holder = 0; holder < series.holderIds.length; holder++) {
    for (let pack = 0; pack < packs; pack++) {
      const base = (holder * packs + pack) * days;
      for (let day = 0; day < days; day++) {
        const value = series.stock[base + day] ?? Number.NaN;
        if (Number.isNaN(value)) continue;
        h.push(holder);
        p.push(pack);
        d.push(day);
        v.push(value);
        stockRows++;
        if (h.length === size) flushStock();
      }
    }
  }
  flushStock();
  stockAppender.closeSync();
  const demandAppender = await connection.createAppender('demand');
  let dp: number[] = [];
  let dd: number[] = [];
  let dv: number[] = [];
  const flushDemand = () => {
    if (dp.length === 0) return;
    const chunk = DuckDBDataChunk.create([INTEGER, INTEGER, DOUBLE], dp.length);
    chunk.setColumnValues(0, dp);
    chunk.setColumnValues(1, dd);
    chunk.setColumnValues(2, dv);
    demandAppender.appendDataChunk(chunk);
    dp = [];
    dd = [];
    dv = [];
  };
  for (let pack = 0; pack < packs; pack++) {
    for (let day = 0; day < days; day++) {
      dp.push(pack);
      dd.push(day);
      dv.push(series.demand[pack * days + day] ?? 0);
      demandRows++;
      if (dp.length === size) flushDemand();
    }
  }
  flushDemand();
  demandAppender.closeSync();
  return { stockRows, demandRows };
}

/** The same aggregation in SQL: latest report per holder within 14 days, 56-day mean demand. */
export function duckDbCoverQuery(day: number): string {
  return `
    with latest as (
      select pack, holder, arg_max(on_hand, day) as on_hand
        from stock where day between ${day - 14} and ${day} group by pack, holder),
    national as (select pack, sum(on_hand) as stock from latest group by pack),
    usage as (
      select pack, sum(quantity) / (${day} - greatest(0, ${day - 55}) + 1) as daily
        from demand where day between ${day - 55} and ${day} group by pack)
    select u.pack, coalesce(n.stock, 0) / (u.daily * 7) as cover
      from usage u left join national n on n.pack = u.pack where u.daily > 0 order by u.pack`;
}

export async function benchWatchlist(
  series: MarketSeriesLike,
  packs: readonly PackContext[],
  signals: WatchSignals,
  config: WatchlistConfig,
  day: number,
  runs = 5,
): Promise<WatchlistBenchFigures> {
  const scanTimes: number[] = [];
  let covers: Float64Array = new Float64Array(0);
  for (let run = 0; run < runs; run++) {
    const start = performance.now();
    covers = coverScan(series, day);
    scanTimes.push(performance.now() - start);
  }
  const watchTimes: number[] = [];
  let peakHeap = 0;
  for (let run = 0; run < runs; run++) {
    const before = process.memoryUsage().heapUsed;
    const start = performance.now();
    computeWatchlist(series, packs, signals, day, config);
    watchTimes.push(performance.now() - start);
    peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed - before);
  }
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  const loadStart = performance.now();
  const { stockRows, demandRows } = await loadIntoDuckDb(connection, series);
  const duckdbLoadMs = performance.now() - loadStart;
  const queryTimes: number[] = [];
  let rows: unknown[][] = [];
  for (let run = 0; run < runs; run++) {
    const start = performance.now();
    rows = (await connection.runAndReadAll(duckDbCoverQuery(day))).getRows();
    queryTimes.push(performance.now() - start);
  }
  // The two answers must be the same numbers, or the comparison means nothing.
  let agree = true;
  for (const row of rows) {
    const pack = Number(row[0]);
    const cover = Number(row[1]);
    if (Math.abs((covers[pack] ?? 0) - cover) > 1e-6 * Math.max(1, Math.abs(cover))) agree = false;
  }
  connection.closeSync();
  instance.closeSync();
  const coverScanMs = median(scanTimes);
  const duckdbCoverMs = median(queryTimes);
  return {
    packs: series.packIds.length,
    holders: series.holderIds.length,
    days: series.days,
    stockRows,
    demandRows,
    coverScanMs,
    watchlistMs: median(watchTimes),
    watchlistPeakHeapMiB: peakHeap / 2 ** 20,
    duckdbLoadMs,
    duckdbCoverMs,
    ratio: coverScanMs / duckdbCoverMs,
    coversAgree: agree,
  };
}
