/**
 * Importing a register file: stream its records, map each row, and write the whole file's data
 * in one transaction (replacing what the register contributed before), so importing twice gives
 * the same database and a file that fails as a whole leaves nothing half-written. Bad rows are
 * reported as file:line: reason and skipped.
 */
import { createHash } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import { basename, join } from 'node:path';
import type pg from 'pg';
import { UserFacingError } from '../../kernel/errors.ts';
import { appendAudit } from '../../platform/audit.ts';
import { readCsvRecords } from '../../platform/csv-records.ts';
import { inTransaction } from '../../platform/database.ts';
import type {
  ImportReport,
  RegisterCode,
  RejectedRow,
  SubstanceNameInput,
  SupplyLinkInput,
  SupplySource,
} from '../domain/types.ts';
import { FOLDER_LAYOUT, SUPPLY_FORMATS } from '../ingest/formats.ts';
import { siteKeyFromName } from '../ingest/site-fields.ts';
import { mapCriticalListRow, ULCM_COLUMN, ULCM_DELIMITER } from '../ingest/ulcm/ulcm.ingest.ts';
import {
  importedFileHash,
  recordImportRun,
  replaceCriticalList,
  replaceSupplyData,
  type SiteWrite,
} from '../store/registry-import.store.ts';
import type { AtcCode } from '../../kernel/atc.ts';

export interface ImportOptions {
  /** Who imports, for the audit log ("cli:alice", "admin@org"). */
  readonly actor: string;
  readonly onProgress?: (bytesRead: number, totalBytes: number) => void;
  /** The critical list's version label; default derived from the file's hash. */
  readonly listVersion?: string;
  /** Name of the file in messages and provenance (default: its base name). */
  readonly displayName?: string;
}

export async function hashFile(path: string): Promise<string> {
  const hash = createHash('sha256');
  try {
    for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  } catch {
    throw new UserFacingError(
      'MS_IMPORT_FILE_NOT_FOUND',
      `${basename(path)}: no such file, or it cannot be read`,
    );
  }
  return hash.digest('hex');
}

