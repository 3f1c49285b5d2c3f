/**
 * "Short abroad": which foreign shortages were going on at a date, and which of them concern an
 * ATC code. The date is always a parameter, so a past day's answer can be recomputed exactly.
 */
import { atcLevel } from '../../kernel/atc.ts';
import type { ForeignShortage, IsoDate, ShortageSource, ShortageStatus } from './types.ts';

/**
 * Whether a shortage was going on at `asOf`: it had started (start <= asOf), had not ended
 * (asOf <= end, when an end is known) and was not closed by a closing report dated before asOf.
 */
export function isActiveOn(
  shortage: Pick<ForeignShortage, 'startDate' | 'endDate' | 'closedOn'>,
  asOf: IsoDate,
): boolean {
  if (shortage.startDate === null || shortage.startDate > asOf) return false;
  if (shortage.endDate !== null && shortage.endDate < asOf) return false;
  return shortage.closedOn === null || shortage.closedOn >= asOf;
}

/**
 * Whether the shortage had been reported by `asOf` (first report on or before it): what a signal
 * computed that day could have known. Without a first-report date, the report date counts.
 */
export function isReportedBy(
  shortage: Pick<ForeignShortage, 'firstReportedOn' | 'reportedOn' | 'startDate'>,
  asOf: IsoDate,
): boolean {
  return (shortage.firstReportedOn ?? shortage.startDate ?? shortage.reportedOn) <= asOf;
}

/**
 * How a shortage's ATC links concern a code: exact (the code itself, or for a code above level 5
 * any code under it), group (a level-4 link above a level-5 code that the registry knows).
 */
export type AtcMatch = 'exact' | 'group';

export interface AtcMatchResult {
  readonly match: AtcMatch;
  /** The link that matched. */
  readonly via: string;
}

/**
 * How the links concern `atc`, or undefined when they do not. A level-4 link (BfArM writes some
 * shortages against a group such as B05BA) matches the level-5 codes under it that
 * `knownLevel5` holds (the registry's atc_code), never codes it has not heard of.
 */
export function matchAtc(
  links: readonly string[],
  atc: string,
  knownLevel5: ReadonlySet<string>,
): AtcMatchResult | undefined {
  const level = atcLevel(atc);
  if (level === undefined) return undefined;
  const exact = links.find((link) => (level === 5 ? link === atc : link.startsWith(atc)));
  if (exact !== undefined) return { match: 'exact', via: exact };
  if (level === 5 && knownLevel5.has(atc)) {
    const group = links.find((link) => link.length === 5 && atc.startsWith(link));
    if (group !== undefined) return { match: 'group', via: group };
  }
  return undefined;
}

/** Which shortages a list or a signal asks for; every criterion is optional. */
export interface ShortageSelection {
  /** An ATC code of any level: that code, the codes under it, and (level 5) its level-4 group. */
  readonly atc?: string;
  readonly source?: ShortageSource;
  /** The current status: closed once the latest report is a closing one. */
  readonly status?: ShortageStatus;
  /** Going on at this date (see isActiveOn). */
  readonly activeOn?: IsoDate;
  /** Reported on or before this date (see isReportedBy): no hindsight in a backtest. */
  readonly reportedBy?: IsoDate;
}

export interface SelectedShortage extends ForeignShortage {
  /** How the shortage concerns the selection's ATC code; null without an ATC criterion. */
  readonly match: AtcMatch | null;
  /** The ATC link that matched. */
  readonly matchedVia: string | null;
}

/** The shortages that meet every criterion of the selection, in their given order. */
export function selectShortages(
  shortages: readonly ForeignShortage[],
  selection: ShortageSelection,
  knownLevel5: ReadonlySet<string>,
): SelectedShortage[] {
  const selected: SelectedShortage[] = [];
  for (const shortage of shortages) {
    if (selection.source !== undefined && shortage.source !== selection.source) continue;
    if (selection.status !== undefined && shortage.status !== selection.status) continue;
    if (selection.activeOn !== undefined && !isActiveOn(shortage, selection.activeOn)) continue;
    if (selection.reportedBy !== undefined && !isReportedBy(shortage, selection.reportedBy)) {
      continue;
    }
    if (selection.atc === undefined) {
      selected.push({ ...shortage, match: null, matchedVia: null });
      continue;
    }
    const match = matchAtc(shortage.atcCodes, selection.atc, knownLevel5);
    if (match !== undefined)
      selected.push({ ...shortage, match: match.match, matchedVia: match.via });
  }
  return selected;
}
