/**
 * Simulator use cases: read the reference data a market is built from, load a simulated market
 * into the database (organisations, products and packs with their active-substance sites; weekly
 * stock reports per holder and pack, the MAHs' expected deliveries and daily demand through
 * src/stock's bulk loaders; the ground truth into simulated_event and simulated_shortage, its
 * site failures also as site stoppages), and read that ground truth back for the backtests.
 *
 * A database holds one simulated market: loading one whose parameters equal the stored one's
 * changes nothing; loading another replaces the previous one's time series and truth (its
 * organisations, products and packs are updated in place; packs it no longer has are marked as
 * not marketed).
 */
import { createHash } from 'node:crypto';
import type pg from 'pg';
import type { Actor } from '../kernel/actor.ts';
import { UserFacingError } from '../kernel/errors.ts';
import { appendAudit } from '../platform/audit.ts';
import { inTransaction } from '../platform/database.ts';
import { loadRegistrySnapshot, organisationNameKey } from '../registry/index.ts';
import {
  bulkLoadDemand,
  bulkLoadIncoming,
  bulkLoadStock,
  loadObligationConfig,
  type DemandLoadRow,
  type IncomingLoadRow,
  type StockLoadRow,
} from '../stock/index.ts';
import { addDays, daysBetween } from './domain/calendar.ts';
import { marketReferenceFromRegistry } from './domain/reference.ts';
import { stockReportDays } from './domain/reports.ts';
import { summariseMarket, type MarketSummary } from './domain/summary.ts';
import { cumulativeWholesalerShares, splitOffset, wholesalerPart } from './domain/wholesale.ts';
import type {
  MarketReference,
  SimulatedEvent,
  SimulatedMarket,
  StockObligation,
} from './domain/types.ts';
import {
  deleteSimulatedTimeSeries,
  findSimulationRun,
  lockSimulationLoad,
  readTruthEvents,
  readTruthShortages,
  replaceProductSites,
  replaceSimulatedStoppages,
  replaceTruth,
  SIMULATOR_SOURCE,
  upsertOrganisations,
  upsertPacks,
  upsertProducts,
  type TruthEventRow,
  type TruthShortageRow,
} from './store/simulator.store.ts';

/** The real reference data (substances, critical list, sites) from the registry in the database. */
export async function loadMarketReference(pool: pg.Pool): Promise<MarketReference> {
  return marketReferenceFromRegistry(await loadRegistrySnapshot(pool));
}

/**
 * The stock obligation as configured for src/stock (config/stock-obligation.json), so a simulated
 * market's holders aim at the norms its compliance report checks.
 */
export function configuredObligation(): StockObligation {
  const { norms } = loadObligationConfig();
  return {
    mahWeeks: norms.mah.weeks,
    mahCriticalExtraWeeks: norms.mah.criticalListExtraWeeks,
    wholesalerWeeks: norms.wholesaler.weeks,
    wholesalerCriticalExtraWeeks: norms.wholesaler.criticalListExtraWeeks,
  };
}

/** SHA-256 of the parameters: the simulator is deterministic, so this identifies the market. */
export function marketFingerprint(market: SimulatedMarket): string {
  return createHash('sha256').update(JSON.stringify(market.parameters)).digest('hex');
}

export interface SimulatedLoadResult {
  /** `unchanged`: this very market was loaded already and nothing was written. */
  readonly status: 'loaded' | 'replaced' | 'unchanged';
  readonly fingerprint: string;
  readonly organisations: number;
  readonly products: number;
  readonly packs: number;
  readonly stockRows: number;
  readonly incomingRows: number;
  readonly demandRows: number;
  readonly events: number;
  readonly shortages: number;
}

