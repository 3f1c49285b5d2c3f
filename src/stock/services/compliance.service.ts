/**
 * Stock-obligation use cases: compliance of every holder with every product it is subject to,
 * day by day over a period (domain/obligation.ts), as a non-compliance report for the
 * authorities and as one holder's own view over time. Holders are assessed a few at a time, so
 * memory grows with packs x days, not with the number of holders.
 */
import type pg from 'pg';
import { isAuthorityRole, type Actor } from '../../kernel/actor.ts';
import { UserFacingError } from '../../kernel/errors.ts';
import { readConfig } from '../../platform/config.ts';
import { loadRegistrySnapshot } from '../../registry/index.ts';
import { toGtin14 } from '../../products/domain/identifiers.ts';
import { addDays, daysBetween, isIsoDate } from '../domain/dates.ts';
import {
  assessCompliance,
  parseObligationConfig,
  type ComplianceStatus,
  type HolderKind,
  type HolderProductCompliance,
  type IndexedExemption,
  type ObligationNorm,
  type StockObligationConfig,
} from '../domain/obligation.ts';
import {
  findHolders,
  findHoldersByExternalCode,
  findPacksByReference,
  loadDemand,
  loadPackCatalogue,
  loadPackIds,
  loadStockCube,
  type HolderRow,
} from '../store/stock-read.store.ts';
import { indexById, type MarketSeries } from '../domain/series.ts';
import { finiteOrNull } from './analytics.service.ts';

/** The longest period one report covers. */
export const MAX_COMPLIANCE_PERIOD_DAYS = 731;
const HOLDER_BATCH = 8;

/** config/stock-obligation.json, checked; a broken file is the operator's to fix. */
export function loadObligationConfig(): StockObligationConfig {
  const parsed = parseObligationConfig(readConfig('stock-obligation'));
  if (!parsed.ok) {
    throw new UserFacingError(
      'MS_STOCK_OBLIGATION_CONFIG_INVALID',
      `config/stock-obligation.json: ${parsed.error.join('; ')}`,
    );
  }
  return parsed.value;
}

export interface CompliancePeriod {
  readonly from: string;
  readonly to: string;
  /** Today: the period may not end later. */
  readonly asOf: string;
  /** Default: config/stock-obligation.json. */
  readonly config?: StockObligationConfig;
}

function checkPeriod(period: CompliancePeriod): void {
  const problems: { pointer: string; detail: string }[] = [];
  if (!isIsoDate(period.from))
    problems.push({ pointer: '/querystring/from', detail: 'from must be a date YYYY-MM-DD' });
  if (!isIsoDate(period.to))
    problems.push({ pointer: '/querystring/to', detail: 'to must be a date YYYY-MM-DD' });
  if (problems.length === 0) {
    if (period.to < period.from)
      problems.push({
        pointer: '/querystring/to',
        detail: `to ${period.to} lies before from ${period.from}`,
      });
    else if (daysBetween(period.from, period.to) + 1 > MAX_COMPLIANCE_PERIOD_DAYS) {
      problems.push({
        pointer: '/querystring/to',
        detail: `the period is longer than ${MAX_COMPLIANCE_PERIOD_DAYS} days`,
      });
    }
    if (period.to > period.asOf)
      problems.push({
        pointer: '/querystring/to',
        detail: `to ${period.to} lies in the future (today is ${period.asOf})`,
      });
  }
  if (problems.length > 0) {
    throw new UserFacingError(
      'MS_STOCK_PERIOD_INVALID',
      problems.map((p) => p.detail).join('; '),
      problems.map((p) => ({ ...p, code: 'MS_STOCK_PERIOD_INVALID' as const })),
    );
  }
}

