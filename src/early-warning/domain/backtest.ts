/**
 * Backtesting the watchlist against a market whose shortages are known (the simulator's ground
 * truth): every week, the top alerts (a fixed budget, e.g. 50) are compared with the shortages that
 * start in the following weeks. Precision = alerts followed by a shortage of that pack within the
 * horizon; recall = shortages alerted at least once within the horizon before they started; lead
 * time = days from the first such alert to the start. Baselines get the same budget.
 */
import type { Random } from '../../kernel/random.ts';
import { coverByPack } from '../../kernel/market-series.ts';
import type { MarketSeriesLike } from './market.ts';

export interface TruthShortage {
  readonly packId: number;
  /** Day indexes in the series. */
  readonly startDay: number;
  readonly endDay: number;
}

/** Pack ids, most worrying first, for the as-of day. */
export type Ranker = (day: number) => readonly number[];

export interface RankingMetrics {
  readonly weeks: number;
  readonly alerts: number;
  readonly precision: number | null;
  readonly recall: number | null;
  readonly medianLeadDays: number | null;
  readonly shortages: number;
  readonly detected: number;
}

export interface BacktestWindow {
  readonly firstDay: number;
  readonly lastDay: number;
  readonly stepDays: number;
  readonly budget: number;
  readonly horizonDays: number;
}

function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? 0)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

export function evaluateRanking(
  ranker: Ranker,
  truth: readonly TruthShortage[],
  window: BacktestWindow,
): RankingMetrics {
  const byPack = new Map<number, TruthShortage[]>();
  for (const shortage of truth)
    byPack.set(shortage.packId, [...(byPack.get(shortage.packId) ?? []), shortage]);
  const inShortage = (pack: number, day: number) =>
    (byPack.get(pack) ?? []).some((s) => s.startDay <= day && day <= s.endDay);
  const startsWithin = (pack: number, day: number) =>
    (byPack.get(pack) ?? []).find(
      (s) => s.startDay > day && s.startDay <= day + window.horizonDays,
    );
  const firstAlert = new Map<TruthShortage, number>();
  let alerts = 0;
  let correct = 0;
  let weeks = 0;
  for (let day = window.firstDay; day <= window.lastDay; day += window.stepDays) {
    weeks++;
    // A pack already short is no warning any more: it is skipped, not counted.
    const picked = ranker(day)
      .filter((pack) => !inShortage(pack, day))
      .slice(0, window.budget);
    for (const pack of picked) {
      alerts++;
      const coming = startsWithin(pack, day);
      if (coming !== undefined) {
        correct++;
        if (!firstAlert.has(coming)) firstAlert.set(coming, day);
      }
    }
  }
  // Shortages whose whole warning window lies inside the tested period.
  const eligible = truth.filter(
    (s) =>
      s.startDay - window.horizonDays >= window.firstDay &&
      s.startDay <= window.lastDay + window.stepDays,
  );
  const detected = eligible.filter((s) => firstAlert.has(s));
  return {
    weeks,
    alerts,
    precision: alerts === 0 ? null : correct / alerts,
    recall: eligible.length === 0 ? null : detected.length / eligible.length,
    medianLeadDays: median(detected.map((s) => s.startDay - (firstAlert.get(s) ?? s.startDay))),
    shortages: eligible.length,
    detected: detected.length,
  };
}

/** Baseline: the packs with the lowest national cover below a threshold. */
export function coverRanker(
  series: MarketSeriesLike,
  thresholdWeeks: number,
  windowDays = 56,
): Ranker {
  return (day) => {
    const covers: [number, number][] = [];
    const national = coverByPack(series, day, { demandWindowDays: windowDays });
    for (let pack = 0; pack < series.packIds.length; pack++) {
      if ((national.averageDailyDemand[pack] ?? 0) <= 0) continue;
      const cover = national.coverWeeks[pack] ?? Number.NaN;
      if (cover < thresholdWeeks) covers.push([series.packIds[pack] ?? 0, cover]);
    }
    return covers.sort((a, b) => a[1] - b[1] || a[0] - b[0]).map(([id]) => id);
  };
}

export interface SyntheticNotification {
  readonly packId: number;
  readonly reportedDay: number;
  /** Until when it stays open (the shortage's end, or the reported end of a false alarm). */
  readonly closedDay: number;
  readonly precautionary: boolean;
}

export interface ReportingBehaviour {
  /** Share of real shortages the company reports at all. */
  readonly reportShare: number;
  /** Share reported only after the shortage started (BfArM's register: about 58%). */
  readonly lateShare: number;
  /** Precautionary reports that never become a shortage, per real shortage. */
  readonly falseAlarmRatio: number;
}

/**
 * Notifications as companies make them, for a simulated market: most real shortages are
 * reported, many only after they start, and precautionary reports come on top (the Meldpunt's
 * problem). Deterministic by the random generator passed in.
 */
export function simulateNotifications(
  truth: readonly TruthShortage[],
  packIds: readonly number[],
  days: number,
  behaviour: ReportingBehaviour,
  random: Random,
): SyntheticNotification[] {
  const notifications: SyntheticNotification[] = [];
  for (const shortage of truth) {
    if (random() >= behaviour.reportShare) continue;
    const late = random() < behaviour.lateShare;
    const offset = late ? Math.floor(random() * 21) : -Math.floor(7 + random() * 60);
    notifications.push({
      packId: shortage.packId,
      reportedDay: Math.max(0, shortage.startDay + offset),
      closedDay: shortage.endDay,
      precautionary: false,
    });
  }
  const falseAlarms = Math.round(truth.length * behaviour.falseAlarmRatio);
  for (let index = 0; index < falseAlarms && packIds.length > 0; index++) {
    const packId = packIds[Math.floor(random() * packIds.length)] ?? 0;
    const reportedDay = Math.floor(random() * days);
    notifications.push({
      packId,
      reportedDay,
      closedDay: reportedDay + 30 + Math.floor(random() * 60),
      precautionary: true,
    });
  }
  return notifications.sort((a, b) => a.reportedDay - b.reportedDay || a.packId - b.packId);
}

/** Baseline: packs with an open notification on the day, most recent first. */
export function notificationRanker(notifications: readonly SyntheticNotification[]): Ranker {
  return (day) =>
    notifications
      .filter((n) => n.reportedDay <= day && day <= n.closedDay)
      .sort((a, b) => b.reportedDay - a.reportedDay || a.packId - b.packId)
      .map((n) => n.packId);
}
