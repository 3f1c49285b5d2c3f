/**
 * Pure view models of the stock pages: axis scales, the pack chart's series on one day axis, the
 * weekly table behind the chart, and cover bands. No React, no DOM: unit-tested on their own.
 */
import type { CoverRow, PackStock } from './stock-api.ts';

const DAY_MS = 86_400_000;

export function addDays(iso: string, days: number): string {
  return new Date(Date.parse(`${iso}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

export interface NiceScale {
  /** The axis' top: a round number at or above the largest value. */
  readonly max: number;
  /** Tick values from 0 to max, evenly spaced. */
  readonly ticks: readonly number[];
}

/**
 * A zero-based axis with round steps (1, 2 or 5 times a power of ten), about `count` of them, that
 * reaches the largest value. An empty or all-zero series still gets an axis of 0..1.
 */
export function niceScale(largest: number, count = 4): NiceScale {
  if (!Number.isFinite(largest) || largest <= 0) return { max: 1, ticks: [0, 1] };
  const rough = largest / Math.max(1, count);
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * power).find((candidate) => candidate >= rough) ?? rough;
  const max = Math.ceil(largest / step - 1e-9) * step;
  const ticks: number[] = [];
  for (let tick = 0; tick <= max + step / 2; tick += step) ticks.push(Math.round(tick * 1e9) / 1e9);
  return { max, ticks };
}

/** A point of a line; a null value breaks the line (nothing was reported that day). */
export interface LinePoint {
  readonly x: number;
  readonly y: number | null;
}

/** An SVG path through the points, lifting the pen over null values. */
export function linePath(points: readonly LinePoint[]): string {
  let path = '';
  let penDown = false;
  for (const point of points) {
    if (point.y === null || !Number.isFinite(point.y)) {
      penDown = false;
      continue;
    }
    path += `${penDown ? 'L' : 'M'}${point.x.toFixed(1)} ${point.y.toFixed(1)}`;
    penDown = true;
  }
  return path;
}

/** One day of the pack chart: what was, or what is expected. */
export interface PackChartDay {
  readonly date: string;
  /** Reported stock (history); null in the future or where nothing was reported. */
  readonly stock: number | null;
  /** Projected stock (future). */
  readonly projectedStock: number | null;
  /** Demand that happened (history). */
  readonly demand: number | null;
  /** Forecast demand (future). */
  readonly forecast: number | null;
  /** Deliveries expected that day (future), 0 for none. */
  readonly incoming: number;
}

export interface PackChartModel {
  readonly days: readonly PackChartDay[];
  /** Index of the as-of day: history up to and including it, expectations after. */
  readonly asOfIndex: number;
  readonly stockScale: NiceScale;
  readonly demandScale: NiceScale;
  /** Index of the projected stock-out day, or null when stock lasts the horizon. */
  readonly stockOutIndex: number | null;
}

/**
 * The pack's history and expectations on one day axis: history from its first day to the as-of
 * day, then forecast, expected deliveries and projected stock over the horizon.
 */
export function packChartModel(view: PackStock): PackChartModel {
  const first = view.history[0]?.date ?? addDays(view.asOf, 1);
  const lastFuture = view.projection.daily.at(-1)?.date ?? view.forecast.daily.at(-1)?.date;
  const last = lastFuture ?? view.asOf;
  const length = Math.max(0, daysBetween(first, last) + 1);
  const index = (date: string) => daysBetween(first, date);
  const stock = new Array<number | null>(length).fill(null);
  const projected = new Array<number | null>(length).fill(null);
  const demand = new Array<number | null>(length).fill(null);
  const forecast = new Array<number | null>(length).fill(null);
  const incoming = new Array<number>(length).fill(0);
  const put = <T>(target: T[], date: string, value: T) => {
    const i = index(date);
    if (i >= 0 && i < length) target[i] = value;
  };
  for (const day of view.history) {
    put(stock, day.date, day.stock);
    put(demand, day.date, day.demand);
  }
  for (const day of view.forecast.daily) put(forecast, day.date, day.demand);
  for (const day of view.projection.daily) put(projected, day.date, day.stock);
  for (const delivery of view.incoming) {
    const i = index(delivery.date);
    if (i >= 0 && i < length) incoming[i] = (incoming[i] ?? 0) + delivery.quantity;
  }
  // The projection starts from today's stock: join it to the last reported point.
  const asOfIndex = index(view.asOf);
  const days: PackChartDay[] = Array.from({ length }, (_, i) => ({
    date: addDays(first, i),
    stock: stock[i] ?? null,
    projectedStock: i === asOfIndex ? (stock[i] ?? view.current.onHand) : (projected[i] ?? null),
    demand: demand[i] ?? null,
    forecast: forecast[i] ?? null,
    incoming: incoming[i] ?? 0,
  }));
  const largestStock = Math.max(
    0,
    ...days.map((day) => Math.max(day.stock ?? 0, day.projectedStock ?? 0)),
  );
  const largestDemand = Math.max(
    0,
    ...days.map((day) => Math.max(day.demand ?? 0, day.forecast ?? 0)),
  );
  const stockOut = view.projection.stockOutDate;
  return {
    days,
    asOfIndex,
    stockScale: niceScale(largestStock),
    demandScale: niceScale(largestDemand, 3),
    stockOutIndex: stockOut === null ? null : index(stockOut),
  };
}

/** One week of the table behind the pack chart. */
export interface PackWeekRow {
  /** The week's last day. */
  readonly weekEnd: string;
  readonly kind: 'history' | 'expected';
  /** Stock at the week's end: reported (history) or projected (expected). */
  readonly stock: number | null;
  /** Units delivered to patients in the week (history) or forecast (expected). */
  readonly demand: number;
  readonly incoming: number;
}

/**
 * The chart's figures per week: weeks end on the as-of day going back, and on every seventh day
 * after it going forward, so the boundary between what was and what is expected stays a week edge.
 * A first week shorter than seven days is left out rather than shown with a partial sum.
 */
export function weeklyRows(model: PackChartModel): PackWeekRow[] {
  const rows: PackWeekRow[] = [];
  const { days, asOfIndex } = model;
  const historyEnds: number[] = [];
  for (let end = asOfIndex; end - 6 >= 0; end -= 7) historyEnds.unshift(end);
  for (const end of historyEnds) {
    const week = days.slice(end - 6, end + 1);
    rows.push({
      weekEnd: days[end]?.date ?? '',
      kind: 'history',
      stock: days[end]?.stock ?? null,
      demand: week.reduce((sum, day) => sum + (day.demand ?? 0), 0),
      incoming: 0,
    });
  }
  for (let end = asOfIndex + 7; end < days.length; end += 7) {
    const week = days.slice(end - 6, end + 1);
    rows.push({
      weekEnd: days[end]?.date ?? '',
      kind: 'expected',
      stock: days[end]?.projectedStock ?? null,
      demand: week.reduce((sum, day) => sum + (day.forecast ?? 0), 0),
      incoming: week.reduce((sum, day) => sum + day.incoming, 0),
    });
  }
  return rows;
}

/**
 * Date ticks for a time axis: the first day of each month in the range, thinned to at most
 * `maxTicks` by keeping every n-th month.
 */
export function monthTicks(first: string, length: number, maxTicks = 8): number[] {
  const starts: number[] = [];
  for (let i = 0; i < length; i++) if (addDays(first, i).endsWith('-01')) starts.push(i);
  const every = Math.max(1, Math.ceil(starts.length / Math.max(1, maxTicks)));
  return starts.filter((_, n) => n % every === 0);
}

/** Cover bands, lowest first: how long national stock lasts at the current demand. */
export const COVER_BANDS = [
  'out',
  'under2',
  'from2to4',
  'from4to8',
  'from8to13',
  'over13',
  'noDemand',
  'notReported',
] as const;
export type CoverBand = (typeof COVER_BANDS)[number];

/**
 * The band of one row: no stock reported at all; stock but no demand (cover has no meaning);
 * otherwise by weeks, with 0 weeks (nothing on hand) a band of its own.
 */
export function coverBand(row: Pick<CoverRow, 'stock' | 'coverWeeks' | 'noDemand'>): CoverBand {
  if (row.stock === null) return 'notReported';
  if (row.noDemand || row.coverWeeks === null) return 'noDemand';
  const weeks = row.coverWeeks;
  if (weeks <= 0) return 'out';
  if (weeks < 2) return 'under2';
  if (weeks < 4) return 'from2to4';
  if (weeks < 8) return 'from4to8';
  if (weeks < 13) return 'from8to13';
  return 'over13';
}

export function countCoverBands(
  rows: readonly Pick<CoverRow, 'stock' | 'coverWeeks' | 'noDemand'>[],
): Record<CoverBand, number> {
  const counts = Object.fromEntries(COVER_BANDS.map((band) => [band, 0])) as Record<
    CoverBand,
    number
  >;
  for (const row of rows) counts[coverBand(row)] += 1;
  return counts;
}
