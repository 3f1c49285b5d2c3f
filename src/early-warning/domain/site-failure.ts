/**
 * The site-failure scenario in time (the InnoGenerics case): a manufacturing site stops on a
 * day. Every pack whose active substance comes only from that site stops being resupplied; its
 * national stock runs down at the usual demand; when it is gone, the other companies' packs of the
 * same substance take over what their spare capacity allows, and the rest is demand not served.
 * Packs with other sources for their substance are taken as resupplied by those sites. A pack
 * whose finished product is made only there (when that is known) stops as well.
 */
import { averageDemand, dateOfDay, nationalStock, type MarketSeriesLike } from './market.ts';
import type { PackContext } from './watchlist.ts';

export interface SiteFailureOptions {
  readonly siteId: number;
  readonly failureDay: number;
  readonly horizonDays: number;
  /** Extra supply the unaffected packs of a substance can deliver, as a share of their demand. */
  readonly spareCapacity: number;
  /** Deliveries already on their way still arrive during these first days. */
  readonly pipelineDays: number;
  readonly demandWindowDays: number;
}

export interface PackOutcome {
  readonly packId: number;
  readonly atc: string | null;
  readonly stockAtFailure: number;
  readonly dailyDemand: number;
  /**
   * Some holder reported the pack's stock, or it had demand, before the failure. Without either
   * the pack "lasts" only because nothing is known about it: a reader must see that.
   */
  readonly reported: boolean;
  /** The first day without stock, or null when it lasts the horizon. */
  readonly stockOutDate: string | null;
  readonly daysUntilStockOut: number | null;
  /** Units demanded but not delivered over the horizon, after alternatives took their share. */
  readonly unitsNotServed: number;
  readonly unitsTakenOverByAlternatives: number;
  /** National stock per day over the horizon (for the chart). */
  readonly stockPath: readonly number[];
}

export interface SiteFailureResult {
  readonly siteId: number;
  readonly failureDate: string;
  readonly horizonDays: number;
  readonly affectedPacks: number;
  /** Packs that also come from other sites: not run down here. */
  readonly partiallyAffectedPacks: number;
  readonly packsRunningOut: number;
  readonly unitsNotServed: number;
  readonly packs: readonly PackOutcome[];
}

export function simulateSiteFailure(
  series: MarketSeriesLike,
  packs: readonly PackContext[],
  options: SiteFailureOptions,
): SiteFailureResult {
  const position = new Map<number, number>();
  series.packIds.forEach((id, index) => position.set(id, index));
  const onlyFrom = (sites: readonly number[] | undefined) =>
    sites !== undefined && sites.length > 0 && sites.every((site) => site === options.siteId);
  const affected = packs.filter(
    (pack) => onlyFrom(pack.siteIds) || onlyFrom(pack.finishedProductSiteIds),
  );
  // Packs with this site among other sources: taken as resupplied by the others, but counted.
  const partiallyAffectedPacks = packs.filter(
    (pack) =>
      !onlyFrom(pack.siteIds) &&
      !onlyFrom(pack.finishedProductSiteIds) &&
      (pack.siteIds.includes(options.siteId) ||
        (pack.finishedProductSiteIds ?? []).includes(options.siteId)),
  ).length;
  const affectedIds = new Set(affected.map((pack) => pack.packId));
  // Spare capacity per substance: the unaffected packs' demand times the spare share.
  const spareByAtc = new Map<string, number>();
  for (const pack of packs) {
    const index = position.get(pack.packId);
    if (pack.atc === null || affectedIds.has(pack.packId) || index === undefined) continue;
    const demand = averageDemand(series, index, options.failureDay, options.demandWindowDays);
    spareByAtc.set(pack.atc, (spareByAtc.get(pack.atc) ?? 0) + demand * options.spareCapacity);
  }
  // Affected packs of one substance share its spare capacity; each day in order of pack id.
  const outcomes: PackOutcome[] = [];
  const spareLeft = new Map(spareByAtc);
  const state = affected
    .map((pack) => {
      const index = position.get(pack.packId);
      if (index === undefined) return undefined;
      const knownStock = nationalStock(series, index, options.failureDay);
      const demand = averageDemand(series, index, options.failureDay, options.demandWindowDays);
      return {
        pack,
        index,
        // Unknown stock counts as none, as in a pack's projected stock-out: no cover is claimed
        // that nobody reported.
        stock: knownStock || 0,
        demand,
        reported: !Number.isNaN(knownStock) || demand > 0,
      };
    })
    .filter((item) => item !== undefined)
    .sort((a, b) => a.pack.packId - b.pack.packId);
  const running = state.map((item) => ({
    ...item,
    remaining: item.stock,
    out: null as number | null,
    notServed: 0,
    takenOver: 0,
    path: [] as number[],
  }));
  for (let ahead = 1; ahead <= options.horizonDays; ahead++) {
    const day = options.failureDay + ahead;
    for (const atc of spareByAtc.keys()) spareLeft.set(atc, spareByAtc.get(atc) ?? 0);
    for (const item of running) {
      if (ahead <= options.pipelineDays && day < series.days) {
        item.remaining += series.incoming[item.index * series.days + day] ?? 0;
      }
      const served = Math.min(item.remaining, item.demand);
      item.remaining -= served;
      let gap = item.demand - served;
      if (gap > 0) {
        if (item.out === null) item.out = day;
        const atc = item.pack.atc;
        const spare = atc === null ? 0 : (spareLeft.get(atc) ?? 0);
        const taken = Math.min(spare, gap);
        if (atc !== null) spareLeft.set(atc, spare - taken);
        item.takenOver += taken;
        gap -= taken;
        item.notServed += gap;
      }
      item.path.push(Math.round(item.remaining));
    }
  }
  for (const item of running) {
    outcomes.push({
      packId: item.pack.packId,
      atc: item.pack.atc,
      stockAtFailure: Math.round(item.stock),
      dailyDemand: Math.round(item.demand * 10) / 10,
      reported: item.reported,
      stockOutDate: item.out === null ? null : dateOfDay(series.startDate, item.out),
      daysUntilStockOut: item.out === null ? null : item.out - options.failureDay,
      unitsNotServed: Math.round(item.notServed),
      unitsTakenOverByAlternatives: Math.round(item.takenOver),
      stockPath: item.path,
    });
  }
  // Soonest stock-out first; packs nobody reported on last.
  outcomes.sort(
    (a, b) =>
      Number(b.reported) - Number(a.reported) ||
      (a.daysUntilStockOut ?? Infinity) - (b.daysUntilStockOut ?? Infinity) ||
      a.packId - b.packId,
  );
  return {
    siteId: options.siteId,
    failureDate: dateOfDay(series.startDate, options.failureDay),
    horizonDays: options.horizonDays,
    affectedPacks: outcomes.length,
    partiallyAffectedPacks,
    packsRunningOut: outcomes.filter((o) => o.stockOutDate !== null).length,
    unitsNotServed: outcomes.reduce((sum, o) => sum + o.unitsNotServed, 0),
    packs: outcomes,
  };
}
