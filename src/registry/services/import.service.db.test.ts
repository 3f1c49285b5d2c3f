import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UserFacingError } from '../../kernel/errors.ts';
import { createTestDatabase, type TestDatabase } from '../../../test/setup/database.ts';
import { BFARM_HEADER, bfarmLine, writeTempFile } from '../../../test/fixtures/files.ts';
import { FOLDER_LAYOUT } from '../ingest/formats.ts';
import { REFERENCE_DATA_DIR } from '../index.ts';
import { importFolder, importRegisterFile } from './import.service.ts';

const actor = 'test';
const reference = (register: keyof typeof FOLDER_LAYOUT) =>
  join(REFERENCE_DATA_DIR, FOLDER_LAYOUT[register]);

/** Everything the registry holds, without generated link ids, in a stable order. */
async function registryContents(db: TestDatabase): Promise<unknown[]> {
  const queries = [
    'select code, level, parent_code from atc_code order by code',
    'select * from substance_name order by atc_code, source, lang',
    'select id, source, site_key, country, name, city, address, identity_key from manufacturing_site order by id',
    `select source, site_id, atc_code, step, product_ref, product_name, certificate_status,
            is_current, source_file, source_line from supply_link
      order by source, source_line, atc_code, site_id`,
    'select version, atc_code, source_line from critical_list_entry order by version, atc_code',
  ];
  const results = [];
  for (const sql of queries) results.push((await db.pool.query(sql)).rows);
  return results;
}

async function count(db: TestDatabase, sql: string): Promise<number> {
  const result = await db.pool.query<{ n: number }>(sql);
  return result.rows[0]?.n ?? -1;
}

describe('importing the real registers', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase('empty');
  });
  afterAll(async () => {
    await db.close();
  });

  it('reads all 299 codes of the critical list, skipping its blank lines', async () => {
    const report = await importRegisterFile(db.pool, 'ulcm', reference('ulcm'), {
      actor,
      listVersion: 'v-test',
    });
    // data/reference/PROVENANCE.md: 299 codes, 101 blank lines, no repeats
    expect(report.rowsRead).toBe(299);
    expect(report.rowsImported).toBe(299);
    expect(report.rowsRejected).toBe(0);
    expect(
      await count(
        db,
        `select count(*)::int as n from critical_list_entry where version = 'v-test'`,
      ),
    ).toBe(299);
  });

  it('reads every row of the BfArM register and leaves out only the MAH rows', async () => {
    const report = await importRegisterFile(db.pool, 'bfarm', reference('bfarm'), { actor });
    expect(report.rowsRead).toBe(22_660);
    expect(report.rowsRejected).toBe(0);
    // Every imported row is a manufacturer role; the skipped ones are Zulassungsinhaber.
    expect(report.rowsImported + report.rowsSkipped).toBe(22_660);
    expect(
      await count(
        db,
        `select count(*)::int as n from supply_link where source = 'bfarm' and step is null`,
      ),
    ).toBe(0);
    // A row belongs to the product's own code: N02AX01 products were found under V03AB15.
    expect(
      await count(
        db,
        `select count(*)::int as n from supply_link where source = 'bfarm' and atc_code = 'N02AX01'`,
      ),
    ).toBeGreaterThan(0);
  });

  it('maps every German country name of the register to an ISO code', async () => {
    const result = await db.pool.query<{ country: string }>(
      `select distinct country from manufacturing_site where source = 'bfarm' order by country`,
    );
    const countries = result.rows.map((row) => row.country);
    expect(countries).toContain('DE');
    expect(countries).toContain('IN');
    expect(countries).toContain('CN');
    expect(countries.every((c) => /^[A-Z]{2}$/.test(c))).toBe(true);
  });

  it('imports the HPRA register, reporting each bad row with its line', async () => {
    const report = await importRegisterFile(db.pool, 'hpra', reference('hpra'), { actor });
    expect(report.rowsRead).toBe(1_166);
    // Five rows name no country (PROVENANCE.md, sites per row: "none 5"); one of them still
    // names a company, one other names a country but no company.
    const withoutCountry = report.rejected.filter(
      (r) => r.reason.startsWith('no manufacturer in columns') || r.reason.startsWith('no country'),
    );
    expect(withoutCountry).toHaveLength(5);
    for (const row of report.rejected) expect(row.line).toBeGreaterThan(1);
    expect(
      await count(
        db,
        `select count(*)::int as n from supply_link where source = 'hpra' and step is not null`,
      ),
    ).toBe(0);
  });

  it('imports the CEP export: only ATC-coded certificates, current only when valid', async () => {
    const report = await importRegisterFile(db.pool, 'cep', reference('cep'), { actor });
    expect(report.rowsRead).toBe(9_417);
    const statuses = await db.pool.query<{ certificate_status: string; is_current: boolean }>(
      `select distinct certificate_status, is_current from supply_link where source = 'cep'`,
    );
    for (const row of statuses.rows)
      expect(row.is_current).toBe(row.certificate_status === 'Valid');
    expect(
      await count(
        db,
        `select count(*)::int as n from supply_link where source = 'cep' and step <> 1`,
      ),
    ).toBe(0);
  });

  it('imports EPAR and drops extraction garbage as bad rows', async () => {
    const report = await importRegisterFile(db.pool, 'epar', reference('epar'), { actor });
    expect(report.rowsRead).toBe(187);
    const reasons = report.rejected.map((row) => row.reason).join('\n');
    expect(reasons).toContain('"B. CONDITIONS"');
    expect(reasons).toContain('"RESTRICTION REGARDING SUPPLY AND USE"');
    expect(
      await count(
        db,
        `select count(*)::int as n from manufacturing_site where name ilike '%CONDITIONS%'`,
      ),
    ).toBe(0);
  });

  it('gives the same database when everything is imported twice', async () => {
    await importFolder(db.pool, REFERENCE_DATA_DIR, { actor, listVersion: 'v-test' });
    const first = await registryContents(db);
    await importFolder(db.pool, REFERENCE_DATA_DIR, { actor, listVersion: 'v-test' });
    expect(await registryContents(db)).toEqual(first);
  });

  it('records each import in the audit log', async () => {
    const result = await db.pool.query<{ actor: string; entity_id: string }>(
      `select actor, entity_id from audit_log where action = 'import' and entity = 'register'`,
    );
    expect(result.rows.map((row) => row.entity_id)).toEqual(
      expect.arrayContaining(['bfarm', 'hpra', 'cep', 'epar']),
    );
    await expect(db.pool.query('delete from audit_log')).rejects.toThrow(/append-only/);
  });
});

