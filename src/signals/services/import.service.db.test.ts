import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UserFacingError } from '../../kernel/errors.ts';
import { createTestDatabase, type TestDatabase } from '../../../test/setup/database.ts';
import {
  BFARM_SHORTAGE_HEADER,
  bfarmShortageFile,
  bfarmShortageLine,
} from '../../../test/fixtures/bfarm-shortages.ts';
import { writeTempFile } from '../../../test/fixtures/files.ts';
import { REFERENCE_DATA_DIR } from '../../registry/index.ts';
import {
  importBfarmShortages,
  importFdaShortages,
  importShortageReferenceData,
} from './import.service.ts';
import { foreignShortagesFor, shortageDurations } from './query.service.ts';

const actor = 'test';
const HISTORY = join(REFERENCE_DATA_DIR, 'bfarm-shortages/bfarm_shortages_history.csv');
const EXPORT = join(REFERENCE_DATA_DIR, 'bfarm-shortages/LEMeldungen_2026-09-09.csv');
const FDA_FIXTURE = new URL('../../../test/fixtures/fda-shortages.json', import.meta.url).pathname;

async function count(db: TestDatabase, sql: string, params: unknown[] = []): Promise<number> {
  const result = await db.pool.query<{ n: number }>(sql, params);
  return result.rows[0]?.n ?? -1;
}

/** Everything the signals tables hold, except when each file was imported. */
async function signalsContents(db: TestDatabase): Promise<unknown[]> {
  const queries = [
    `select id, source, file_name, file_sha256, actor, rows_read, rows_imported, rows_rejected,
            reports_read, rejected from foreign_shortage_import order by id`,
    'select * from foreign_shortage order by id',
    'select * from foreign_shortage_report order by id',
    'select * from foreign_shortage_pack order by report_id, source_line',
    'select * from foreign_shortage_atc order by report_id, atc_code',
    'select * from foreign_shortage_contact order by report_id',
  ];
  const results = [];
  for (const sql of queries) results.push((await db.pool.query(sql)).rows);
  return results;
}

/** Rows per Meldungsart, counted over the packs (one CSV row each) of every stored report. */
async function rowsByKind(db: TestDatabase): Promise<Record<string, number>> {
  const result = await db.pool.query<{ kind_label: string; n: number }>(
    `select r.kind_label, count(*)::int as n from foreign_shortage_pack p
       join foreign_shortage_report r on r.id = p.report_id
      group by r.kind_label order by r.kind_label`,
  );
  return Object.fromEntries(result.rows.map((row) => [row.kind_label, row.n]));
}

async function refusal(promise: Promise<unknown>): Promise<UserFacingError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof UserFacingError) return error;
    throw error;
  }
  throw new Error('expected the import to be refused');
}