export async function loadSimulatedMarket(
  pool: pg.Pool,
  market: SimulatedMarket,
  options: { actor: Actor; log?: (line: string) => void },
): Promise<SimulatedLoadResult> {
  if (options.actor.role !== 'admin') {
    throw new UserFacingError('MS_AUTH_FORBIDDEN', 'only an admin loads a simulated market');
  }
  const log = options.log ?? (() => undefined);
  const fingerprint = marketFingerprint(market);
  const { catalogue, series, parameters } = market;
  return inTransaction(pool, async (client) => {
    await lockSimulationLoad(client);
    const previous = await findSimulationRun(client);
    const base = {
      fingerprint,
      organisations: catalogue.companies.length + catalogue.wholesalers.length,
      products: catalogue.products.length,
      packs: catalogue.packs.length,
      events: market.events.length,
      shortages: market.shortages.length,
    };
    if (previous?.fingerprint === fingerprint) {
      return { ...base, status: 'unchanged', stockRows: 0, incomingRows: 0, demandRows: 0 };
    }

    const organisationIds = await upsertOrganisations(client, [
      ...catalogue.companies.map((c) => ({
        externalCode: c.externalCode,
        name: c.name,
        nameKey: organisationNameKey(c.name),
        kind: 'mah' as const,
      })),
      ...catalogue.wholesalers.map((w) => ({
        externalCode: w.externalCode,
        name: w.name,
        nameKey: organisationNameKey(w.name),
        kind: 'wholesaler' as const,
      })),
    ]);
    const organisationId = (externalCode: string): number => {
      const id = organisationIds.get(externalCode);
      if (id === undefined) throw new Error(`organisation ${externalCode} was not written`);
      return id;
    };
    const companyIds = new Map(
      catalogue.companies.map((c) => [c.id, organisationId(c.externalCode)]),
    );
    const substanceName = new Map(catalogue.substances.map((s) => [s.atc, s.name]));
    const productIds = await upsertProducts(
      client,
      catalogue.products.map((p) => ({
        registrationNumber: p.registrationNumber,
        name: p.name,
        mahOrganisationId: companyIds.get(p.mahId) ?? 0,
        atc: p.atc,
        substance: substanceName.get(p.atc) ?? p.atc,
        doseForm: p.doseForm,
        route: p.route,
        strength: p.strength,
        strengthKey: p.strengthKey,
        hospitalOnly: p.hospitalOnly,
      })),
      series.startDate,
    );
    const registrationById = new Map(catalogue.products.map((p) => [p.id, p.registrationNumber]));
    const packIdsByGtin = await upsertPacks(
      client,
      catalogue.packs.map((k) => ({
        gtin: k.gtin,
        nationalCode: k.nationalCode,
        productId: productIds.get(registrationById.get(k.productId) ?? '') ?? 0,
        description: k.description,
        packSize: k.packSize,
        packUnit: k.packUnit,
      })),
    );
    // Simulator ids -> database ids, by series index.
    const packDbId = Int32Array.from(catalogue.packs, (k) => packIdsByGtin.get(k.gtin) ?? 0);
    const mahDbId = Int32Array.from(catalogue.packs, (k) => companyIds.get(k.mahId) ?? 0);
    const holderDbId = Int32Array.from(series.holderIds, (id, index) =>
      index === 0
        ? 0
        : organisationId(
            catalogue.wholesalers.find((w) => w.id === id)?.externalCode ?? `missing ${id}`,
          ),
    );
    log(`simulated market: ${catalogue.packs.length} packs, ${organisationIds.size} organisations`);

    const removed = await deleteSimulatedTimeSeries(client);
    if (removed > 0) log(`removed ${removed} rows of the previous simulated market`);
    const stock = await bulkLoadStock(client, stockRows(market, packDbId, mahDbId, holderDbId), {
      source: SIMULATOR_SOURCE,
    });
    log(`stock reports: ${stock.rows}`);
    const incoming = await bulkLoadIncoming(client, incomingRows(market, packDbId, mahDbId));
    log(`expected deliveries: ${incoming.rows}`);
    const demand = await bulkLoadDemand(client, demandRows(market, packDbId, holderDbId), {
      source: SIMULATOR_SOURCE,
    });
    log(`demand reports: ${demand.rows}`);

    const productDbId = (id: number) => productIds.get(registrationById.get(id) ?? '') ?? null;
    const packDb = (packId: number) => packDbId[packId - 1] ?? 0;
    const summary = summariseMarket(market);
    await replaceTruth(
      client,
      {
        fingerprint,
        seed: parameters.seed,
        startDate: series.startDate,
        days: series.days,
        parameters,
        summary,
      },
      market.events.map((event) => truthEventRow(event, packDb, productDbId)),
      market.shortages.map((s) => ({
        id: s.id,
        packId: packDb(s.packId),
        startDate: s.startDate,
        endDate: s.endDate,
        ongoing: s.ongoing,
        unmetUnits: Math.round(s.unmetUnits),
        causeEventId: s.causeEventId,
      })),
    );
    // What the authority knows of the simulated world: each product's active-substance sites
    // (from its dossier) and the sites that stopped, for the watchlist and the scenarios.
    await replaceProductSites(
      client,
      catalogue.products.flatMap((p) => {
        const id = productDbId(p.id);
        return id === null ? [] : [{ productId: id, siteIds: p.apiSiteIds }];
      }),
    );
    await replaceSimulatedStoppages(
      client,
      market.events.flatMap((event) =>
        event.kind === 'site_failure'
          ? [
              {
                siteId: event.siteId,
                startDate: event.startDate,
                endDate: event.endDate,
                reason: `simulated site failure (event ${event.id})`,
              },
            ]
          : [],
      ),
      options.actor.name,
    );
    await appendAudit(client, {
      actor: options.actor,
      action: previous === undefined ? 'load' : 'replace',
      entity: 'simulated_market',
      entityId: fingerprint,
      before:
        previous === undefined
          ? undefined
          : { fingerprint: previous.fingerprint, seed: previous.seed },
      after: { parameters, summary },
    });
    return {
      ...base,
      status: previous === undefined ? 'loaded' : 'replaced',
      stockRows: stock.rows,
      incomingRows: incoming.rows,
      demandRows: demand.rows,
    };
  });
}

