/**
 * `medsupply backtest`: the watchlist against the simulator's ground truth, weekly, at a fixed
 * alert budget, next to two baselines (cover threshold alone, notifications alone); and the
 * competitor-cascade analysis on the real German register. Deterministic by seed.
 */
import type pg from 'pg';
import { createRandom } from '../kernel/random.ts';
import { readConfig } from '../platform/config.ts';
import { loadRegistrySnapshot, type RegistrySnapshot } from '../registry/index.ts';
import {
  marketReferenceFromRegistry,
  simulateMarket,
  withWeeklyStockReports,
  type SimulatedMarket,
} from '../simulator/index.ts';
import {
  coverRanker,
  evaluateRanking,
  notificationRanker,
  simulateNotifications,
  type BacktestWindow,
  type RankingMetrics,
  type SyntheticNotification,
} from './domain/backtest.ts';
import { averageDemand, coverWeeks, nationalStock } from './domain/market.ts';
import { computeWatchlist, type PackContext, type WatchlistConfig } from './domain/watchlist.ts';
import { buildPackContexts } from './pack-contexts.service.ts';
import { competitorCascadeAnalysis } from './policy.service.ts';

export interface BacktestOptions {
  readonly seed: number;
  readonly packs: number;
  readonly days: number;
  /** Alerts per week. */
  readonly budget: number;
  /** An alert is right when the pack's shortage starts within this many days. */
  readonly horizonDays: number;
  /** Baseline: cover below this many weeks. */
  readonly coverThresholdWeeks: number;
  /** The watchlist alerts on entries scoring at least this (config/early-warning.json alertScore). */
  readonly minimumScore: number;
}

/**
 * Alerts per week at which the rankings are also compared with no score or cover cut-off, so
 * each sends exactly the same number of alerts: precision at unequal alert counts says little.
 */
export const EQUAL_BUDGETS = [5, 10, 20] as const;

export const DEFAULT_BACKTEST: BacktestOptions = {
  seed: 2026,
  packs: 1_500,
  days: 400,
  budget: 50,
  horizonDays: 56,
  coverThresholdWeeks: 4,
  minimumScore: 30,
};

/** How companies report, after BfArM's register: most report, 58% only after the start. */
export const REPORTING_BEHAVIOUR = { reportShare: 0.8, lateShare: 0.58, falseAlarmRatio: 1.5 };

export interface BacktestResult {
  readonly parameters: BacktestOptions & { readonly warmUpDays: number; readonly weeks: number };
  readonly market: { readonly packs: number; readonly shortages: number; readonly events: number };
  readonly precision: number | null;
  readonly recall: number | null;
  readonly medianLeadDays: number | null;
  readonly watchlist: RankingMetrics;
  readonly baselines: {
    readonly coverThreshold: RankingMetrics;
    readonly notifications: RankingMetrics;
  };
  /** The full rankings (watchlist by score, every pack by cover) cut at the same budget. */
  readonly equalBudgets: readonly {
    readonly budget: number;
    readonly watchlist: RankingMetrics;
    readonly cover: RankingMetrics;
    readonly notifications: RankingMetrics;
  }[];
}

export function packContexts(market: SimulatedMarket, snapshot: RegistrySnapshot): PackContext[] {
  const products = new Map(market.catalogue.products.map((product) => [product.id, product]));
  return buildPackContexts(
    market.catalogue.packs.map((pack) => ({
      packId: pack.id,
      atc: pack.atc,
      mahId: pack.mahId,
      apiSiteIds: products.get(pack.productId)?.apiSiteIds ?? [],
    })),
    snapshot,
  );
}

/** The triage class a notification gets, from the cover when it is made. */
function notificationClasses(
  market: SimulatedMarket,
  notifications: readonly SyntheticNotification[],
) {
  const index = new Map(market.catalogue.packs.map((pack) => [pack.id, pack.index]));
  return notifications.map((n) => {
    const position = index.get(n.packId) ?? 0;
    const cover = coverWeeks(
      nationalStock(market.series, position, n.reportedDay),
      averageDemand(market.series, position, n.reportedDay, 56),
    );
    const riskClass: 'low' | 'medium' | 'high' = cover < 2 ? 'high' : cover < 6 ? 'medium' : 'low';
    return { ...n, riskClass };
  });
}

