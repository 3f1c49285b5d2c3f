/**
 * The columnar form every stock analysis uses (docs/stock-and-early-warning.md): stock per holder,
 * pack and day, national demand and expected deliveries per pack and day, in typed arrays indexed
 * by day from `startDate`. src/stock loads it from PostgreSQL (loadMarketSeries, or national
 * stock only with loadNationalMarketSeries), the simulator produces it directly, early warning
 * and backtests take it as input. In the kernel so that every capability's pure domain code reads
 * it with these same scans (src/stock re-exports them).
 *
 * The scans here loop over the arrays without building an object per row, so the whole national
 * market (15,000 packs x 12 holders x 730 days) is computed in well under a second.
 */

export interface MarketSeries {
  readonly startDate: string; // ISO date of day 0
  readonly days: number;
  readonly packIds: Int32Array; // pack index -> pack id
  readonly holderIds: Int32Array; // holder index -> organisation id
  /** stock[(holder * packs + pack) * days + day], NaN where nothing was reported */
  readonly stock: Float32Array;
  /** demand[pack * days + day], national units per day */
  readonly demand: Float32Array;
  /** incoming[pack * days + day], national units expected to arrive that day */
  readonly incoming: Float32Array;
  /**
   * True when `stock` already holds, for each day, what counts on it (a national series with the
   * nation as its one holder, NaN where no report counts): the scans then read each day as it is
   * instead of carrying a report forward.
   */
  readonly stockCarriedForward?: boolean;
}

/**
 * How old (in days) the latest stock report of a holder may be and still count on a day: a
 * holder that reports weekly, a day late, still counts; one that stopped reporting does not.
 */
export const DEFAULT_STOCK_MAX_AGE_DAYS = 7;

/** The trailing window of average daily demand: the 8 weeks (56 days) ending on the day. */
export const DEFAULT_DEMAND_WINDOW_DAYS = 56;

export interface SeriesScanOptions {
  /** See DEFAULT_STOCK_MAX_AGE_DAYS. */
  readonly maxStockAgeDays?: number;
  /** See DEFAULT_DEMAND_WINDOW_DAYS. */
  readonly demandWindowDays?: number;
}

/** An empty series: stock NaN (nothing reported), demand and incoming 0. */
export function createMarketSeries(
  startDate: string,
  days: number,
  packIds: Int32Array,
  holderIds: Int32Array,
): MarketSeries {
  return {
    startDate,
    days,
    packIds,
    holderIds,
    stock: new Float32Array(holderIds.length * packIds.length * days).fill(Number.NaN),
    demand: new Float32Array(packIds.length * days),
    incoming: new Float32Array(packIds.length * days),
  };
}

/** Id -> index for packIds or holderIds. */
export function indexById(ids: Int32Array): Map<number, number> {
  const map = new Map<number, number>();
  ids.forEach((id, index) => map.set(id, index));
  return map;
}

/** How far back a report counts in this series: 0 where the stock is carried forward already. */
function stockMaxAge(series: MarketSeries, maxAgeDays: number): number {
  return series.stockCarriedForward === true ? 0 : maxAgeDays;
}

function checkDay(series: MarketSeries, day: number): void {
  if (!Number.isInteger(day) || day < 0 || day >= series.days) {
    throw new RangeError(`day ${day} is outside the series (0 to ${series.days - 1})`);
  }
}

/**
 * One holder's stock of one pack on a day: its latest report at most `maxAgeDays` before the day
 * (the day itself included), or NaN when there is none.
 */
export function holderStockOnDay(
  series: MarketSeries,
  holder: number,
  pack: number,
  day: number,
  maxAgeDays = DEFAULT_STOCK_MAX_AGE_DAYS,
): number {
  const base = (holder * series.packIds.length + pack) * series.days;
  const first = Math.max(0, day - stockMaxAge(series, maxAgeDays));
  for (let d = day; d >= first; d--) {
    const value = series.stock[base + d] ?? Number.NaN;
    if (!Number.isNaN(value)) return value;
  }
  return Number.NaN;
}

/**
 * National stock of one pack on a day: the sum over holders of each holder's latest report at
 * most `maxStockAgeDays` old (holderStockOnDay); NaN when no holder's report counts (unknown, not
 * zero). The one-pack form of nationalStockOnDay.
 */
