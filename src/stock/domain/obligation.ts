/**
 * The stock obligation (voorraadverplichting): a marketing-authorisation holder must hold a number
 * of weeks of average demand of each product it markets, a wholesaler a number of weeks of what it
 * delivers, with extra weeks at wholesalers for products whose substance (ATC) is on the national
 * critical list; a holder can be exempted for a pack, or all its packs, for a period. The norms
 * and exemptions are configuration (config/stock-obligation.json); see
 * https://www.rijksoverheid.nl/onderwerpen/geneesmiddelen/tekorten-aan-geneesmiddelen for the
 * Dutch policy the defaults follow (companies 6 weeks, wholesalers 4 weeks).
 *
 * Compliance of a holder for a product on a day: weeks held = the holder's stock of the product's
 * packs / (7 x its average daily reference demand over the trailing window), both in units
 * (pack count x pack size), compared with the weeks required. The reference demand of the
 * product's own marketing-authorisation holder is the national demand of its packs (its sales
 * reach the whole market through the wholesalers); for anyone else it is what that holder itself
 * reported delivering. Exempt packs leave both sums.
 */
import { fail, ok, type Result } from '../../kernel/errors.ts';
import { isIsoDate } from './dates.ts';
import {
  DEFAULT_DEMAND_WINDOW_DAYS,
  DEFAULT_STOCK_MAX_AGE_DAYS,
  type MarketSeries,
} from './series.ts';

export const HOLDER_KINDS = ['mah', 'wholesaler'] as const;
export type HolderKind = (typeof HOLDER_KINDS)[number];

export interface ObligationNorm {
  /** Weeks of average demand to hold. */
  readonly weeks: number;
  /** Extra weeks for products whose ATC code is on the national critical list. */
  readonly criticalListExtraWeeks: number;
}

export interface ExemptionRule {
  /** The holder by organisation id or by its external code (GLN, KvK number). */
  readonly holderId?: number;
  readonly holderExternalCode?: string;
  /** One pack by id or GTIN; neither: all the holder's packs. */
  readonly packId?: number;
  readonly gtin?: string;
  readonly reason: string;
  readonly from: string;
  /** Last day of the exemption; absent: open-ended. */
  readonly to?: string;
}

