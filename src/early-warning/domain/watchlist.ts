/**
 * The early-warning watchlist: one ranked list per day over all packs (and, rolled up, all
 * substances), each entry with a score, an expected shortage start, a confidence and its reasons
 * in words. Pure: the market, the context and the as-of day come in, so the list of any past day
 * can be recomputed exactly. Weights are parameters (config/early-warning.json).
 */
import {
  averageDemand,
  coverWeeks,
  dateOfDay,
  nationalStock,
  projectStockOut,
  type MarketSeriesLike,
} from './market.ts';

export const WATCH_FACTORS = [
  'lowCover',
  'fallingCover',
  'demandSpike',
  'notification',
  'shortAbroad',
  'competitorShortage',
  'concentration',
  'siteFailure',
] as const;
export type WatchFactor = (typeof WATCH_FACTORS)[number];

export interface WatchlistConfig {
  readonly weights: Record<WatchFactor, number>;
  /** Cover at or below this many weeks counts fully as low; above `coverCalmWeeks` not at all. */
  readonly coverAlarmWeeks: number;
  readonly coverCalmWeeks: number;
  readonly demandWindowDays: number;
  readonly spikeWindowDays: number;
  readonly horizonDays: number;
}

export interface PackContext {
  readonly packId: number;
  readonly atc: string | null;
  readonly mahId: number;
  /** Country HHI of the substance's manufacturing; null when unknown. */
  readonly substanceHhi: number | null;
  /** Manufacturing sites the pack's active substance comes from. */
  readonly siteIds: readonly number[];
  /** Sites that make the finished product, where known (product_site); the scenario reads them. */
  readonly finishedProductSiteIds?: readonly number[];
}

export type RiskClass = 'low' | 'medium' | 'high';

export interface WatchSignals {
  /** Open notifications per pack id, with their triage class, known on the as-of day. */
  readonly notifications: ReadonlyMap<number, RiskClass>;
  /**
   * ATC codes reported short abroad on the as-of day, each with the ISO 3166-1 alpha-2 codes of
   * the countries whose registers report it (['DE'] for BfArM).
   */
  readonly shortAbroad: ReadonlyMap<string, readonly string[]>;
  /** Sites stopped on the as-of day. */
  readonly failedSites: ReadonlySet<number>;
}

/**
 * The figures behind each reason, so a client can word it in its own language (the `text` is
 * English). Fixed per factor: the web app's Dutch sentences read these keys.
 */
export interface WatchReasonDetails {
  readonly lowCover: { readonly coverWeeks: number | null };
  readonly fallingCover: {
    readonly fromWeeks: number | null;
    readonly toWeeks: number | null;
    readonly days: number;
  };
  readonly demandSpike: { readonly percentOfUsual: number; readonly windowDays: number };
  readonly notification: { readonly riskClass: RiskClass | null };
  readonly shortAbroad: { readonly countries: readonly string[] };
  readonly competitorShortage: { readonly companies: number };
  readonly concentration: { readonly hhi: number | null };
  readonly siteFailure: {
    readonly stoppedSites: number;
    readonly sites: number;
    readonly stoppedSiteIds: readonly number[];
  };
}

export type WatchReason = {
  readonly [F in WatchFactor]: {
    readonly factor: F;
    readonly value: number;
    readonly points: number;
    readonly text: string;
    readonly details: WatchReasonDetails[F];
  };
}[WatchFactor];

export interface WatchlistEntry {
  readonly packId: number;
  readonly atc: string | null;
  readonly score: number;
  readonly coverWeeks: number;
  /**
   * National stock is 0 on the as-of day while there is demand: the shortage has begun (its
   * expected start is then the as-of day), which a reader must tell apart from one that is coming.
   */
  readonly shortNow: boolean;
  readonly expectedShortageStart: string | null;
  /** 0-1: how many independent signals agree, and how soon the projection says it happens. */
  readonly confidence: number;
  readonly reasons: readonly WatchReason[];
}

const clamp = (value: number) => Math.min(1, Math.max(0, value));
const round1 = (value: number) => Math.round(value * 10) / 10;
const weeksText = (weeks: number) => `${round1(weeks)} week${round1(weeks) === 1 ? '' : 's'}`;
/** Weeks for the details: null where cover has no finite value (no demand). */
const finiteWeeks = (weeks: number) => (Number.isFinite(weeks) ? round1(weeks) : null);

