/**
 * The policy chart's geometry in data units: which weeks the x axis spans and where the
 * 5-month expectation stands. Pure; unit-tested on its own.
 */
import type { PolicyAnalysis } from './policy-api.ts';

export interface PolicyChartModel {
  /** The x axis runs from 0 to this many weeks. */
  readonly maxWeeks: number;
  readonly weekTicks: readonly number[];
  /** The stock the policy expects (5 months) in weeks. */
  readonly expectedWeeks: number;
  readonly expectedShare: number;
  readonly observedShare: number;
  /** Weeks of stock the data say reach the expected share; null when no tested stock does. */
  readonly weeksNeeded: number | null;
  readonly points: readonly { readonly weeks: number; readonly share: number }[];
}

/**
 * The axis reaches the longest tested stock and, when the expected share needs more weeks than
 * that, those weeks too, so the gap between the expectation and the evidence is drawn to scale.
 */
export function policyChartModel(analysis: PolicyAnalysis): PolicyChartModel {
  const longest = Math.max(0, ...analysis.curve.map((point) => point.weeks));
  const expectedWeeks = analysis.ironStock.days / 7;
  const needed = analysis.ironStock.weeksNeededForExpectedShare;
  const reach = Math.max(longest, expectedWeeks, needed ?? 0);
  // One week of headroom, so a marker on the last week is not drawn on the frame.
  const maxWeeks = Math.max(4, Math.ceil((reach + 1) / 4) * 4);
  const step = maxWeeks > 32 ? 8 : 4;
  const weekTicks: number[] = [];
  for (let week = 0; week <= maxWeeks; week += step) weekTicks.push(week);
  return {
    maxWeeks,
    weekTicks,
    expectedWeeks,
    expectedShare: analysis.ironStock.expectedShare,
    observedShare: analysis.ironStock.observedShare,
    weeksNeeded: needed,
    points: [...analysis.curve]
      .sort((a, b) => a.weeks - b.weeks)
      .map((point) => ({ weeks: point.weeks, share: point.share })),
  };
}
