/**
 * Read-side queries of the foreign shortage registers. Nothing here reads
 * foreign_shortage_contact: company contact data never leaves the database through these.
 */
import type pg from 'pg';
import type {
  ForeignShortage,
  ForeignShortageDetail,
  ReportKind,
  ShortageImportSummary,
  ShortageSource,
} from '../domain/types.ts';

type Queryable = pg.Pool | pg.PoolClient;

interface ShortageRow {
  id: number;
  source: ShortageSource;
  shortage_key: string;
  report_number: string;
  kind: ReportKind;
  start_date: string | null;
  end_date: string | null;
  reported_on: string;
  first_reported_on: string | null;
  product_name: string | null;
  company: string | null;
  company_key: string | null;
  reason_category: string | null;
  reason: string | null;
  hospital_relevant: boolean | null;
  classification: string | null;
  dosage_form: string | null;
  substances: string[];
  atc_codes: string[];
}

function toShortage(row: ShortageRow): ForeignShortage {
  return {
    id: row.id,
    source: row.source,
    shortageKey: row.shortage_key,
    reportNumber: row.report_number,
    kind: row.kind,
    status: row.kind === 'closing' ? 'closed' : 'active',
    startDate: row.start_date,
    endDate: row.end_date,
    reportedOn: row.reported_on,
    firstReportedOn: row.first_reported_on,
    closedOn: row.kind === 'closing' ? row.reported_on : null,
    productName: row.product_name,
    company: row.company,
    companyKey: row.company_key,
    reasonCategory: row.reason_category,
    reason: row.reason,
    hospitalRelevant: row.hospital_relevant,
    classification: row.classification,
    dosageForm: row.dosage_form,
    substances: row.substances,
    atcCodes: row.atc_codes,
  };
}

const SHORTAGE_SELECT = `
  select s.id, s.source, s.shortage_key, r.report_number, r.kind, r.start_date, r.end_date,
         r.reported_on, r.first_reported_on, r.product_name, r.company, r.company_key,
         r.reason_category, r.reason, r.hospital_relevant, r.classification, r.dosage_form,
         r.substances,
         coalesce((select array_agg(a.atc_code order by a.atc_code)
                     from foreign_shortage_atc a where a.report_id = r.id), '{}') as atc_codes
    from foreign_shortage s
    join foreign_shortage_report r on r.id = s.current_report_id`;

/** Every shortage in its current state, oldest id first. */
export async function loadForeignShortages(db: Queryable): Promise<ForeignShortage[]> {
  const result = await db.query<ShortageRow>(`${SHORTAGE_SELECT} order by s.id`);
  return result.rows.map(toShortage);
}

/**
 * Changes whenever an import or the registry's ATC codes change: the key under which the
 * in-memory copy of the shortages is kept.
 */
export async function loadShortageDataVersion(db: Queryable): Promise<string> {
  const result = await db.query<{ version: string }>(
    `select concat_ws('|', (select count(*) from foreign_shortage_import),
                          (select max(imported_at) from foreign_shortage_import),
                          (select count(*) from atc_code)) as version`,
  );
  return result.rows[0]?.version ?? '';
}

/**
 * The level-5 codes the registry knows under the level-4 groups that shortages name: what a
 * group link expands to.
 */
export async function loadLevel5CodesUnderLinkedGroups(db: Queryable): Promise<string[]> {
  const result = await db.query<{ code: string }>(
    `select code from atc_code
      where level = 5
        and parent_code in (select distinct atc_code from foreign_shortage_atc where level = 4)
      order by code`,
  );
  return result.rows.map((row) => row.code);
}

/** Whether any report names the code (at any level). */
export async function shortageAtcCodeExists(db: Queryable, code: string): Promise<boolean> {
  const result = await db.query('select 1 from foreign_shortage_atc where atc_code = $1 limit 1', [
    code,
  ]);
  return (result.rowCount ?? 0) > 0;
}

