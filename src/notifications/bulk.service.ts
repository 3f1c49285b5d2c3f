/**
 * Bulk upload of notifications as CSV, one row per notification, with a per-row report. The whole
 * file is read and checked before anything is written, so a file that is unusable as a whole
 * writes nothing. A row whose company_reference exists updates that notification (a new version
 * only when something changed): a resent file never creates a duplicate.
 */
import { basename } from 'node:path';
import type pg from 'pg';
import type { Actor } from '../kernel/actor.ts';
import { UserFacingError } from '../kernel/errors.ts';
import { readCsvRecords, type CsvRecord } from '../platform/csv-records.ts';
import { toGtin14 } from '../products/domain/identifiers.ts';
import { diffReports } from './domain/diff.ts';
import { validateReport } from './domain/validation.ts';
import {
  findNotification,
  findNotificationIdByCompanyReference,
} from './store/notifications.store.ts';
import { submitNotification, updateNotification, type NotificationPorts } from './service.ts';

export const NOTIFICATION_CSV_COLUMNS = [
  'company_reference',
  'kind',
  'gtins',
  'expected_start',
  'expected_end',
  'cause_category',
  'cause_text',
  'stock_weeks',
  'market_share_percent',
  'partial_supply',
  'own_alternatives',
  'other_alternatives',
  'patient_impact',
  'patient_impact_text',
  'mitigation_text',
] as const;

/** The CSV column each report field comes from, to name it in row errors. */
const COLUMN_OF: Record<string, string> = {
  companyReference: 'company_reference',
  kind: 'kind',
  packIds: 'gtins',
  expectedStart: 'expected_start',
  expectedEnd: 'expected_end',
  causeCategory: 'cause_category',
  causeText: 'cause_text',
  stockWeeks: 'stock_weeks',
  marketSharePercent: 'market_share_percent',
  partialSupply: 'partial_supply',
  ownAlternatives: 'own_alternatives',
  otherAlternatives: 'other_alternatives',
  patientImpact: 'patient_impact',
  patientImpactText: 'patient_impact_text',
  mitigationText: 'mitigation_text',
};

function parseBoolean(text: string): boolean | string {
  const value = text.trim().toLowerCase();
  if (['yes', 'ja', 'true', '1'].includes(value)) return true;
  if (['no', 'nee', 'false', '0'].includes(value)) return false;
  return text;
}

function parseNumber(text: string): number | string {
  const value = text.trim().replace(',', '.');
  return value !== '' && Number.isFinite(Number(value)) ? Number(value) : text;
}

export interface BulkRowResult {
  readonly line: number;
  readonly companyReference: string;
  readonly outcome: 'created' | 'updated' | 'unchanged' | 'rejected';
  readonly notificationId?: number;
  readonly reason?: string;
}

async function ownPackIdsByCode(
  pool: pg.Pool,
  organisationId: number,
): Promise<Map<string, number>> {
  const result = await pool.query<{
    id: number;
    gtin: string | null;
    national_code: string | null;
  }>(
    `select k.id, k.gtin, k.national_code from pack k join medicinal_product p on p.id = k.product_id
      where p.mah_organisation_id = $1`,
    [organisationId],
  );
  const byCode = new Map<string, number>();
  for (const row of result.rows) {
    if (row.gtin !== null) byCode.set(row.gtin, row.id);
    if (row.national_code !== null) byCode.set(row.national_code, row.id);
  }
  return byCode;
}