describe('importing the real BfArM shortage files', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase('empty');
  });
  afterAll(async () => {
    await db.close();
  });

  it('reads all 7,511 rows of the history and rejects only the row with a malformed PZN', async () => {
    const report = await importBfarmShortages(db.pool, HISTORY, { actor });
    // data/reference/PROVENANCE.md: 7,511 rows, 4,643 notifications. The one rejected row is the
    // only row of notification LE2021004847 (a Löschmeldung), so 4,642 reports remain.
    expect(report.rowsRead).toBe(7_511);
    expect(report.rejected).toEqual([
      {
        file: 'bfarm_shortages_history.csv',
        line: 7482,
        reason: 'PZN "-0085829" is not 8 digits',
      },
    ]);
    expect(report.rowsImported).toBe(7_510);
    expect(report.reports).toBe(4_642);
    expect(report.reportsNew).toBe(4_642);
    // No report of the history references a notification of the same file: one chain each.
    expect(report.shortages).toBe(4_642);
    // Löschmeldung 6,562 rows, Änderungsmeldung 732, Erstmeldung 217, less the rejected one.
    expect(await rowsByKind(db)).toEqual({
      Erstmeldung: 217,
      Löschmeldung: 6_561,
      Änderungsmeldung: 732,
    });
    expect(
      await count(
        db,
        `select count(*)::int as n from foreign_shortage_report where kind = 'closing'`,
      ),
    ).toBe(4_112);
  });

  it('merges the newer export by Bearbeitungsnummer: 98 new reports, 330 unchanged', async () => {
    const report = await importBfarmShortages(db.pool, EXPORT, { actor });
    // 739 rows, 428 notifications; 330 of them are in the history with identical content.
    expect(report.rowsRead).toBe(739);
    expect(report.rowsRejected).toBe(0);
    expect(report.reports).toBe(428);
    expect(report.reportsUnchanged).toBe(330);
    expect(report.reportsNew).toBe(98);
    expect(report.reportsUpdated).toBe(0);
    // 394 of its 428 chains are in the history; 34 are new.
    expect(report.shortagesNew).toBe(34);
    expect(await count(db, 'select count(*)::int as n from foreign_shortage')).toBe(4_676);
    expect(await count(db, 'select count(*)::int as n from foreign_shortage_report')).toBe(4_740);
  });

  it('makes the later report of a chain its current one', async () => {
    // LE2025003557: the history's latest report is LE2026002462 (3 Jul 2026), the export's
    // LE2026003277 (7 Sep 2026).
    const result = await db.pool.query<{ current: string; chain: string[] }>(
      `select (select report_number from foreign_shortage_report where id = s.current_report_id)
                as current,
              array(select report_number from foreign_shortage_report r
                     where r.shortage_id = s.id order by reported_on) as chain
         from foreign_shortage s where source = 'bfarm' and shortage_key = 'LE2025003557'`,
    );
    expect(result.rows).toEqual([
      { current: 'LE2026003277', chain: ['LE2026002462', 'LE2026003277'] },
    ]);
    // 64 chains got a newer report from the export (56 updates of an Änderungsmeldung, 8 of an
    // Erstmeldung): each now has two reports.
    expect(
      await count(
        db,
        `select count(*)::int as n from (select shortage_id from foreign_shortage_report
          group by shortage_id having count(*) = 2) twice`,
      ),
    ).toBe(64);
  });

  it('stores level-4 groups as level-4 links, TERM_ID cells as no link, and contact data apart', async () => {
    expect(
      await count(
        db,
        `select count(*)::int as n from foreign_shortage_report r
          where not exists (select 1 from foreign_shortage_atc a where a.report_id = r.id)`,
      ),
    ).toBeGreaterThan(100);
    expect(
      await count(
        db,
        `select count(*)::int as n from foreign_shortage_atc where atc_code = 'B05BA'`,
      ),
    ).toBeGreaterThan(0);
    expect(
      await count(
        db,
        `select count(*)::int as n from foreign_shortage_atc where level = 4 and length(atc_code) <> 5`,
      ),
    ).toBe(0);
    // Company names come out joined; no letter-spaced spelling is left.
    expect(
      await count(
        db,
        `select count(*)::int as n from foreign_shortage_report where company like 'H e x a l%'`,
      ),
    ).toBe(0);
    expect(
      await count(
        db,
        `select count(*)::int as n from foreign_shortage_report
          where company = 'Hexal Aktiengesellschaft'`,
      ),
    ).toBeGreaterThan(200);
    // No contact value is kept in the public columns.
    expect(
      await count(
        db,
        `select count(*)::int as n from foreign_shortage_report r
           join foreign_shortage_contact c on c.report_id = r.id
          where c.email like '%@%' and r::text like '%' || c.email || '%'`,
      ),
    ).toBe(0);
    // Reports with a phone number or an e-mail address: 4,636 of the history's (less the
    // rejected one) and the export's 98 new ones.
    expect(await count(db, 'select count(*)::int as n from foreign_shortage_contact')).toBe(4_734);
  });

  it('keeps PZNs with leading zeros and the placeholder 00000000 as no PZN', async () => {
    expect(
      await count(
        db,
        `select count(*)::int as n from foreign_shortage_pack where pzn = '06312605'`,
      ),
    ).toBe(1);
    expect(
      await count(db, `select count(*)::int as n from foreign_shortage_pack where pzn is null`),
      // The history's 129; the export's 4 are in reports the history holds already.
    ).toBe(129);
  });

  it('gives the distribution of real durations for the stock question', async () => {
    const durations = await shortageDurations(db.pool);
    // Closed shortages: the history's 4,113 Löschmeldungen less the rejected one.
    expect(durations).toHaveLength(4_112);
    expect(durations[0]).toBe(0);
    expect(durations.at(-1)).toBe(3043);
  });
});

