/**
 * `medsupply import bfarm-shortages <file>`, `medsupply import fda-shortages <file>` and
 * `medsupply shortages-analysis [--source bfarm|fda] [--group-by company|chapter]
 * [--format table|json|csv]`.
 */
import { basename } from 'node:path';
import { UserFacingError } from '../kernel/errors.ts';
import { parseCommandArgs, parseFormat, UsageError, type CliContext } from '../platform/cli-kit.ts';
import { round, type Column, type OutputFormat, formatListing } from '../platform/output.ts';
import { createProgressBar } from '../platform/progress.ts';
import {
  ANALYSIS_GROUPINGS,
  type AnalysisGrouping,
  type ShortageFigures,
  type ShortageGroupFigures,
} from './domain/analysis.ts';
import { isShortageSource, type ShortageSource } from './domain/types.ts';
import {
  ensureShortageReferenceData,
  importShortageFile,
  type ShortageImportReport,
} from './services/import.service.ts';
import { analyseForeignShortages } from './services/query.service.ts';

export {
  ensureShortageReferenceData,
  importShortageReferenceData,
} from './services/import.service.ts';

/** The CLI's names for the shortage registers, as `medsupply import <name> <file>` takes them. */
export const SHORTAGE_IMPORT_NAMES: Readonly<Record<string, ShortageSource>> = {
  'bfarm-shortages': 'bfarm',
  'fda-shortages': 'fda',
};

export const SHORTAGE_IMPORT_USAGE =
  'usage: medsupply import <bfarm-shortages|fda-shortages> <file>';

export const SHORTAGES_ANALYSIS_USAGE =
  'usage: medsupply shortages-analysis [--source bfarm|fda] [--group-by company|chapter] [--format table|json|csv]';

/** How many bad rows to print before summarising the rest. */
const REJECTED_SHOWN = 50;

export function printShortageImportReport(
  context: Pick<CliContext, 'stdout' | 'stderr'>,
  report: ShortageImportReport,
): void {
  for (const row of report.rejected.slice(0, REJECTED_SHOWN)) {
    context.stderr.write(`${row.file}:${row.line}: ${row.reason}\n`);
  }
  if (report.rejected.length > REJECTED_SHOWN) {
    context.stderr.write(
      `... and ${report.rejected.length - REJECTED_SHOWN} more rejected rows (all are kept in the import record)\n`,
    );
  }
  if (report.unmatchedSubstances.length > 0) {
    context.stderr.write(
      `${report.file}: ${report.unmatchedSubstances.length} substance names match no English name in the registry: ` +
        report.unmatchedSubstances
          .slice(0, 20)
          .map((entry) => `${entry.name} (${entry.records})`)
          .join(', ') +
        (report.unmatchedSubstances.length > 20 ? ', …' : '') +
        '\n',
    );
  }
  context.stdout.write(
    `${report.source}-shortages: ${report.file}: ${report.rowsRead} rows read, ${report.rowsImported} imported, ` +
      `${report.rowsRejected} rejected; ${report.reports} reports (${report.reportsNew} new, ` +
      `${report.reportsUpdated} updated, ${report.reportsUnchanged} unchanged) in ${report.shortages} shortages ` +
      `(${report.shortagesNew} new)\n`,
  );
}

/**
 * `medsupply import bfarm-shortages <file>` / `import fda-shortages <file>`: args are what follows
 * `import` (the register's name first).
 */
export async function runShortageImportCommand(
  context: CliContext,
  args: readonly string[],
): Promise<number> {
  const { positionals } = parseCommandArgs(args, {}, true);
  const [name, path, ...extra] = positionals;
  if (name === undefined || path === undefined || extra.length > 0) {
    throw new UsageError(SHORTAGE_IMPORT_USAGE);
  }
  const source = SHORTAGE_IMPORT_NAMES[name];
  if (source === undefined) {
    throw new UserFacingError(
      'MS_IMPORT_UNKNOWN_REGISTER',
      `unknown shortage register "${name}"; expected one of ${Object.keys(SHORTAGE_IMPORT_NAMES).join(', ')}`,
    );
  }
  const database = await context.openDatabase();
  const bar = createProgressBar(
    `import ${name} ${basename(path)}`,
    context.stderr as NodeJS.WriteStream,
  );
  try {
    const report = await importShortageFile(database.pool, source, path, {
      actor: context.actor,
      onProgress: (done, total) => {
        bar.update(done, total);
      },
    });
    bar.finish();
    printShortageImportReport(context, report);
  } catch (error) {
    bar.finish();
    throw error;
  }
  return 0;
}

