/**
 * How long shortages last: start to end in days, and the order statistics of those durations.
 * A closed shortage's dates give its real duration (BfArM: the Löschmeldung's Beginn and Ende);
 * an active one's give the duration the company expects.
 */
import { daysBetween } from './dates.ts';
import type { ForeignShortage, ShortageStatus } from './types.ts';

/** What a duration needs from a shortage. */
export type DatedShortage = Pick<ForeignShortage, 'status' | 'startDate' | 'endDate'>;

/**
 * Days from start to end (end minus start: a shortage that starts and ends on one day lasts 0
 * days), or null when a date is missing or the end lies before the start.
 */
export function shortageDurationDays(shortage: DatedShortage): number | null {
  if (shortage.startDate === null || shortage.endDate === null) return null;
  const days = daysBetween(shortage.startDate, shortage.endDate);
  return days < 0 ? null : days;
}

/**
 * The durations in days of the shortages with the given status, ascending: closed (default) for
 * real durations, active for expected ones. Shortages without both dates, or ending before they
 * start, are left out.
 */
export function durationsInDays(
  shortages: readonly DatedShortage[],
  status: ShortageStatus = 'closed',
): number[] {
  const days: number[] = [];
  for (const shortage of shortages) {
    if (shortage.status !== status) continue;
    const duration = shortageDurationDays(shortage);
    if (duration !== null) days.push(duration);
  }
  return days.sort((a, b) => a - b);
}

/**
 * The p-quantile (0 <= p <= 1) of ascending values by linear interpolation between order
 * statistics (Hyndman & Fan type 7, the default of R, NumPy and spreadsheet QUARTILE), or null
 * for no values.
 */
export function quantile(sortedValues: readonly number[], p: number): number | null {
  const n = sortedValues.length;
  if (n === 0) return null;
  const position = (n - 1) * Math.min(1, Math.max(0, p));
  const lower = Math.floor(position);
  const below = sortedValues[lower] ?? 0;
  const above = sortedValues[Math.min(n - 1, lower + 1)] ?? below;
  return below + (position - lower) * (above - below);
}

export interface DurationSummary {
  readonly count: number;
  readonly min: number | null;
  readonly q1: number | null;
  readonly median: number | null;
  readonly q3: number | null;
  readonly max: number | null;
  readonly mean: number | null;
}

/** Count, minimum, quartiles (type 7), maximum and mean of durations in days. */
export function summarizeDurations(days: readonly number[]): DurationSummary {
  const sorted = [...days].sort((a, b) => a - b);
  const count = sorted.length;
  return {
    count,
    min: sorted[0] ?? null,
    q1: quantile(sorted, 0.25),
    median: quantile(sorted, 0.5),
    q3: quantile(sorted, 0.75),
    max: sorted[count - 1] ?? null,
    mean: count === 0 ? null : sorted.reduce((sum, value) => sum + value, 0) / count,
  };
}

/**
 * The share of durations that last at most `days` (a stock covering N weeks absorbs the
 * shortages lasting at most 7 x N days), or null for no durations.
 */
export function shareLastingAtMost(durations: readonly number[], days: number): number | null {
  if (durations.length === 0) return null;
  return durations.filter((duration) => duration <= days).length / durations.length;
}