describe('importing is idempotent and order-independent', () => {
  let first: TestDatabase;
  let second: TestDatabase;
  beforeAll(async () => {
    first = await createTestDatabase('empty');
    second = await createTestDatabase('empty');
  });
  afterAll(async () => {
    await first.close();
    await second.close();
  });

  it('gives the same database when a file is imported twice', async () => {
    await importBfarmShortages(first.pool, EXPORT, { actor });
    // The export alone: Erstmeldung 226 rows, Änderungsmeldung 513 (PROVENANCE.md).
    expect(await rowsByKind(first)).toEqual({ Erstmeldung: 226, Änderungsmeldung: 513 });
    const once = await signalsContents(first);
    const again = await importBfarmShortages(first.pool, EXPORT, { actor });
    expect(again.reportsUnchanged).toBe(428);
    expect(await signalsContents(first)).toEqual(once);
  });

  it('gives every shortage the same current report whichever file comes first', async () => {
    await importBfarmShortages(first.pool, HISTORY, { actor });
    await importBfarmShortages(second.pool, HISTORY, { actor });
    await importBfarmShortages(second.pool, EXPORT, { actor });
    const current = async (db: TestDatabase) =>
      (
        await db.pool.query<{ shortage_key: string; report_number: string; content_hash: string }>(
          `select s.shortage_key, r.report_number, r.content_hash from foreign_shortage s
             join foreign_shortage_report r on r.id = s.current_report_id
            order by s.shortage_key`,
        )
      ).rows;
    expect(await current(first)).toEqual(await current(second));
  });

  it('skips the shipped files once they are imported', async () => {
    const fresh = await createTestDatabase('empty');
    try {
      const loaded = await importShortageReferenceData(fresh.pool, { actor });
      expect(loaded.reports.map((report) => report.file)).toEqual([
        'bfarm_shortages_history.csv',
        'LEMeldungen_2026-09-09.csv',
      ]);
      const before = await signalsContents(fresh);
      const again = await importShortageReferenceData(fresh.pool, { actor });
      expect(again.reports).toEqual([]);
      expect(again.unchanged).toEqual([
        'bfarm-shortages/bfarm_shortages_history.csv',
        'bfarm-shortages/LEMeldungen_2026-09-09.csv',
      ]);
      expect(await signalsContents(fresh)).toEqual(before);
    } finally {
      await fresh.close();
    }
  });
});

describe('bad BfArM input', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase('empty');
  });
  afterAll(async () => {
    await db.close();
  });

  const nothingImported = async () => {
    expect(await count(db, 'select count(*)::int as n from foreign_shortage_report')).toBe(0);
    expect(await count(db, 'select count(*)::int as n from foreign_shortage_import')).toBe(0);
  };

  it('refuses a comma-separated file as a whole', async () => {
    const path = writeTempFile(
      'comma.csv',
      BFARM_SHORTAGE_HEADER.replace(/;/g, ',') +
        '\n' +
        bfarmShortageLine().replace(/;/g, ',') +
        '\n',
    );
    const error = await refusal(importBfarmShortages(db.pool, path, { actor }));
    expect(error.code).toBe('MS_IMPORT_WRONG_DELIMITER');
    expect(error.message).toBe(
      'comma.csv:1: the header is separated by ",", but this register uses ";"',
    );
    await nothingImported();
  });

  it('refuses a file without the Meldungsart column, naming it', async () => {
    const text = bfarmShortageFile([bfarmShortageLine()]).replace('Meldungsart', 'Art');
    const error = await refusal(
      importBfarmShortages(db.pool, writeTempFile('missing.csv', text), { actor }),
    );
    expect(error.code).toBe('MS_IMPORT_MISSING_COLUMNS');
    expect(error.message).toMatch(/^missing\.csv:1: missing column "Meldungsart"/);
    await nothingImported();
  });

  it('refuses an empty file, a binary file and a truncated file, importing nothing', async () => {
    const empty = await refusal(
      importBfarmShortages(db.pool, writeTempFile('empty.csv', ''), { actor }),
    );
    expect(empty.code).toBe('MS_IMPORT_EMPTY_FILE');
    const binary = await refusal(
      importBfarmShortages(
        db.pool,
        writeTempFile(
          'binary.csv',
          Buffer.concat([
            Buffer.from(BFARM_SHORTAGE_HEADER + '\n'),
            Buffer.from([0x50, 0x4b, 0, 3]),
          ]),
        ),
        { actor },
      ),
    );
    expect(binary.code).toBe('MS_IMPORT_BINARY_FILE');
    expect(binary.message).toMatch(/^binary\.csv:2: /);
    const whole = bfarmShortageFile([
      bfarmShortageLine({ PZN: '00000001' }),
      bfarmShortageLine({ PZN: '00000002', 'Anm. zum Grund': 'Hinweis; mit Semikolon' }),
    ]);
    // Cut inside the quoted field of the last row: the quote is never closed.
    const truncated = await refusal(
      importBfarmShortages(
        db.pool,
        writeTempFile('truncated.csv', whole.slice(0, whole.indexOf('mit Semikolon'))),
        { actor },
      ),
    );
    expect(truncated.code).toBe('MS_IMPORT_TRUNCATED');
    // Cut after the last row's tenth field: the record is short.
    const lines = whole.trimEnd().split('\n');
    const short = [...lines.slice(0, -1), (lines.at(-1) ?? '').split(';').slice(0, 10).join(';')];
    const cut = await refusal(
      importBfarmShortages(db.pool, writeTempFile('cut.csv', short.join('\n')), { actor }),
    );
    expect(cut.code).toBe('MS_IMPORT_TRUNCATED');
    expect(cut.message).toBe(
      'cut.csv:3: the last record has 10 of 23 fields: the file is truncated',
    );
    await nothingImported();
  });

  it('skips a row with an invalid date, naming file and line, and imports the others', async () => {
    const path = writeTempFile(
      'dates.csv',
      bfarmShortageFile([
        bfarmShortageLine({ PZN: '00000001', Bearbeitungsnummer: 'LE2026000001' }),
        bfarmShortageLine({
          PZN: '00000002',
          Bearbeitungsnummer: 'LE2026000002',
          Beginn: '32.01.2026',
        }),
        bfarmShortageLine({ PZN: '00000003', Bearbeitungsnummer: 'LE2026000003' }),
      ]),
    );
    const report = await importBfarmShortages(db.pool, path, { actor });
    expect(report.rejected).toEqual([
      { file: 'dates.csv', line: 3, reason: 'invalid date "32.01.2026" in column Beginn' },
    ]);
    expect(report.reports).toBe(2);
    expect(await count(db, 'select count(*)::int as n from foreign_shortage_report')).toBe(2);
  });

  it('refuses a file none of whose rows is usable, naming the first problems', async () => {
    const path = writeTempFile(
      'allbad.csv',
      bfarmShortageFile([bfarmShortageLine({ Beginn: 'bald' })]),
    );
    const error = await refusal(importBfarmShortages(db.pool, path, { actor }));
    expect(error.code).toBe('MS_IMPORT_NO_VALID_ROWS');
    expect(error.message).toContain('allbad.csv:2: invalid date "bald" in column Beginn');
  });
});

