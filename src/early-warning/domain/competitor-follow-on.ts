/**
 * Competitor cascades in a real shortage register: how often a shortage report for a substance is
 * followed within 90 days by another company's report for the same substance, and how well "a
 * competitor reported this substance short recently" predicts that a company will report it
 * next — fitted on an earlier period and measured on a later one (an honest time split).
 */

export interface SubstanceReport {
  /** ATC level-5 code. */
  readonly atc: string;
  /** Normalised company key. */
  readonly company: string;
  /** When the shortage was reported (first report), ISO date. */
  readonly reportedOn: string;
}

const DAY_MS = 86_400_000;
const toDay = (iso: string): number => Math.floor(Date.parse(`${iso}T00:00:00Z`) / DAY_MS);
const toIso = (day: number): string => new Date(day * DAY_MS).toISOString().slice(0, 10);

export interface FollowOnRate {
  readonly reports: number;
  readonly followed: number;
  readonly share: number;
  readonly windowDays: number;
}

/**
 * Share of reports followed by another company's report of the same substance within the window
 * (strictly after the report, at most `windowDays` later). Reports too close to the end of the
 * data to see their whole window are left out, so the share is not biased low.
 */
export function followOnRate(reports: readonly SubstanceReport[], windowDays = 90): FollowOnRate {
  const byAtc = groupByAtc(reports);
  const lastDay = Math.max(...reports.map((r) => toDay(r.reportedOn)));
  let counted = 0;
  let followed = 0;
  for (const list of byAtc.values()) {
    for (const report of list) {
      const day = toDay(report.reportedOn);
      if (day + windowDays > lastDay) continue;
      counted++;
      if (
        list.some(
          (other) =>
            other.company !== report.company &&
            toDay(other.reportedOn) > day &&
            toDay(other.reportedOn) <= day + windowDays,
        )
      ) {
        followed++;
      }
    }
  }
  return { reports: counted, followed, share: counted === 0 ? 0 : followed / counted, windowDays };
}

function groupByAtc(reports: readonly SubstanceReport[]): Map<string, SubstanceReport[]> {
  const byAtc = new Map<string, SubstanceReport[]>();
  for (const report of reports) byAtc.set(report.atc, [...(byAtc.get(report.atc) ?? []), report]);
  for (const list of byAtc.values()) list.sort((a, b) => a.reportedOn.localeCompare(b.reportedOn));
  return byAtc;
}

export interface SignalMetrics {
  /** (substance, company, month) cases evaluated. */
  readonly cases: number;
  readonly positives: number;
  readonly alerts: number;
  readonly truePositives: number;
  readonly precision: number | null;
  readonly recall: number | null;
  readonly baseRate: number;
  /** precision / base rate: how much likelier a report is after the signal. */
  readonly lift: number | null;
}

export interface CompetitorSignalEvaluation {
  readonly splitDate: string;
  readonly horizonDays: number;
  /** The look-back window chosen on the earlier period (by F1). */
  readonly lookbackDays: number;
  readonly train: SignalMetrics;
  readonly test: SignalMetrics;
}

/**
 * Cases: for every first day of a month t, every substance and every company that reported that
 * substance short before t (our stand-in for "a supplier of it": the register names no
 * market). Target: the company reports the substance within (t, t + horizon]. Signal: another
 * company reported the substance within [t - lookback, t].
 */
export function evaluateSignal(
  reports: readonly SubstanceReport[],
  from: string,
  to: string,
  lookbackDays: number,
  horizonDays: number,
): SignalMetrics {
  const byAtc = groupByAtc(reports);
  let cases = 0;
  let positives = 0;
  let alerts = 0;
  let truePositives = 0;
  for (
    let day = firstOfMonthOnOrAfter(toDay(from));
    day + horizonDays <= toDay(to);
    day = nextMonth(day)
  ) {
    for (const list of byAtc.values()) {
      const companies = new Set(
        list.filter((r) => toDay(r.reportedOn) < day).map((r) => r.company),
      );
      for (const company of companies) {
        cases++;
        const target = list.some(
          (r) =>
            r.company === company &&
            toDay(r.reportedOn) > day &&
            toDay(r.reportedOn) <= day + horizonDays,
        );
        const signal = list.some(
          (r) =>
            r.company !== company &&
            toDay(r.reportedOn) <= day &&
            toDay(r.reportedOn) >= day - lookbackDays,
        );
        if (target) positives++;
        if (signal) alerts++;
        if (signal && target) truePositives++;
      }
    }
  }
  const precision = alerts === 0 ? null : truePositives / alerts;
  const baseRate = cases === 0 ? 0 : positives / cases;
  return {
    cases,
    positives,
    alerts,
    truePositives,
    precision,
    recall: positives === 0 ? null : truePositives / positives,
    baseRate,
    lift: precision === null || baseRate === 0 ? null : precision / baseRate,
  };
}

function firstOfMonthOnOrAfter(day: number): number {
  const date = new Date(day * DAY_MS);
  if (date.getUTCDate() === 1) return day;
  return Math.floor(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1) / DAY_MS);
}

function nextMonth(day: number): number {
  const date = new Date(day * DAY_MS);
  return Math.floor(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1) / DAY_MS);
}

function f1(metrics: SignalMetrics): number {
  const { precision, recall } = metrics;
  if (precision === null || recall === null || precision + recall === 0) return 0;
  return (2 * precision * recall) / (precision + recall);
}

/**
 * Chooses the look-back window on the period before `splitDate` and reports it on the period
 * after: nothing of the later period is used to choose.
 */
export function evaluateCompetitorSignal(
  reports: readonly SubstanceReport[],
  splitDate: string,
  horizonDays = 90,
  candidates: readonly number[] = [30, 60, 90, 180],
): CompetitorSignalEvaluation {
  const days = reports.map((r) => toDay(r.reportedOn));
  const start = toIso(Math.min(...days));
  const end = toIso(Math.max(...days));
  // Training sees only reports up to the split (targets inside training end by then).
  const before = reports.filter((r) => r.reportedOn <= splitDate);
  let best = candidates[0] ?? 90;
  let bestScore = -1;
  for (const lookback of candidates) {
    const score = f1(evaluateSignal(before, start, splitDate, lookback, horizonDays));
    if (score > bestScore) {
      bestScore = score;
      best = lookback;
    }
  }
  return {
    splitDate,
    horizonDays,
    lookbackDays: best,
    train: evaluateSignal(before, start, splitDate, best, horizonDays),
    test: evaluateSignal(reports, splitDate, end, best, horizonDays),
  };
}
