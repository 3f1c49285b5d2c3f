/**
 * Cover and forecast use cases: national cover per pack, product or substance on a day; one
 * pack's stock, demand, forecast, expected deliveries and projected stock-out. Authorities see
 * national figures; a company sees its own stock against its reference demand (domain/obligation.ts:
 * the national demand of its own packs, else what it delivered itself), never others' volumes.
 */
import type pg from 'pg';
import { isAuthorityRole, type Actor } from '../../kernel/actor.ts';
import { UserFacingError } from '../../kernel/errors.ts';
import { displayName, loadRegistrySnapshot } from '../../registry/index.ts';
import { addDays, daysBetween } from '../domain/dates.ts';
import {
  forecastDemand,
  HELD_OUT_DAYS,
  YEAR_CYCLE_DAYS,
  type DemandForecast,
} from '../domain/forecast.ts';
import {
  averageOverWindow,
  coverByGroup,
  coverByPack,
  coverWeeks,
  DEFAULT_DEMAND_WINDOW_DAYS,
  DEFAULT_STOCK_MAX_AGE_DAYS,
  nationalStockSeries,
  type MarketSeries,
} from '../domain/series.ts';
import { projectStockOut } from '../domain/stock-out.ts';
import {
  findHolders,
  hasReportedPack,
  loadDemand,
  loadIncoming,
  loadMarketSeries,
  loadNationalMarketSeries,
  loadPackCatalogue,
  loadPackIds,
  loadStockCube,
  type PackCatalogueRow,
} from '../store/stock-read.store.ts';

export const COVER_LEVELS = ['pack', 'product', 'substance'] as const;
export type CoverLevel = (typeof COVER_LEVELS)[number];

/** JSON has no Infinity or NaN: a figure that is not a finite number is null. */
export function finiteOrNull(value: number): number | null {
  return Number.isFinite(value) ? value : null;
}

export interface CoverRow {
  readonly level: CoverLevel;
  /** Pack id, product id or ATC code. */
  readonly key: string;
  readonly name: string;
  readonly atc: string | null;
  /** Packs (pack level) or units (product, substance: packs x pack size) on hand nationally. */
  readonly stock: number | null;
  readonly averageDailyDemand: number;
  /** null: no stock reported, or no demand (see noDemand). */
  readonly coverWeeks: number | null;
  readonly noDemand: boolean;
  /** Lowest cover of one pack of the product or substance. */
  readonly minPackCoverWeeks: number | null;
  readonly packs: number;
  /** Packs with demand but no stock reported (left out of the sums). */
  readonly packsWithoutStock: number;
}

/** The window a cover on `asOf` needs: the demand window, which covers the stock's age too. */
function coverWindow(asOf: string): { from: string; to: string } {
  const back = Math.max(DEFAULT_DEMAND_WINDOW_DAYS - 1, DEFAULT_STOCK_MAX_AGE_DAYS);
  return { from: addDays(asOf, -back), to: asOf };
}

function byCover(a: CoverRow, b: CoverRow): number {
  const x = a.coverWeeks ?? (a.noDemand ? Number.POSITIVE_INFINITY : Number.NaN);
  const y = b.coverWeeks ?? (b.noDemand ? Number.POSITIVE_INFINITY : Number.NaN);
  if (Number.isNaN(x) !== Number.isNaN(y)) return Number.isNaN(x) ? 1 : -1;
  if (x !== y && !Number.isNaN(x)) return x < y ? -1 : 1;
  return a.key.localeCompare(b.key);
}

/**
 * National cover on `asOf` for every pack, product or substance with stock or demand reported,
 * lowest cover first (DESIGN.md glossary: stock on hand divided by expected demand, in weeks).
 */