/**
 * Writes the active-substance sites of the loaded simulated market's products that have none: a
 * database loaded before product_site existed (migration 0008). `market` must be the market
 * that was loaded (equal fingerprint), else nothing is written. Returns the products written.
 */
export async function restoreSimulatedProductSites(
  pool: pg.Pool,
  market: SimulatedMarket,
  options: { actor: Actor },
): Promise<number> {
  const fingerprint = marketFingerprint(market);
  return inTransaction(pool, async (client) => {
    await lockSimulationLoad(client);
    if ((await findSimulationRun(client))?.fingerprint !== fingerprint) return 0;
    const missing = await client.query<{ id: number; registration_number: string }>(
      `select p.id, p.registration_number from medicinal_product p
        where p.registration_number = any($1)
          and not exists (select 1 from product_site s where s.product_id = p.id)`,
      [market.catalogue.products.map((p) => p.registrationNumber)],
    );
    const ids = new Map(missing.rows.map((row) => [row.registration_number, row.id]));
    const links = market.catalogue.products.flatMap((p) => {
      const id = ids.get(p.registrationNumber);
      return id === undefined ? [] : [{ productId: id, siteIds: p.apiSiteIds }];
    });
    if (links.length === 0) return 0;
    await replaceProductSites(client, links);
    await appendAudit(client, {
      actor: options.actor,
      action: 'restore_product_sites',
      entity: 'simulated_market',
      entityId: fingerprint,
      after: { products: links.length },
    });
    return links.length;
  });
}

function truthEventRow(
  event: SimulatedEvent,
  packDb: (packId: number) => number,
  productDbId: (id: number) => number | null,
): TruthEventRow {
  const common = {
    id: event.id,
    kind: event.kind,
    startDate: event.startDate,
    endDate: event.endDate,
    packIds: event.packIds.map(packDb),
  };
  switch (event.kind) {
    case 'production_problem':
      return {
        ...common,
        atc: event.atc,
        siteId: null,
        productId: productDbId(event.productId),
        sourcePackId: null,
        causeEventId: null,
        details: { outputLost: event.outputLost },
      };
    case 'site_failure':
      return {
        ...common,
        atc: null,
        siteId: event.siteId,
        productId: null,
        sourcePackId: null,
        causeEventId: null,
        details: {
          country: event.country,
          atcCodes: event.atcCodes,
          soleSourcePackIds: event.soleSourcePackIds.map(packDb),
        },
      };
    case 'demand_shock':
      return {
        ...common,
        atc: event.atc,
        siteId: null,
        productId: null,
        sourcePackId: null,
        causeEventId: null,
        details: { multiplier: event.multiplier },
      };
    case 'competitor_cascade':
      return {
        ...common,
        atc: event.atc,
        siteId: null,
        productId: null,
        sourcePackId: packDb(event.sourcePackId),
        causeEventId: event.causeEventId,
        details: { unitsMoved: event.unitsMoved },
      };
    default: {
      const unexpected: never = event;
      throw new Error(`unknown event ${JSON.stringify(unexpected)}`);
    }
  }
}

/** Weekly stock reports: every holder's on-hand stock of every pack on each report day. */
function* stockRows(
  market: SimulatedMarket,
  packDbId: Int32Array,
  mahDbId: Int32Array,
  holderDbId: Int32Array,
): Generator<StockLoadRow> {
  const { series } = market;
  const packs = series.packIds.length;
  const holders = series.holderIds.length;
  for (const day of stockReportDays(series.days)) {
    const reportDate = addDays(series.startDate, day);
    for (let holder = 0; holder < holders; holder++) {
      for (let pack = 0; pack < packs; pack++) {
        yield {
          holderId: holder === 0 ? (mahDbId[pack] ?? 0) : (holderDbId[holder] ?? 0),
          packId: packDbId[pack] ?? 0,
          reportDate,
          onHand: series.stock[(holder * packs + pack) * series.days + day] ?? 0,
        };
      }
    }
  }
}

/**
 * The MAH's expected deliveries with each weekly report: its production orders placed by then
 * and planned to arrive later, at their planned dates (a disrupted order is reported as planned
 * until its date has passed, as companies do).
 */
