/**
 * `medsupply compliance`, `medsupply cover`, and the stock and demand CSV imports
 * (`medsupply import stock|demand <file>`), run by the operator as the system actor (admin).
 */
import { basename } from 'node:path';
import { systemActor } from '../kernel/actor.ts';
import { parseCommandArgs, parseFormat, UsageError, type CliContext } from '../platform/cli-kit.ts';
import { formatCsv, formatJson, formatTable, type OutputFormat } from '../platform/output.ts';
import { addDays, isIsoDate } from './domain/dates.ts';
import { COMPLIANCE_COLUMNS, COVER_COLUMNS } from './report-columns.ts';
import { COVER_LEVELS, coverReport, type CoverLevel } from './services/analytics.service.ts';
import { nonComplianceReport } from './services/compliance.service.ts';
import { importDemandCsv, importStockCsv, type UploadReport } from './services/submit.service.ts';

export const COMPLIANCE_USAGE =
  'usage: medsupply compliance [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--format table|json|csv]';
export const COVER_USAGE =
  'usage: medsupply cover [--as-of YYYY-MM-DD] [--level pack|product|substance] [--format table|json|csv]';

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

function dateFlag(
  value: string | undefined,
  flag: string,
  fallback: string,
  usage: string,
): string {
  if (value === undefined) return fallback;
  if (!isIsoDate(value))
    throw new UsageError(
      `${flag} must be a date YYYY-MM-DD, not ${JSON.stringify(value)}\n${usage}`,
    );
  return value;
}

function write(
  context: CliContext,
  format: OutputFormat,
  text: { table: () => string; csv: () => string; json: () => unknown },
): void {
  if (format === 'json') context.stdout.write(formatJson(text.json()));
  else if (format === 'csv') context.stdout.write(text.csv());
  else context.stdout.write(text.table());
}

/**
 * `medsupply compliance`: holders and products below the stock obligation, or not reporting, on
 * some day of the period (default the 12 weeks up to today).
 */
export async function runComplianceCommand(
  context: CliContext,
  args: readonly string[],
): Promise<number> {
  const { values } = parseCommandArgs(args, {
    from: { type: 'string' },
    to: { type: 'string' },
    format: { type: 'string' },
  });
  const to = dateFlag(values.to, '--to', today(), COMPLIANCE_USAGE);
  const from = dateFlag(values.from, '--from', addDays(to, -83), COMPLIANCE_USAGE);
  const format = parseFormat(values.format);
  const database = await context.openDatabase();
  const report = await nonComplianceReport(database.pool, { from, to, asOf: today() });
  for (const warning of report.warnings) context.stderr.write(`warning: ${warning}\n`);
  write(context, format, {
    json: () => report,
    csv: () => formatCsv(report.items, COMPLIANCE_COLUMNS),
    table: () =>
      formatTable(
        report.items,
        COMPLIANCE_COLUMNS.filter((c) => !c.header.endsWith('_id')),
      ) +
      `${report.items.length} holder-product pairs below the obligation or not reporting between ${from} and ${to}\n`,
  });
  return 0;
}

/** `medsupply cover`: national cover in weeks per pack, product or substance, lowest first. */
export async function runCoverCommand(
  context: CliContext,
  args: readonly string[],
): Promise<number> {
  const { values } = parseCommandArgs(args, {
    'as-of': { type: 'string' },
    level: { type: 'string' },
    format: { type: 'string' },
  });
  const asOf = dateFlag(values['as-of'], '--as-of', today(), COVER_USAGE);
  const level = values.level ?? 'pack';
  if (!(COVER_LEVELS as readonly string[]).includes(level)) {
    throw new UsageError(`--level must be one of ${COVER_LEVELS.join(', ')}, not "${level}"`);
  }
  const format = parseFormat(values.format);
  const database = await context.openDatabase();
  const rows = await coverReport(database.pool, { asOf, level: level as CoverLevel });
  write(context, format, {
    json: () => rows,
    csv: () => formatCsv(rows, COVER_COLUMNS),
    table: () =>
      formatTable(
        rows,
        COVER_COLUMNS.filter((c) => c.header !== 'level'),
      ),
  });
  return 0;
}

function printUpload(context: CliContext, kind: string, report: UploadReport): number {
  for (const row of report.rejected.slice(0, 50)) {
    context.stderr.write(`${row.file}:${row.line}: ${row.reason}\n`);
  }
  if (report.rejected.length > 50) {
    context.stderr.write(`... and ${report.rejected.length - 50} more rejected rows\n`);
  }
  if (!report.loaded) {
    context.stderr.write(
      `${kind}: ${report.file}: ${report.rowsRejected} of ${report.rowsRead} rows have errors; nothing was loaded\n`,
    );
    return 1;
  }
  context.stdout.write(
    `${kind}: ${report.file}: ${report.rowsImported} reports loaded` +
      (report.summary?.from === undefined || report.summary.from === null
        ? '\n'
        : ` (${report.summary.from} to ${report.summary.to ?? ''}, ${report.summary.packs} packs, ${report.summary.holders} holders)\n`),
  );
  return 0;
}

/** `medsupply import stock <file>`: a stock CSV for any holder, all or nothing. */
export async function runStockImport(context: CliContext, path: string): Promise<number> {
  const database = await context.openDatabase();
  const report = await importStockCsv(database.pool, systemActor(context.actor), path, {
    asOf: today(),
    displayName: basename(path),
  });
  return printUpload(context, 'stock', report);
}

/** `medsupply import demand <file>`: a demand CSV for any reporter, all or nothing. */
export async function runDemandImport(context: CliContext, path: string): Promise<number> {
  const database = await context.openDatabase();
  const report = await importDemandCsv(database.pool, systemActor(context.actor), path, {
    asOf: today(),
    displayName: basename(path),
  });
  return printUpload(context, 'demand', report);
}