export async function coverReport(
  pool: pg.Pool,
  options: { readonly asOf: string; readonly level: CoverLevel },
): Promise<CoverRow[]> {
  const window = coverWindow(options.asOf);
  // National stock only: memory packs x days, not holders x packs x days (several GB nationally).
  const series = await loadNationalMarketSeries(pool, { ...window, asOf: options.asOf });
  const catalogue = new Map((await loadPackCatalogue(pool)).map((row) => [row.id, row]));
  const day = series.days - 1;
  if (options.level === 'pack') {
    const cover = coverByPack(series, day);
    const rows: CoverRow[] = [];
    series.packIds.forEach((packId, pack) => {
      const stock = cover.stock[pack] ?? Number.NaN;
      const demand = cover.averageDailyDemand[pack] ?? 0;
      if (Number.isNaN(stock) && demand === 0) return;
      const info = catalogue.get(packId);
      const weeks = cover.coverWeeks[pack] ?? Number.NaN;
      rows.push({
        level: 'pack',
        key: String(packId),
        name: info === undefined ? `pack ${packId}` : `${info.product_name} (${info.description})`,
        atc: info?.atc_code ?? null,
        stock: finiteOrNull(stock),
        averageDailyDemand: demand,
        coverWeeks: finiteOrNull(weeks),
        noDemand: demand === 0 && !Number.isNaN(stock),
        minPackCoverWeeks: finiteOrNull(weeks),
        packs: 1,
        packsWithoutStock: Number.isNaN(stock) ? 1 : 0,
      });
    });
    return rows.sort(byCover);
  }
  const keys: string[] = [];
  const keyIndex = new Map<string, number>();
  const groupOfPack = new Int32Array(series.packIds.length).fill(-1);
  const unitsPerPack = new Float32Array(series.packIds.length).fill(1);
  const names = new Map<string, string>();
  const atcOf = new Map<string, string | null>();
  const snapshot = options.level === 'substance' ? await loadRegistrySnapshot(pool) : undefined;
  series.packIds.forEach((packId, pack) => {
    const info = catalogue.get(packId);
    if (info === undefined) return;
    unitsPerPack[pack] = info.pack_size;
    const key = options.level === 'product' ? String(info.product_id) : info.atc_code;
    if (key === null) return;
    let group = keyIndex.get(key);
    if (group === undefined) {
      group = keys.length;
      keys.push(key);
      keyIndex.set(key, group);
      names.set(
        key,
        options.level === 'product'
          ? info.product_name
          : (displayName(snapshot?.names.get(key)) ?? key),
      );
      atcOf.set(key, info.atc_code);
    }
    groupOfPack[pack] = group;
  });
  const cover = coverByGroup(series, series.days - 1, {
    groupOfPack,
    groups: keys.length,
    unitsPerPack,
  });
  const rows: CoverRow[] = [];
  keys.forEach((key, group) => {
    const stock = cover.stockUnits[group] ?? Number.NaN;
    const demand = cover.dailyDemandUnits[group] ?? 0;
    const withoutStock = cover.packsWithoutStock[group] ?? 0;
    if (Number.isNaN(stock) && withoutStock === 0) return;
    rows.push({
      level: options.level,
      key,
      name: names.get(key) ?? key,
      atc: atcOf.get(key) ?? null,
      stock: finiteOrNull(stock),
      averageDailyDemand: demand,
      coverWeeks: finiteOrNull(cover.coverWeeks[group] ?? Number.NaN),
      noDemand: demand === 0 && !Number.isNaN(stock),
      minPackCoverWeeks: finiteOrNull(cover.minPackCoverWeeks[group] ?? Number.NaN),
      packs: cover.packs[group] ?? 0,
      packsWithoutStock: withoutStock,
    });
  });
  return rows.sort(byCover);
}

// ------------------------------------------------------------------------------ one pack

export const DEFAULT_HORIZON_DAYS = 182;
export const DEFAULT_HISTORY_DAYS = 182;
/** History read for a forecast: two yearly cycles plus the held-out weeks. */
export const FORECAST_HISTORY_DAYS = 2 * YEAR_CYCLE_DAYS + HELD_OUT_DAYS;

