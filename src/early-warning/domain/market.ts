/**
 * What early warning reads of the columnar market, on the kernel's scans (src/kernel/
 * market-series.ts and stock-projection.ts, the same code behind /v1/cover and a pack's
 * projected stock-out): national stock of a pack, average demand, cover, the projected stock-out
 * day; and day <-> date.
 *
 * Unknown is not zero: a pack no holder's report counts for has NaN national stock and NaN cover,
 * as in /v1/cover. The watchlist gives such a pack no cover reason and no expected shortage
 * rather than an alarm at "0 weeks" that nobody reported.
 */
import {
  DEFAULT_STOCK_MAX_AGE_DAYS,
  averageOverWindow,
  coverWeeks as coverWeeksOf,
  nationalStockOfPack,
  type MarketSeries,
} from '../../kernel/market-series.ts';
import { projectStockOut as projectStock } from '../../kernel/stock-projection.ts';

/** The market as early warning takes it: src/stock's MarketSeries (docs/stock-and-early-warning.md). */
export type MarketSeriesLike = MarketSeries;

/** How far back a holder's last report still counts as its stock: 7 days, as in /v1/cover. */
export const STOCK_REPORT_VALIDITY_DAYS = DEFAULT_STOCK_MAX_AGE_DAYS;

/** National stock of a pack at the end of a day; NaN when no holder's report counts. */
export function nationalStock(series: MarketSeriesLike, pack: number, day: number): number {
  return nationalStockOfPack(series, pack, day);
}

/** Mean daily demand over the `window` days ending with `day` (fewer at the start of the data). */
export function averageDemand(
  series: MarketSeriesLike,
  pack: number,
  day: number,
  window: number,
): number {
  return day < 0 ? 0 : averageOverWindow(series.demand, pack * series.days, day, window);
}

/** Cover in weeks: stock / (7 x average daily demand); Infinity with stock and no demand, NaN unknown. */
export function coverWeeks(stock: number, dailyDemand: number): number {
  return coverWeeksOf(stock, dailyDemand);
}

/**
 * The first day (index) on which demand at `dailyDemand` can no longer be served in full, with
 * the expected deliveries arriving, looking at most `horizon` days ahead; null when the stock
 * lasts, and when it is unknown.
 */
export function projectStockOut(
  series: MarketSeriesLike,
  pack: number,
  day: number,
  stock: number,
  dailyDemand: number,
  horizon: number,
): number | null {
  if (dailyDemand <= 0 || Number.isNaN(stock)) return null;
  const base = pack * series.days;
  const { stockOutDay } = projectStock({
    stock,
    demand: new Float64Array(horizon).fill(dailyDemand),
    incoming: series.incoming.subarray(
      base + Math.min(series.days, day + 1),
      base + Math.min(series.days, day + 1 + horizon),
    ),
  });
  return stockOutDay === null ? null : day + stockOutDay;
}

export function dayIndex(startDate: string, date: string): number {
  return Math.round(
    (Date.parse(`${date}T00:00:00Z`) - Date.parse(`${startDate}T00:00:00Z`)) / 86_400_000,
  );
}

export function dateOfDay(startDate: string, day: number): string {
  return new Date(Date.parse(`${startDate}T00:00:00Z`) + day * 86_400_000)
    .toISOString()
    .slice(0, 10);
}
