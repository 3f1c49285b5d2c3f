/**
 * Importing a foreign shortage register file: read and map it (bad rows reported as file:line:
 * reason), then merge its reports into the database in one transaction, so a file that fails as a
 * whole leaves nothing half-written and importing a file twice gives the same database.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type pg from 'pg';
import type { AtcCode } from '../../kernel/atc.ts';
import { REFERENCE_DATA_DIR } from '../../registry/index.ts';
import { UserFacingError } from '../../kernel/errors.ts';
import { normalizeName } from '../../kernel/text.ts';
import { appendAudit, type AuditEntry } from '../../platform/audit.ts';
import { readCsvRecords } from '../../platform/csv-records.ts';
import { inTransaction } from '../../platform/database.ts';
import { companyKey } from '../domain/company-names.ts';
import type { RejectedRow, ShortageReportInput, ShortageSource } from '../domain/types.ts';
import {
  BFARM_DELIMITER,
  BFARM_REQUIRED_COLUMNS,
  groupBfarmRows,
  mapBfarmShortageRow,
  type BfarmShortageRow,
} from '../ingest/bfarm-shortages/bfarm-shortages.ingest.ts';
import {
  mapFdaRecord,
  parseFdaShortagesDocument,
  type SubstanceNameIndex,
} from '../ingest/fda-shortages/fda-shortages.ingest.ts';
import {
  countShortageImports,
  importedShortageFileHashes,
  loadEnglishSubstanceNames,
  writeShortageImport,
  type ReportWrite,
} from '../store/shortage-import.store.ts';

export interface ShortageImportOptions {
  /** Who imports, for the audit log ("cli:alice", or a user's Actor). */
  readonly actor: AuditEntry['actor'];
  readonly onProgress?: (bytesRead: number, totalBytes: number) => void;
  /** Name of the file in messages and provenance (default: its base name). */
  readonly displayName?: string;
}

export interface ShortageImportReport {
  readonly source: ShortageSource;
  readonly file: string;
  readonly sha256: string;
  /** CSV data rows (BfArM) or `results` records (FDA) read. */
  readonly rowsRead: number;
  readonly rowsImported: number;
  readonly rowsRejected: number;
  /** Reports (BfArM notifications) in the file, and what the merge did with them. */
  readonly reports: number;
  readonly reportsNew: number;
  readonly reportsUpdated: number;
  readonly reportsUnchanged: number;
  /** Distinct shortages (chains) in the file, and how many the database did not have yet. */
  readonly shortages: number;
  readonly shortagesNew: number;
  readonly rejected: readonly RejectedRow[];
  /** FDA: substance names that matched no English name in the registry, with their records. */
  readonly unmatchedSubstances: readonly { name: string; records: number }[];
}

function actorName(actor: AuditEntry['actor']): string {
  return typeof actor === 'string' ? actor : actor.name;
}

async function readWholeFile(path: string, file: string): Promise<Buffer> {
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new Error('not a file');
    return await readFile(path);
  } catch {
    throw new UserFacingError(
      'MS_IMPORT_FILE_NOT_FOUND',
      `${file}: no such file, or it cannot be read`,
    );
  }
}

function sha256Of(content: Buffer | string): string {
  return createHash('sha256').update(content).digest('hex');
}

/** A hash of what a report says, without where it stood in its file. */
export function reportContentHash(report: ShortageReportInput): string {
  return sha256Of(
    JSON.stringify({
      ...report,
      line: undefined,
      packs: report.packs.map((pack) => ({ pzn: pack.pzn, enr: pack.enr, ndc: pack.ndc })),
    }),
  );
}

function noUsableRows(file: string, rejected: readonly RejectedRow[], rowsRead: number): never {
  const first = rejected.slice(0, 5).map((row) => `${row.file}:${row.line}: ${row.reason}`);
  throw new UserFacingError(
    'MS_IMPORT_NO_VALID_ROWS',
    rowsRead === 0
      ? `${file}:2: the file has a header but no data rows`
      : `${file}: none of its ${rowsRead} rows could be imported; nothing was imported. First problems:\n  ${first.join('\n  ')}`,
    rejected.slice(0, 100).map((row) => ({
      pointer: `${row.file}:${row.line}`,
      code: 'MS_IMPORT_BAD_ROW' as const,
      detail: row.reason,
    })),
  );
}