function* incomingRows(
  market: SimulatedMarket,
  packDbId: Int32Array,
  mahDbId: Int32Array,
): Generator<IncomingLoadRow> {
  const { series, productionOrders: orders } = market;
  const byPack = new Map<number, number[]>();
  for (let k = 0; k < orders.packIndex.length; k++) {
    const pack = orders.packIndex[k] ?? 0;
    const list = byPack.get(pack) ?? [];
    list.push(k);
    byPack.set(pack, list);
  }
  const reportDays = stockReportDays(series.days);
  for (const [pack, list] of [...byPack.entries()].sort((a, b) => a[0] - b[0])) {
    for (const day of reportDays) {
      const expected = new Map<number, number>();
      for (const k of list) {
        const planned = orders.plannedDay[k] ?? 0;
        if ((orders.orderDay[k] ?? 0) <= day && planned > day) {
          expected.set(planned, (expected.get(planned) ?? 0) + (orders.quantity[k] ?? 0));
        }
      }
      const reportDate = addDays(series.startDate, day);
      for (const [planned, quantity] of [...expected.entries()].sort((a, b) => a[0] - b[0])) {
        yield {
          holderId: mahDbId[pack] ?? 0,
          packId: packDbId[pack] ?? 0,
          reportDate,
          expectedDate: addDays(series.startDate, planned),
          quantity: Math.round(quantity),
        };
      }
    }
  }
}

/**
 * Daily demand per pack and wholesaler: the units its customers (pharmacies and hospitals) asked
 * of it that day, its share of the national demand, including what a shortage left undelivered.
 * Over the wholesalers they add up to the series' national demand; days without any are left
 * out (no row: 0). src/stock takes a wholesaler's own figures as its reference demand and the
 * national sum as the MAH's.
 */
function* demandRows(
  market: SimulatedMarket,
  packDbId: Int32Array,
  holderDbId: Int32Array,
): Generator<DemandLoadRow> {
  const { series, catalogue } = market;
  const holders = series.holderIds.length;
  const cumulative = cumulativeWholesalerShares(catalogue, holders);
  const dates = Array.from({ length: series.days }, (_, day) => addDays(series.startDate, day));
  for (let pack = 0; pack < series.packIds.length; pack++) {
    for (let day = 0; day < series.days; day++) {
      const asked = series.demand[pack * series.days + day] ?? 0;
      if (asked <= 0) continue;
      const offset = splitOffset(market.parameters.seed, series.packIds[pack] ?? 0, day);
      for (let holder = 1; holder < holders; holder++) {
        const quantity = wholesalerPart(asked, cumulative, holder, offset);
        if (quantity <= 0) continue;
        yield {
          packId: packDbId[pack] ?? 0,
          reporterId: holderDbId[holder] ?? 0,
          periodStart: dates[day] ?? series.startDate,
          periodDays: 1,
          quantity,
        };
      }
    }
  }
}

/** The ground truth as the backtests read it: database ids, dates and day indexes. */
export interface SimulationTruth {
  readonly run: {
    readonly fingerprint: string;
    readonly seed: number;
    readonly startDate: string;
    readonly days: number;
    readonly loadedAt: string;
    readonly parameters: unknown;
    readonly summary: MarketSummary;
  };
  readonly events: readonly (TruthEventRow & {
    readonly startDay: number;
    readonly endDay: number;
  })[];
  readonly shortages: readonly (TruthShortageRow & {
    readonly startDay: number;
    readonly endDay: number;
  })[];
}

/**
 * The loaded simulated market's events and shortages (null when none is loaded), with pack ids
 * as in the database and day indexes counted from the run's start date: the same days a series
 * loaded with `loadMarketSeries(pool, { from: run.startDate, … })` uses.
 */
export async function simulationTruth(pool: pg.Pool): Promise<SimulationTruth | null> {
  const run = await findSimulationRun(pool);
  if (run === undefined) return null;
  const [events, shortages] = await Promise.all([readTruthEvents(pool), readTruthShortages(pool)]);
  const withDays = <T extends { startDate: string; endDate: string }>(row: T) => ({
    ...row,
    startDay: daysBetween(run.start_date, row.startDate),
    endDay: daysBetween(run.start_date, row.endDate),
  });
  return {
    run: {
      fingerprint: run.fingerprint,
      seed: run.seed,
      startDate: run.start_date,
      days: run.days,
      loadedAt: run.loaded_at.toISOString(),
      parameters: run.parameters,
      summary: run.summary as MarketSummary,
    },
    events: events.map(withDays),
    shortages: shortages.map(withDays),
  };
}