export interface PackStockView {
  readonly packId: number;
  readonly gtin: string | null;
  readonly description: string;
  readonly product: {
    readonly id: number;
    readonly name: string;
    readonly registrationNumber: string;
    readonly atc: string | null;
  };
  readonly mahOrganisationId: number;
  /** national: every holder's stock and all demand; holder: the asking company's own. */
  readonly scope: 'national' | 'holder';
  readonly holderId: number | null;
  readonly asOf: string;
  readonly current: {
    readonly onHand: number | null;
    readonly averageDailyDemand: number;
    readonly coverWeeks: number | null;
    readonly noDemand: boolean;
  };
  /** Authorities only: each holder's latest stock (at most 7 days old). */
  readonly holders: readonly {
    readonly holderId: number;
    readonly holderName: string;
    readonly onHand: number;
    readonly reportDate: string;
  }[];
  readonly history: readonly { date: string; stock: number | null; demand: number }[];
  readonly forecast: {
    readonly method: DemandForecast['method'];
    readonly parameters: DemandForecast['parameters'];
    /** "MASE": mean absolute scaled error against the seasonal naive forecast (lag 7). */
    readonly errorMeasure: 'MASE';
    readonly heldOut: DemandForecast['heldOut'];
    readonly candidates: DemandForecast['candidates'];
    readonly daily: readonly { date: string; demand: number }[];
  };
  readonly incoming: readonly { date: string; quantity: number }[];
  readonly projection: {
    readonly horizonDays: number;
    readonly stockOutDate: string | null;
    readonly unmetUnits: number;
    readonly daily: readonly { date: string; stock: number }[];
  };
}

function notFound(packId: number): UserFacingError {
  return new UserFacingError('MS_STOCK_PACK_NOT_FOUND', `no pack with id ${packId}`);
}

/** The series one viewer may see for one pack: national, or the company's own. */
async function seriesFor(
  pool: pg.Pool,
  pack: PackCatalogueRow,
  holderId: number | null,
  window: { from: string; to: string; asOf: string },
): Promise<MarketSeries> {
  if (holderId === null) {
    return loadMarketSeries(pool, { ...window, packIds: [pack.id] });
  }
  const query = { ...window, packIds: [pack.id] };
  const packIds = await loadPackIds(pool, [pack.id]);
  const holderIds = Int32Array.of(holderId);
  const ownProduct = pack.mah_organisation_id === holderId;
  const [stock, demand, incoming] = await Promise.all([
    loadStockCube(pool, query, packIds, holderIds),
    loadDemand(pool, query, packIds, ownProduct ? undefined : holderIds),
    loadIncoming(pool, query, packIds, window.asOf, holderIds),
  ]);
  return {
    startDate: window.from,
    days: daysBetween(window.from, window.to) + 1,
    packIds,
    holderIds,
    stock,
    demand,
    incoming,
  };
}

/**
 * One pack's stock, demand history, forecast (method chosen by held-out MASE), cover and the
 * projected stock-out given expected deliveries. Authorities see it nationally; the pack's
 * marketing-authorisation holder, or a company that reported the pack, sees its own; anyone else
 * gets the not-found a missing pack gives.
 */
