/**
 * Submitting stock and demand: JSON reports, CSV uploads and FHIR InventoryReports. Every path
 * parses its format into drafts, resolves packs and holders and checks the rules for the as-of
 * date (domain/reports.ts), and only when every report passes loads them all in one transaction
 * with its audit entry: nothing is ever half-loaded. A company reports for its own organisation
 * only; an admin (or the operator's CLI) for any holder.
 */
import { basename } from 'node:path';
import type pg from 'pg';
import type { Actor } from '../../kernel/actor.ts';
import { UserFacingError, type ProblemDetail } from '../../kernel/errors.ts';
import { appendAudit } from '../../platform/audit.ts';
import { readCsvRecords } from '../../platform/csv-records.ts';
import { inTransaction } from '../../platform/database.ts';
import {
  resolveDemandDrafts,
  resolveStockDrafts,
  type DemandReportDraft,
  type DemandReportInput,
  type FieldNaming,
  type PackReference,
  type ReportContext,
  type ReportProblem,
  type StockReportDraft,
  type StockReportInput,
} from '../domain/reports.ts';
import {
  checkPackColumns,
  DEMAND_CSV_NAMING,
  DEMAND_CSV_REQUIRED_COLUMNS,
  mapDemandCsvRow,
  mapStockCsvRow,
  STOCK_CSV_NAMING,
  STOCK_CSV_REQUIRED_COLUMNS,
  type CsvRowOutcome,
} from '../ingest/csv/reports-csv.ingest.ts';
import {
  INVENTORY_REPORT_NAMING,
  operationOutcome,
  parseInventoryReport,
  type OperationOutcome,
} from '../ingest/fhir/inventory-report.ingest.ts';
import {
  DEMAND_JSON_NAMING,
  parseDemandReportsJson,
  parseStockReportsJson,
  STOCK_JSON_NAMING,
} from '../ingest/json/reports-json.ingest.ts';
import { bulkLoadDemand, bulkLoadIncoming, bulkLoadStock } from '../store/stock-load.store.ts';
import {
  findHolders,
  findHoldersByExternalCode,
  findPacksByReference,
} from '../store/stock-read.store.ts';

/** Roles that report stock and demand: the companies for themselves, the operator for anyone. */
export const REPORTER_ROLES = ['mah', 'wholesaler', 'admin'] as const;

export interface SubmitOptions {
  /** Today: no report may describe a later day. */
  readonly asOf: string;
}

/** What a load stored. */
export interface LoadSummary {
  readonly reports: number;
  /** Deliveries stored with the stock reports. */
  readonly incoming: number;
  readonly holders: number;
  readonly packs: number;
  /** First and last day the reports describe. */
  readonly from: string | null;
  readonly to: string | null;
}

function requireReporter(actor: Actor): void {
  if (!(REPORTER_ROLES as readonly string[]).includes(actor.role)) {
    throw new UserFacingError(
      'MS_AUTH_FORBIDDEN',
      'only a marketing-authorisation holder, a wholesaler or an admin reports stock and demand',
    );
  }
  if (actor.role !== 'admin' && actor.organisationId === null) {
    throw new UserFacingError('MS_AUTH_FORBIDDEN', 'a company reports for its own organisation');
  }
}

async function buildContext(
  client: pg.PoolClient | pg.Pool,
  actor: Actor,
  packs: readonly PackReference[],
  holderIds: readonly (number | null)[],
  asOf: string,
): Promise<ReportContext> {
  const anyHolder = actor.role === 'admin';
  const defaultHolder = anyHolder ? null : actor.organisationId;
  const ids = [
    ...new Set([
      ...holderIds.flatMap((id) => (id === null ? [] : [id])),
      ...(defaultHolder === null ? [] : [defaultHolder]),
    ]),
  ];
  const [found, holders] = await Promise.all([
    findPacksByReference(client, packs),
    findHolders(client, ids),
  ]);
  return {
    asOf,
    packs: found,
    holders: new Map(holders.map((holder) => [holder.id, holder.kind])),
    defaultHolder,
    anyHolder,
  };
}

function summariseStock(reports: readonly StockReportInput[]): LoadSummary {
  const dates = reports.map((r) => r.reportDate).sort();
  return {
    reports: reports.length,
    incoming: reports.reduce((sum, r) => sum + r.incoming.length, 0),
    holders: new Set(reports.map((r) => r.holderId)).size,
    packs: new Set(reports.map((r) => r.packId)).size,
    from: dates[0] ?? null,
    to: dates[dates.length - 1] ?? null,
  };
}

