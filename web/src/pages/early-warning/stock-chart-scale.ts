/**
 * The arithmetic of the scenario's stock chart, apart from drawing so it can be tested: a value
 * axis that ends on a round number, which packs get a line, and which days the table shows.
 */
import type { ScenarioPack } from './early-warning-api.ts';

export interface NiceScale {
  /** The top of the axis: a round number at or above the largest value. */
  readonly max: number;
  /** Tick values from 0 up to max, evenly spaced. */
  readonly ticks: readonly number[];
}

/**
 * A 0-based axis with about `targetTicks` steps of 1, 2, 2.5 or 5 times a power of ten, so the
 * labels read "0, 5 000, 10 000" rather than "0, 4 213, 8 426". An empty or zero range still gets
 * an axis 0-1.
 */
export function niceScale(largest: number, targetTicks = 4): NiceScale {
  const top = Number.isFinite(largest) && largest > 0 ? largest : 1;
  const rough = top / Math.max(1, targetTicks);
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * power).find((s) => s >= rough) ?? 10 * power;
  const steps = Math.ceil(top / step - 1e-9);
  const ticks = Array.from({ length: steps + 1 }, (_, i) => Number((i * step).toPrecision(12)));
  return { max: ticks[ticks.length - 1] ?? step, ticks };
}

/**
 * The packs drawn as lines: those that run out, soonest first, then the rest by the stock they
 * had; at most `limit`, because beyond about ten lines no one can tell them apart (the table holds
 * them all). A pack nobody reported stock or demand for would only lie on the zero line: left
 * out, as is one with neither stock nor demand.
 */
export function packsToDraw(packs: readonly ScenarioPack[], limit: number): ScenarioPack[] {
  return packs
    .filter((pack) => pack.reported && (pack.stockAtFailure > 0 || pack.dailyDemand > 0))
    .sort((a, b) => {
      const aDays = a.daysUntilStockOut ?? Number.POSITIVE_INFINITY;
      const bDays = b.daysUntilStockOut ?? Number.POSITIVE_INFINITY;
      return aDays - bDays || b.stockAtFailure - a.stockAtFailure || a.packId - b.packId;
    })
    .slice(0, Math.max(0, limit));
}

/**
 * National stock by day from the failure date: day 0 is the stock at the failure, then the API's
 * path, which holds the stock at the end of day 1, 2, … after it.
 */
export function stockByDay(pack: ScenarioPack): number[] {
  return [pack.stockAtFailure, ...pack.stockPath];
}

/**
 * Days (0-based from the failure date) for the chart's table alternative: every `step` days and
 * the last day, with a step that keeps the table to about `maxRows` rows and lands on whole
 * weeks when the horizon is long.
 */
export function tableDays(horizonDays: number, maxRows = 14): { step: number; days: number[] } {
  const last = Math.max(0, Math.floor(horizonDays));
  const rough = Math.max(1, Math.ceil(last / Math.max(1, maxRows - 1)));
  const step = rough <= 5 ? rough : Math.ceil(rough / 7) * 7;
  const days: number[] = [];
  for (let day = 0; day < last; day += step) days.push(day);
  days.push(last);
  return { step, days };
}

/** The stock on a day of stockByDay; past its end the last value holds. */
export function stockOnDay(path: readonly number[], day: number): number | null {
  if (path.length === 0) return null;
  return path[Math.min(day, path.length - 1)] ?? null;
}

/**
 * An SVG path through the stock of each day. Points on one straight stretch are merged, so a
 * year of a steady run-down is a handful of segments, not 365.
 */
export function linePath(
  path: readonly number[],
  x: (day: number) => number,
  y: (value: number) => number,
): string {
  if (path.length === 0) return '';
  const points: [number, number][] = path.map((value, day) => [x(day), y(value)]);
  const kept: [number, number][] = [];
  for (let i = 0; i < points.length; i++) {
    const point = points[i];
    const before = points[i - 1];
    const after = points[i + 1];
    if (point === undefined) continue;
    if (before !== undefined && after !== undefined) {
      const cross =
        (point[0] - before[0]) * (after[1] - before[1]) -
        (point[1] - before[1]) * (after[0] - before[0]);
      if (Math.abs(cross) < 0.01) continue;
    }
    kept.push(point);
  }
  return kept
    .map(([px, py], i) => `${i === 0 ? 'M' : 'L'}${px.toFixed(1)} ${py.toFixed(1)}`)
    .join(' ');
}
