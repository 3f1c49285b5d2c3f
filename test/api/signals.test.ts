/**
 * The foreign-shortage API in-process, on a database with the reference registers, both shipped
 * BfArM files and the hand-made FDA file. Expected figures were worked out from the CSV files
 * with an independent script (Python csv module), not from this code's output.
 */
import type { FastifyInstance } from 'fastify';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.ts';
import { importFdaShortages, importShortageReferenceData } from '../../src/signals/index.ts';
import { runShortageImportCommand, runShortagesAnalysisCommand } from '../../src/signals/cli.ts';
import { createCliContext } from '../../src/platform/cli-kit.ts';
import { createTestDatabase, type TestDatabase } from '../setup/database.ts';
import { bfarmShortageFile, bfarmShortageLine } from '../fixtures/bfarm-shortages.ts';
import { writeTempFile } from '../fixtures/files.ts';

const FDA_FIXTURE = fileURLToPath(new URL('../fixtures/fda-shortages.json', import.meta.url));

let db: TestDatabase;
let app: FastifyInstance;
/** Every body a public endpoint sent in this file, for the contact-data check at the end. */
const bodies: string[] = [];

beforeAll(async () => {
  db = await createTestDatabase('reference');
  await importShortageReferenceData(db.pool, { actor: 'test' });
  await importFdaShortages(db.pool, FDA_FIXTURE, { actor: 'test' });
  app = await buildApp({ pool: db.pool });
});

afterAll(async () => {
  await app.close();
  await db.close();
});

async function get(url: string, status = 200) {
  const response = await app.inject({ method: 'GET', url });
  expect(response.statusCode, `${url}: ${response.body.slice(0, 500)}`).toBe(status);
  bodies.push(response.body);
  return response;
}

async function getJson<T = Record<string, unknown>>(url: string, status = 200): Promise<T> {
  return (await get(url, status)).json<T>();
}

interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

interface Shortage {
  id: number;
  source: string;
  shortageKey: string;
  reportNumber: string;
  status: string;
  company: string | null;
  startDate: string | null;
  endDate: string | null;
  durationDays: number | null;
  reportedLate: boolean | null;
  atcCodes: string[];
  match: string | null;
  matchedVia: string | null;
}

interface Problem {
  status: number;
  code: string;
  errors?: { pointer: string; code: string; detail: string }[];
}

async function idOf(source: string, shortageKey: string): Promise<number> {
  const result = await db.pool.query<{ id: number }>(
    'select id from foreign_shortage where source = $1 and shortage_key = $2',
    [source, shortageKey],
  );
  const id = result.rows[0]?.id;
  if (id === undefined) throw new Error(`no shortage ${shortageKey}`);
  return id;
}

describe('GET /v1/foreign-shortages', () => {
  it('lists every shortage once, in its current state', async () => {
    const page = await getJson<Page<Shortage>>('/v1/foreign-shortages?source=bfarm&pageSize=5');
    // 4,643 + 34 chains, less the one whose only row is rejected.
    expect(page.total).toBe(4_676);
    expect(page.items).toHaveLength(5);
    const closed = await getJson<Page<Shortage>>(
      '/v1/foreign-shortages?source=bfarm&status=closed&pageSize=1',
    );
    expect(closed.total).toBe(4_112);
    const fda = await getJson<Page<Shortage>>('/v1/foreign-shortages?source=fda');
    expect(fda.total).toBe(4);
  });

  it('filters by ATC code at any level and by the day a shortage was going on', async () => {
    const chapter = await getJson<Page<Shortage>>('/v1/foreign-shortages?atc=J&pageSize=500');
    expect(chapter.items.every((s) => s.atcCodes.some((code) => code.startsWith('J')))).toBe(true);
    const active = await getJson<Page<Shortage>>(
      '/v1/foreign-shortages?source=bfarm&activeOn=2026-09-09&pageSize=500',
    );
    expect(active.total).toBeGreaterThan(0);
    for (const shortage of active.items) {
      expect((shortage.startDate ?? '9999') <= '2026-09-09').toBe(true);
      expect(shortage.endDate === null || shortage.endDate >= '2026-09-09').toBe(true);
    }
  });

  it('sorts by a named field, descending with "-"', async () => {
    const page = await getJson<Page<Shortage>>(
      '/v1/foreign-shortages?source=bfarm&status=closed&sort=-durationDays&pageSize=3',
    );
    // The longest closed shortage in the history lasted 3,043 days.
    expect(page.items.map((s) => s.durationDays)).toEqual([3043, 2770, 2556]);
  });

  it('names every invalid parameter at once in one problem+json', async () => {
    const response = await get(
      '/v1/foreign-shortages?source=xyz&activeOn=2026-13-01&atc=X12&status=open',
      400,
    );
    expect(response.headers['content-type']).toContain('application/problem+json');
    const problem = response.json<Problem>();
    expect(problem.code).toBe('MS_REQUEST_INVALID');
    expect(problem.errors?.map((error) => error.pointer).sort()).toEqual([
      '/querystring/activeOn',
      '/querystring/atc',
      '/querystring/source',
      '/querystring/status',
    ]);
  });

  it('refuses a date that does not exist', async () => {
    const problem = await getJson<Problem>('/v1/foreign-shortages?activeOn=2026-02-30', 400);
    expect(problem.errors).toEqual([
      {
        pointer: '/querystring/activeOn',
        code: 'MS_REQUEST_INVALID',
        detail: '"2026-02-30" is not a calendar date YYYY-MM-DD',
      },
    ]);
  });
});