export async function importNotificationsCsv(
  pool: pg.Pool,
  actor: Actor,
  path: string,
  options: { now: Date; ports: NotificationPorts; displayName?: string },
) {
  if (actor.role !== 'mah' || actor.organisationId === null) {
    throw new UserFacingError(
      'MS_AUTH_FORBIDDEN',
      'only a marketing-authorisation holder uploads notifications',
    );
  }
  const file = options.displayName ?? basename(path);
  const records: CsvRecord[] = [];
  for await (const record of readCsvRecords(path, {
    delimiter: ',',
    requiredColumns: NOTIFICATION_CSV_COLUMNS,
    displayName: file,
  })) {
    records.push(record);
  }
  if (records.length === 0) {
    throw new UserFacingError(
      'MS_IMPORT_NO_VALID_ROWS',
      `${file}:2: the file has a header but no data rows`,
    );
  }
  const packs = await ownPackIdsByCode(pool, actor.organisationId);
  const results: BulkRowResult[] = [];
  const seenReferences = new Map<string, number>();
  for (const record of records) {
    const field = (column: string) => (record.fields[column] ?? '').trim();
    const companyReference = field('company_reference');
    const reject = (reason: string) =>
      results.push({ line: record.line, companyReference, outcome: 'rejected', reason });
    if (record.fieldCountProblem !== undefined) {
      reject(`the row ${record.fieldCountProblem}`);
      continue;
    }
    if (companyReference === '') {
      reject('company_reference is required in a bulk upload');
      continue;
    }
    const earlier = seenReferences.get(companyReference);
    if (earlier !== undefined) {
      reject(`company_reference ${companyReference} is also on line ${earlier}`);
      continue;
    }
    seenReferences.set(companyReference, record.line);
    const codes = field('gtins')
      .split(/[;\s]+/)
      .filter((code) => code !== '');
    const unknown = codes.filter(
      (code) => packs.get(/^\d{8}$/.test(code) ? code : toGtin14(code)) === undefined,
    );
    if (unknown.length > 0) {
      reject(
        `gtins: ${unknown.join(', ')} ${unknown.length === 1 ? 'is not one of your packs' : 'are not your packs'}`,
      );
      continue;
    }
    const body = {
      companyReference,
      kind: field('kind'),
      packIds: codes.map((code) => packs.get(/^\d{8}$/.test(code) ? code : toGtin14(code)) ?? 0),
      expectedStart: field('expected_start'),
      expectedEnd: field('expected_end') === '' ? null : field('expected_end'),
      causeCategory: field('cause_category'),
      causeText: field('cause_text'),
      stockWeeks: parseNumber(field('stock_weeks')),
      marketSharePercent: parseNumber(field('market_share_percent')),
      partialSupply: parseBoolean(field('partial_supply')),
      ownAlternatives: parseBoolean(field('own_alternatives')),
      otherAlternatives: parseBoolean(field('other_alternatives')),
      patientImpact: field('patient_impact'),
      patientImpactText: field('patient_impact_text'),
      mitigationText: field('mitigation_text'),
    };
    const validation = validateReport(body);
    if (!validation.ok) {
      reject(
        validation.errors
          .map((error) => {
            const key = error.pointer.replace(/^\//, '').split('/')[0] ?? '';
            const column = COLUMN_OF[key] ?? key;
            return error.detail.replace(key, column);
          })
          .join('; '),
      );
      continue;
    }
    try {
      const existingId = await findNotificationIdByCompanyReference(
        pool,
        actor.organisationId,
        companyReference,
      );
      if (existingId === undefined) {
        const created = await submitNotification(pool, actor, body, {
          now: options.now,
          ports: options.ports,
        });
        results.push({
          line: record.line,
          companyReference,
          outcome: 'created',
          notificationId: created.body.id,
        });
        continue;
      }
      const current = await findNotification(pool, existingId);
      if (current !== undefined && diffReports(current.report, validation.report).length === 0) {
        results.push({
          line: record.line,
          companyReference,
          outcome: 'unchanged',
          notificationId: existingId,
        });
        continue;
      }
      await updateNotification(pool, actor, existingId, body, {
        now: options.now,
        ports: options.ports,
      });
      results.push({
        line: record.line,
        companyReference,
        outcome: 'updated',
        notificationId: existingId,
      });
    } catch (error) {
      reject(
        error instanceof UserFacingError
          ? [error.message, ...error.errors.map((e) => e.detail)].join('; ')
          : String(error),
      );
    }
  }
  const rejected = results.filter((row) => row.outcome === 'rejected');
  return {
    file,
    rowsRead: records.length,
    rowsImported: results.length - rejected.length,
    rowsRejected: rejected.length,
    created: results.filter((row) => row.outcome === 'created').length,
    updated: results.filter((row) => row.outcome === 'updated').length,
    unchanged: results.filter((row) => row.outcome === 'unchanged').length,
    rows: results,
    rejected: rejected.map((row) => ({ file, line: row.line, reason: row.reason ?? '' })),
  };
}