/** One shortage with every report of its chain, its packs and its ATC links; no contact data. */
export async function findShortageDetail(
  db: Queryable,
  id: number,
): Promise<ForeignShortageDetail | undefined> {
  const shortage = await db.query<ShortageRow>(`${SHORTAGE_SELECT} where s.id = $1`, [id]);
  const row = shortage.rows[0];
  if (row === undefined) return undefined;
  const current = await db.query<{
    id: number;
    kind_label: string;
    reason_note: string | null;
    alternatives: string | null;
    atc_text: string | null;
    details: Record<string, unknown>;
    source_file: string;
    source_line: number;
    file_sha256: string;
    imported_at: Date;
  }>(
    `select r.id, r.kind_label, r.reason_note, r.alternatives, r.atc_text, r.details,
            r.source_file, r.source_line, i.file_sha256, i.imported_at
       from foreign_shortage s
       join foreign_shortage_report r on r.id = s.current_report_id
       join foreign_shortage_import i on i.id = r.import_id
      where s.id = $1`,
    [id],
  );
  const report = current.rows[0];
  if (report === undefined) return undefined;
  const [reports, packs, links] = await Promise.all([
    db.query<{
      report_number: string;
      kind: ReportKind;
      kind_label: string;
      start_date: string | null;
      end_date: string | null;
      reported_on: string;
      source_file: string;
      source_line: number;
    }>(
      `select report_number, kind, kind_label, start_date, end_date, reported_on, source_file,
              source_line
         from foreign_shortage_report where shortage_id = $1
        order by reported_on, report_number`,
      [id],
    ),
    db.query<{ pzn: string | null; enr: string[]; ndc: string | null; source_line: number }>(
      `select pzn, enr, ndc, source_line from foreign_shortage_pack
        where report_id = $1 order by source_line`,
      [report.id],
    ),
    db.query<{ atc_code: string; level: number; via: 'atc' | 'name'; substances: string[] }>(
      `select a.atc_code, a.level, a.via,
              case when a.level = 5 then array[a.atc_code]
                   when a.level = 4 then coalesce((select array_agg(c.code order by c.code)
                                                     from atc_code c
                                                    where c.parent_code = a.atc_code
                                                      and c.level = 5), '{}')
                   else '{}' end as substances
         from foreign_shortage_atc a where a.report_id = $1 order by a.atc_code`,
      [report.id],
    ),
  ]);
  return {
    ...toShortage(row),
    kindLabel: report.kind_label,
    reasonNote: report.reason_note,
    alternatives: report.alternatives,
    atcText: report.atc_text,
    details: report.details,
    atc: links.rows.map((link) => ({
      code: link.atc_code,
      level: link.level,
      via: link.via,
      substances: link.substances,
    })),
    packs: packs.rows.map((pack) => ({
      pzn: pack.pzn,
      enr: pack.enr,
      ndc: pack.ndc,
      line: pack.source_line,
    })),
    reports: reports.rows.map((chain) => ({
      reportNumber: chain.report_number,
      kind: chain.kind,
      kindLabel: chain.kind_label,
      startDate: chain.start_date,
      endDate: chain.end_date,
      reportedOn: chain.reported_on,
      current: chain.report_number === row.report_number,
      file: chain.source_file,
      line: chain.source_line,
    })),
    provenance: {
      file: report.source_file,
      line: report.source_line,
      sha256: report.file_sha256,
      importedAt: report.imported_at.toISOString(),
    },
  };
}

/** Every imported file, newest first. */
export async function listShortageImports(db: Queryable): Promise<ShortageImportSummary[]> {
  const result = await db.query<{
    source: ShortageSource;
    file_name: string;
    file_sha256: string;
    imported_at: Date;
    rows_read: number;
    rows_imported: number;
    rows_rejected: number;
    reports_read: number;
  }>(
    `select source, file_name, file_sha256, imported_at, rows_read, rows_imported,
            rows_rejected, reports_read
       from foreign_shortage_import order by imported_at desc, id desc`,
  );
  return result.rows.map((row) => ({
    source: row.source,
    file: row.file_name,
    sha256: row.file_sha256,
    importedAt: row.imported_at.toISOString(),
    rowsRead: row.rows_read,
    rowsImported: row.rows_imported,
    rowsRejected: row.rows_rejected,
    reports: row.reports_read,
  }));
}