describe('GET /v1/foreign-shortages/{id}', () => {
  it('shows a shortage with its chain of reports, oldest first', async () => {
    const id = await idOf('bfarm', 'LE2025003557');
    const detail = await getJson<
      Shortage & {
        reports: { reportNumber: string; current: boolean; reportedOn: string; file: string }[];
        packs: { pzn: string | null; enr: string[] }[];
      }
    >(`/v1/foreign-shortages/${id}`);
    expect(detail.reportNumber).toBe('LE2026003277');
    expect(detail.reports.map((r) => [r.reportNumber, r.reportedOn, r.current, r.file])).toEqual([
      ['LE2026002462', '2026-07-03', false, 'bfarm_shortages_history.csv'],
      ['LE2026003277', '2026-09-07', true, 'LEMeldungen_2026-09-09.csv'],
    ]);
    for (const pack of detail.packs) expect(pack.pzn).toMatch(/^\d{8}$/);
  });

  it('expands a level-4 link to the level-5 codes the registry knows under it', async () => {
    const result = await db.pool.query<{ shortage_id: number; atc_code: string }>(
      `select r.shortage_id, a.atc_code from foreign_shortage_atc a
         join foreign_shortage_report r on r.id = a.report_id
         join foreign_shortage s on s.current_report_id = r.id
        where a.level = 4
          and exists (select 1 from atc_code c where c.parent_code = a.atc_code and c.level = 5)
        order by r.shortage_id limit 1`,
    );
    const row = result.rows[0];
    expect(row).toBeDefined();
    const detail = await getJson<{ atc: { code: string; level: number; substances: string[] }[] }>(
      `/v1/foreign-shortages/${row?.shortage_id ?? 0}`,
    );
    const group = detail.atc.find((link) => link.code === row?.atc_code);
    expect(group?.level).toBe(4);
    expect(group?.substances.length).toBeGreaterThan(0);
    for (const code of group?.substances ?? [])
      expect(code.startsWith(row?.atc_code ?? '?')).toBe(true);
  });

  it('answers 404 problem+json for an unknown id', async () => {
    const problem = await getJson<Problem>('/v1/foreign-shortages/99999999', 404);
    expect(problem.code).toBe('MS_SIGNALS_SHORTAGE_NOT_FOUND');
  });
});

