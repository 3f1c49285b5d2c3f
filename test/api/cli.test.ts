/** The CLI through runCli (in-process) and once through the real bin, on the test database. */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli.ts';
import { createTestDatabase, type TestDatabase } from '../setup/database.ts';
import { BFARM_HEADER, bfarmLine, writeTempFile } from '../fixtures/files.ts';

const BIN = fileURLToPath(new URL('../../bin/medsupply.js', import.meta.url));
let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase('reference');
});
afterAll(async () => {
  await db.close();
});

async function cli(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    env: { DATABASE_URL: db.url, MEDSUPPLY_ACTOR: 'cli:test' },
  });
  return { code, stdout, stderr };
}

describe('medsupply vulnerability', () => {
  it('prints one JSON array with exactly the documented keys', async () => {
    const result = await cli(
      'vulnerability',
      '--format',
      'json',
      '--source',
      'bfarm',
      '--top',
      '5',
    );
    expect(result.code).toBe(0);
    const rows = JSON.parse(result.stdout) as Record<string, unknown>[];
    expect(rows).toHaveLength(5);
    for (const row of rows) {
      expect(Object.keys(row)).toEqual([
        'atc',
        'source',
        'sites',
        'countries',
        'hhi',
        'effectiveCountries',
        'shareChina',
        'shareIndia',
        'shareEuEea',
        'singleCountry',
        'singleSite',
      ]);
      expect(row.source).toBe('bfarm');
    }
  });

  it('prints CSV with a header and a table by default', async () => {
    const csv = await cli('vulnerability', '--format', 'csv', '--top', '3');
    expect(csv.stdout.split('\r\n')[0]).toMatch(/^atc,substance,source,/);
    expect(csv.stdout.trim().split('\r\n')).toHaveLength(4);
    const table = await cli('vulnerability', '--top', '2');
    expect(table.stdout).toMatch(/^atc\s+substance/);
  });

  it('covers more codes with --all-codes than the critical list alone', async () => {
    const critical = JSON.parse(
      (await cli('vulnerability', '--format', 'json', '--source', 'bfarm')).stdout,
    ) as unknown[];
    const all = JSON.parse(
      (await cli('vulnerability', '--format', 'json', '--source', 'bfarm', '--all-codes')).stdout,
    ) as unknown[];
    expect(all.length).toBeGreaterThan(critical.length);
  });

  it('explains a wrong flag value and exits 2 without a stack trace', async () => {
    const result = await cli('vulnerability', '--source', 'fda');
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      'medsupply vulnerability: --source must be one of epar, bfarm, hpra, cep, all; not "fda"\n',
    );
    expect((await cli('vulnerability', '--top', 'many')).stderr).toContain(
      '--top must be a whole number',
    );
    expect((await cli('vulnerability', '--colour')).code).toBe(2);
  });
});

describe('medsupply coverage and impact', () => {
  it('prints coverage as one JSON array with source, codes, manufacturers, countries', async () => {
    const result = await cli('coverage', '--format', 'json');
    const rows = JSON.parse(result.stdout) as Record<string, unknown>[];
    expect(rows.map((row) => row.source)).toEqual(['epar', 'bfarm', 'hpra', 'cep']);
    for (const row of rows)
      expect(Object.keys(row)).toEqual(['source', 'codes', 'manufacturers', 'countries']);
  });

  it('shows the impact of a country and of a site', async () => {
    const country = await cli('impact', '--country', 'CN', '--format', 'json');
    expect(country.code).toBe(0);
    const report = JSON.parse(country.stdout) as { target: { id: string }; items: unknown[] };
    expect(report.target.id).toBe('CN');
    expect(report.items.length).toBeGreaterThan(0);
    const site = await db.pool.query<{ id: number }>(
      `select site_id as id from supply_link group by site_id order by count(*) desc limit 1`,
    );
    const siteResult = await cli('impact', '--site', String(site.rows[0]?.id), '--critical');
    expect(siteResult.code).toBe(2); // --critical is not an impact flag
    const table = await cli('impact', '--site', String(site.rows[0]?.id));
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/^site .* supplies \d+ codes/);
  });

  it('needs exactly one of --site and --country, and a real site', async () => {
    expect((await cli('impact')).code).toBe(2);
    expect((await cli('impact', '--site', '1', '--country', 'IN')).code).toBe(2);
    const missing = await cli('impact', '--site', '99999999');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe('medsupply impact: no manufacturing site with id 99999999\n');
  });
});

describe('medsupply import', () => {
  it('imports a file, printing bad rows as file:line: reason', async () => {
    const path = writeTempFile(
      'register.csv',
      [BFARM_HEADER, bfarmLine(), bfarmLine({ land: 'Atlantis' })].join('\n') + '\n',
    );
    const result = await cli('import', 'bfarm-register', path);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('register.csv:3: unknown country "Atlantis" in column land\n');
    expect(result.stdout).toContain(
      '2 rows read, 1 imported, 0 skipped (no manufacturing data), 1 rejected',
    );
  });

  it('exits 1 with one clear line for a file it cannot use', async () => {
    const path = writeTempFile('register.csv', 'a;b;c\n1;2;3\n');
    const result = await cli('import', 'bfarm-register', path);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /medsupply import: register\.csv:1: the header is separated by ";"/,
    );
    expect(result.stderr).not.toMatch(/\bat .*\.ts:\d+/);
  });

  it('names an unknown register and a missing file', async () => {
    expect((await cli('import', 'fda', 'x.csv')).stderr).toContain('unknown register "fda"');
    const missing = await cli('import', 'hpra', '/nonexistent/hpra.csv');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe('medsupply import: hpra.csv: no such file, or it cannot be read\n');
  });
});

describe('the installed command', () => {
  it('runs through bin/medsupply.js and exits with the command’s code', async () => {
    const run = promisify(execFile);
    const ok = await run(process.execPath, [BIN, 'coverage', '--format', 'json'], {
      env: { ...process.env, DATABASE_URL: db.url },
    });
    expect(JSON.parse(ok.stdout)).toHaveLength(4);
    const failed = await run(process.execPath, [BIN, 'impact', '--country', 'ZZZ'], {
      env: { ...process.env, DATABASE_URL: db.url },
    }).then(
      () => undefined,
      (error: unknown) => error as { code: number; stderr: string },
    );
    expect(failed?.code).toBe(1);
    expect(failed?.stderr).toContain('"ZZZ" is not an ISO 3166-1 alpha-2 country code');
  }, 60_000);
});