/** How far back the falling-cover factor compares. */
const FALLING_COVER_DAYS = 28;

interface PackState {
  readonly stock: number;
  readonly demand: number;
  readonly cover: number;
}

function packState(series: MarketSeriesLike, pack: number, day: number, window: number): PackState {
  const stock = nationalStock(series, pack, day);
  const demand = averageDemand(series, pack, day, window);
  return { stock, demand, cover: coverWeeks(stock, demand) };
}

export function computeWatchlist(
  series: MarketSeriesLike,
  packs: readonly PackContext[],
  signals: WatchSignals,
  asOfDay: number,
  config: WatchlistConfig,
): WatchlistEntry[] {
  const index = new Map<number, number>();
  series.packIds.forEach((id, position) => index.set(id, position));
  const states = new Map<number, PackState>();
  for (const context of packs) {
    const position = index.get(context.packId);
    if (position === undefined) continue;
    states.set(context.packId, packState(series, position, asOfDay, config.demandWindowDays));
  }
  // A competitor in trouble: another company's pack of the substance nearly out or notified.
  const troubledByAtc = new Map<string, Set<number>>();
  for (const context of packs) {
    if (context.atc === null) continue;
    const state = states.get(context.packId);
    const troubled =
      (state !== undefined && state.cover < 1) || signals.notifications.has(context.packId);
    if (troubled)
      troubledByAtc.set(
        context.atc,
        (troubledByAtc.get(context.atc) ?? new Set()).add(context.mahId),
      );
  }
  const entries: WatchlistEntry[] = [];
  for (const context of packs) {
    const position = index.get(context.packId);
    const state = states.get(context.packId);
    if (position === undefined || state === undefined || state.demand <= 0) continue;
    const earlierDay = Math.max(0, asOfDay - FALLING_COVER_DAYS);
    const earlier = packState(series, position, earlierDay, config.demandWindowDays);
    const recent = averageDemand(series, position, asOfDay, config.spikeWindowDays);
    const spikeRatio = state.demand > 0 ? recent / state.demand : 1;
    // Unknown stock (no holder's report counts) is no evidence of low cover.
    const lowCover = Number.isNaN(state.cover)
      ? 0
      : clamp(
          (config.coverCalmWeeks - state.cover) / (config.coverCalmWeeks - config.coverAlarmWeeks),
        );
    const falling =
      Number.isFinite(earlier.cover) && earlier.cover > 0 && state.cover < earlier.cover
        ? clamp((earlier.cover - state.cover) / earlier.cover)
        : 0;
    const notification = signals.notifications.get(context.packId);
    const competitors =
      context.atc === null
        ? 0
        : [...(troubledByAtc.get(context.atc) ?? [])].filter((mah) => mah !== context.mahId).length;
    const stoppedSiteIds = context.siteIds.filter((site) => signals.failedSites.has(site));
    const failed = stoppedSiteIds.length;
    const countries = context.atc === null ? undefined : signals.shortAbroad.get(context.atc);
    const factors: {
      readonly [F in WatchFactor]: Omit<Extract<WatchReason, { factor: F }>, 'points'>;
    } = {
      lowCover: {
        factor: 'lowCover',
        value: lowCover,
        text: `national cover ${weeksText(state.cover)}`,
        details: { coverWeeks: finiteWeeks(state.cover) },
      },
      fallingCover: {
        factor: 'fallingCover',
        value: falling,
        text: `cover fell from ${round1(earlier.cover)} to ${weeksText(state.cover)} in 4 weeks`,
        details: {
          fromWeeks: finiteWeeks(earlier.cover),
          toWeeks: finiteWeeks(state.cover),
          days: asOfDay - earlierDay,
        },
      },
      demandSpike: {
        factor: 'demandSpike',
        value: clamp(spikeRatio - 1),
        text: `demand of the last ${config.spikeWindowDays} days is ${round1(spikeRatio * 100)}% of the usual`,
        details: { percentOfUsual: round1(spikeRatio * 100), windowDays: config.spikeWindowDays },
      },
      notification: {
        factor: 'notification',
        value:
          notification === 'high'
            ? 1
            : notification === 'medium'
              ? 0.6
              : notification === 'low'
                ? 0.3
                : 0,
        text:
          notification === undefined
            ? 'no open notification'
            : `open notification, triaged ${notification} risk`,
        details: { riskClass: notification ?? null },
      },
      shortAbroad: {
        factor: 'shortAbroad',
        value: countries === undefined ? 0 : 1,
        text:
          countries === undefined || countries.length === 0
            ? 'the substance is reported short abroad'
            : `the substance is reported short abroad (${countries.join(', ')})`,
        details: { countries: countries ?? [] },
      },
      competitorShortage: {
        factor: 'competitorShortage',
        value: clamp(competitors),
        text: `${competitors} other compan${competitors === 1 ? 'y has' : 'ies have'} a shortage of the same substance: demand moves here`,
        details: { companies: competitors },
      },
      concentration: {
        factor: 'concentration',
        value: context.substanceHhi === null ? 0 : clamp(context.substanceHhi / 10_000),
        text: `manufacturing concentration HHI ${context.substanceHhi === null ? 'unknown' : Math.round(context.substanceHhi)}`,
        details: {
          hhi: context.substanceHhi === null ? null : Math.round(context.substanceHhi),
        },
      },
      siteFailure: {
        factor: 'siteFailure',
        value: context.siteIds.length === 0 ? 0 : failed / context.siteIds.length,
        text: `${failed} of ${context.siteIds.length} manufacturing site(s) of its substance stopped`,
        details: { stoppedSites: failed, sites: context.siteIds.length, stoppedSiteIds },
      },
    };
    const reasons = WATCH_FACTORS.map((factor): WatchReason => {
      const { value, text, details } = factors[factor];
      // The cast re-pairs factor and details, which TypeScript cannot follow through the map.
      return {
        factor,
        value: round1(value * 100) / 100,
        points: round1(value * config.weights[factor]),
        text,
        details,
      } as WatchReason;
    })
      .filter((reason) => reason.points > 0)
      .sort((a, b) => b.points - a.points);
    const score = round1(reasons.reduce((sum, reason) => sum + reason.points, 0));
    // Demand moves up when competitors are short: project with the recent, higher rate.
    const rate = Math.max(state.demand, recent);
    const stockOut = projectStockOut(
      series,
      position,
      asOfDay,
      state.stock,
      rate,
      config.horizonDays,
    );
    const shortNow = state.stock <= 0;
    const startDay = shortNow ? asOfDay : stockOut;
    const strongSignals = reasons.filter((reason) => reason.value >= 0.5).length;
    const soon = startDay === null ? 0 : clamp(1 - (startDay - asOfDay) / config.horizonDays);
    entries.push({
      packId: context.packId,
      atc: context.atc,
      score,
      coverWeeks: round1(state.cover),
      shortNow,
      expectedShortageStart: startDay === null ? null : dateOfDay(series.startDate, startDay),
      confidence: Math.round(clamp(0.2 + 0.15 * strongSignals + 0.4 * soon) * 100) / 100,
      reasons,
    });
  }
  return entries.sort(
    (a, b) => b.score - a.score || a.coverWeeks - b.coverWeeks || a.packId - b.packId,
  );
}