export function nationalStockOfPack(
  series: MarketSeries,
  pack: number,
  day: number,
  options: SeriesScanOptions = {},
): number {
  const maxAge = options.maxStockAgeDays ?? DEFAULT_STOCK_MAX_AGE_DAYS;
  let total = Number.NaN;
  for (let holder = 0; holder < series.holderIds.length; holder++) {
    const value = holderStockOnDay(series, holder, pack, day, maxAge);
    if (!Number.isNaN(value)) total = Number.isNaN(total) ? value : total + value;
  }
  return total;
}

/**
 * National stock of every pack on a day: the sum over holders of each holder's latest report at
 * most `maxStockAgeDays` old. NaN for a pack no holder reported in that time (unknown, not zero).
 */
export function nationalStockOnDay(
  series: MarketSeries,
  day: number,
  options: SeriesScanOptions = {},
): Float64Array {
  checkDay(series, day);
  const maxAge = stockMaxAge(series, options.maxStockAgeDays ?? DEFAULT_STOCK_MAX_AGE_DAYS);
  const packs = series.packIds.length;
  const days = series.days;
  const first = Math.max(0, day - maxAge);
  const result = new Float64Array(packs).fill(Number.NaN);
  const stock = series.stock;
  for (let holder = 0; holder < series.holderIds.length; holder++) {
    for (let pack = 0; pack < packs; pack++) {
      const base = (holder * packs + pack) * days;
      for (let d = day; d >= first; d--) {
        const value = stock[base + d] ?? Number.NaN;
        if (!Number.isNaN(value)) {
          const total = result[pack] ?? Number.NaN;
          result[pack] = Number.isNaN(total) ? value : total + value;
          break;
        }
      }
    }
  }
  return result;
}

/**
 * National stock of every pack on every day, [pack * days + day], with the same carry-forward
 * rule as nationalStockOnDay: one forward pass per holder and pack.
 */
export function nationalStockSeries(
  series: MarketSeries,
  options: SeriesScanOptions = {},
): Float32Array {
  const maxAge = stockMaxAge(series, options.maxStockAgeDays ?? DEFAULT_STOCK_MAX_AGE_DAYS);
  const packs = series.packIds.length;
  const days = series.days;
  const result = new Float32Array(packs * days).fill(Number.NaN);
  const stock = series.stock;
  for (let holder = 0; holder < series.holderIds.length; holder++) {
    for (let pack = 0; pack < packs; pack++) {
      const base = (holder * packs + pack) * days;
      const out = pack * days;
      let last = Number.NaN;
      let lastDay = -Infinity;
      for (let d = 0; d < days; d++) {
        const value = stock[base + d] ?? Number.NaN;
        if (!Number.isNaN(value)) {
          last = value;
          lastDay = d;
        }
        if (d - lastDay <= maxAge) {
          const total = result[out + d] ?? Number.NaN;
          result[out + d] = Number.isNaN(total) ? last : total + last;
        }
      }
    }
  }
  return result;
}

/**
 * Average daily demand of one day-indexed array segment over the `windowDays` ending on `day`
 * (inclusive). Days before the start of the series are not counted: near the start the window is
 * shorter, never padded with zeros.
 */
export function averageOverWindow(
  values: ArrayLike<number>,
  offset: number,
  day: number,
  windowDays: number,
): number {
  const first = Math.max(0, day - windowDays + 1);
  let sum = 0;
  for (let d = first; d <= day; d++) sum += values[offset + d] ?? 0;
  return sum / (day - first + 1);
}

/** Average daily national demand of every pack over the window ending on `day`. */
export function averageDailyDemand(
  series: MarketSeries,
  day: number,
  options: SeriesScanOptions = {},
): Float64Array {
  checkDay(series, day);
  const window = options.demandWindowDays ?? DEFAULT_DEMAND_WINDOW_DAYS;
  const packs = series.packIds.length;
  const result = new Float64Array(packs);
  for (let pack = 0; pack < packs; pack++) {
    result[pack] = averageOverWindow(series.demand, pack * series.days, day, window);
  }
  return result;
}

/** Weeks of cover: stock / (7 x average daily demand); Infinity with stock and no demand. */
export function coverWeeks(stock: number, averageDaily: number): number {
  if (Number.isNaN(stock)) return Number.NaN;
  if (averageDaily <= 0) return stock > 0 ? Number.POSITIVE_INFINITY : Number.NaN;
  return stock / (7 * averageDaily);
}

export interface PackCover {
  /** National stock per pack (NaN: no holder reported). */
  readonly stock: Float64Array;
  /** Average daily national demand per pack. */
  readonly averageDailyDemand: Float64Array;
  /** Weeks of cover per pack (NaN: unknown, or no stock and no demand; Infinity: no demand). */
  readonly coverWeeks: Float64Array;
}

