/**
 * The analysis of a shortage register (issue 4, section 6): how long shortages last, why they
 * happen, and how often the first report came only after the shortage had started, overall and per
 * company or ATC chapter. The fields are those of BfArM's Lieferengpass database
 * (https://www.bfarm.de/lieferengpaesse): Beginn, Ende, Datum der Erstmeldung, Art des Grundes, Grund.
 */
import { ATC_CHAPTER_NAMES } from '../../kernel/atc.ts';
import { daysBetween } from './dates.ts';
import { durationsInDays, summarizeDurations, type DurationSummary } from './durations.ts';
import type { ForeignShortage } from './types.ts';

export const ANALYSIS_GROUPINGS = ['company', 'chapter'] as const;
export type AnalysisGrouping = (typeof ANALYSIS_GROUPINGS)[number];

/** What the analysis reads from a shortage. */
export type AnalysedShortage = Pick<
  ForeignShortage,
  | 'status'
  | 'startDate'
  | 'endDate'
  | 'firstReportedOn'
  | 'company'
  | 'companyKey'
  | 'reasonCategory'
  | 'reason'
  | 'atcCodes'
>;

export interface CountShare {
  /** null: the register left the field empty. */
  readonly value: string | null;
  readonly count: number;
  readonly share: number;
}

export interface LateReporting {
  /** Shortages with both a start and a first-report date. */
  readonly known: number;
  /** Of those, first reported after the start (Datum der Erstmeldung > Beginn). */
  readonly late: number;
  readonly share: number | null;
}

export interface ShortageFigures {
  readonly shortages: number;
  readonly active: number;
  readonly closed: number;
  /** Closed shortages: start to end, the real duration. */
  readonly closedDurationDays: DurationSummary;
  /** Active shortages: start to the expected end. */
  readonly openExpectedDurationDays: DurationSummary;
  readonly reportedLate: LateReporting;
  /** BfArM "Art des Grundes" (Produktionsproblem, Sonstige). */
  readonly reasonCategories: readonly CountShare[];
  /** BfArM "Grund" (Erhöhte Nachfrage, Probleme in der Herstellung, …). */
  readonly reasons: readonly CountShare[];
  /** Shortages whose end lies before their start: left out of the durations. */
  readonly endBeforeStart: number;
}

export interface ShortageGroupFigures extends ShortageFigures {
  /** Company key or ATC chapter letter; null for "not stated" / "no ATC code". */
  readonly key: string | null;
  readonly label: string;
}

export interface ShortageAnalysis {
  readonly groupBy: AnalysisGrouping | null;
  readonly overall: ShortageFigures;
  readonly groups: readonly ShortageGroupFigures[];
}

/**
 * Whether the first report came after the shortage had started (reported late), or null when a
 * date is missing. A report on the start day is on time.
 */
export function reportedAfterStart(
  shortage: Pick<ForeignShortage, 'startDate' | 'firstReportedOn'>,
): boolean | null {
  if (shortage.startDate === null || shortage.firstReportedOn === null) return null;
  return daysBetween(shortage.startDate, shortage.firstReportedOn) > 0;
}

/** Counts of a field's values, most frequent first (ties alphabetical, "not stated" last). */
export function countValues(values: readonly (string | null)[]): CountShare[] {
  const counts = new Map<string | null, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return [...counts.entries()]
    .map(([value, count]) => ({ value, count, share: count / values.length }))
    .sort(
      (a, b) =>
        b.count - a.count ||
        (a.value === null ? 1 : b.value === null ? -1 : a.value.localeCompare(b.value)),
    );
}

/** The figures of one set of shortages. */
export function computeShortageFigures(shortages: readonly AnalysedShortage[]): ShortageFigures {
  let late = 0;
  let known = 0;
  let endBeforeStart = 0;
  for (const shortage of shortages) {
    const isLate = reportedAfterStart(shortage);
    if (isLate !== null) {
      known++;
      if (isLate) late++;
    }
    if (
      shortage.startDate !== null &&
      shortage.endDate !== null &&
      shortage.endDate < shortage.startDate
    ) {
      endBeforeStart++;
    }
  }
  const closed = shortages.filter((shortage) => shortage.status === 'closed').length;
  return {
    shortages: shortages.length,
    active: shortages.length - closed,
    closed,
    closedDurationDays: summarizeDurations(durationsInDays(shortages, 'closed')),
    openExpectedDurationDays: summarizeDurations(durationsInDays(shortages, 'active')),
    reportedLate: { known, late, share: known === 0 ? null : late / known },
    reasonCategories: countValues(shortages.map((shortage) => shortage.reasonCategory)),
    reasons: countValues(shortages.map((shortage) => shortage.reason)),
    endBeforeStart,
  };
}

/** The ATC chapters (level 1) a shortage concerns; one shortage can concern several. */
export function shortageChapters(shortage: Pick<ForeignShortage, 'atcCodes'>): string[] {
  return [...new Set(shortage.atcCodes.map((code) => code.charAt(0)))].sort();
}

interface Group {
  readonly key: string | null;
  readonly members: AnalysedShortage[];
  readonly names: Map<string, number>;
}

function groupLabel(grouping: AnalysisGrouping, group: Group): string {
  if (grouping === 'chapter') {
    if (group.key === null) return 'no ATC code';
    return `${group.key} ${ATC_CHAPTER_NAMES[group.key]?.en ?? ''}`.trim();
  }
  if (group.key === null) return 'company not stated';
  // The most frequent spelling of the company's name.
  const [best] = [...group.names.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  return best?.[0] ?? group.key;
}

/**
 * The register's figures overall and, with a grouping, per company (by normalised name) or per
 * ATC chapter. A shortage naming codes of two chapters counts in both; one without ATC code
 * (BfArM's TERM_ID placeholders) in "no ATC code". Groups come largest first.
 */
export function analyseShortages(
  shortages: readonly AnalysedShortage[],
  groupBy?: AnalysisGrouping,
): ShortageAnalysis {
  const overall = computeShortageFigures(shortages);
  if (groupBy === undefined) return { groupBy: null, overall, groups: [] };
  const groups = new Map<string | null, Group>();
  const add = (key: string | null, shortage: AnalysedShortage) => {
    const group = groups.get(key) ?? { key, members: [], names: new Map<string, number>() };
    group.members.push(shortage);
    if (shortage.company !== null) {
      group.names.set(shortage.company, (group.names.get(shortage.company) ?? 0) + 1);
    }
    groups.set(key, group);
  };
  for (const shortage of shortages) {
    switch (groupBy) {
      case 'company':
        add(shortage.companyKey, shortage);
        break;
      case 'chapter': {
        const chapters = shortageChapters(shortage);
        if (chapters.length === 0) add(null, shortage);
        for (const chapter of chapters) add(chapter, shortage);
        break;
      }
      default: {
        const unexpected: never = groupBy;
        throw new Error(`unknown grouping ${String(unexpected)}`);
      }
    }
  }
  const rows = [...groups.values()].map((group) => ({
    key: group.key,
    label: groupLabel(groupBy, group),
    ...computeShortageFigures(group.members),
  }));
  rows.sort(
    (a, b) =>
      b.shortages - a.shortages ||
      (a.key === null ? 1 : b.key === null ? -1 : a.key.localeCompare(b.key)),
  );
  return { groupBy, overall, groups: rows };
}