export function backtestMarket(
  market: SimulatedMarket,
  contexts: readonly PackContext[],
  options: BacktestOptions,
  config: WatchlistConfig,
): BacktestResult {
  const truth = market.shortages.map((s) => ({
    packId: s.packId,
    startDay: s.startDay,
    endDay: s.endDay,
  }));
  const notifications = notificationClasses(
    market,
    simulateNotifications(
      truth,
      market.catalogue.packs.map((p) => p.id),
      market.series.days,
      REPORTING_BEHAVIOUR,
      createRandom(options.seed + 1),
    ),
  );
  const failures = market.events.flatMap((event) => (event.kind === 'site_failure' ? [event] : []));
  // The rankings see what holders report (weekly stock), as the database holds it; the truth
  // comes from the simulator's daily stock.
  const reported = withWeeklyStockReports(market.series);
  const warmUpDays = config.demandWindowDays + 28;
  const window: BacktestWindow = {
    firstDay: warmUpDays,
    lastDay: market.series.days - options.horizonDays - 1,
    stepDays: 7,
    budget: options.budget,
    horizonDays: options.horizonDays,
  };
  const rankedWatchlist = (day: number) => {
    const open = new Map<number, 'low' | 'medium' | 'high'>();
    for (const n of notifications)
      if (n.reportedDay <= day && day <= n.closedDay) open.set(n.packId, n.riskClass);
    const failedSites = new Set<number>();
    for (const event of failures)
      if (event.startDay <= day && day <= event.endDay) failedSites.add(event.siteId);
    return computeWatchlist(
      reported,
      contexts,
      { notifications: open, shortAbroad: new Map(), failedSites },
      day,
      config,
    );
  };
  const watchlist = evaluateRanking(
    (day) =>
      rankedWatchlist(day)
        .filter((entry) => entry.score >= options.minimumScore)
        .map((entry) => entry.packId),
    truth,
    window,
  );
  const everyPackByCover = coverRanker(reported, Number.POSITIVE_INFINITY);
  const equalBudgets = EQUAL_BUDGETS.map((budget) => {
    const equal = { ...window, budget };
    return {
      budget,
      watchlist: evaluateRanking(
        (day) => rankedWatchlist(day).map((entry) => entry.packId),
        truth,
        equal,
      ),
      cover: evaluateRanking(everyPackByCover, truth, equal),
      notifications: evaluateRanking(notificationRanker(notifications), truth, equal),
    };
  });
  return {
    parameters: { ...options, warmUpDays, weeks: watchlist.weeks },
    market: {
      packs: market.catalogue.packs.length,
      shortages: truth.length,
      events: market.events.length,
    },
    precision: watchlist.precision,
    recall: watchlist.recall,
    medianLeadDays: watchlist.medianLeadDays,
    watchlist,
    baselines: {
      coverThreshold: evaluateRanking(
        coverRanker(reported, options.coverThresholdWeeks),
        truth,
        window,
      ),
      notifications: evaluateRanking(notificationRanker(notifications), truth, window),
    },
    equalBudgets,
  };
}

export async function runBacktest(pool: pg.Pool, options: BacktestOptions = DEFAULT_BACKTEST) {
  const snapshot = await loadRegistrySnapshot(pool);
  const market = simulateMarket({
    seed: options.seed,
    reference: marketReferenceFromRegistry(snapshot),
    packs: options.packs,
    days: options.days,
  });
  const config = readConfig('early-warning') as WatchlistConfig;
  const result = backtestMarket(market, packContexts(market, snapshot), options, config);
  const german = await competitorCascadeAnalysis(pool);
  return { ...result, germanRegister: german };
}

const pct = (value: number | null) => (value === null ? 'n/a' : `${(value * 100).toFixed(1)}%`);

/** The backtest as a Markdown report. */
export function renderBacktestReport(result: Awaited<ReturnType<typeof runBacktest>>): string {
  const row = (name: string, m: RankingMetrics) =>
    `| ${name} | ${m.alerts} | ${pct(m.precision)} | ${pct(m.recall)} (${m.detected}/${m.shortages}) | ${m.medianLeadDays ?? 'n/a'} |`;
  const p = result.parameters;
  const g = result.germanRegister;
  return `# Early-warning backtest

Simulated market: seed ${p.seed}, ${result.market.packs} packs, ${p.days} days, ${result.market.events} events,
${result.market.shortages} ground-truth shortages. Every week from day ${p.warmUpDays} (${p.weeks} weeks), at most
${p.budget} alerts, and only entries scoring ${p.minimumScore} or more; an alert is right when that pack's shortage starts within ${p.horizonDays} days. Recall counts the
shortages whose whole warning window lies in the tested weeks. Notifications are simulated after
BfArM's register: ${Math.round(REPORTING_BEHAVIOUR.reportShare * 100)}% of shortages reported, ${Math.round(REPORTING_BEHAVIOUR.lateShare * 100)}% of those only after they start,
and ${REPORTING_BEHAVIOUR.falseAlarmRatio} precautionary reports per real shortage.

| ranking | alerts | precision | recall | median lead (days) |
|---|---:|---:|---:|---:|
${row('watchlist', result.watchlist)}
${row(`cover below ${p.coverThresholdWeeks} weeks`, result.baselines.coverThreshold)}
${row('open notifications', result.baselines.notifications)}

## At equal alert budgets

The same rankings without a cut-off (the watchlist by score, every pack by cover, open
notifications newest first), each sending exactly the budget's alerts every week, so precision is
compared at the same number of alerts:

| alerts per week | ranking | alerts | precision | recall | median lead (days) |
|---:|---|---:|---:|---:|---:|
${result.equalBudgets
  .flatMap((b) => [
    `| ${b.budget} |${row('watchlist', b.watchlist).slice(1)}`,
    `| ${b.budget} |${row('lowest cover', b.cover).slice(1)}`,
    `| ${b.budget} |${row('open notifications', b.notifications).slice(1)}`,
  ])
  .join('\n')}

## The real German register

${g.followOn.followed} of ${g.followOn.reports} shortage reports (${pct(g.followOn.share)}) were followed within ${g.followOn.windowDays} days by
another company's report of the same substance. The signal "another company reported this
substance in the last ${g.signal.lookbackDays} days" (look-back chosen on reports before ${g.signal.splitDate}) predicts a
company's own report within ${g.signal.horizonDays} days with, on the later period: precision ${pct(g.signal.test.precision)}, recall
${pct(g.signal.test.recall)}, against a base rate of ${pct(g.signal.test.baseRate)} (lift ${g.signal.test.lift?.toFixed(2) ?? 'n/a'}).
`;
}