describe('GET /v1/foreign-shortages/analysis', () => {
  interface Figures {
    shortages: number;
    closed: number;
    active: number;
    closedDurationDays: { count: number; q1: number; median: number; q3: number };
    openExpectedDurationDays: { count: number; median: number };
    reportedLate: { known: number; late: number; share: number };
    reasonCategories: { value: string | null; count: number }[];
    reasons: { value: string | null; count: number }[];
  }

  it('gives the German register’s durations, causes and late first reports', async () => {
    const analysis = await getJson<{ source: string; overall: Figures }>(
      '/v1/foreign-shortages/analysis?source=bfarm',
    );
    const { overall } = analysis;
    expect(overall.shortages).toBe(4_676);
    expect(overall.closed).toBe(4_112);
    expect(overall.active).toBe(564);
    // Worked out from the CSV files independently (type-7 quartiles of Ende - Beginn).
    expect(overall.closedDurationDays).toMatchObject({ count: 4_112, q1: 37, median: 84 });
    expect(overall.closedDurationDays.q3).toBeCloseTo(182.25, 10);
    expect(overall.openExpectedDurationDays).toMatchObject({ count: 564, median: 317 });
    // 19 history notifications have no Datum der Erstmeldung; 2,706 of the other 4,673 late.
    expect(overall.reportedLate).toMatchObject({ known: 4_673, late: 2_706 });
    expect(overall.reasonCategories.map((r) => [r.value, r.count])).toEqual([
      ['Sonstige', 3_084],
      ['Produktionsproblem', 1_591],
      [null, 1],
    ]);
    expect(overall.reasons[0]).toMatchObject({ value: 'Erhöhte Nachfrage', count: 1_543 });
  });

  it('groups by ATC chapter and by company', async () => {
    const chapters = await getJson<{ groups: (Figures & { key: string | null })[] }>(
      '/v1/foreign-shortages/analysis?groupBy=chapter',
    );
    expect(chapters.groups.slice(0, 3).map((g) => [g.key, g.shortages])).toEqual([
      ['N', 1_418],
      ['J', 652],
      ['C', 495],
    ]);
    expect(chapters.groups.find((g) => g.key === 'J')?.closedDurationDays.median).toBe(111.5);
    expect(chapters.groups.find((g) => g.key === null)?.shortages).toBe(106);
    const companies = await getJson<{ groups: (Figures & { key: string; label: string })[] }>(
      '/v1/foreign-shortages/analysis?groupBy=company',
    );
    expect(companies.groups[0]).toMatchObject({
      key: 'hexal aktiengesellschaft',
      label: 'Hexal Aktiengesellschaft',
      shortages: 246,
    });
    expect(companies.groups[0]?.closedDurationDays.median).toBe(154);
  });

  it('refuses an unknown grouping', async () => {
    const problem = await getJson<Problem>('/v1/foreign-shortages/analysis?groupBy=country', 400);
    expect(problem.errors?.[0]?.pointer).toBe('/querystring/groupBy');
  });
});

describe('GET /v1/substances/{atc}/foreign-shortages', () => {
  it('lists the shortages abroad going on at a date, latest start first', async () => {
    const result = await getJson<{ atc: string; activeOn: string; items: Shortage[] }>(
      '/v1/substances/J01CA04/foreign-shortages?activeOn=2026-06-01',
    );
    expect(result.atc).toBe('J01CA04');
    expect(result.items.length).toBeGreaterThan(0);
    // The hand-made FDA file's Amoxil (posted 10 Feb 2026, current) is among them.
    expect(result.items.some((s) => s.source === 'fda' && s.match === 'exact')).toBe(true);
    const starts = result.items.map((s) => s.startDate ?? '');
    expect([...starts].sort().reverse()).toEqual(starts);
    for (const shortage of result.items) {
      expect((shortage.startDate ?? '9999') <= '2026-06-01').toBe(true);
    }
  });

  it('without a date, lists every shortage of the substance', async () => {
    const all = await getJson<{ activeOn: null; items: Shortage[] }>(
      '/v1/substances/J01CA04/foreign-shortages?source=bfarm',
    );
    const dated = await getJson<{ items: Shortage[] }>(
      '/v1/substances/J01CA04/foreign-shortages?source=bfarm&activeOn=2026-06-01',
    );
    expect(all.activeOn).toBeNull();
    expect(all.items.length).toBeGreaterThan(dated.items.length);
  });

  it('answers 400 for a code that is not level 5 and 404 for an unknown substance', async () => {
    const invalid = await getJson<Problem>('/v1/substances/J01CA/foreign-shortages', 400);
    expect(invalid.code).toBe('MS_ATC_INVALID');
    const both = await getJson<Problem>(
      '/v1/substances/J01/foreign-shortages?activeOn=2026-02-30',
      400,
    );
    expect(both.errors?.map((error) => error.pointer)).toEqual([
      '/params/atc',
      '/querystring/activeOn',
    ]);
    const unknown = await getJson<Problem>('/v1/substances/V99ZZ99/foreign-shortages', 404);
    expect(unknown.code).toBe('MS_ATC_NOT_FOUND');
  });
});

