/**
 * The watchlist over the database: every pack's national market (loadNationalMarketSeries, as
 * known on the as-of day), its context (sites, concentration, company) and the signals of that
 * day (open notifications with their triage class, foreign shortages, stopped sites) go through
 * the pure computeWatchlist. Nothing reported after the as-of day is read, so the list of any
 * past day is recomputed exactly.
 */
import type pg from 'pg';
import { readConfig } from '../platform/config.ts';
import { loadRegistrySnapshot, type RegistrySnapshot } from '../registry/index.ts';
import {
  isActiveOn,
  isReportedBy,
  loadShortageSnapshot,
  matchAtc,
  type ShortageSource,
} from '../signals/index.ts';
import { addDays, daysBetween, loadNationalMarketSeries } from '../stock/index.ts';
import {
  computeWatchlist,
  rollUpBySubstance,
  type PackContext,
  type WatchFactor,
  type WatchlistConfig,
  type WatchlistEntry,
  type WatchReason,
} from './domain/watchlist.ts';
import { buildPackContexts } from './pack-contexts.service.ts';
import {
  loadOpenNotificationClasses,
  loadPackDetails,
  loadProductSites,
  loadStoppedSites,
  type PackDetails,
} from './store/early-warning.store.ts';

export interface EarlyWarningConfig extends WatchlistConfig {
  /** The default minimum score of a listed entry (GET /v1/watchlist minScore). */
  readonly alertScore: number;
}

export function earlyWarningConfig(): EarlyWarningConfig {
  return readConfig('early-warning') as EarlyWarningConfig;
}

/** The country of each foreign register, ISO 3166-1 alpha-2. */
const REGISTER_COUNTRY: Record<ShortageSource, string> = { bfarm: 'DE', fda: 'US' };

/** The catalogue as early warning sees it: each pack's listing details and its context. */
export interface WatchCatalogue {
  readonly packs: ReadonlyMap<number, PackDetails>;
  readonly contexts: readonly PackContext[];
  readonly snapshot: RegistrySnapshot;
}

export async function loadWatchCatalogue(pool: pg.Pool): Promise<WatchCatalogue> {
  const [snapshot, packs, productSites] = await Promise.all([
    loadRegistrySnapshot(pool),
    loadPackDetails(pool),
    loadProductSites(pool),
  ]);
  const contexts = buildPackContexts(
    packs.map((pack) => {
      const sites = productSites.get(pack.productId);
      return {
        packId: pack.packId,
        atc: pack.atc,
        mahId: pack.mahId,
        apiSiteIds: sites?.api ?? [],
        finishedProductSiteIds: sites?.finishedProduct ?? [],
      };
    }),
    snapshot,
  );
  return { packs: new Map(packs.map((pack) => [pack.packId, pack])), contexts, snapshot };
}

/** The substance's name in English (Dutch, German where a register has no English one). */
export function substanceName(snapshot: RegistrySnapshot, atc: string | null): string | null {
  if (atc === null) return null;
  const names = snapshot.names.get(atc);
  return names?.en ?? names?.nl ?? names?.de ?? null;
}

/**
 * The ATC codes (of `atcCodes`) that a foreign register reports short on `asOf`, each with the
 * countries of those registers: shortages going on that day and reported by then.
 */
export async function shortAbroadOn(
  pool: pg.Pool,
  atcCodes: Iterable<string>,
  asOf: string,
): Promise<Map<string, string[]>> {
  const snapshot = await loadShortageSnapshot(pool);
  // A register's link is a level-5 code or a level-4 group: index our codes by their group.
  const byGroup = new Map<string, string[]>();
  for (const atc of new Set(atcCodes)) {
    const group = atc.slice(0, 5);
    byGroup.set(group, [...(byGroup.get(group) ?? []), atc]);
  }
  const countries = new Map<string, Set<string>>();
  for (const shortage of snapshot.shortages) {
    if (!isActiveOn(shortage, asOf) || !isReportedBy(shortage, asOf)) continue;
    for (const link of shortage.atcCodes) {
      for (const atc of byGroup.get(link.slice(0, 5)) ?? []) {
        if (matchAtc([link], atc, snapshot.knownLevel5) === undefined) continue;
        countries.set(
          atc,
          (countries.get(atc) ?? new Set()).add(REGISTER_COUNTRY[shortage.source]),
        );
      }
    }
  }
  return new Map([...countries].map(([atc, set]) => [atc, [...set].sort()]));
}

