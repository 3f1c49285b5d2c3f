/**
 * Reading the foreign shortage registers: lists, one shortage with its chain, the analysis, and
 * the "short abroad" signal other capabilities ask for. The shortages (a few thousand) are read
 * once per data version and kept in memory; every selection and figure is a pure domain function.
 */
import type pg from 'pg';
import { parseAtcCode } from '../../kernel/atc.ts';
import { atcCodeExists } from '../../registry/index.ts';
import { UserFacingError, type ProblemDetail } from '../../kernel/errors.ts';
import {
  selectShortages,
  type SelectedShortage,
  type ShortageSelection,
} from '../domain/activity.ts';
import {
  analyseShortages,
  type AnalysisGrouping,
  type ShortageAnalysis,
} from '../domain/analysis.ts';
import { parseIsoDate } from '../domain/dates.ts';
import { durationsInDays } from '../domain/durations.ts';
import type {
  ForeignShortage,
  ForeignShortageDetail,
  IsoDate,
  ShortageSource,
  ShortageStatus,
} from '../domain/types.ts';
import {
  findShortageDetail,
  loadForeignShortages,
  loadLevel5CodesUnderLinkedGroups,
  loadShortageDataVersion,
  shortageAtcCodeExists,
} from '../store/shortage-read.store.ts';

export interface ShortageSnapshot {
  readonly dataVersion: string;
  readonly shortages: readonly ForeignShortage[];
  /** Level-5 codes the registry knows under the level-4 groups that shortages name. */
  readonly knownLevel5: ReadonlySet<string>;
}

const snapshots = new WeakMap<pg.Pool, Promise<ShortageSnapshot>>();

async function readSnapshot(pool: pg.Pool, dataVersion: string): Promise<ShortageSnapshot> {
  const [shortages, known] = await Promise.all([
    loadForeignShortages(pool),
    loadLevel5CodesUnderLinkedGroups(pool),
  ]);
  return { dataVersion, shortages, knownLevel5: new Set(known) };
}

/** Every shortage in its current state; re-read only when an import changed the data. */
export async function loadShortageSnapshot(pool: pg.Pool): Promise<ShortageSnapshot> {
  const dataVersion = await loadShortageDataVersion(pool);
  const cached = snapshots.get(pool);
  if (cached !== undefined && (await cached).dataVersion === dataVersion) return cached;
  const fresh = readSnapshot(pool, dataVersion);
  snapshots.set(pool, fresh);
  try {
    return await fresh;
  } catch (error) {
    snapshots.delete(pool);
    throw error;
  }
}

/** The ATC code and date of a request, checked together so every problem is named at once. */
export function parseSignalQuery(
  raw: { atc?: string | undefined; asOf?: string | undefined },
  pointers: { atc: string; asOf: string } = { atc: 'atc', asOf: 'asOf' },
): { atc?: string; asOf?: IsoDate } {
  const problems: ProblemDetail[] = [];
  let atc: string | undefined;
  let asOf: IsoDate | undefined;
  if (raw.atc !== undefined) {
    atc = parseAtcCode(raw.atc);
    if (atc === undefined) {
      problems.push({
        pointer: pointers.atc,
        code: 'MS_ATC_INVALID',
        detail: `"${raw.atc}" is not an ATC code (expected a code like J01CA04 or J01CA)`,
      });
    }
  }
  if (raw.asOf !== undefined) {
    asOf = parseIsoDate(raw.asOf);
    if (asOf === undefined) {
      problems.push({
        pointer: pointers.asOf,
        code: 'MS_REQUEST_INVALID',
        detail: `"${raw.asOf}" is not a calendar date YYYY-MM-DD`,
      });
    }
  }
  if (problems.length > 0) {
    throw new UserFacingError(
      problems.length === 1 && problems[0]?.code === 'MS_ATC_INVALID'
        ? 'MS_ATC_INVALID'
        : 'MS_REQUEST_INVALID',
      problems.map((problem) => problem.detail).join('; '),
      problems,
    );
  }
  return { ...(atc === undefined ? {} : { atc }), ...(asOf === undefined ? {} : { asOf }) };
}

export interface ShortageListQuery {
  readonly atc?: string;
  readonly source?: ShortageSource;
  readonly status?: ShortageStatus;
  /** YYYY-MM-DD: only shortages going on that day. */
  readonly activeOn?: string;
}

/** The shortages that meet the query, in store order (callers sort). */
export async function listForeignShortages(
  pool: pg.Pool,
  query: ShortageListQuery,
): Promise<SelectedShortage[]> {
  const { atc, asOf } = parseSignalQuery(
    { atc: query.atc, asOf: query.activeOn },
    { atc: '/querystring/atc', asOf: '/querystring/activeOn' },
  );
  const snapshot = await loadShortageSnapshot(pool);
  const selection: ShortageSelection = {
    ...(atc === undefined ? {} : { atc }),
    ...(query.source === undefined ? {} : { source: query.source }),
    ...(query.status === undefined ? {} : { status: query.status }),
    ...(asOf === undefined ? {} : { activeOn: asOf }),
  };
  return selectShortages(snapshot.shortages, selection, snapshot.knownLevel5);
}