async function writeReports(
  pool: pg.Pool,
  source: ShortageSource,
  file: string,
  sha256: string,
  read: { rowsRead: number; rowsImported: number; rejected: RejectedRow[] },
  reports: readonly ShortageReportInput[],
  options: ShortageImportOptions,
  unmatchedSubstances: ShortageImportReport['unmatchedSubstances'] = [],
): Promise<ShortageImportReport> {
  const writes: ReportWrite[] = reports.map((report) => ({
    ...report,
    companyKey: report.company === null ? null : companyKey(report.company),
    contentHash: reportContentHash(report),
  }));
  return inTransaction(pool, async (client) => {
    const merged = await writeShortageImport(client, {
      source,
      file,
      sha256,
      actor: actorName(options.actor),
      rowsRead: read.rowsRead,
      rowsImported: read.rowsImported,
      rejected: read.rejected,
      reports: writes,
    });
    const report: ShortageImportReport = {
      source,
      file,
      sha256,
      rowsRead: read.rowsRead,
      rowsImported: read.rowsImported,
      rowsRejected: read.rejected.length,
      reports: reports.length,
      shortages: new Set(reports.map((r) => r.shortageKey)).size,
      ...merged,
      rejected: read.rejected,
      unmatchedSubstances,
    };
    await appendAudit(client, {
      actor: options.actor,
      action: 'import',
      entity: 'foreign_shortage_register',
      entityId: source,
      after: { ...report, rejected: read.rejected.length },
    });
    return report;
  });
}

/**
 * Imports a BfArM Lieferengpass export (the current list or the full history). Reports are merged
 * by Bearbeitungsnummer: a later file replaces a report only with a version of a later report
 * date (or the same date and other content), and each shortage shows its latest report.
 */
export async function importBfarmShortages(
  pool: pg.Pool,
  path: string,
  options: ShortageImportOptions,
): Promise<ShortageImportReport> {
  const file = options.displayName ?? basename(path);
  const sha256 = sha256Of(await readWholeFile(path, file));
  const rows: BfarmShortageRow[] = [];
  const rejected: RejectedRow[] = [];
  let rowsRead = 0;
  for await (const record of readCsvRecords(path, {
    delimiter: BFARM_DELIMITER,
    requiredColumns: BFARM_REQUIRED_COLUMNS,
    displayName: file,
    ...(options.onProgress === undefined ? {} : { onProgress: options.onProgress }),
  })) {
    rowsRead++;
    if (record.fieldCountProblem !== undefined) {
      rejected.push({ file, line: record.line, reason: `the row ${record.fieldCountProblem}` });
      continue;
    }
    const outcome = mapBfarmShortageRow(record.fields, record.line);
    if (outcome.kind === 'rejected') {
      rejected.push({ file, line: record.line, reason: outcome.reason });
    } else {
      rows.push(outcome.row);
    }
  }
  const grouped = groupBfarmRows(rows);
  for (const row of grouped.rejected) rejected.push({ file, ...row });
  rejected.sort((a, b) => a.line - b.line);
  if (grouped.reports.length === 0) noUsableRows(file, rejected, rowsRead);
  return writeReports(
    pool,
    'bfarm',
    file,
    sha256,
    { rowsRead, rowsImported: rowsRead - rejected.length, rejected },
    grouped.reports,
    options,
  );
}

function nameIndex(names: readonly { atc: string; name: string }[]): SubstanceNameIndex {
  const index = new Map<string, AtcCode[]>();
  for (const { atc, name } of names) {
    const key = normalizeName(name);
    if (key === '') continue;
    const codes = index.get(key) ?? [];
    if (!codes.includes(atc as AtcCode)) codes.push(atc as AtcCode);
    index.set(key, codes);
  }
  return index;
}

function decodeText(content: Buffer, file: string): string {
  const nul = content.indexOf(0);
  const lineOf = (end: number) => {
    let line = 1;
    for (let index = 0; index < end; index++) if (content[index] === 10) line++;
    return line;
  };
  if (nul !== -1) {
    throw new UserFacingError(
      'MS_IMPORT_BINARY_FILE',
      `${file}:${lineOf(nul)}: the file contains a NUL byte; expected a UTF-8 text JSON file`,
    );
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(content).replace(/^\uFEFF/, '');
  } catch {
    throw new UserFacingError(
      'MS_IMPORT_BINARY_FILE',
      `${file}:1: the file contains bytes that are not UTF-8 text; expected a UTF-8 text JSON file`,
    );
  }
}

/**
 * Imports an openFDA drug shortages JSON document. Records are linked to substances by their
 * openFDA substance names (else the generic name) matching an English name in the registry
 * exactly (normalised); the names that match none are listed in the report.
 */