function parseGrouping(value: string | undefined): AnalysisGrouping | undefined {
  if (value === undefined) return undefined;
  if (!(ANALYSIS_GROUPINGS as readonly string[]).includes(value)) {
    throw new UsageError(
      `--group-by must be one of ${ANALYSIS_GROUPINGS.join(', ')}, not "${value}"`,
    );
  }
  return value as AnalysisGrouping;
}

function parseShortageSource(value: string | undefined): ShortageSource {
  const source = value ?? 'bfarm';
  if (!isShortageSource(source)) {
    throw new UsageError(`--source must be bfarm or fda, not "${source}"`);
  }
  return source;
}

type FigureRow = ShortageFigures & { key: string | null; label: string };

const days = (value: number | null) => (value === null ? null : round(value, 1));
const percent = (value: number | null) => (value === null ? null : round(value * 100, 1));

const FIGURE_COLUMNS: readonly Column<FigureRow>[] = [
  { header: 'group', value: (r) => r.label },
  { header: 'shortages', value: (r) => r.shortages, numeric: true },
  { header: 'closed', value: (r) => r.closed, numeric: true },
  { header: 'median days', value: (r) => days(r.closedDurationDays.median), numeric: true },
  { header: 'q1', value: (r) => days(r.closedDurationDays.q1), numeric: true },
  { header: 'q3', value: (r) => days(r.closedDurationDays.q3), numeric: true },
  { header: 'active', value: (r) => r.active, numeric: true },
  {
    header: 'expected median days',
    value: (r) => days(r.openExpectedDurationDays.median),
    numeric: true,
  },
  { header: 'late %', value: (r) => percent(r.reportedLate.share), numeric: true },
  { header: 'top reason', value: (r) => r.reasons[0]?.value ?? null },
];

function emit(
  context: CliContext,
  format: OutputFormat,
  rows: readonly FigureRow[],
  json: () => unknown,
): void {
  context.stdout.write(formatListing(format, rows, FIGURE_COLUMNS, json));
}

/** `medsupply shortages-analysis`: durations, late first reports and causes of a register. */
export async function runShortagesAnalysisCommand(
  context: CliContext,
  args: readonly string[],
): Promise<number> {
  const { values } = parseCommandArgs(args, {
    source: { type: 'string' },
    'group-by': { type: 'string' },
    format: { type: 'string' },
  });
  const source = parseShortageSource(values.source);
  const groupBy = parseGrouping(values['group-by']);
  const format = parseFormat(values.format);
  const database = await context.openDatabase();
  await ensureShortageReferenceData(database.pool, {
    actor: context.actor,
    log: (line) => context.stderr.write(`${line}\n`),
  });
  const analysis = await analyseForeignShortages(database.pool, {
    source,
    ...(groupBy === undefined ? {} : { groupBy }),
  });
  const overall: FigureRow = { key: null, label: 'all', ...analysis.overall };
  const rows: FigureRow[] = [
    overall,
    ...analysis.groups.map((group: ShortageGroupFigures) => group),
  ];
  if (format === 'table') {
    const { overall: o } = analysis;
    context.stdout.write(
      `${source}: ${o.shortages} shortages, ${o.closed} closed (median ${days(o.closedDurationDays.median) ?? '-'} days, ` +
        `quartiles ${days(o.closedDurationDays.q1) ?? '-'}–${days(o.closedDurationDays.q3) ?? '-'}), ${o.active} active; ` +
        `${percent(o.reportedLate.share) ?? '-'}% first reported after the start (${o.reportedLate.late} of ${o.reportedLate.known})\n\n`,
    );
  }
  emit(context, format, rows, () => analysis);
  return 0;
}