export async function packStockView(
  pool: pg.Pool,
  actor: Actor,
  packId: number,
  options: { readonly asOf: string; readonly horizonDays?: number; readonly historyDays?: number },
): Promise<PackStockView> {
  const [pack] = await loadPackCatalogue(pool, [packId]);
  if (pack === undefined) throw notFound(packId);
  let holderId: number | null = null;
  if (!isAuthorityRole(actor.role)) {
    const own = actor.organisationId;
    if (own === null) throw notFound(packId);
    if (pack.mah_organisation_id !== own && !(await hasReportedPack(pool, own, packId))) {
      throw notFound(packId);
    }
    holderId = own;
  }
  const horizon = options.horizonDays ?? DEFAULT_HORIZON_DAYS;
  const historyDays = options.historyDays ?? DEFAULT_HISTORY_DAYS;
  const asOf = options.asOf;
  const from = addDays(asOf, -(Math.max(FORECAST_HISTORY_DAYS, historyDays) - 1));
  const series = await seriesFor(pool, pack, holderId, {
    from,
    to: addDays(asOf, horizon),
    asOf,
  });
  const day = daysBetween(from, asOf);
  const stockSeries = nationalStockSeries(series);
  const onHand = stockSeries[day] ?? Number.NaN;
  const average = averageOverWindow(series.demand, 0, day, DEFAULT_DEMAND_WINDOW_DAYS);
  // Days before the first reported demand are not known to be zero: the forecast starts there.
  let first = 0;
  while (first <= day && (series.demand[first] ?? 0) === 0) first++;
  const history = series.demand.subarray(Math.min(first, day + 1), day + 1);
  const forecast = forecastDemand(history, horizon);
  const incoming = series.incoming.subarray(day + 1, day + 1 + horizon);
  const projection = projectStockOut({
    stock: Number.isNaN(onHand) ? 0 : onHand,
    demand: forecast.forecast,
    incoming,
  });
  const holders: PackStockView['holders'][number][] = [];
  if (holderId === null && series.holderIds.length > 0) {
    const names = new Map(
      (await findHolders(pool, Array.from(series.holderIds))).map((h) => [h.id, h.name]),
    );
    series.holderIds.forEach((id, holder) => {
      for (let d = day; d >= Math.max(0, day - DEFAULT_STOCK_MAX_AGE_DAYS); d--) {
        const value = series.stock[holder * series.days + d] ?? Number.NaN;
        if (!Number.isNaN(value)) {
          holders.push({
            holderId: id,
            holderName: names.get(id) ?? String(id),
            onHand: value,
            reportDate: addDays(from, d),
          });
          break;
        }
      }
    });
  }
  const historyStart = Math.max(0, day - historyDays + 1);
  const weeks = coverWeeks(onHand, average);
  return {
    packId: pack.id,
    gtin: pack.gtin,
    description: pack.description,
    product: {
      id: pack.product_id,
      name: pack.product_name,
      registrationNumber: pack.registration_number,
      atc: pack.atc_code,
    },
    mahOrganisationId: pack.mah_organisation_id,
    scope: holderId === null ? 'national' : 'holder',
    holderId,
    asOf,
    current: {
      onHand: finiteOrNull(onHand),
      averageDailyDemand: average,
      coverWeeks: finiteOrNull(weeks),
      noDemand: average === 0 && !Number.isNaN(onHand),
    },
    holders,
    history: Array.from({ length: day - historyStart + 1 }, (_, i) => {
      const d = historyStart + i;
      return {
        date: addDays(from, d),
        stock: finiteOrNull(stockSeries[d] ?? Number.NaN),
        demand: series.demand[d] ?? 0,
      };
    }),
    forecast: {
      method: forecast.method,
      parameters: forecast.parameters,
      errorMeasure: 'MASE',
      heldOut: forecast.heldOut,
      candidates: forecast.candidates,
      daily: Array.from(forecast.forecast, (demand, i) => ({
        date: addDays(asOf, i + 1),
        demand,
      })),
    },
    incoming: Array.from(incoming).flatMap((quantity, i) =>
      quantity > 0 ? [{ date: addDays(asOf, i + 1), quantity }] : [],
    ),
    projection: {
      horizonDays: horizon,
      stockOutDate: projection.stockOutDay === null ? null : addDays(asOf, projection.stockOutDay),
      unmetUnits: projection.unmetUnits,
      daily: Array.from(projection.stock, (stock, i) => ({ date: addDays(asOf, i + 1), stock })),
    },
  };
}