function summariseDemand(reports: readonly DemandReportInput[]): LoadSummary {
  const dates = reports.map((r) => r.periodStart).sort();
  return {
    reports: reports.length,
    incoming: 0,
    holders: new Set(reports.map((r) => r.reporterId)).size,
    packs: new Set(reports.map((r) => r.packId)).size,
    from: dates[0] ?? null,
    to: dates[dates.length - 1] ?? null,
  };
}

/** Stores resolved stock reports, their deliveries (replacing those stored before) and audit. */
async function storeStock(
  pool: pg.Pool,
  actor: Actor,
  reports: readonly StockReportInput[],
  source: string,
  options: { readonly replaceIncoming: boolean },
): Promise<LoadSummary> {
  const summary = summariseStock(reports);
  await inTransaction(pool, async (client) => {
    await bulkLoadStock(client, reports, { source, replaceIncoming: options.replaceIncoming });
    const incoming = reports.flatMap((r) =>
      r.incoming.map((delivery) => ({
        holderId: r.holderId,
        packId: r.packId,
        reportDate: r.reportDate,
        expectedDate: delivery.expectedDate,
        quantity: delivery.quantity,
      })),
    );
    if (incoming.length > 0) await bulkLoadIncoming(client, incoming);
    await appendAudit(client, {
      actor,
      action: 'submit',
      entity: 'stock_report',
      entityId: source,
      after: { ...summary, holderIds: [...new Set(reports.map((r) => r.holderId))] },
    });
  });
  return summary;
}

async function storeDemand(
  pool: pg.Pool,
  actor: Actor,
  reports: readonly DemandReportInput[],
  source: string,
): Promise<LoadSummary> {
  const summary = summariseDemand(reports);
  await inTransaction(pool, async (client) => {
    await bulkLoadDemand(client, reports, { source });
    await appendAudit(client, {
      actor,
      action: 'submit',
      entity: 'demand_report',
      entityId: source,
      after: { ...summary, reporterIds: [...new Set(reports.map((r) => r.reporterId))] },
    });
  });
  return summary;
}

function invalid(problems: readonly ProblemDetail[]): UserFacingError {
  return new UserFacingError(
    'MS_REQUEST_INVALID',
    `${problems.length} problem${problems.length === 1 ? '' : 's'} in the reports; nothing was loaded`,
    problems.map(({ pointer, code, detail }) => ({
      pointer: pointer === '' ? '/' : pointer,
      code,
      detail,
    })),
  );
}

/**
 * Stock reports from a JSON body (one or many). All or nothing: any problem is a 400 listing
 * every one with its pointer. A resent report (same holder, pack, day) replaces the stored one,
 * deliveries included.
 */
export async function submitStockReports(
  pool: pg.Pool,
  actor: Actor,
  body: unknown,
  options: SubmitOptions,
): Promise<LoadSummary> {
  requireReporter(actor);
  const parsed = parseStockReportsJson(body);
  const context = await buildContext(
    pool,
    actor,
    parsed.drafts.map((d) => d.pack),
    parsed.drafts.map((d) => d.holderId),
    options.asOf,
  );
  const resolved = resolveStockDrafts(parsed.drafts, context, STOCK_JSON_NAMING);
  const problems = [...parsed.problems, ...resolved.problems];
  if (problems.length > 0) throw invalid(problems);
  return storeStock(pool, actor, resolved.reports, 'api', { replaceIncoming: true });
}

/** Demand reports from a JSON body (one or many); all or nothing, like stock. */
export async function submitDemandReports(
  pool: pg.Pool,
  actor: Actor,
  body: unknown,
  options: SubmitOptions,
): Promise<LoadSummary> {
  requireReporter(actor);
  const parsed = parseDemandReportsJson(body);
  const context = await buildContext(
    pool,
    actor,
    parsed.drafts.map((d) => d.pack),
    parsed.drafts.map((d) => d.reporterId),
    options.asOf,
  );
  const resolved = resolveDemandDrafts(parsed.drafts, context, DEMAND_JSON_NAMING);
  const problems = [...parsed.problems, ...resolved.problems];
  if (problems.length > 0) throw invalid(problems);
  return storeDemand(pool, actor, resolved.reports, 'api');
}

// ------------------------------------------------------------------------------ CSV uploads

export interface RowProblem {
  readonly file: string;
  readonly line: number;
  readonly reason: string;
}

/** The per-row report of an upload: loaded in full, or not at all with every bad row named. */
export interface UploadReport {
  readonly file: string;
  readonly loaded: boolean;
  readonly rowsRead: number;
  readonly rowsImported: number;
  readonly rowsRejected: number;
  readonly rejected: readonly RowProblem[];
  /** Set when loaded. */
  readonly summary?: LoadSummary;
}

