/**
 * The policy analyses on the real German shortage register (src/early-warning/http.ts): what share
 * of shortages a stock of N weeks absorbs, and competitor cascades. The policy-analysis shape is
 * checked against the OpenAPI document in ../stock/stock-contract-check.ts.
 */
import { getJson } from '../../api/client.ts';

/** GET /v1/stock-obligation/policy-analysis. */
export interface PolicyAnalysis {
  readonly source: string;
  readonly shortages: number;
  readonly curve: readonly {
    readonly weeks: number;
    readonly share: number;
    readonly absorbed: number;
  }[];
  readonly ironStock: {
    readonly days: number;
    readonly expectedShare: number;
    readonly observedShare: number;
    readonly weeksNeededForExpectedShare: number | null;
  };
}

export interface SignalMetrics {
  readonly cases: number;
  readonly positives: number;
  readonly alerts: number;
  readonly truePositives: number;
  readonly precision: number | null;
  readonly recall: number | null;
  readonly baseRate: number;
  readonly lift: number | null;
}

/**
 * GET /v1/foreign-shortages/competitor-cascades. Its OpenAPI entry has no 200 schema yet, so
 * this shape follows src/early-warning/policy.service.ts and is not contract-checked.
 */
export interface CompetitorCascades {
  readonly source: string;
  readonly reports: number;
  readonly followOn: {
    readonly reports: number;
    readonly followed: number;
    readonly share: number;
    readonly windowDays: number;
  };
  readonly signal: {
    readonly splitDate: string;
    readonly horizonDays: number;
    readonly lookbackDays: number;
    readonly train: SignalMetrics;
    readonly test: SignalMetrics;
  };
}

export const policyApi = {
  policyAnalysis: (signal?: AbortSignal) =>
    getJson<PolicyAnalysis>('/stock-obligation/policy-analysis', undefined, signal),
  competitorCascades: (signal?: AbortSignal) =>
    getJson<CompetitorCascades>('/foreign-shortages/competitor-cascades', undefined, signal),
};
