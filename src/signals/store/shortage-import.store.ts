/**
 * Writes one imported file's reports, merging them into what earlier files brought: a report
 * (Bearbeitungsnummer) is replaced only by a version dated later, or dated the same with other
 * content; an unchanged report keeps the provenance of the file that first brought it. Each
 * shortage's current report is then the latest by report date (then by number).
 */
import type pg from 'pg';
import type { RejectedRow, ShortageReportInput, ShortageSource } from '../domain/types.ts';

export interface ReportWrite extends ShortageReportInput {
  readonly companyKey: string | null;
  readonly contentHash: string;
}

export interface ShortageImportWrite {
  readonly source: ShortageSource;
  readonly file: string;
  readonly sha256: string;
  readonly actor: string;
  readonly rowsRead: number;
  readonly rowsImported: number;
  readonly rejected: readonly RejectedRow[];
  readonly reports: readonly ReportWrite[];
}

export interface ShortageWriteResult {
  readonly reportsNew: number;
  readonly reportsUpdated: number;
  readonly reportsUnchanged: number;
  readonly shortagesNew: number;
}

function reportRecord(report: ReportWrite) {
  return {
    report_number: report.reportNumber,
    shortage_key: report.shortageKey,
    kind: report.kind,
    kind_label: report.kindLabel,
    start_date: report.startDate,
    end_date: report.endDate,
    reported_on: report.reportedOn,
    first_reported_on: report.firstReportedOn,
    product_name: report.productName,
    company: report.company,
    company_key: report.companyKey,
    reason_category: report.reasonCategory,
    reason: report.reason,
    reason_note: report.reasonNote,
    alternatives: report.alternatives,
    hospital_relevant: report.hospitalRelevant,
    classification: report.classification,
    dosage_form: report.dosageForm,
    substances: report.substances,
    atc_text: report.atcText,
    details: report.details,
    content_hash: report.contentHash,
    source_line: report.line,
    packs: report.packs.map((pack) => ({
      line: pack.line,
      pzn: pack.pzn,
      enr: pack.enr,
      ndc: pack.ndc,
    })),
    atc: report.atc.map((link) => ({ code: link.code, level: link.level, via: link.via })),
    contact:
      report.contact === null
        ? null
        : {
            phone: report.contact.phone,
            email: report.contact.email,
            contact_info: report.contact.contactInfo,
          },
  };
}

const INCOMING_COLUMNS = `report_number text, shortage_key text, kind text, kind_label text,
  start_date date, end_date date, reported_on date, first_reported_on date, product_name text,
  company text, company_key text, reason_category text, reason text, reason_note text,
  alternatives text, hospital_relevant boolean, classification text, dosage_form text,
  substances text[], atc_text text, details jsonb, content_hash text, source_line integer,
  packs jsonb, atc jsonb, contact jsonb`;

const REPORT_COLUMNS = [
  'kind',
  'kind_label',
  'start_date',
  'end_date',
  'reported_on',
  'first_reported_on',
  'product_name',
  'company',
  'company_key',
  'reason_category',
  'reason',
  'reason_note',
  'alternatives',
  'hospital_relevant',
  'classification',
  'dosage_form',
  'substances',
  'atc_text',
  'details',
  'content_hash',
  'source_line',
];