export interface UploadOptions extends SubmitOptions {
  /** The file's name in messages (an upload is "upload.csv"). */
  readonly displayName?: string;
}

interface CsvSpec<D> {
  readonly requiredColumns: readonly string[];
  readonly naming: FieldNaming;
  readonly map: (fields: Readonly<Record<string, string>>, at: string) => CsvRowOutcome<D>;
}

/** Reads the whole file into drafts and rejected rows; file-level problems throw. */
async function readUpload<D extends { readonly at: string }>(
  path: string,
  file: string,
  spec: CsvSpec<D>,
): Promise<{ drafts: D[]; rejected: Map<number, string[]>; rowsRead: number }> {
  const drafts: D[] = [];
  const rejected = new Map<number, string[]>();
  let rowsRead = 0;
  for await (const record of readCsvRecords(path, {
    delimiter: ',',
    requiredColumns: spec.requiredColumns,
    displayName: file,
  })) {
    if (rowsRead === 0) checkPackColumns(record.fields, file);
    rowsRead++;
    if (record.fieldCountProblem !== undefined) {
      rejected.set(record.line, [`the row ${record.fieldCountProblem}`]);
      continue;
    }
    const outcome = spec.map(record.fields, `${file}:${record.line}`);
    if (outcome.kind === 'rejected') rejected.set(record.line, [...outcome.reasons]);
    else drafts.push(outcome.draft);
  }
  if (rowsRead === 0) {
    throw new UserFacingError(
      'MS_IMPORT_NO_VALID_ROWS',
      `${file}:2: the file has a header but no data rows`,
    );
  }
  return { drafts, rejected, rowsRead };
}

function lineOf(at: string): number {
  return Number(at.slice(at.lastIndexOf(':') + 1));
}

function uploadReport(
  file: string,
  rowsRead: number,
  rejected: Map<number, string[]>,
  problems: readonly ReportProblem[],
): UploadReport {
  for (const problem of problems) {
    const line = lineOf(problem.at);
    rejected.set(line, [...(rejected.get(line) ?? []), problem.detail]);
  }
  const rows = [...rejected.entries()]
    .sort(([a], [b]) => a - b)
    .map(([line, reasons]) => ({ file, line, reason: reasons.join('; ') }));
  return {
    file,
    loaded: false,
    rowsRead,
    rowsImported: 0,
    rowsRejected: rows.length,
    rejected: rows,
  };
}

const STOCK_CSV: CsvSpec<StockReportDraft> = {
  requiredColumns: STOCK_CSV_REQUIRED_COLUMNS,
  naming: STOCK_CSV_NAMING,
  map: mapStockCsvRow,
};

const DEMAND_CSV: CsvSpec<DemandReportDraft> = {
  requiredColumns: DEMAND_CSV_REQUIRED_COLUMNS,
  naming: DEMAND_CSV_NAMING,
  map: mapDemandCsvRow,
};

/**
 * A stock CSV upload: the whole file is read and checked before anything is written; with any
 * bad row nothing is loaded and the report names every bad row (loaded: false).
 */
export async function importStockCsv(
  pool: pg.Pool,
  actor: Actor,
  path: string,
  options: UploadOptions,
): Promise<UploadReport> {
  requireReporter(actor);
  const file = options.displayName ?? basename(path);
  const { drafts, rejected, rowsRead } = await readUpload(path, file, STOCK_CSV);
  const context = await buildContext(
    pool,
    actor,
    drafts.map((d) => d.pack),
    drafts.map((d) => d.holderId),
    options.asOf,
  );
  const resolved = resolveStockDrafts(drafts, context, STOCK_CSV.naming);
  if (rejected.size > 0 || resolved.problems.length > 0) {
    return uploadReport(file, rowsRead, rejected, resolved.problems);
  }
  const summary = await storeStock(pool, actor, resolved.reports, `csv:${file}`, {
    replaceIncoming: true,
  });
  return {
    file,
    loaded: true,
    rowsRead,
    rowsImported: resolved.reports.length,
    rowsRejected: 0,
    rejected: [],
    summary,
  };
}