export interface SubstanceWatchEntry {
  readonly atc: string;
  readonly score: number;
  readonly packs: number;
  readonly packsOnList: number;
  readonly expectedShortageStart: string | null;
  readonly topReasons: readonly WatchReason[];
}

/** The substance view: the highest-scoring pack of each ATC code with how many of its packs are listed. */
export function rollUpBySubstance(
  entries: readonly WatchlistEntry[],
  minimumScore: number,
): SubstanceWatchEntry[] {
  const byAtc = new Map<string, WatchlistEntry[]>();
  for (const entry of entries) {
    if (entry.atc === null) continue;
    byAtc.set(entry.atc, [...(byAtc.get(entry.atc) ?? []), entry]);
  }
  return [...byAtc.entries()]
    .map(([atc, list]) => {
      const top = list.reduce((best, entry) => (entry.score > best.score ? entry : best));
      const starts = list
        .map((entry) => entry.expectedShortageStart)
        .filter((d): d is string => d !== null)
        .sort();
      return {
        atc,
        score: top.score,
        packs: list.length,
        packsOnList: list.filter((entry) => entry.score >= minimumScore).length,
        expectedShortageStart: starts[0] ?? null,
        topReasons: top.reasons.slice(0, 3),
      };
    })
    .sort((a, b) => b.score - a.score || a.atc.localeCompare(b.atc));
}