/** Records the file and merges its reports; runs inside the caller's transaction. */
export async function writeShortageImport(
  client: pg.PoolClient,
  data: ShortageImportWrite,
): Promise<ShortageWriteResult> {
  const importRow = await client.query<{ id: number }>(
    `insert into foreign_shortage_import (source, file_name, file_sha256, imported_at, actor,
       rows_read, rows_imported, rows_rejected, reports_read, rejected)
     values ($1, $2, $3, now(), $4, $5, $6, $7, $8, $9)
     on conflict (source, file_sha256) do update set file_name = excluded.file_name,
       imported_at = excluded.imported_at, actor = excluded.actor, rows_read = excluded.rows_read,
       rows_imported = excluded.rows_imported, rows_rejected = excluded.rows_rejected,
       reports_read = excluded.reports_read, rejected = excluded.rejected
     returning id`,
    [
      data.source,
      data.file,
      data.sha256,
      data.actor,
      data.rowsRead,
      data.rowsImported,
      data.rejected.length,
      data.reports.length,
      JSON.stringify(data.rejected),
    ],
  );
  const importId = importRow.rows[0]?.id;
  if (importId === undefined) throw new Error('the import was not recorded');

  await client.query(
    `create temp table incoming_report on commit drop as
       select * from jsonb_to_recordset($1::jsonb) as x(${INCOMING_COLUMNS})`,
    [JSON.stringify(data.reports.map(reportRecord))],
  );
  const shortages = await client.query(
    `insert into foreign_shortage (source, shortage_key)
     select distinct $1::text, shortage_key from incoming_report
     on conflict (source, shortage_key) do nothing`,
    [data.source],
  );
  await client.query(
    `create temp table changed_report on commit drop as
     with upserted as (
       insert into foreign_shortage_report (shortage_id, source, report_number, import_id,
         source_file, ${REPORT_COLUMNS.join(', ')})
       select s.id, $1, i.report_number, $2, $3, ${REPORT_COLUMNS.map((c) => `i.${c}`).join(', ')}
         from incoming_report i
         join foreign_shortage s on s.source = $1 and s.shortage_key = i.shortage_key
       on conflict (source, report_number) do update set
         shortage_id = excluded.shortage_id, import_id = excluded.import_id,
         source_file = excluded.source_file,
         ${REPORT_COLUMNS.map((c) => `${c} = excluded.${c}`).join(', ')}
       where excluded.reported_on > foreign_shortage_report.reported_on
          or (excluded.reported_on = foreign_shortage_report.reported_on
              and excluded.content_hash <> foreign_shortage_report.content_hash)
       returning id, report_number, (xmax = 0) as inserted
     )
     select * from upserted`,
    [data.source, importId, data.file],
  );
  await client.query(
    `delete from foreign_shortage_pack where report_id in (select id from changed_report)`,
  );
  await client.query(
    `insert into foreign_shortage_pack (report_id, source_line, pzn, enr, ndc)
     select c.id, p.line, p.pzn, coalesce(p.enr, '{}'), p.ndc
       from changed_report c
       join incoming_report i using (report_number),
       jsonb_to_recordset(i.packs) as p(line integer, pzn text, enr text[], ndc text)`,
  );
  await client.query(
    `delete from foreign_shortage_atc where report_id in (select id from changed_report)`,
  );
  await client.query(
    `insert into foreign_shortage_atc (report_id, atc_code, level, via)
     select c.id, a.code, a.level, a.via
       from changed_report c
       join incoming_report i using (report_number),
       jsonb_to_recordset(i.atc) as a(code text, level smallint, via text)`,
  );
  await client.query(
    `delete from foreign_shortage_contact where report_id in (select id from changed_report)`,
  );
  await client.query(
    `insert into foreign_shortage_contact (report_id, phone, email, contact_info)
     select c.id, k.phone, k.email, k.contact_info
       from changed_report c
       join incoming_report i using (report_number),
       jsonb_to_record(i.contact) as k(phone text, email text, contact_info text)
      where i.contact is not null and jsonb_typeof(i.contact) = 'object'`,
  );
  // A report that moved to another chain can leave a shortage without reports.
  await client.query(
    `delete from foreign_shortage s
      where s.source = $1
        and not exists (select 1 from foreign_shortage_report r where r.shortage_id = s.id)`,
    [data.source],
  );
  await client.query(
    `update foreign_shortage s set current_report_id = latest.id
       from (select distinct on (shortage_id) shortage_id, id
               from foreign_shortage_report
              where source = $1
              order by shortage_id, reported_on desc, report_number desc) latest
      where latest.shortage_id = s.id and s.current_report_id is distinct from latest.id`,
    [data.source],
  );
  const changed = await client.query<{ inserted: number; updated: number }>(
    `select count(*) filter (where inserted)::int as inserted,
            count(*) filter (where not inserted)::int as updated
       from changed_report`,
  );
  const inserted = changed.rows[0]?.inserted ?? 0;
  const updated = changed.rows[0]?.updated ?? 0;
  return {
    reportsNew: inserted,
    reportsUpdated: updated,
    reportsUnchanged: data.reports.length - inserted - updated,
    shortagesNew: shortages.rowCount ?? 0,
  };
}

/** The SHA-256 of every file of the source imported so far. */
export async function importedShortageFileHashes(
  client: pg.Pool | pg.PoolClient,
  source: ShortageSource,
): Promise<Set<string>> {
  const result = await client.query<{ file_sha256: string }>(
    'select file_sha256 from foreign_shortage_import where source = $1',
    [source],
  );
  return new Set(result.rows.map((row) => row.file_sha256));
}

/** English names of level-5 codes from every register (for matching FDA substance names). */
export async function loadEnglishSubstanceNames(
  client: pg.Pool | pg.PoolClient,
): Promise<{ atc: string; name: string }[]> {
  const result = await client.query<{ atc_code: string; name: string }>(
    `select n.atc_code, n.name from substance_name n
       join atc_code a on a.code = n.atc_code
      where n.lang = 'en' and a.level = 5
      order by n.atc_code, n.source`,
  );
  return result.rows.map((row) => ({ atc: row.atc_code, name: row.name }));
}

/** How many files of any shortage register have been imported. */
export async function countShortageImports(client: pg.Pool | pg.PoolClient): Promise<number> {
  const result = await client.query<{ count: number }>(
    'select count(*)::int as count from foreign_shortage_import',
  );
  return result.rows[0]?.count ?? 0;
}