describe('bad input never leaves a half-imported file', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase('empty');
    const good = writeTempFile('good.csv', [BFARM_HEADER, bfarmLine()].join('\n') + '\n');
    await importRegisterFile(db.pool, 'bfarm', good, { actor });
  });
  afterAll(async () => {
    await db.close();
  });

  async function expectRefused(content: string | Buffer, code: string, message: RegExp) {
    const before = await registryContents(db);
    const path = writeTempFile('bfarm.csv', content);
    const error = await importRegisterFile(db.pool, 'bfarm', path, { actor }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(UserFacingError);
    expect((error as UserFacingError).code).toBe(code);
    expect((error as UserFacingError).message).toMatch(message);
    // The earlier import of the register is untouched.
    expect(await registryContents(db)).toEqual(before);
  }

  it('refuses a truncated file without importing its good rows', async () => {
    const rows = [BFARM_HEADER, bfarmLine({ pu_nummer: '1' }), bfarmLine({ pu_nummer: '2' })];
    const text = rows.join('\n');
    await expectRefused(text.slice(0, text.length - 12), 'MS_IMPORT_TRUNCATED', /^bfarm\.csv:3: /);
  });

  it('refuses a file with the wrong delimiter', async () => {
    await expectRefused(
      BFARM_HEADER.replace(/,/g, ';') + '\n' + bfarmLine().replace(/,/g, ';'),
      'MS_IMPORT_WRONG_DELIMITER',
      /^bfarm\.csv:1: the header is separated by ";"/,
    );
  });

  it('refuses a file with a renamed column', async () => {
    await expectRefused(
      BFARM_HEADER.replace('land', 'country') + '\n' + bfarmLine(),
      'MS_IMPORT_MISSING_COLUMNS',
      /^bfarm\.csv:1: missing column "land" \(the header has "country" instead\)/,
    );
  });

  it('refuses an empty file and random bytes', async () => {
    await expectRefused('', 'MS_IMPORT_EMPTY_FILE', /^bfarm\.csv:1: the file is empty/);
    const bytes = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256));
    await expectRefused(bytes, 'MS_IMPORT_BINARY_FILE', /^bfarm\.csv:\d+: the file contains/);
  });

  it('refuses a file in which no row can be used, listing the first problems', async () => {
    await expectRefused(
      [BFARM_HEADER, bfarmLine({ atc_code: 'XYZ' }), bfarmLine({ land: 'Atlantis' })].join('\n') +
        '\n',
      'MS_IMPORT_NO_VALID_ROWS',
      /bfarm\.csv:2: invalid ATC code "XYZ" in column atc_code\n {2}bfarm\.csv:3: unknown country "Atlantis"/,
    );
  });

  it('imports the good rows of a file and reports each bad one as file:line: reason', async () => {
    const path = writeTempFile(
      'mixed.csv',
      [
        BFARM_HEADER,
        bfarmLine({ pu_nummer: '11' }),
        bfarmLine({ atc_code: 'J01CA4' }),
        bfarmLine({ land: 'Atlantis' }),
        bfarmLine({ pu_nummer: '12', land: 'Italien' }),
      ].join('\n') + '\n',
    );
    const report = await importRegisterFile(db.pool, 'bfarm', path, { actor });
    expect(report.rejected).toEqual([
      { file: 'mixed.csv', line: 3, reason: 'invalid ATC code "J01CA4" in column atc_code' },
      { file: 'mixed.csv', line: 4, reason: 'unknown country "Atlantis" in column land' },
    ]);
    expect(report.rowsImported).toBe(2);
    const sites = await db.pool.query<{ site_key: string; country: string }>(
      `select site_key, country from manufacturing_site where source = 'bfarm' order by site_key`,
    );
    expect(sites.rows).toEqual([
      { site_key: '11', country: 'IN' },
      { site_key: '12', country: 'IT' },
    ]);
  });
});
