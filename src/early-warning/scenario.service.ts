/**
 * The site-failure scenario over the database (the InnoGenerics case): a registered site stops on
 * a day; the packs that come only from it run down their national stock as known that day, then
 * the other packs of the substance take over what their spare capacity allows. Also the sites a
 * user can pick: those that make at least one product of the catalogue.
 */
import type pg from 'pg';
import { UserFacingError } from '../kernel/errors.ts';
import { addDays, daysBetween, loadNationalMarketSeries } from '../stock/index.ts';
import { simulateSiteFailure } from './domain/site-failure.ts';
import { loadSites, loadStoppedSites, type SiteRow } from './store/early-warning.store.ts';
import { earlyWarningConfig, loadWatchCatalogue, substanceName } from './watchlist.service.ts';

export interface SiteFailureQuery {
  readonly siteId: number;
  readonly failureDate: string;
  readonly horizonDays: number;
  readonly spareCapacity: number;
  readonly pipelineDays: number;
}

export const SITE_FAILURE_DEFAULTS = { horizonDays: 182, spareCapacity: 0.2, pipelineDays: 14 };

export interface SiteFailurePack {
  readonly packId: number;
  readonly productId: number;
  readonly productName: string;
  readonly packDescription: string;
  readonly atc: string | null;
  readonly substanceName: string | null;
  readonly mahName: string;
  readonly stockAtFailure: number;
  readonly dailyDemand: number;
  /** Stock or demand of the pack was reported before the failure (else nothing is known). */
  readonly reported: boolean;
  readonly stockOutDate: string | null;
  readonly daysUntilStockOut: number | null;
  readonly unitsNotServed: number;
  readonly unitsTakenOverByAlternatives: number;
  readonly stockPath: readonly number[];
}

export interface SiteFailureScenario {
  readonly site: SiteRow;
  readonly failureDate: string;
  readonly horizonDays: number;
  readonly spareCapacity: number;
  readonly pipelineDays: number;
  readonly affectedPacks: number;
  readonly packsRunningOut: number;
  readonly unitsNotServed: number;
  readonly firstStockOutDate: string | null;
  readonly packs: readonly SiteFailurePack[];
  readonly partiallyAffectedPacks: number;
  /** Affected packs with neither stock nor demand reported: their outcome is unknown. */
  readonly packsWithoutReports: number;
}

async function findSite(pool: pg.Pool, siteId: number): Promise<SiteRow> {
  const site = (await loadSites(pool, [siteId])).get(siteId);
  if (site === undefined) {
    throw new UserFacingError('MS_SITE_NOT_FOUND', `no manufacturing site with id ${siteId}`);
  }
  return site;
}

export async function siteFailureScenario(
  pool: pg.Pool,
  query: SiteFailureQuery,
): Promise<SiteFailureScenario> {
  const site = await findSite(pool, query.siteId);
  const config = earlyWarningConfig();
  const catalogue = await loadWatchCatalogue(pool);
  const from = addDays(query.failureDate, -config.demandWindowDays);
  const series = await loadNationalMarketSeries(pool, {
    from,
    to: addDays(query.failureDate, query.horizonDays),
    asOf: query.failureDate,
  });
  const result = simulateSiteFailure(series, catalogue.contexts, {
    siteId: query.siteId,
    failureDay: daysBetween(from, query.failureDate),
    horizonDays: query.horizonDays,
    spareCapacity: query.spareCapacity,
    pipelineDays: query.pipelineDays,
    demandWindowDays: config.demandWindowDays,
  });
  const packs = result.packs.flatMap((outcome) => {
    const pack = catalogue.packs.get(outcome.packId);
    if (pack === undefined) return [];
    return [
      {
        packId: outcome.packId,
        productId: pack.productId,
        productName: pack.productName,
        packDescription: pack.packDescription,
        atc: outcome.atc,
        substanceName: substanceName(catalogue.snapshot, outcome.atc),
        mahName: pack.mahName,
        stockAtFailure: outcome.stockAtFailure,
        dailyDemand: outcome.dailyDemand,
        reported: outcome.reported,
        stockOutDate: outcome.stockOutDate,
        daysUntilStockOut: outcome.daysUntilStockOut,
        unitsNotServed: outcome.unitsNotServed,
        unitsTakenOverByAlternatives: outcome.unitsTakenOverByAlternatives,
        stockPath: outcome.stockPath,
      },
    ];
  });
  const stockOuts = packs.flatMap((p) => (p.stockOutDate === null ? [] : [p.stockOutDate])).sort();
  return {
    site,
    failureDate: query.failureDate,
    horizonDays: query.horizonDays,
    spareCapacity: query.spareCapacity,
    pipelineDays: query.pipelineDays,
    affectedPacks: result.affectedPacks,
    packsRunningOut: result.packsRunningOut,
    unitsNotServed: result.unitsNotServed,
    firstStockOutDate: stockOuts[0] ?? null,
    packs,
    partiallyAffectedPacks: result.partiallyAffectedPacks,
    packsWithoutReports: packs.filter((p) => !p.reported).length,
  };
}

export interface ScenarioSite {
  readonly siteId: number;
  readonly name: string;
  readonly countryCode: string;
  readonly city: string | null;
  /** Products of the catalogue made (in part) there. */
  readonly products: number;
  readonly packs: number;
  /** Packs whose active substance or finished product comes only from there. */
  readonly soleSourcePacks: number;
  /** The start of a stoppage in force on the day, or null. */
  readonly stoppedSince: string | null;
}

/** The sites that make at least one product of the catalogue, most sole-source packs first. */
export async function scenarioSites(pool: pg.Pool, asOf: string): Promise<ScenarioSite[]> {
  const catalogue = await loadWatchCatalogue(pool);
  const tally = new Map<number, { products: Set<number>; packs: number; soleSource: number }>();
  for (const context of catalogue.contexts) {
    const productId = catalogue.packs.get(context.packId)?.productId;
    if (productId === undefined) continue;
    const finished = context.finishedProductSiteIds ?? [];
    const sole = new Set<number>();
    if (context.siteIds.length === 1) sole.add(context.siteIds[0] ?? 0);
    if (finished.length === 1) sole.add(finished[0] ?? 0);
    for (const siteId of new Set([...context.siteIds, ...finished])) {
      const entry = tally.get(siteId) ?? { products: new Set(), packs: 0, soleSource: 0 };
      entry.products.add(productId);
      entry.packs += 1;
      if (sole.has(siteId)) entry.soleSource += 1;
      tally.set(siteId, entry);
    }
  }
  const [sites, stopped] = await Promise.all([
    loadSites(pool, [...tally.keys()]),
    loadStoppedSites(pool, asOf),
  ]);
  return [...tally]
    .flatMap(([siteId, entry]) => {
      const site = sites.get(siteId);
      if (site === undefined) return [];
      return [
        {
          siteId,
          name: site.name,
          countryCode: site.countryCode,
          city: site.city,
          products: entry.products.size,
          packs: entry.packs,
          soleSourcePacks: entry.soleSource,
          stoppedSince: stopped.get(siteId) ?? null,
        },
      ];
    })
    .sort(
      (a, b) => b.soleSourcePacks - a.soleSourcePacks || b.packs - a.packs || a.siteId - b.siteId,
    );
}