describe('importing an FDA drug shortages file', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase('reference');
  });
  afterAll(async () => {
    await db.close();
  });

  it('imports the valid records, rejects the bad and the repeated one, and links by name', async () => {
    const report = await importFdaShortages(db.pool, FDA_FIXTURE, { actor });
    expect(report.rowsRead).toBe(6);
    expect(report.rejected.map((row) => [row.line, row.reason.split(':')[0]])).toEqual([
      [64, 'results[3]'],
      [84, 'results[5]'],
    ]);
    expect(report.rejected[1]?.reason).toBe(
      'results[5]: repeats the record on line 9 (same drug, company, presentation and update date)',
    );
    expect(report.reports).toBe(4);
    expect(report.unmatchedSubstances.map((entry) => entry.name)).toContain('CEFAZOLIN SODIUM');
    const amoxicillin = await foreignShortagesFor(db.pool, 'J01CA04', '2026-06-01', {
      source: 'fda',
    });
    expect(amoxicillin.map((s) => [s.productName, s.match])).toEqual([
      ['Amoxicillin and Clavulanate Potassium Tablet', 'exact'],
      ['Amoxil', 'exact'],
    ]);
    // The contact line is stored apart.
    expect(
      await count(
        db,
        `select count(*)::int as n from foreign_shortage_contact
          where contact_info = 'Customer Service 1-800-555-0100'`,
      ),
    ).toBe(1);
  });

  it('refuses a file that is not JSON, naming the line, and imports nothing more', async () => {
    const before = await count(db, 'select count(*)::int as n from foreign_shortage_report');
    const error = await refusal(
      importFdaShortages(db.pool, writeTempFile('bad.json', '{\n  "results": [\n    oops\n'), {
        actor,
      }),
    );
    expect(error.code).toBe('MS_SIGNALS_FDA_NOT_JSON');
    expect(error.message).toMatch(/^bad\.json:3: /);
    const binary = await refusal(
      importFdaShortages(db.pool, writeTempFile('bin.json', Buffer.from([0x7b, 0, 0x7d])), {
        actor,
      }),
    );
    expect(binary.code).toBe('MS_IMPORT_BINARY_FILE');
    expect(await count(db, 'select count(*)::int as n from foreign_shortage_report')).toBe(before);
  });
});