export interface ComplianceRow {
  readonly holderId: number;
  readonly holderName: string;
  readonly holderKind: HolderKind;
  readonly productId: number;
  readonly productName: string;
  readonly registrationNumber: string;
  readonly atc: string | null;
  readonly onCriticalList: boolean;
  readonly requiredWeeks: number;
  readonly daysCompliant: number;
  readonly daysNonCompliant: number;
  readonly daysNotReported: number;
  readonly daysNoDemand: number;
  readonly daysExempt: number;
  readonly minWeeksHeld: number | null;
  readonly lastStatus: ComplianceStatus;
  readonly lastWeeksHeld: number | null;
  readonly firstNonCompliantDate: string | null;
  readonly lastNonCompliantDate: string | null;
  /** Units (packs x pack size) short of the norm on the worst non-compliant day. */
  readonly largestShortfallUnits: number;
  /** Exemptions of this holder that touch the product's packs in the period. */
  readonly exemptions: readonly {
    reason: string;
    from: string;
    to: string | null;
    packId: number | null;
  }[];
}

export interface ComplianceReport {
  readonly from: string;
  readonly to: string;
  readonly norms: Readonly<Record<HolderKind, ObligationNorm>>;
  readonly demandWindowDays: number;
  /** Exemptions in the configuration that name no known holder or pack. */
  readonly warnings: readonly string[];
  readonly items: ComplianceRow[];
}

export interface WeeklyPoint {
  readonly date: string;
  readonly weeksHeld: number | null;
  readonly status: ComplianceStatus;
}

interface ResolvedExemption {
  readonly holderId: number;
  readonly packId: number | null;
  readonly from: string;
  readonly to: string | null;
  readonly reason: string;
}

async function resolveExemptions(
  pool: pg.Pool,
  config: StockObligationConfig,
): Promise<{ exemptions: ResolvedExemption[]; warnings: string[] }> {
  const codes = config.exemptions.flatMap((e) =>
    e.holderExternalCode === undefined ? [] : [e.holderExternalCode],
  );
  const gtins = config.exemptions.flatMap((e) => (e.gtin === undefined ? [] : [toGtin14(e.gtin)]));
  const [byCode, packs] = await Promise.all([
    codes.length === 0 ? new Map<string, number>() : findHoldersByExternalCode(pool, codes),
    findPacksByReference(pool, [
      ...gtins.map((gtin) => ({ kind: 'gtin' as const, gtin })),
      ...config.exemptions.flatMap((e) =>
        e.packId === undefined ? [] : [{ kind: 'id' as const, id: e.packId }],
      ),
    ]),
  ]);
  const holderIds = config.exemptions.flatMap((e) =>
    e.holderId === undefined ? [] : [e.holderId],
  );
  const known = new Set((await findHolders(pool, holderIds)).map((h) => h.id));
  const exemptions: ResolvedExemption[] = [];
  const warnings: string[] = [];
  config.exemptions.forEach((rule, index) => {
    const holderId =
      rule.holderId ??
      (rule.holderExternalCode === undefined ? undefined : byCode.get(rule.holderExternalCode));
    if (holderId === undefined || (rule.holderId !== undefined && !known.has(rule.holderId))) {
      warnings.push(`exemptions[${index}] names no known stock holder; it is not applied`);
      return;
    }
    let packId: number | null = null;
    if (rule.gtin !== undefined || rule.packId !== undefined) {
      const key =
        rule.gtin !== undefined ? `gtin:${toGtin14(rule.gtin)}` : `id:${rule.packId ?? 0}`;
      const pack = packs.get(key);
      if (pack === undefined) {
        warnings.push(`exemptions[${index}] names no known pack; it is not applied`);
        return;
      }
      packId = pack.id;
    }
    exemptions.push({
      holderId,
      packId,
      from: rule.from,
      to: rule.to ?? null,
      reason: rule.reason,
    });
  });
  return { exemptions, warnings };
}

interface Assessment {
  readonly results: { holder: HolderRow; result: HolderProductCompliance }[];
  readonly products: { id: number; name: string; registrationNumber: string; atc: string | null }[];
  readonly exemptions: ResolvedExemption[];
  readonly productOfPackId: Map<number, number>;
  readonly seriesFrom: string;
  readonly warnings: string[];
  readonly config: StockObligationConfig;
}

