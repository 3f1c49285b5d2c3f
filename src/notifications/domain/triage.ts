/**
 * Risk triage: a score from 0 to 100 and a class (low, medium, high) for each notification, with
 * the factors that made it visible. Weights and thresholds are configuration
 * (config/triage.json); the function is pure, so the score of any past day can be recomputed.
 */
import { daysBetween } from './late-reporting.ts';
import type { NotificationReport } from './types.ts';

export const TRIAGE_FACTORS = [
  'criticalList',
  'alternatives',
  'stockCover',
  'marketShare',
  'hospitalRelevance',
  'concentration',
  'shortAbroad',
] as const;
export type TriageFactorKey = (typeof TRIAGE_FACTORS)[number];

export interface TriageConfig {
  readonly weights: Record<TriageFactorKey, number>;
  readonly highThreshold: number;
  readonly mediumThreshold: number;
  readonly assumedDurationWeeksWhenEndUnknown: number;
  readonly partialSupplyFactor: number;
  /** Value of the alternatives factor by number of usable alternatives; more than listed = 0. */
  readonly alternativesValue: Record<string, number>;
}

/** What the triage knows beyond the report itself, gathered by the service for an as-of date. */
export interface TriageContext {
  readonly onCriticalList: boolean;
  /** Packs of other companies with the same substance, strength and form. */
  readonly exactAlternatives: number;
  /** Of those, how many have an open notification themselves. */
  readonly alternativesAlsoShort: number;
  readonly hospitalRelevant: boolean;
  /** Country HHI of the substance's manufacturing (all registers), null when unknown. */
  readonly substanceHhi: number | null;
  /** Foreign registers reporting the same substance short on the as-of date. */
  readonly foreignShortages: number;
}

export const RISK_CLASSES = ['low', 'medium', 'high'] as const;
export type RiskClass = (typeof RISK_CLASSES)[number];

export interface TriageFactor {
  readonly key: TriageFactorKey;
  /** 0-1: how strongly this factor signals risk. */
  readonly value: number;
  readonly weight: number;
  readonly points: number;
  /** The facts behind the value, for the sentence the interface shows. */
  readonly facts: Readonly<Record<string, number | boolean | string | null>>;
  readonly explanation: string;
}

export interface TriageResult {
  readonly score: number;
  readonly riskClass: RiskClass;
  /** Largest contribution first. */
  readonly factors: readonly TriageFactor[];
}

function clamp(value: number): number {
  return Math.min(1, Math.max(0, value));
}

function durationWeeks(
  report: NotificationReport,
  config: TriageConfig,
): { weeks: number; assumed: boolean } {
  if (report.expectedEnd === null)
    return { weeks: config.assumedDurationWeeksWhenEndUnknown, assumed: true };
  return {
    weeks: Math.max(0, daysBetween(report.expectedStart, report.expectedEnd)) / 7,
    assumed: false,
  };
}

export function computeTriage(
  report: NotificationReport,
  context: TriageContext,
  config: TriageConfig,
): TriageResult {
  const usableAlternatives = Math.max(0, context.exactAlternatives - context.alternativesAlsoShort);
  const duration = durationWeeks(report, config);
  const uncovered =
    duration.weeks === 0 ? 0 : Math.max(0, duration.weeks - report.stockWeeks) / duration.weeks;
  const stockValue = clamp(uncovered * (report.partialSupply ? config.partialSupplyFactor : 1));
  const raw: Omit<TriageFactor, 'weight' | 'points'>[] = [
    {
      key: 'criticalList',
      value: context.onCriticalList ? 1 : 0,
      facts: { onCriticalList: context.onCriticalList },
      explanation: context.onCriticalList
        ? 'the substance is on the Union list of critical medicines'
        : 'the substance is not on the critical list',
    },
    {
      key: 'alternatives',
      value: config.alternativesValue[String(usableAlternatives)] ?? 0,
      facts: {
        exactAlternatives: context.exactAlternatives,
        alsoShort: context.alternativesAlsoShort,
      },
      explanation:
        `${context.exactAlternatives} alternative pack(s) of other companies with the same substance, strength and form` +
        (context.alternativesAlsoShort > 0
          ? `, ${context.alternativesAlsoShort} of them reported short too`
          : ''),
    },
    {
      key: 'stockCover',
      value: stockValue,
      facts: {
        stockWeeks: report.stockWeeks,
        durationWeeks: Math.round(duration.weeks * 10) / 10,
        durationAssumed: duration.assumed,
        partialSupply: report.partialSupply,
      },
      explanation:
        `stock for ${report.stockWeeks} week(s) against an expected duration of ${Math.round(duration.weeks * 10) / 10} week(s)` +
        (duration.assumed ? ' (no end given: assumed)' : '') +
        (report.partialSupply ? '; partial supply continues' : ''),
    },
    {
      key: 'marketShare',
      value: clamp(report.marketSharePercent / 100),
      facts: { marketSharePercent: report.marketSharePercent },
      explanation: `market share ${report.marketSharePercent}%`,
    },
    {
      key: 'hospitalRelevance',
      value: context.hospitalRelevant ? 1 : 0,
      facts: { hospitalRelevant: context.hospitalRelevant },
      explanation: context.hospitalRelevant
        ? 'used in hospitals'
        : 'not specifically a hospital product',
    },
    {
      key: 'concentration',
      value: context.substanceHhi === null ? 0 : clamp(context.substanceHhi / 10_000),
      facts: { hhi: context.substanceHhi === null ? null : Math.round(context.substanceHhi) },
      explanation:
        context.substanceHhi === null
          ? 'no manufacturing data for the substance'
          : `manufacturing concentration HHI ${Math.round(context.substanceHhi)}`,
    },
    {
      key: 'shortAbroad',
      value: context.foreignShortages > 0 ? 1 : 0,
      facts: { foreignShortages: context.foreignShortages },
      explanation:
        context.foreignShortages > 0
          ? `${context.foreignShortages} foreign register report(s) of the same substance short`
          : 'not reported short abroad',
    },
  ];
  const factors = raw
    .map((factor) => {
      const weight = config.weights[factor.key];
      return { ...factor, weight, points: Math.round(factor.value * weight * 10) / 10 };
    })
    .sort((a, b) => b.points - a.points || a.key.localeCompare(b.key));
  const score = Math.round(factors.reduce((sum, factor) => sum + factor.points, 0) * 10) / 10;
  const riskClass: RiskClass =
    score >= config.highThreshold ? 'high' : score >= config.mediumThreshold ? 'medium' : 'low';
  return { score, riskClass, factors };
}