describe('company contact data', () => {
  it('never appears in any public response', async () => {
    // Read every shortage through the list and a detail of each FDA and 100 BfArM shortages.
    const list = await getJson<Page<Shortage>>('/v1/foreign-shortages?pageSize=500');
    for (let page = 2; page <= Math.ceil(list.total / 500); page++) {
      await get(`/v1/foreign-shortages?pageSize=500&page=${page}`);
    }
    const ids = await db.pool.query<{ id: number }>(
      `select s.id from foreign_shortage s
         join foreign_shortage_contact c on c.report_id = s.current_report_id
        order by s.source desc, s.id limit 104`,
    );
    for (const { id } of ids.rows) await get(`/v1/foreign-shortages/${id}`);
    await get('/v1/foreign-shortages/analysis?groupBy=company');
    await get('/v1/substances/J01CA04/foreign-shortages');
    await get('/v1/openapi.json');

    const contacts = await db.pool.query<{ value: string }>(
      `select distinct value from foreign_shortage_contact,
              unnest(array[phone, email, contact_info]) as value
        where value is not null and length(value) >= 6`,
    );
    const secret = new Set(contacts.rows.map((row) => row.value));
    expect(secret.has('Customer Service 1-800-555-0100')).toBe(true);
    expect(secret.has('info@1apharma.com')).toBe(true);
    const leaks: string[] = [];
    const visit = (value: unknown, path: string): void => {
      if (typeof value === 'string') {
        if (secret.has(value)) leaks.push(`${path}: ${value}`);
        for (const email of value.match(/[\w.+-]+@[\w-]+(\.[\w-]+)+/g) ?? []) {
          if (secret.has(email)) leaks.push(`${path}: ${email}`);
        }
      } else if (Array.isArray(value)) {
        value.forEach((item, index) => {
          visit(item, `${path}[${index}]`);
        });
      } else if (value !== null && typeof value === 'object') {
        for (const [key, inner] of Object.entries(value)) {
          if (/phone|e-?mail|telefon|contact/i.test(key)) leaks.push(`${path}.${key} (key)`);
          visit(inner, `${path}.${key}`);
        }
      }
    };
    expect(bodies.length).toBeGreaterThan(100);
    for (const body of bodies) {
      if (body.includes('"openapi"')) continue;
      visit(JSON.parse(body), '$');
    }
    expect(leaks).toEqual([]);
    // The OpenAPI document describes no contact field in any signals schema.
    const openapi = bodies.find((body) => body.includes('"openapi"')) ?? '';
    const paths = (JSON.parse(openapi) as { paths: Record<string, unknown> }).paths;
    for (const [path, spec] of Object.entries(paths)) {
      if (!path.includes('foreign-shortages')) continue;
      expect(JSON.stringify(spec)).not.toMatch(/"(phone|email|telefon|contactInfo)"/i);
    }
  });
});

describe('the signals CLI', () => {
  async function run(
    command: typeof runShortagesAnalysisCommand,
    args: string[],
  ): Promise<{ code: number; stdout: string; stderr: string }> {
    let stdout = '';
    let stderr = '';
    const context = createCliContext(
      {
        stdout: { write: (text: string) => (stdout += text) },
        stderr: { write: (text: string) => (stderr += text) },
        env: { DATABASE_URL: db.url },
      },
      'cli:test',
    );
    try {
      const code = await command(context, args);
      return { code, stdout, stderr };
    } finally {
      await context.close();
    }
  }

  it('prints the analysis per chapter as JSON and as CSV', async () => {
    const json = await run(runShortagesAnalysisCommand, [
      '--group-by',
      'chapter',
      '--format',
      'json',
    ]);
    expect(json.code).toBe(0);
    const analysis = JSON.parse(json.stdout) as {
      overall: { shortages: number };
      groups: unknown[];
    };
    expect(analysis.overall.shortages).toBe(4_676);
    expect(analysis.groups).toHaveLength(15);
    const csv = await run(runShortagesAnalysisCommand, ['--format', 'csv']);
    expect(csv.stdout.split('\r\n')[0]).toBe(
      'group,shortages,closed,median days,q1,q3,active,expected median days,late %,top reason',
    );
    expect(csv.stdout.split('\r\n')[1]).toMatch(/^all,4676,4112,84,37,182\.3,564,317,57\.9,/);
  });

  it('imports a BfArM file and reports its bad rows with file and line', async () => {
    const path = writeTempFile(
      'le.csv',
      bfarmShortageFile([
        bfarmShortageLine({ Bearbeitungsnummer: 'LE2099000001', PZN: '99999991' }),
        bfarmShortageLine({ Bearbeitungsnummer: 'LE2099000002', Ende: '31.13.2026' }),
      ]),
    );
    const result = await run(runShortageImportCommand, ['bfarm-shortages', path]);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('le.csv:3: invalid date "31.13.2026" in column Ende');
    expect(result.stdout).toContain('2 rows read, 1 imported, 1 rejected; 1 reports (1 new');
  });

  it('refuses an unknown register name and an unknown grouping', async () => {
    await expect(run(runShortageImportCommand, ['ema-shortages', 'x.csv'])).rejects.toThrow(
      /unknown shortage register "ema-shortages"/,
    );
    await expect(run(runShortagesAnalysisCommand, ['--group-by', 'site'])).rejects.toThrow(
      /--group-by must be one of company, chapter/,
    );
  });
});
