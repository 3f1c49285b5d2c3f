/**
 * Pure view models of the compliance pages: a holder's products per week by status, and the
 * non-compliance report summed per holder. Unit-tested on their own.
 */
import type { ComplianceRow, HolderComplianceRow, HolderKind } from './stock-api.ts';

/** The statuses a week of a product can have, in the order the chart stacks them. */
export const WEEK_PARTS = ['nonCompliant', 'notReported', 'compliant', 'other'] as const;
export type WeekPart = (typeof WEEK_PARTS)[number];

/** A week's last day with how many products stood in each status on that day. */
export interface WeekStatusCount extends Record<WeekPart, number> {
  readonly date: string;
  readonly products: number;
}

export function weekPart(status: string): WeekPart {
  switch (status) {
    case 'non-compliant':
      return 'nonCompliant';
    case 'not-reported':
      return 'notReported';
    case 'compliant':
      return 'compliant';
    default:
      // no-demand and exempt: the norm does not apply that week.
      return 'other';
  }
}

/** Per week (oldest first): the holder's products below the norm, not reported, compliant. */
export function weeklyStatusCounts(items: readonly HolderComplianceRow[]): WeekStatusCount[] {
  const byDate = new Map<string, Record<WeekPart, number>>();
  for (const item of items) {
    for (const week of item.weekly) {
      const counts = byDate.get(week.date) ?? {
        nonCompliant: 0,
        notReported: 0,
        compliant: 0,
        other: 0,
      };
      counts[weekPart(week.status)] += 1;
      byDate.set(week.date, counts);
    }
  }
  return [...byDate.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([date, counts]) => ({
      date,
      ...counts,
      products: counts.nonCompliant + counts.notReported + counts.compliant + counts.other,
    }));
}

/** One holder in the non-compliance report. */
export interface HolderSummary {
  readonly holderId: number;
  readonly holderName: string;
  readonly holderKind: HolderKind;
  /** Products of this holder in the report (below the norm or not reporting on some day). */
  readonly products: number;
  readonly productsBelowNorm: number;
  readonly productsNotReported: number;
  /** Days below the norm, summed over the holder's products. */
  readonly productDaysBelowNorm: number;
  readonly productDaysNotReported: number;
  /** The largest shortfall of any of its products, in units. */
  readonly largestShortfallUnits: number;
}

/** The report's rows summed per holder, most product-days below the norm first. */
export function holderSummaries(rows: readonly ComplianceRow[]): HolderSummary[] {
  const byHolder = new Map<number, HolderSummary>();
  for (const row of rows) {
    const previous = byHolder.get(row.holderId) ?? {
      holderId: row.holderId,
      holderName: row.holderName,
      holderKind: row.holderKind,
      products: 0,
      productsBelowNorm: 0,
      productsNotReported: 0,
      productDaysBelowNorm: 0,
      productDaysNotReported: 0,
      largestShortfallUnits: 0,
    };
    byHolder.set(row.holderId, {
      ...previous,
      products: previous.products + 1,
      productsBelowNorm: previous.productsBelowNorm + (row.daysNonCompliant > 0 ? 1 : 0),
      productsNotReported: previous.productsNotReported + (row.daysNotReported > 0 ? 1 : 0),
      productDaysBelowNorm: previous.productDaysBelowNorm + row.daysNonCompliant,
      productDaysNotReported: previous.productDaysNotReported + row.daysNotReported,
      largestShortfallUnits: Math.max(previous.largestShortfallUnits, row.largestShortfallUnits),
    });
  }
  return [...byHolder.values()].sort(
    (a, b) =>
      b.productDaysBelowNorm - a.productDaysBelowNorm ||
      b.productDaysNotReported - a.productDaysNotReported ||
      a.holderName.localeCompare(b.holderName),
  );
}

/** The default period: the twelve weeks up to today, as the API's own default. */
export function twelveWeeksUpTo(today: string): { from: string; to: string } {
  const from = new Date(Date.parse(`${today}T00:00:00Z`) - 83 * 86_400_000);
  return { from: from.toISOString().slice(0, 10), to: today };
}