async function assess(
  pool: pg.Pool,
  holders: readonly HolderRow[],
  period: CompliancePeriod,
  includeDaily: boolean,
): Promise<Assessment> {
  checkPeriod(period);
  const config = period.config ?? loadObligationConfig();
  const back = Math.max(config.demandWindowDays - 1, config.maxStockAgeDays);
  const window = { from: addDays(period.from, -back), to: period.to };
  const days = daysBetween(window.from, window.to) + 1;
  const packIds = await loadPackIds(pool);
  const catalogue = await loadPackCatalogue(pool);
  const snapshot = await loadRegistrySnapshot(pool);
  const productIndex = new Map<number, number>();
  const products: Assessment['products'] = [];
  const productMah: number[] = [];
  const packIndex = indexById(packIds);
  const productOfPack = new Int32Array(packIds.length).fill(-1);
  const unitsPerPack = new Float32Array(packIds.length).fill(1);
  const productOfPackId = new Map<number, number>();
  for (const row of catalogue) {
    const pack = packIndex.get(row.id);
    if (pack === undefined) continue;
    let product = productIndex.get(row.product_id);
    if (product === undefined) {
      product = products.length;
      productIndex.set(row.product_id, product);
      products.push({
        id: row.product_id,
        name: row.product_name,
        registrationNumber: row.registration_number,
        atc: row.atc_code,
      });
      productMah.push(row.mah_organisation_id);
    }
    productOfPack[pack] = product;
    unitsPerPack[pack] = row.pack_size;
    productOfPackId.set(row.id, row.product_id);
  }
  const criticalProduct = Uint8Array.from(products, (p) =>
    p.atc !== null && snapshot.critical.codes.has(p.atc) ? 1 : 0,
  );
  const { exemptions, warnings } = await resolveExemptions(pool, config);
  const demand = await loadDemand(pool, window, packIds);
  const results: Assessment['results'] = [];
  for (let start = 0; start < holders.length; start += HOLDER_BATCH) {
    const batch = holders.slice(start, start + HOLDER_BATCH);
    const holderIds = Int32Array.from(batch, (h) => h.id);
    const [stock, holderDemand] = await Promise.all([
      loadStockCube(pool, window, packIds, holderIds),
      loadDemand(pool, window, packIds, holderIds),
    ]);
    const series: MarketSeries = {
      startDate: window.from,
      days,
      packIds,
      holderIds,
      stock,
      demand,
      incoming: new Float32Array(0),
    };
    const holderIndex = indexById(holderIds);
    const indexed: IndexedExemption[] = exemptions.flatMap((e) => {
      const holder = holderIndex.get(e.holderId);
      if (holder === undefined) return [];
      const pack = e.packId === null ? -1 : packIndex.get(e.packId);
      if (pack === undefined) return [];
      return [
        {
          holder,
          pack,
          fromDay: daysBetween(window.from, e.from),
          toDay: e.to === null ? Number.MAX_SAFE_INTEGER : daysBetween(window.from, e.to),
          reason: e.reason,
        },
      ];
    });
    const assessed = assessCompliance(
      {
        series,
        holderDemand,
        holderKinds: batch.map((h) => h.kind),
        productOfPack,
        products: products.length,
        mahOfProduct: Int32Array.from(productMah, (id) => holderIndex.get(id) ?? -1),
        criticalProduct,
        unitsPerPack,
        exemptions: indexed,
      },
      {
        norms: config.norms,
        fromDay: daysBetween(window.from, period.from),
        toDay: days - 1,
        demandWindowDays: config.demandWindowDays,
        maxStockAgeDays: config.maxStockAgeDays,
        includeDaily,
      },
    );
    for (const result of assessed) {
      const holder = batch[result.holder];
      if (holder !== undefined) results.push({ holder, result });
    }
  }
  return {
    results,
    products,
    exemptions,
    productOfPackId,
    seriesFrom: window.from,
    warnings,
    config,
  };
}