/** The most frequent spelling per code and language; ties go to the alphabetically first. */
export function pickNames(names: readonly SubstanceNameInput[]): SubstanceNameInput[] {
  const counts = new Map<string, Map<string, number>>();
  for (const { atc, lang, name } of names) {
    const key = `${atc}|${lang}`;
    const byName = counts.get(key) ?? new Map<string, number>();
    byName.set(name, (byName.get(name) ?? 0) + 1);
    counts.set(key, byName);
  }
  return [...counts.entries()].map(([key, byName]) => {
    const [atc, lang] = key.split('|') as [AtcCode, SubstanceNameInput['lang']];
    const [best] = [...byName.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
    return { atc, lang, name: best?.[0] ?? '' };
  });
}

/** One site per register key and country; the first row that names it gives its details. */
export function collectSites(links: readonly SupplyLinkInput[]): SiteWrite[] {
  const sites = new Map<string, SiteWrite>();
  for (const { site } of links) {
    const id = `${site.key}|${site.country}`;
    if (sites.has(id)) continue;
    const nameKey = siteKeyFromName(site.name);
    sites.set(id, {
      key: site.key,
      country: site.country,
      name: site.name,
      city: site.city,
      address: site.address,
      identityKey: `${nameKey}|${site.country}`,
      organisationKey: nameKey,
    });
  }
  return [...sites.values()];
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

export async function importSupplyRegister(
  pool: pg.Pool,
  source: SupplySource,
  path: string,
  options: ImportOptions,
): Promise<ImportReport> {
  const format = SUPPLY_FORMATS[source];
  const file = options.displayName ?? basename(path);
  const sha256 = await hashFile(path);
  const links: SupplyLinkInput[] = [];
  const names: SubstanceNameInput[] = [];
  const rejected: RejectedRow[] = [];
  let rowsRead = 0;
  let rowsImported = 0;
  let rowsSkipped = 0;
  for await (const record of readCsvRecords(path, {
    delimiter: format.delimiter,
    requiredColumns: format.requiredColumns,
    displayName: file,
    ...(options.onProgress === undefined ? {} : { onProgress: options.onProgress }),
  })) {
    rowsRead++;
    if (record.fieldCountProblem !== undefined) {
      rejected.push({ file, line: record.line, reason: `the row ${record.fieldCountProblem}` });
      continue;
    }
    const outcome = format.mapRow(record.fields, record.line);
    switch (outcome.kind) {
      case 'links':
        rowsImported++;
        links.push(...outcome.links);
        names.push(...outcome.names);
        break;
      case 'skipped':
        rowsSkipped++;
        break;
      case 'rejected':
        rejected.push({ file, line: record.line, reason: outcome.reason });
        break;
      default: {
        const unexpected: never = outcome;
        throw new Error(`unexpected outcome ${JSON.stringify(unexpected)}`);
      }
    }
  }
  if (rowsImported === 0) noUsableRows(file, rejected, rowsRead);
  const sites = collectSites(links);
  const report: ImportReport = {
    register: source,
    file,
    rowsRead,
    rowsImported,
    rowsSkipped,
    rowsRejected: rejected.length,
    linksImported: links.length,
    sites: sites.length,
    codes: new Set(links.map((link) => link.atc)).size,
    rejected,
  };
  await inTransaction(pool, async (client) => {
    await replaceSupplyData(client, { source, file, links, sites, names: pickNames(names) });
    await recordImportRun(client, report, sha256);
    await appendAudit(client, {
      actor: options.actor,
      action: 'import',
      entity: 'register',
      entityId: source,
      after: { ...report, rejected: report.rejected.length, sha256 },
    });
  });
  return report;
}

export async function importCriticalList(
  pool: pg.Pool,
  path: string,
  options: ImportOptions,
): Promise<ImportReport & { version: string }> {
  const file = options.displayName ?? basename(path);
  const sha256 = await hashFile(path);
  const version = options.listVersion ?? `sha256:${sha256.slice(0, 12)}`;
  const entries: { atc: AtcCode; line: number }[] = [];
  const seen = new Set<string>();
  const rejected: RejectedRow[] = [];
  let rowsRead = 0;
  for await (const record of readCsvRecords(path, {
    delimiter: ULCM_DELIMITER,
    requiredColumns: [ULCM_COLUMN],
    displayName: file,
    ...(options.onProgress === undefined ? {} : { onProgress: options.onProgress }),
  })) {
    rowsRead++;
    if (record.fieldCountProblem !== undefined) {
      rejected.push({ file, line: record.line, reason: `the row ${record.fieldCountProblem}` });
      continue;
    }
    const outcome = mapCriticalListRow(record.fields, record.line, seen);
    if (outcome.kind === 'rejected') {
      rejected.push({ file, line: record.line, reason: outcome.reason });
    } else {
      seen.add(outcome.atc);
      entries.push({ atc: outcome.atc, line: outcome.line });
    }
  }
  if (entries.length === 0) noUsableRows(file, rejected, rowsRead);
  const report = {
    register: 'ulcm' as const,
    file,
    version,
    rowsRead,
    rowsImported: entries.length,
    rowsSkipped: 0,
    rowsRejected: rejected.length,
    linksImported: 0,
    sites: 0,
    codes: entries.length,
    rejected,
  };
  await inTransaction(pool, async (client) => {
    await replaceCriticalList(client, { version, file, sha256, entries });
    await recordImportRun(client, report, sha256);
    await appendAudit(client, {
      actor: options.actor,
      action: 'import',
      entity: 'critical_list',
      entityId: version,
      after: { ...report, rejected: rejected.length, sha256 },
    });
  });
  return report;
}

export async function importRegisterFile(
  pool: pg.Pool,
  register: RegisterCode,
  path: string,
  options: ImportOptions,
): Promise<ImportReport> {
  return register === 'ulcm'
    ? importCriticalList(pool, path, options)
    : importSupplyRegister(pool, register, path, options);
}

export interface FolderImportResult {
  readonly reports: readonly ImportReport[];
  /** Registers whose file was not in the folder. */
  readonly missing: readonly RegisterCode[];
  /** Registers whose file was unchanged since the last import (only with skipUnchanged). */
  readonly unchanged: readonly RegisterCode[];
}

/**
 * Imports every register found in a folder laid out like data/reference (the critical list
 * first). With skipUnchanged, a file whose hash matches the last import is not read again.
 */
export async function importFolder(
  pool: pg.Pool,
  folder: string,
  options: ImportOptions & {
    skipUnchanged?: boolean;
    onRegister?: (register: RegisterCode, path: string) => void;
  },
): Promise<FolderImportResult> {
  const registers = Object.keys(FOLDER_LAYOUT) as RegisterCode[];
  const present = registers.filter((register) => existsSync(join(folder, FOLDER_LAYOUT[register])));
  if (present.length === 0) {
    throw new UserFacingError(
      'MS_IMPORT_FOLDER_INCOMPLETE',
      `${folder}: no register file found; expected ${registers.map((r) => FOLDER_LAYOUT[r]).join(', ')}`,
    );
  }
  const reports: ImportReport[] = [];
  const unchanged: RegisterCode[] = [];
  for (const register of present) {
    const path = join(folder, FOLDER_LAYOUT[register]);
    if (
      options.skipUnchanged === true &&
      (await importedFileHash(pool, register)) === (await hashFile(path))
    ) {
      unchanged.push(register);
      continue;
    }
    options.onRegister?.(register, path);
    reports.push(await importRegisterFile(pool, register, path, options));
  }
  return {
    reports,
    missing: registers.filter((register) => !present.includes(register)),
    unchanged,
  };
}
