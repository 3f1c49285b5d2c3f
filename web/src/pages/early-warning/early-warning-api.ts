/**
 * The early-warning API as these pages use it: the daily watchlist and the site-failure scenario
 * (src/early-warning/http.ts). The shapes are checked against the OpenAPI document in
 * contract-check.ts beside this file, so `tsc -p web` fails when the API changes under the pages.
 */
import { getCsv, getJson } from '../../api/client.ts';

/** The signals the watchlist weighs (src/early-warning/domain/watchlist.ts, WATCH_FACTORS). */
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

export function isWatchFactor(value: string): value is WatchFactor {
  return (WATCH_FACTORS as readonly string[]).includes(value);
}

/**
 * One reason a pack is on the list. `details` holds the figures behind it per factor, so the page
 * words the sentence in the reader's language; `text` is the server's English, kept as the
 * fallback for a factor this app does not know yet.
 */
export interface WatchReason {
  readonly factor: string;
  /** 0-1: how strongly the factor applies. */
  readonly value: number;
  /** value x the factor's weight: what it adds to the score. */
  readonly points: number;
  readonly text: string;
  readonly details: Readonly<Record<string, unknown>>;
}

export type WatchLevel = 'pack' | 'substance';

export interface WatchPackEntry {
  readonly rank: number;
  readonly packId: number;
  readonly productId: number;
  readonly productName: string;
  readonly packDescription: string;
  readonly mahId: number;
  readonly mahName: string;
  readonly atc: string | null;
  readonly substanceName: string | null;
  readonly score: number;
  readonly coverWeeks: number | null;
  /** National stock is 0 with demand on the as-of day: the shortage has begun. */
  readonly shortNow: boolean;
  readonly expectedShortageStart: string | null;
  /** 0-1. */
  readonly confidence: number;
  readonly reasons: readonly WatchReason[];
}

export interface WatchSubstanceEntry {
  readonly rank: number;
  readonly atc: string;
  readonly substanceName: string | null;
  readonly score: number;
  /** Packs of the substance on the market. */
  readonly packs: number;
  /** Of those, the packs scoring at least the list's minimum. */
  readonly packsOnList: number;
  readonly expectedShortageStart: string | null;
  readonly topReasons: readonly WatchReason[];
}

interface WatchlistPageBase {
  readonly asOf: string;
  readonly minimumScore: number;
  readonly total: number;
  readonly page: number;
  readonly pageSize: number;
  readonly generatedAt: string;
  /** Points each factor adds at full strength: the server's configuration. */
  readonly weights: Readonly<Record<WatchFactor, number>>;
}

export interface WatchlistPackPage extends WatchlistPageBase {
  readonly level: 'pack';
  readonly items: readonly WatchPackEntry[];
}

export interface WatchlistSubstancePage extends WatchlistPageBase {
  readonly level: 'substance';
  readonly items: readonly WatchSubstanceEntry[];
}

export type WatchlistPage = WatchlistPackPage | WatchlistSubstancePage;

export interface WatchlistQuery {
  readonly asOf?: string;
  readonly level: WatchLevel;
  readonly minScore?: number;
  readonly factor?: WatchFactor;
  readonly atc?: string;
  readonly page?: number;
  readonly pageSize?: number;
}

export interface FailureSite {
  readonly siteId: number;
  readonly name: string;
  readonly countryCode: string | null;
  readonly city: string | null;
  readonly products: number;
  readonly packs: number;
  /** Packs whose active substance comes from this site only. */
  readonly soleSourcePacks: number;
  /** The day the site stopped, when it has. */
  readonly stoppedSince: string | null;
}

export interface ScenarioPack {
  readonly packId: number;
  readonly productId: number;
  readonly productName: string;
  readonly packDescription: string;
  readonly atc: string | null;
  readonly substanceName: string | null;
  readonly mahName: string;
  readonly stockAtFailure: number;
  readonly dailyDemand: number;
  /** Stock or demand was reported before the failure; false: nothing is known about the pack. */
  readonly reported: boolean;
  readonly stockOutDate: string | null;
  readonly daysUntilStockOut: number | null;
  readonly unitsNotServed: number;
  readonly unitsTakenOverByAlternatives: number;
  /** National stock at the end of each day after the failure: index 0 is the day after it. */
  readonly stockPath: readonly number[];
}

export interface SiteFailureScenario {
  readonly site: {
    readonly id: number;
    readonly name: string;
    readonly countryCode: string | null;
    readonly city: string | null;
  };
  readonly failureDate: string;
  readonly horizonDays: number;
  /** 0-1: the share of their own demand that alternatives can make on top. */
  readonly spareCapacity: number;
  readonly pipelineDays: number;
  readonly affectedPacks: number;
  readonly packsRunningOut: number;
  readonly unitsNotServed: number;
  readonly firstStockOutDate: string | null;
  readonly packs: readonly ScenarioPack[];
  /** Packs that also, but not only, get their substance from the site: not counted above. */
  readonly partiallyAffectedPacks?: number;
  /** Affected packs with neither stock nor demand reported. */
  readonly packsWithoutReports: number;
}

export interface SiteFailureQuery {
  readonly siteId: number;
  readonly failureDate?: string;
  readonly horizonDays?: number;
  readonly spareCapacity?: number;
  readonly pipelineDays?: number;
}

export const earlyWarningApi = {
  watchlist: (query: WatchlistQuery, signal?: AbortSignal) =>
    getJson<WatchlistPage>('/watchlist', query, signal),
  /** The whole list of the day as the API writes it (Accept: text/csv), every page. */
  watchlistCsv: (query: WatchlistQuery) => getCsv('/watchlist', query),
  failureSites: (signal?: AbortSignal) =>
    getJson<readonly FailureSite[]>('/scenarios/site-failure/sites', undefined, signal),
  siteFailure: (query: SiteFailureQuery, signal?: AbortSignal) =>
    getJson<SiteFailureScenario>('/scenarios/site-failure', query, signal),
};
