/**
 * The columnar market the early warning reads (the shape of src/stock's MarketSeries, see
 * docs/stock-and-early-warning.md), and the scans it needs: national stock, average demand,
 * cover and a projected stock-out, all over typed arrays without per-cell objects.
 */

export interface MarketSeriesLike {
  readonly startDate: string;
  readonly days: number;
  readonly packIds: Int32Array;
  readonly holderIds: Int32Array;
  /** stock[(holder * packs + pack) * days + day]; NaN where nothing was reported. */
  readonly stock: Float32Array;
  /** demand[pack * days + day]: national units per day. */
  readonly demand: Float32Array;
  /** incoming[pack * days + day]: units expected to arrive that day. */
  readonly incoming: Float32Array;
}

/**
 * How far back a holder's last report still counts as its stock: 7 days, the rule of
 * src/stock (DEFAULT_STOCK_MAX_AGE_DAYS), so the watchlist and /v1/cover agree.
 */
export const STOCK_REPORT_VALIDITY_DAYS = 7;

/** National stock of a pack at the end of a day: each holder's latest report within 7 days. */
export function nationalStock(series: MarketSeriesLike, pack: number, day: number): number {
  const packs = series.packIds.length;
  const days = series.days;
  let total = 0;
  for (let holder = 0; holder < series.holderIds.length; holder++) {
    const base = (holder * packs + pack) * days;
    for (let back = 0; back <= STOCK_REPORT_VALIDITY_DAYS && day - back >= 0; back++) {
      const value = series.stock[base + day - back] ?? Number.NaN;
      if (!Number.isNaN(value)) {
        total += value;
        break;
      }
    }
  }
  return total;
}

/** Mean daily demand over the `window` days ending with `day` (fewer at the start of the data). */
export function averageDemand(
  series: MarketSeriesLike,
  pack: number,
  day: number,
  window: number,
): number {
  const base = pack * series.days;
  const first = Math.max(0, day - window + 1);
  let sum = 0;
  for (let d = first; d <= day; d++) sum += series.demand[base + d] ?? 0;
  const count = day - first + 1;
  return count <= 0 ? 0 : sum / count;
}

/** Cover in weeks: stock divided by a week of average demand; Infinity without demand. */
export function coverWeeks(stock: number, dailyDemand: number): number {
  if (dailyDemand <= 0) return stock > 0 ? Number.POSITIVE_INFINITY : 0;
  return stock / (dailyDemand * 7);
}

/**
 * The first day (index) on which the stock runs out if demand goes on at `dailyDemand` and the
 * expected deliveries arrive, looking at most `horizon` days ahead; null when it lasts.
 */
export function projectStockOut(
  series: MarketSeriesLike,
  pack: number,
  day: number,
  stock: number,
  dailyDemand: number,
  horizon: number,
): number | null {
  if (dailyDemand <= 0) return null;
  let remaining = stock;
  const base = pack * series.days;
  for (let ahead = 1; ahead <= horizon; ahead++) {
    const d = day + ahead;
    if (d < series.days) remaining += series.incoming[base + d] ?? 0;
    remaining -= dailyDemand;
    if (remaining <= 0) return d;
  }
  return null;
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