/**
 * National cover in weeks of every pack on a day (DESIGN.md, Glossary "cover"): the sum over
 * holders of stock / (7 x average daily demand over the previous 8 weeks).
 */
export function coverByPack(
  series: MarketSeries,
  day: number,
  options: SeriesScanOptions = {},
): PackCover {
  const stock = nationalStockOnDay(series, day, options);
  const demand = averageDailyDemand(series, day, options);
  const cover = new Float64Array(stock.length);
  for (let pack = 0; pack < stock.length; pack++) {
    cover[pack] = coverWeeks(stock[pack] ?? Number.NaN, demand[pack] ?? 0);
  }
  return { stock, averageDailyDemand: demand, coverWeeks: cover };
}

/** Which group (product, substance) each pack belongs to, and how many units a pack holds. */
export interface PackGrouping {
  /** groupOfPack[pack] = group index, or -1 for a pack in no group (no ATC code). */
  readonly groupOfPack: Int32Array;
  readonly groups: number;
  /**
   * Units per pack (the pack size: tablets, ml), so a product with packs of 30 and 90 tablets
   * adds tablets, not packs. Absent: every pack counts as one unit.
   */
  readonly unitsPerPack?: Float32Array;
}

export interface GroupCover {
  /** Stock in units of the packs that have a known stock. */
  readonly stockUnits: Float64Array;
  /** Average daily demand in units of the same packs. */
  readonly dailyDemandUnits: Float64Array;
  /** stockUnits / (7 x dailyDemandUnits). */
  readonly coverWeeks: Float64Array;
  /** The lowest cover of a pack in the group with demand (NaN when none has demand). */
  readonly minPackCoverWeeks: Float64Array;
  readonly packs: Int32Array;
  /** Packs of the group with demand but no stock reported: left out of the sums, counted here. */
  readonly packsWithoutStock: Int32Array;
}

/**
 * Cover of groups of packs (product, substance) on a day: the group's stock over its average
 * daily demand, both in units, over the packs whose stock is known. That equals the
 * demand-weighted mean of the packs' own cover, and hides a pack at zero among full ones, so the
 * lowest pack cover is returned beside it.
 */
export function coverByGroup(
  series: MarketSeries,
  day: number,
  grouping: PackGrouping,
  options: SeriesScanOptions = {},
): GroupCover {
  const packCover = coverByPack(series, day, options);
  const groups = grouping.groups;
  const stockUnits = new Float64Array(groups);
  const dailyDemandUnits = new Float64Array(groups);
  const minPackCoverWeeks = new Float64Array(groups).fill(Number.NaN);
  const packs = new Int32Array(groups);
  const packsWithoutStock = new Int32Array(groups);
  const reported = new Uint8Array(groups);
  for (let pack = 0; pack < grouping.groupOfPack.length; pack++) {
    const group = grouping.groupOfPack[pack] ?? -1;
    if (group < 0) continue;
    packs[group] = (packs[group] ?? 0) + 1;
    const units = grouping.unitsPerPack?.[pack] ?? 1;
    const stock = packCover.stock[pack] ?? Number.NaN;
    const demand = packCover.averageDailyDemand[pack] ?? 0;
    if (Number.isNaN(stock)) {
      if (demand > 0) packsWithoutStock[group] = (packsWithoutStock[group] ?? 0) + 1;
      continue;
    }
    reported[group] = 1;
    stockUnits[group] = (stockUnits[group] ?? 0) + stock * units;
    dailyDemandUnits[group] = (dailyDemandUnits[group] ?? 0) + demand * units;
    if (demand > 0) {
      const cover = packCover.coverWeeks[pack] ?? Number.NaN;
      const lowest = minPackCoverWeeks[group] ?? Number.NaN;
      if (Number.isNaN(lowest) || cover < lowest) minPackCoverWeeks[group] = cover;
    }
  }
  const cover = new Float64Array(groups);
  for (let group = 0; group < groups; group++) {
    cover[group] =
      reported[group] === 1
        ? coverWeeks(stockUnits[group] ?? 0, dailyDemandUnits[group] ?? 0)
        : Number.NaN;
    if (reported[group] !== 1) stockUnits[group] = Number.NaN;
  }
  return {
    stockUnits,
    dailyDemandUnits,
    coverWeeks: cover,
    minPackCoverWeeks,
    packs,
    packsWithoutStock,
  };
}