export interface StockObligationConfig {
  readonly norms: Readonly<Record<HolderKind, ObligationNorm>>;
  readonly demandWindowDays: number;
  readonly maxStockAgeDays: number;
  readonly exemptions: readonly ExemptionRule[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function nonNegative(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}

/** Checks config/stock-obligation.json and lists every problem with its path. */
export function parseObligationConfig(value: unknown): Result<StockObligationConfig, string[]> {
  const problems: string[] = [];
  if (!isRecord(value)) return fail(['the configuration must be a JSON object']);
  const norms: Partial<Record<HolderKind, ObligationNorm>> = {};
  const normsValue = isRecord(value.norms) ? value.norms : {};
  if (!isRecord(value.norms)) problems.push('norms must be an object with mah and wholesaler');
  for (const kind of HOLDER_KINDS) {
    const norm = normsValue[kind];
    if (!isRecord(norm) || !nonNegative(norm.weeks)) {
      problems.push(`norms.${kind}.weeks must be a number of 0 or more`);
      continue;
    }
    const extra = norm.criticalListExtraWeeks ?? 0;
    if (!nonNegative(extra)) {
      problems.push(`norms.${kind}.criticalListExtraWeeks must be a number of 0 or more`);
      continue;
    }
    norms[kind] = { weeks: norm.weeks, criticalListExtraWeeks: extra };
  }
  const window = value.demandWindowDays ?? DEFAULT_DEMAND_WINDOW_DAYS;
  if (typeof window !== 'number' || !Number.isInteger(window) || window < 7 || window > 730) {
    problems.push('demandWindowDays must be a whole number from 7 to 730');
  }
  const maxAge = value.maxStockAgeDays ?? DEFAULT_STOCK_MAX_AGE_DAYS;
  if (typeof maxAge !== 'number' || !Number.isInteger(maxAge) || maxAge < 0 || maxAge > 62) {
    problems.push('maxStockAgeDays must be a whole number from 0 to 62');
  }
  const exemptions: ExemptionRule[] = [];
  const list = value.exemptions ?? [];
  if (!Array.isArray(list)) problems.push('exemptions must be a list');
  else {
    list.forEach((item: unknown, index) => {
      const where = `exemptions[${index}]`;
      if (!isRecord(item)) {
        problems.push(`${where} must be an object`);
        return;
      }
      const before = problems.length;
      const holderId = item.holderId;
      const holderCode = item.holderExternalCode;
      if (holderId === undefined && holderCode === undefined) {
        problems.push(`${where} needs holderId or holderExternalCode`);
      }
      if (holderId !== undefined && !(Number.isInteger(holderId) && Number(holderId) > 0)) {
        problems.push(`${where}.holderId must be an organisation id`);
      }
      if (holderCode !== undefined && (typeof holderCode !== 'string' || holderCode === '')) {
        problems.push(`${where}.holderExternalCode must be text`);
      }
      const packId = item.packId;
      if (packId !== undefined && !(Number.isInteger(packId) && Number(packId) > 0)) {
        problems.push(`${where}.packId must be a pack id`);
      }
      const gtin = item.gtin;
      if (gtin !== undefined && (typeof gtin !== 'string' || !/^\d{8,14}$/.test(gtin))) {
        problems.push(`${where}.gtin must be 8 to 14 digits`);
      }
      if (typeof item.reason !== 'string' || item.reason.trim() === '') {
        problems.push(`${where}.reason must say why`);
      }
      if (!isIsoDate(item.from)) problems.push(`${where}.from must be a date YYYY-MM-DD`);
      if (item.to !== undefined && item.to !== null) {
        if (!isIsoDate(item.to)) problems.push(`${where}.to must be a date YYYY-MM-DD`);
        else if (isIsoDate(item.from) && item.to < item.from) {
          problems.push(`${where}.to lies before its from`);
        }
      }
      if (problems.length > before) return;
      exemptions.push({
        ...(holderId === undefined ? {} : { holderId: Number(holderId) }),
        ...(typeof holderCode === 'string' ? { holderExternalCode: holderCode } : {}),
        ...(packId === undefined ? {} : { packId: Number(packId) }),
        ...(typeof gtin === 'string' ? { gtin } : {}),
        reason: String(item.reason),
        from: String(item.from),
        ...(typeof item.to === 'string' ? { to: item.to } : {}),
      });
    });
  }
  if (problems.length > 0 || norms.mah === undefined || norms.wholesaler === undefined) {
    return fail(problems);
  }
  return ok({
    norms: { mah: norms.mah, wholesaler: norms.wholesaler },
    demandWindowDays: Number(window),
    maxStockAgeDays: Number(maxAge),
    exemptions,
  });
}

/** Weeks of average demand a holder of this kind must hold of a product. */
export function requiredWeeks(
  norms: Readonly<Record<HolderKind, ObligationNorm>>,
  kind: HolderKind,
  onCriticalList: boolean,
): number {
  const norm = norms[kind];
  return norm.weeks + (onCriticalList ? norm.criticalListExtraWeeks : 0);
}

export const COMPLIANCE_STATUSES = [
  'compliant',
  'non-compliant',
  'not-reported',
  'no-demand',
  'exempt',
] as const;
export type ComplianceStatus = (typeof COMPLIANCE_STATUSES)[number];
const COMPLIANT = 0;
const NON_COMPLIANT = 1;
const NOT_REPORTED = 2;
const NO_DEMAND = 3;
const EXEMPT = 4;

/** An exemption with holder, pack and days as indexes into the series. */
export interface IndexedExemption {
  readonly holder: number;
  /** Pack index, or -1 for all the holder's packs. */
  readonly pack: number;
  /** First and last day (series indexes, inclusive; may lie outside the series). */
  readonly fromDay: number;
  readonly toDay: number;
  readonly reason: string;
}

export interface ComplianceInput {
  /** Stock per holder, pack and day; national demand per pack and day. */
  readonly series: MarketSeries;
  /** holderDemand[(holder * packs + pack) * days + day]: units that holder delivered that day. */
  readonly holderDemand: Float32Array;
  /** Kind per holder index. */
  readonly holderKinds: readonly HolderKind[];
  /** Product index per pack index (-1: none). */
  readonly productOfPack: Int32Array;
  readonly products: number;
  /** Holder index of each product's marketing-authorisation holder (-1: not among the holders). */
  readonly mahOfProduct: Int32Array;
  /** 1 when the product's ATC code is on the critical list. */
  readonly criticalProduct: Uint8Array;
  /** Units per pack (pack size). */
  readonly unitsPerPack: Float32Array;
  readonly exemptions: readonly IndexedExemption[];
}

export interface ComplianceOptions {
  readonly norms: Readonly<Record<HolderKind, ObligationNorm>>;
  /** First and last day to assess (series indexes, inclusive). */
  readonly fromDay: number;
  readonly toDay: number;
  readonly demandWindowDays?: number;
  readonly maxStockAgeDays?: number;
  /** Only these holder indexes; default all. */
  readonly holders?: readonly number[];
  /** Keep weeks held and status for every day (a holder's view over time). */
  readonly includeDaily?: boolean;
}

export interface HolderProductCompliance {
  readonly holder: number;
  readonly product: number;
  readonly kind: HolderKind;
  readonly onCriticalList: boolean;
  readonly requiredWeeks: number;
  /** Days in each status over the period. */
  readonly days: Readonly<Record<ComplianceStatus, number>>;
  /** Lowest weeks held on an assessed (compliant or non-compliant) day; NaN if none. */
  readonly minWeeksHeld: number;
  /** Status and weeks held on the last day of the period. */
  readonly lastStatus: ComplianceStatus;
  readonly lastWeeksHeld: number;
  /** Day indexes of the first and last non-compliant day; -1 if none. */
  readonly firstNonCompliantDay: number;
  readonly lastNonCompliantDay: number;
  /** The largest gap between required and held stock on a non-compliant day, in units. */
  readonly largestShortfallUnits: number;
  /** Per day from fromDay to toDay when includeDaily: weeks held (NaN if not assessed), status. */
  readonly daily?: {
    readonly weeksHeld: Float32Array;
    readonly status: readonly ComplianceStatus[];
  };
}

/** Running sums of a day-indexed segment, for window averages in constant time. */
function prefixSums(values: Float32Array, offset: number, days: number): Float64Array {
  const sums = new Float64Array(days + 1);
  for (let d = 0; d < days; d++) sums[d + 1] = (sums[d] ?? 0) + (values[offset + d] ?? 0);
  return sums;
}

/**
 * Compliance of every holder with every product it is subject to, day by day over the period:
 * its own products for a marketing-authorisation holder, and any product a holder reported stock
 * of or deliveries for within reach of the period. See the module comment for the rule.
 */
export function assessCompliance(
  input: ComplianceInput,
  options: ComplianceOptions,
): HolderProductCompliance[] {
  const { series } = input;
  const packs = series.packIds.length;
  const days = series.days;
  const window = options.demandWindowDays ?? DEFAULT_DEMAND_WINDOW_DAYS;
  const maxAge = options.maxStockAgeDays ?? DEFAULT_STOCK_MAX_AGE_DAYS;
  const fromDay = Math.max(0, options.fromDay);
  const toDay = Math.min(days - 1, options.toDay);
  const span = toDay - fromDay + 1;
  if (span <= 0) return [];

  const packsOfProduct: number[][] = Array.from({ length: input.products }, () => []);
  for (let pack = 0; pack < packs; pack++) {
    const product = input.productOfPack[pack] ?? -1;
    if (product >= 0) packsOfProduct[product]?.push(pack);
  }
  const nationalSums = new Map<number, Float64Array>();
  const nationalPrefix = (pack: number): Float64Array => {
    let sums = nationalSums.get(pack);
    if (sums === undefined) {
      sums = prefixSums(series.demand, pack * days, days);
      nationalSums.set(pack, sums);
    }
    return sums;
  };

  const results: HolderProductCompliance[] = [];
  const holders = options.holders ?? Array.from(series.holderIds, (_, index) => index);
  const firstStockDay = Math.max(0, fromDay - maxAge);
  const firstDemandDay = Math.max(0, fromDay - window + 1);
  for (const holder of holders) {
    const kind = input.holderKinds[holder];
    if (kind === undefined) continue;
    const subject = new Set<number>();
    for (let product = 0; product < input.products; product++) {
      if (input.mahOfProduct[product] === holder) subject.add(product);
    }
    for (let pack = 0; pack < packs; pack++) {
      const product = input.productOfPack[pack] ?? -1;
      if (product < 0 || subject.has(product)) continue;
      const base = (holder * packs + pack) * days;
      let seen = false;
      for (let d = firstStockDay; d <= toDay && !seen; d++) {
        if (!Number.isNaN(series.stock[base + d] ?? Number.NaN)) seen = true;
      }
      for (let d = firstDemandDay; d <= toDay && !seen; d++) {
        if ((input.holderDemand[base + d] ?? 0) > 0) seen = true;
      }
      if (seen) subject.add(product);
    }
    const holderExemptions = input.exemptions.filter((e) => e.holder === holder);

    for (const product of [...subject].sort((a, b) => a - b)) {
      const productPacks = packsOfProduct[product] ?? [];
      const ownProduct = input.mahOfProduct[product] === holder;
      const critical = input.criticalProduct[product] === 1;
      const required = requiredWeeks(options.norms, kind, critical);
      const demandSums = productPacks.map((pack) =>
        ownProduct
          ? nationalPrefix(pack)
          : prefixSums(input.holderDemand, (holder * packs + pack) * days, days),
      );
      // Carried-forward stock per pack over the period.
      const held = productPacks.map((pack) => {
        const base = (holder * packs + pack) * days;
        const values = new Float64Array(span).fill(Number.NaN);
        let last = Number.NaN;
        let lastDay = -Infinity;
        for (let d = firstStockDay; d <= toDay; d++) {
          const value = series.stock[base + d] ?? Number.NaN;
          if (!Number.isNaN(value)) {
            last = value;
            lastDay = d;
          }
          if (d >= fromDay && d - lastDay <= maxAge) values[d - fromDay] = last;
        }
        return values;
      });
      const counts = [0, 0, 0, 0, 0];
      const weeksDaily = options.includeDaily === true ? new Float32Array(span) : undefined;
      const statusDaily: ComplianceStatus[] = [];
      let minWeeks = Number.NaN;
      let firstBad = -1;
      let lastBad = -1;
      let shortfall = 0;
      let lastStatus = NOT_REPORTED;
      let lastWeeks = Number.NaN;
      for (let d = fromDay; d <= toDay; d++) {
        let stockUnits = 0;
        let demandUnits = 0;
        let reported = false;
        let active = 0;
        for (let i = 0; i < productPacks.length; i++) {
          const pack = productPacks[i] ?? -1;
          const exempt = holderExemptions.some(
            (exemption) =>
              (exemption.pack === -1 || exemption.pack === pack) &&
              d >= exemption.fromDay &&
              d <= exemption.toDay,
          );
          if (exempt) continue;
          active++;
          const units = input.unitsPerPack[pack] ?? 1;
          const stock = held[i]?.[d - fromDay] ?? Number.NaN;
          if (!Number.isNaN(stock)) {
            reported = true;
            stockUnits += stock * units;
          }
          const sums = demandSums[i];
          if (sums !== undefined) {
            const first = Math.max(0, d - window + 1);
            demandUnits += (((sums[d + 1] ?? 0) - (sums[first] ?? 0)) / (d - first + 1)) * units;
          }
        }
        let status: number;
        let weeks = Number.NaN;
        if (active === 0) status = EXEMPT;
        else if (demandUnits <= 0) status = NO_DEMAND;
        else if (!reported) status = NOT_REPORTED;
        else {
          weeks = stockUnits / (7 * demandUnits);
          // A tolerance for float rounding: 6 weeks held exactly is compliant.
          status = weeks >= required - 1e-9 ? COMPLIANT : NON_COMPLIANT;
          if (Number.isNaN(minWeeks) || weeks < minWeeks) minWeeks = weeks;
          if (status === NON_COMPLIANT) {
            if (firstBad < 0) firstBad = d;
            lastBad = d;
            shortfall = Math.max(shortfall, required * 7 * demandUnits - stockUnits);
          }
        }
        counts[status] = (counts[status] ?? 0) + 1;
        if (weeksDaily !== undefined) {
          weeksDaily[d - fromDay] = weeks;
          statusDaily.push(COMPLIANCE_STATUSES[status] ?? 'not-reported');
        }
        lastStatus = status;
        lastWeeks = weeks;
      }
      results.push({
        holder,
        product,
        kind,
        onCriticalList: critical,
        requiredWeeks: required,
        days: {
          compliant: counts[COMPLIANT] ?? 0,
          'non-compliant': counts[NON_COMPLIANT] ?? 0,
          'not-reported': counts[NOT_REPORTED] ?? 0,
          'no-demand': counts[NO_DEMAND] ?? 0,
          exempt: counts[EXEMPT] ?? 0,
        },
        minWeeksHeld: minWeeks,
        lastStatus: COMPLIANCE_STATUSES[lastStatus] ?? 'not-reported',
        lastWeeksHeld: lastWeeks,
        firstNonCompliantDay: firstBad,
        lastNonCompliantDay: lastBad,
        largestShortfallUnits: shortfall,
        ...(weeksDaily === undefined
          ? {}
          : { daily: { weeksHeld: weeksDaily, status: statusDaily } }),
      });
    }
  }
  return results;
}