/** A demand CSV upload, all or nothing like stock. */
export async function importDemandCsv(
  pool: pg.Pool,
  actor: Actor,
  path: string,
  options: UploadOptions,
): Promise<UploadReport> {
  requireReporter(actor);
  const file = options.displayName ?? basename(path);
  const { drafts, rejected, rowsRead } = await readUpload(path, file, DEMAND_CSV);
  const context = await buildContext(
    pool,
    actor,
    drafts.map((d) => d.pack),
    drafts.map((d) => d.reporterId),
    options.asOf,
  );
  const resolved = resolveDemandDrafts(drafts, context, DEMAND_CSV.naming);
  if (rejected.size > 0 || resolved.problems.length > 0) {
    return uploadReport(file, rowsRead, rejected, resolved.problems);
  }
  const summary = await storeDemand(pool, actor, resolved.reports, `csv:${file}`);
  return {
    file,
    loaded: true,
    rowsRead,
    rowsImported: resolved.reports.length,
    rowsRejected: 0,
    rejected: [],
    summary,
  };
}

// ------------------------------------------------------------------------------ FHIR

export interface FhirSubmission {
  readonly status: 201 | 400;
  readonly outcome: OperationOutcome;
  readonly summary?: LoadSummary;
}

/**
 * A FHIR R5 InventoryReport (ingest/fhir/inventory-report.ingest.ts): loaded whole, or answered
 * with an OperationOutcome naming every problem by its path; another resource type is refused.
 */
export async function submitInventoryReport(
  pool: pg.Pool,
  actor: Actor,
  resource: unknown,
  options: SubmitOptions,
): Promise<FhirSubmission> {
  requireReporter(actor);
  const parsed = parseInventoryReport(resource);
  if (parsed.kind === 'wrong-resource') {
    return {
      status: 400,
      outcome: operationOutcome([
        {
          pointer: 'resourceType',
          code: 'MS_STOCK_FHIR_WRONG_RESOURCE',
          detail: `resourceType ${parsed.resourceType}: this endpoint accepts an InventoryReport`,
        },
      ]),
    };
  }
  const { items, notes } = parsed.report;
  const problems: ReportProblem[] = [...parsed.report.problems];
  const glns = [
    ...new Set(items.flatMap((item) => (item.holder?.kind === 'gln' ? [item.holder.gln] : []))),
  ];
  const byGln =
    glns.length === 0 ? new Map<string, number>() : await findHoldersByExternalCode(pool, glns);
  const drafts: StockReportDraft[] = [];
  for (const item of items) {
    let holderId: number | null = null;
    if (item.holder?.kind === 'id') holderId = item.holder.id;
    else if (item.holder?.kind === 'gln') {
      const found = byGln.get(item.holder.gln);
      if (found === undefined) {
        const pointer = item.at.slice(0, item.at.lastIndexOf('.')) + '.location';
        if (!problems.some((p) => p.pointer === pointer)) {
          problems.push({
            at: item.at,
            pointer,
            code: 'MS_STOCK_UNKNOWN_HOLDER',
            detail: `location GLN ${item.holder.gln} is not a known stock holder`,
          });
        }
        continue;
      }
      holderId = found;
    }
    drafts.push({
      at: item.at,
      holderId,
      pack: item.pack,
      reportDate: item.reportDate,
      onHand: item.onHand,
      incoming: [],
    });
  }
  const context = await buildContext(
    pool,
    actor,
    drafts.map((d) => d.pack),
    drafts.map((d) => d.holderId),
    options.asOf,
  );
  const resolved = resolveStockDrafts(drafts, context, INVENTORY_REPORT_NAMING);
  problems.push(...resolved.problems);
  if (problems.length > 0) return { status: 400, outcome: operationOutcome(problems, notes) };
  if (resolved.reports.length === 0) {
    return {
      status: 400,
      outcome: operationOutcome(
        [
          {
            pointer: 'InventoryReport.inventoryListing',
            code: 'MS_STOCK_FHIR_INVALID',
            detail: 'no listing counts stock available for supply: nothing to load',
          },
        ],
        notes,
      ),
    };
  }
  // An InventoryReport cannot carry deliveries: the stored ones stay as they are.
  const summary = await storeStock(pool, actor, resolved.reports, 'fhir', {
    replaceIncoming: false,
  });
  return {
    status: 201,
    summary,
    outcome: {
      resourceType: 'OperationOutcome',
      issue: [
        {
          severity: 'information',
          code: 'informational',
          diagnostics: `loaded ${summary.reports} stock report${summary.reports === 1 ? '' : 's'} of ${summary.packs} pack${summary.packs === 1 ? '' : 's'} for ${summary.from ?? ''}${summary.to !== summary.from ? ` to ${summary.to ?? ''}` : ''}`,
        },
        ...notes.map((text) => ({
          severity: 'information' as const,
          code: 'informational',
          diagnostics: text,
        })),
      ],
    },
  };
}