export async function importFdaShortages(
  pool: pg.Pool,
  path: string,
  options: ShortageImportOptions,
): Promise<ShortageImportReport> {
  const file = options.displayName ?? basename(path);
  const content = await readWholeFile(path, file);
  if (content.length === 0) {
    throw new UserFacingError('MS_IMPORT_EMPTY_FILE', `${file}:1: the file is empty`);
  }
  options.onProgress?.(content.length, content.length);
  const document = parseFdaShortagesDocument(decodeText(content, file), file);
  const names = nameIndex(await loadEnglishSubstanceNames(pool));
  const reports = new Map<string, ShortageReportInput>();
  const rejected: RejectedRow[] = [];
  const unmatched = new Map<string, number>();
  for (const record of document.records) {
    const outcome = mapFdaRecord(record.value, record.line, names);
    if (outcome.kind === 'rejected') {
      rejected.push({
        file,
        line: record.line,
        reason: `results[${record.index}]: ${outcome.reason}`,
      });
      continue;
    }
    const earlier = reports.get(outcome.report.reportNumber);
    if (earlier !== undefined) {
      rejected.push({
        file,
        line: record.line,
        reason: `results[${record.index}]: repeats the record on line ${earlier.line} (same drug, company, presentation and update date)`,
      });
      continue;
    }
    reports.set(outcome.report.reportNumber, outcome.report);
    for (const name of outcome.unmatched) unmatched.set(name, (unmatched.get(name) ?? 0) + 1);
  }
  if (reports.size === 0) noUsableRows(file, rejected, document.records.length);
  return writeReports(
    pool,
    'fda',
    file,
    sha256Of(content),
    {
      rowsRead: document.records.length,
      rowsImported: reports.size,
      rejected,
    },
    [...reports.values()],
    options,
    [...unmatched.entries()]
      .map(([name, records]) => ({ name, records }))
      .sort((a, b) => b.records - a.records || a.name.localeCompare(b.name)),
  );
}

export async function importShortageFile(
  pool: pg.Pool,
  source: ShortageSource,
  path: string,
  options: ShortageImportOptions,
): Promise<ShortageImportReport> {
  return source === 'bfarm'
    ? importBfarmShortages(pool, path, options)
    : importFdaShortages(pool, path, options);
}

/** Where each register's files lie in a folder laid out like data/reference. */
export const SHORTAGE_FOLDERS: Record<ShortageSource, { folder: string; extension: string }> = {
  bfarm: { folder: 'bfarm-shortages', extension: '.csv' },
  fda: { folder: 'fda-shortages', extension: '.json' },
};

export interface ShortageFolderImportResult {
  readonly reports: readonly ShortageImportReport[];
  /** Files whose content was imported before (only with skipUnchanged). */
  readonly unchanged: readonly string[];
}

/**
 * Imports every shortage file in a folder laid out like data/reference (bfarm-shortages/*.csv,
 * fda-shortages/*.json): a history file first, then the others by name. The order does not change
 * the result (see importBfarmShortages); it only keeps the history's provenance for the reports
 * both files hold. With skipUnchanged, a file imported before is not read again.
 */
export async function importShortageFolder(
  pool: pg.Pool,
  folder: string,
  options: ShortageImportOptions & {
    skipUnchanged?: boolean;
    onFile?: (source: ShortageSource, path: string) => void;
  },
): Promise<ShortageFolderImportResult> {
  const reports: ShortageImportReport[] = [];
  const unchanged: string[] = [];
  for (const source of ['bfarm', 'fda'] as const) {
    const { folder: sub, extension } = SHORTAGE_FOLDERS[source];
    const dir = join(folder, sub);
    if (!existsSync(dir)) continue;
    const files = readdirSync(dir)
      .filter((name) => name.endsWith(extension))
      .sort(
        (a, b) =>
          Number(b.includes('history')) - Number(a.includes('history')) || a.localeCompare(b),
      );
    const known =
      options.skipUnchanged === true
        ? await importedShortageFileHashes(pool, source)
        : new Set<string>();
    for (const name of files) {
      const path = join(dir, name);
      if (known.size > 0 && known.has(sha256Of(await readWholeFile(path, name)))) {
        unchanged.push(`${sub}/${name}`);
        continue;
      }
      options.onFile?.(source, path);
      reports.push(
        await importShortageFile(pool, source, path, {
          actor: options.actor,
          ...(options.onProgress === undefined ? {} : { onProgress: options.onProgress }),
        }),
      );
    }
  }
  return { reports, unchanged };
}

/**
 * Imports the shortage files shipped in data/reference (bfarm-shortages/: the history, then the
 * newer export); a file imported before, unchanged, is not read again.
 */
export async function importShortageReferenceData(
  pool: pg.Pool,
  options: ShortageImportOptions & { onFile?: (source: ShortageSource, path: string) => void },
): Promise<ShortageFolderImportResult> {
  return importShortageFolder(pool, REFERENCE_DATA_DIR, { ...options, skipUnchanged: true });
}

/** Loads the shipped shortage files when the database has none yet (a first analysis run). */
export async function ensureShortageReferenceData(
  pool: pg.Pool,
  options: { actor: AuditEntry['actor']; log: (line: string) => void },
): Promise<void> {
  if ((await countShortageImports(pool)) > 0) return;
  options.log('the database has no shortage registers yet: loading data/reference/bfarm-shortages');
  await importShortageReferenceData(pool, {
    actor: options.actor,
    onFile: (_source, path) => {
      options.log(`  importing ${basename(path)}`);
    },
  });
}