/** One shortage with its chain of reports, packs and ATC links (never contact data). */
export async function getForeignShortage(
  pool: pg.Pool,
  id: number,
): Promise<ForeignShortageDetail> {
  const detail = await findShortageDetail(pool, id);
  if (detail === undefined) {
    throw new UserFacingError('MS_SIGNALS_SHORTAGE_NOT_FOUND', `no foreign shortage with id ${id}`);
  }
  return detail;
}

export interface ForeignShortageSignalOptions {
  /** One register only (default: all). */
  readonly source?: ShortageSource;
  /**
   * Only shortages first reported on or before asOf, so a backtest knows nothing a report made
   * later told (default false: every shortage going on at asOf, as the registers show it now).
   */
  readonly reportedByAsOf?: boolean;
}

/**
 * "Short abroad": the foreign shortages of an ATC code going on at `asOf` (start <= asOf <= end,
 * not closed by a report dated before asOf), latest start first. For a level-5 code, a shortage
 * written against its level-4 group counts too (match "group"), when the registry knows the
 * code. Triage and the substance page call this; the date is a parameter, never the clock.
 */
export async function foreignShortagesFor(
  pool: pg.Pool,
  atc: string,
  asOf: string,
  options: ForeignShortageSignalOptions = {},
): Promise<SelectedShortage[]> {
  const parsed = parseSignalQuery({ atc, asOf });
  const snapshot = await loadShortageSnapshot(pool);
  const rows = selectShortages(
    snapshot.shortages,
    {
      ...(parsed.atc === undefined ? {} : { atc: parsed.atc }),
      ...(parsed.asOf === undefined ? {} : { activeOn: parsed.asOf }),
      ...(options.source === undefined ? {} : { source: options.source }),
      ...(options.reportedByAsOf === true && parsed.asOf !== undefined
        ? { reportedBy: parsed.asOf }
        : {}),
    },
    snapshot.knownLevel5,
  );
  return rows.sort((a, b) => (b.startDate ?? '').localeCompare(a.startDate ?? '') || a.id - b.id);
}

/** The register's analysis: durations, causes, late reports; overall and per group. */
export async function analyseForeignShortages(
  pool: pg.Pool,
  options: { source?: ShortageSource; groupBy?: AnalysisGrouping } = {},
): Promise<ShortageAnalysis & { source: ShortageSource }> {
  const source = options.source ?? 'bfarm';
  const snapshot = await loadShortageSnapshot(pool);
  const shortages = snapshot.shortages.filter((shortage) => shortage.source === source);
  return { source, ...analyseShortages(shortages, options.groupBy) };
}

/**
 * The durations in days (start to end, ascending) of a register's shortages: closed ones (real
 * durations, default) or active ones (expected). The input for "what share of shortages would a
 * stock of N weeks absorb" (shareLastingAtMost).
 */
export async function shortageDurations(
  pool: pg.Pool,
  options: { source?: ShortageSource; status?: ShortageStatus } = {},
): Promise<number[]> {
  const snapshot = await loadShortageSnapshot(pool);
  return durationsInDays(
    snapshot.shortages.filter((shortage) => shortage.source === (options.source ?? 'bfarm')),
    options.status ?? 'closed',
  );
}

/**
 * A substance page's foreign shortages: with activeOn those going on that day
 * (foreignShortagesFor), else all of them, latest start first. The code must be a level-5 code
 * that the registry or a shortage register knows.
 */
export async function foreignShortagesOfSubstance(
  pool: pg.Pool,
  rawAtc: string,
  options: { activeOn?: string; source?: ShortageSource } = {},
): Promise<{ atc: string; activeOn: IsoDate | null; items: SelectedShortage[] }> {
  const problems: ProblemDetail[] = [];
  const atc = parseAtcCode(rawAtc, 5);
  if (atc === undefined) {
    problems.push({
      pointer: '/params/atc',
      code: 'MS_ATC_INVALID',
      detail: `"${rawAtc}" is not an ATC level-5 code (expected a code like J01CA04)`,
    });
  }
  const activeOn = options.activeOn === undefined ? undefined : parseIsoDate(options.activeOn);
  if (options.activeOn !== undefined && activeOn === undefined) {
    problems.push({
      pointer: '/querystring/activeOn',
      code: 'MS_REQUEST_INVALID',
      detail: `"${options.activeOn}" is not a calendar date YYYY-MM-DD`,
    });
  }
  if (atc === undefined || problems.length > 0) {
    throw new UserFacingError(
      problems.length === 1 && atc === undefined ? 'MS_ATC_INVALID' : 'MS_REQUEST_INVALID',
      problems.map((problem) => problem.detail).join('; '),
      problems,
    );
  }
  if (!(await atcCodeExists(pool, atc)) && !(await shortageAtcCodeExists(pool, atc))) {
    throw new UserFacingError('MS_ATC_NOT_FOUND', `no substance with ATC code ${atc}`);
  }
  const sourceOption = options.source === undefined ? {} : { source: options.source };
  const items =
    activeOn === undefined
      ? (await listForeignShortages(pool, { atc, ...sourceOption })).sort(
          (a, b) => (b.startDate ?? '').localeCompare(a.startDate ?? '') || a.id - b.id,
        )
      : await foreignShortagesFor(pool, atc, activeOn, sourceOption);
  return { atc, activeOn: activeOn ?? null, items };
}
