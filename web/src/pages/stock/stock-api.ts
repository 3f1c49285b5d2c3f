/**
 * The stock API as the stock pages use it: national cover, one pack's stock and forecast, and
 * stock-obligation compliance (src/stock/http.ts). The shapes are checked against the OpenAPI
 * document in stock-contract-check.ts beside this file, so `tsc -p web` fails when the API changes
 * under the pages.
 */
import { getCsv, getJson } from '../../api/client.ts';
import type { Page } from '../../api/types.ts';

export const COVER_LEVELS = ['pack', 'product', 'substance'] as const;
export type CoverLevel = (typeof COVER_LEVELS)[number];

export function isCoverLevel(value: unknown): value is CoverLevel {
  return typeof value === 'string' && (COVER_LEVELS as readonly string[]).includes(value);
}

/** One row of the national cover list: a pack, a product or a substance (ATC level 5). */
export interface CoverRow {
  readonly level: CoverLevel;
  /** Pack id, product id or ATC code. */
  readonly key: string;
  readonly name: string;
  readonly atc: string | null;
  /** Packs (pack level) or units (product, substance) on hand nationally; null: none reported. */
  readonly stock: number | null;
  readonly averageDailyDemand: number;
  /** null: no stock reported, or no demand. */
  readonly coverWeeks: number | null;
  readonly noDemand: boolean;
  readonly minPackCoverWeeks: number | null;
  readonly packs: number;
  readonly packsWithoutStock: number;
}

export interface CoverPage extends Page<CoverRow> {
  readonly asOf: string;
  readonly level: CoverLevel;
}

/** The forecast methods the server chooses between (src/stock/domain/forecast.ts). */
export const FORECAST_METHODS = [
  'ses',
  'croston',
  'sba',
  'tsb',
  'holt-winters-weekly',
  'holt-winters-weekly-yearly',
] as const;
export type ForecastMethod = (typeof FORECAST_METHODS)[number];

export function isForecastMethod(value: unknown): value is ForecastMethod {
  return typeof value === 'string' && (FORECAST_METHODS as readonly string[]).includes(value);
}

export interface ForecastCandidate {
  readonly method: string;
  readonly mae: number;
  readonly mase: number | null;
}

export interface HolderStock {
  readonly holderId: number;
  readonly holderName: string;
  readonly onHand: number;
  readonly reportDate: string;
}

/** GET /v1/packs/{id}/stock: national (authorities) or the caller's own (a company) view. */
export interface PackStock {
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
  readonly scope: 'national' | 'holder';
  readonly holderId: number | null;
  readonly asOf: string;
  readonly current: {
    readonly onHand: number | null;
    readonly averageDailyDemand: number;
    readonly coverWeeks: number | null;
    readonly noDemand: boolean;
  };
  readonly holders: readonly HolderStock[];
  readonly history: readonly {
    readonly date: string;
    readonly stock: number | null;
    readonly demand: number;
  }[];
  readonly forecast: {
    readonly method: string;
    readonly errorMeasure: string;
    readonly heldOut: {
      readonly days: number;
      readonly mae: number;
      readonly mase: number | null;
    } | null;
    readonly candidates: readonly ForecastCandidate[];
    readonly daily: readonly { readonly date: string; readonly demand: number }[];
  };
  readonly incoming: readonly { readonly date: string; readonly quantity: number }[];
  readonly projection: {
    readonly horizonDays: number;
    readonly stockOutDate: string | null;
    readonly unmetUnits: number;
    readonly daily: readonly { readonly date: string; readonly stock: number }[];
  };
}

export const COMPLIANCE_STATUSES = [
  'compliant',
  'non-compliant',
  'not-reported',
  'no-demand',
  'exempt',
] as const;
export type ComplianceStatus = (typeof COMPLIANCE_STATUSES)[number];

export function isComplianceStatus(value: unknown): value is ComplianceStatus {
  return typeof value === 'string' && (COMPLIANCE_STATUSES as readonly string[]).includes(value);
}

export type HolderKind = 'mah' | 'wholesaler';

/** One holder and product over the period: days per status, the worst day and the last. */
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
  readonly lastStatus: string;
  readonly lastWeeksHeld: number | null;
  readonly firstNonCompliantDate: string | null;
  readonly lastNonCompliantDate: string | null;
  /** Units (packs x pack size) short of the norm on the worst non-compliant day. */
  readonly largestShortfallUnits: number;
  readonly exemptions: readonly {
    readonly reason: string;
    readonly from: string;
    readonly to: string | null;
    readonly packId: number | null;
  }[];
}

export interface ObligationNorm {
  readonly weeks: number;
  readonly criticalListExtraWeeks: number;
}

export interface ComplianceMeta {
  readonly from: string;
  readonly to: string;
  readonly norms: Readonly<Record<HolderKind, ObligationNorm>>;
  readonly demandWindowDays: number;
  readonly warnings: readonly string[];
}

export interface NonComplianceReport extends ComplianceMeta {
  readonly items: readonly ComplianceRow[];
}

export interface WeeklyCompliance {
  /** The last day of the week. */
  readonly date: string;
  readonly weeksHeld: number | null;
  readonly status: string;
}

export interface HolderComplianceRow extends ComplianceRow {
  readonly weekly: readonly WeeklyCompliance[];
}

export interface HolderCompliance extends ComplianceMeta {
  readonly holder: { readonly id: number; readonly name: string; readonly kind: HolderKind };
  readonly items: readonly HolderComplianceRow[];
}

const segment = (value: number | string): string => encodeURIComponent(String(value));

export const stockApi = {
  cover: (
    query: {
      readonly level: CoverLevel;
      readonly asOf?: string;
      readonly page: number;
      readonly pageSize: number;
    },
    signal?: AbortSignal,
  ) => getJson<CoverPage>('/cover', query, signal),
  coverCsv: (query: { readonly level: CoverLevel; readonly asOf?: string }) =>
    getCsv('/cover', query),
  packStock: (
    id: number | string,
    query: { readonly asOf?: string; readonly horizonDays?: number; readonly historyDays?: number },
    signal?: AbortSignal,
  ) => getJson<PackStock>(`/packs/${segment(id)}/stock`, query, signal),
  holderCompliance: (
    id: number | string,
    period: { readonly from?: string; readonly to?: string },
    signal?: AbortSignal,
  ) => getJson<HolderCompliance>(`/holders/${segment(id)}/compliance`, period, signal),
  nonCompliance: (period: { readonly from: string; readonly to: string }, signal?: AbortSignal) =>
    getJson<NonComplianceReport>('/stock-obligation/non-compliance', period, signal),
  nonComplianceCsv: (period: { readonly from: string; readonly to: string }) =>
    getCsv('/stock-obligation/non-compliance', period),
};