function toRow(
  assessment: Assessment,
  holder: HolderRow,
  result: HolderProductCompliance,
): ComplianceRow {
  const product = assessment.products[result.product];
  const dateOf = (day: number) => (day < 0 ? null : addDays(assessment.seriesFrom, day));
  const productId = product?.id ?? 0;
  return {
    holderId: holder.id,
    holderName: holder.name,
    holderKind: result.kind,
    productId,
    productName: product?.name ?? '',
    registrationNumber: product?.registrationNumber ?? '',
    atc: product?.atc ?? null,
    onCriticalList: result.onCriticalList,
    requiredWeeks: result.requiredWeeks,
    daysCompliant: result.days.compliant,
    daysNonCompliant: result.days['non-compliant'],
    daysNotReported: result.days['not-reported'],
    daysNoDemand: result.days['no-demand'],
    daysExempt: result.days.exempt,
    minWeeksHeld: finiteOrNull(result.minWeeksHeld),
    lastStatus: result.lastStatus,
    lastWeeksHeld: finiteOrNull(result.lastWeeksHeld),
    firstNonCompliantDate: dateOf(result.firstNonCompliantDay),
    lastNonCompliantDate: dateOf(result.lastNonCompliantDay),
    largestShortfallUnits: result.largestShortfallUnits,
    exemptions: assessment.exemptions
      .filter(
        (e) =>
          e.holderId === holder.id &&
          (e.packId === null || assessment.productOfPackId.get(e.packId) === productId),
      )
      .map((e) => ({ reason: e.reason, from: e.from, to: e.to, packId: e.packId })),
  };
}

/**
 * Every holder and product that was not compliant, or did not report, on some day of the
 * period: most non-compliant days first.
 */
export async function nonComplianceReport(
  pool: pg.Pool,
  period: CompliancePeriod,
): Promise<ComplianceReport> {
  const holders = await findHolders(pool);
  const assessment = await assess(pool, holders, period, false);
  const items = assessment.results
    .filter(({ result }) => result.days['non-compliant'] > 0 || result.days['not-reported'] > 0)
    .map(({ holder, result }) => toRow(assessment, holder, result))
    .sort(
      (a, b) =>
        b.daysNonCompliant - a.daysNonCompliant ||
        b.daysNotReported - a.daysNotReported ||
        a.holderName.localeCompare(b.holderName) ||
        a.productName.localeCompare(b.productName),
    );
  return {
    from: period.from,
    to: period.to,
    norms: assessment.config.norms,
    demandWindowDays: assessment.config.demandWindowDays,
    warnings: assessment.warnings,
    items,
  };
}

export interface HolderComplianceView extends Omit<ComplianceReport, 'items'> {
  readonly holder: { readonly id: number; readonly name: string; readonly kind: HolderKind };
  readonly items: (ComplianceRow & { readonly weekly: readonly WeeklyPoint[] })[];
}

/**
 * One holder's compliance per product over the period, with weeks held against required on the
 * last day of each week (counted back from `to`). Authorities see any holder; a company only
 * itself: for another holder it gets the not-found an unknown holder gives.
 */
export async function holderCompliance(
  pool: pg.Pool,
  actor: Actor,
  holderId: number,
  period: CompliancePeriod,
): Promise<HolderComplianceView> {
  const notFound = new UserFacingError(
    'MS_STOCK_HOLDER_NOT_FOUND',
    `no stock holder with id ${holderId}`,
  );
  if (!isAuthorityRole(actor.role) && actor.organisationId !== holderId) throw notFound;
  const [holder] = await findHolders(pool, [holderId]);
  if (holder === undefined) throw notFound;
  const assessment = await assess(pool, [holder], period, true);
  const fromDay = daysBetween(assessment.seriesFrom, period.from);
  const span = daysBetween(period.from, period.to) + 1;
  const items = assessment.results.map(({ result }) => {
    const weekly: WeeklyPoint[] = [];
    for (let offset = span - 1; offset >= 0; offset -= 7) {
      weekly.unshift({
        date: addDays(assessment.seriesFrom, fromDay + offset),
        weeksHeld: finiteOrNull(result.daily?.weeksHeld[offset] ?? Number.NaN),
        status: result.daily?.status[offset] ?? 'not-reported',
      });
    }
    return { ...toRow(assessment, holder, result), weekly };
  });
  return {
    holder: { id: holder.id, name: holder.name, kind: holder.kind },
    from: period.from,
    to: period.to,
    norms: assessment.config.norms,
    demandWindowDays: assessment.config.demandWindowDays,
    warnings: assessment.warnings,
    items,
  };
}