/** The whole watchlist of a day, every pack with demand, highest score first. */
export async function computeWatchlistOn(
  pool: pg.Pool,
  catalogue: WatchCatalogue,
  asOf: string,
  config: WatchlistConfig = earlyWarningConfig(),
): Promise<WatchlistEntry[]> {
  // Falling cover looks 4 weeks back, each cover over the demand window before it; expected
  // deliveries count up to the projection horizon.
  const from = addDays(asOf, -(28 + config.demandWindowDays));
  const atcCodes = catalogue.contexts.flatMap((c) => (c.atc === null ? [] : [c.atc]));
  const [series, notifications, shortAbroad, stopped] = await Promise.all([
    loadNationalMarketSeries(pool, { from, to: addDays(asOf, config.horizonDays), asOf }),
    loadOpenNotificationClasses(pool, asOf),
    shortAbroadOn(pool, atcCodes, asOf),
    loadStoppedSites(pool, asOf),
  ]);
  return computeWatchlist(
    series,
    catalogue.contexts,
    { notifications, shortAbroad, failedSites: new Set(stopped.keys()) },
    daysBetween(from, asOf),
    config,
  );
}

export const WATCHLIST_LEVELS = ['pack', 'substance'] as const;
export type WatchlistLevel = (typeof WATCHLIST_LEVELS)[number];

export interface WatchlistQuery {
  readonly asOf: string;
  readonly minimumScore: number;
  /** Only entries with this reason. */
  readonly factor?: WatchFactor | undefined;
  /** Only substances whose ATC code starts with this. */
  readonly atc?: string | undefined;
}

export interface PackWatchItem {
  /** Place in the day's whole list (every pack, before any filter). */
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
  /** Null: no finite cover (no demand in the window). */
  readonly coverWeeks: number | null;
  /** National stock is 0 with demand: the shortage has begun. */
  readonly shortNow: boolean;
  readonly expectedShortageStart: string | null;
  readonly confidence: number;
  readonly reasons: readonly WatchReason[];
}

export interface SubstanceWatchItem {
  readonly rank: number;
  readonly atc: string;
  readonly substanceName: string | null;
  readonly score: number;
  readonly packs: number;
  readonly packsOnList: number;
  readonly expectedShortageStart: string | null;
  readonly topReasons: readonly WatchReason[];
}

function matches(entry: WatchlistEntry, query: WatchlistQuery): boolean {
  if (entry.score < query.minimumScore) return false;
  if (query.atc !== undefined && !(entry.atc ?? '').startsWith(query.atc)) return false;
  return query.factor === undefined || entry.reasons.some((r) => r.factor === query.factor);
}

/** The pack list of a day, filtered, every item with its rank in the whole list. */
export async function packWatchlist(
  pool: pg.Pool,
  query: WatchlistQuery,
): Promise<PackWatchItem[]> {
  const catalogue = await loadWatchCatalogue(pool);
  const entries = await computeWatchlistOn(pool, catalogue, query.asOf);
  const items: PackWatchItem[] = [];
  entries.forEach((entry, index) => {
    if (!matches(entry, query)) return;
    const pack = catalogue.packs.get(entry.packId);
    if (pack === undefined) return;
    items.push({
      rank: index + 1,
      packId: entry.packId,
      productId: pack.productId,
      productName: pack.productName,
      packDescription: pack.packDescription,
      mahId: pack.mahId,
      mahName: pack.mahName,
      atc: entry.atc,
      substanceName: substanceName(catalogue.snapshot, entry.atc),
      score: entry.score,
      coverWeeks: Number.isFinite(entry.coverWeeks) ? entry.coverWeeks : null,
      shortNow: entry.shortNow,
      expectedShortageStart: entry.expectedShortageStart,
      confidence: entry.confidence,
      reasons: entry.reasons,
    });
  });
  return items;
}

/**
 * The substance list of a day: each ATC code's highest-scoring pack and how many of its packs
 * score `minimumScore` or more. With a factor, the substances of which a listed pack has it.
 */
export async function substanceWatchlist(
  pool: pg.Pool,
  query: WatchlistQuery,
): Promise<SubstanceWatchItem[]> {
  const catalogue = await loadWatchCatalogue(pool);
  const entries = await computeWatchlistOn(pool, catalogue, query.asOf);
  const withFactor = new Set(
    entries.flatMap((entry) => (entry.atc !== null && matches(entry, query) ? [entry.atc] : [])),
  );
  return rollUpBySubstance(entries, query.minimumScore).flatMap((substance, index) =>
    substance.score >= query.minimumScore && withFactor.has(substance.atc)
      ? [
          {
            rank: index + 1,
            atc: substance.atc,
            substanceName: substanceName(catalogue.snapshot, substance.atc),
            score: substance.score,
            packs: substance.packs,
            packsOnList: substance.packsOnList,
            expectedShortageStart: substance.expectedShortageStart,
            topReasons: substance.topReasons,
          },
        ]
      : [],
  );
}
