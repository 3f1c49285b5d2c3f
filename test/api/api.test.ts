/** The whole API in-process (buildApp + inject) on a database with the reference registers. */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.ts';
import { createTestDatabase, type TestDatabase } from '../setup/database.ts';

let db: TestDatabase;
let app: FastifyInstance;

beforeAll(async () => {
  db = await createTestDatabase('reference');
  app = await buildApp({ pool: db.pool, corsOrigins: ['https://allowed.example'] });
});

afterAll(async () => {
  await app.close();
  await db.close();
});

async function getJson<T = Record<string, unknown>>(url: string, status = 200): Promise<T> {
  const response = await app.inject({ method: 'GET', url });
  expect(response.statusCode, `${url}: ${response.body}`).toBe(status);
  return response.json<T>();
}

interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}
interface VulnerabilityRow {
  atc: string;
  source: string;
  sites: number;
  countries: number;
  hhi: number;
  effectiveCountries: number;
  singleCountry: boolean;
  critical: boolean;
}

describe('API design rules', () => {
  it('sends the API-Version and security headers on every response, errors included', async () => {
    for (const url of ['/v1/health', '/v1/no-such-thing', '/v1/substances/XYZ']) {
      const response = await app.inject({ method: 'GET', url });
      expect(response.headers['api-version']).toBe('1.0.0');
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    }
  });

  it('publishes the OpenAPI document to any origin', async () => {
    const response = await app.inject({
      method: 'GET',
      url: '/v1/openapi.json',
      headers: { origin: 'https://elsewhere.example' },
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['access-control-allow-origin']).toBe('*');
    const document = response.json<{ openapi: string; paths: Record<string, unknown> }>();
    expect(document.openapi).toMatch(/^3\./);
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining([
        '/v1/vulnerability',
        '/v1/sites/{id}/impact',
        '/v1/countries/{iso2}/impact',
      ]),
    );
  });

  it('allows only listed origins on the rest of the API', async () => {
    const allowed = await app.inject({
      url: '/v1/health',
      headers: { origin: 'https://allowed.example' },
    });
    expect(allowed.headers['access-control-allow-origin']).toBe('https://allowed.example');
    const other = await app.inject({
      url: '/v1/health',
      headers: { origin: 'https://evil.example' },
    });
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('refuses a NUL character in a parameter instead of failing in the database', async () => {
    const response = await app.inject({ method: 'GET', url: '/v1/sites?query=a%00b' });
    expect(response.statusCode).toBe(400);
    expect(response.json<{ errors: { pointer: string }[] }>().errors[0]?.pointer).toBe(
      '/querystring/query',
    );
  });

  it('does not redirect a trailing slash', async () => {
    const response = await app.inject({ method: 'GET', url: '/v1/health/' });
    expect(response.statusCode).toBe(404);
    expect(response.headers.location).toBeUndefined();
    expect(response.headers['content-type']).toContain('application/problem+json');
  });

  it('lists every invalid parameter at once as problem+json', async () => {
    const response = await app.inject({
      method: 'GET',
      url: '/v1/vulnerability?source=fda&minHhi=abc&pageSize=9999&colour=red',
    });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    const problem = response.json<{
      status: number;
      errors: { pointer: string; code: string }[];
    }>();
    expect(problem.status).toBe(400);
    expect(problem.errors.map((e) => e.pointer).sort()).toEqual([
      '/querystring/colour',
      '/querystring/minHhi',
      '/querystring/pageSize',
      '/querystring/source',
    ]);
    expect(problem.errors.every((e) => e.code === 'MS_REQUEST_INVALID')).toBe(true);
  });
});

describe('vulnerability', () => {
  it('lists the critical codes, most concentrated first, with the documented fields', async () => {
    const page = await getJson<Page<VulnerabilityRow>>('/v1/vulnerability?pageSize=500');
    expect(page.total).toBeGreaterThan(200);
    expect(page.total).toBeLessThanOrEqual(299);
    expect(page.items.every((row) => row.critical && row.source === 'all')).toBe(true);
    const hhis = page.items.map((row) => row.hhi);
    expect(hhis).toEqual([...hhis].sort((a, b) => b - a));
    for (const row of page.items) {
      expect(row.effectiveCountries).toBeCloseTo(10_000 / row.hhi, 9);
      expect(row.singleCountry).toBe(row.countries === 1);
    }
  });

  it('filters by source and minimum HHI and pages', async () => {
    const page = await getJson<Page<VulnerabilityRow>>(
      '/v1/vulnerability?source=bfarm&minHhi=5000&sort=atc&page=2&pageSize=10',
    );
    expect(page.page).toBe(2);
    expect(page.items.length).toBeLessThanOrEqual(10);
    expect(page.items.every((row) => row.source === 'bfarm' && row.hhi >= 5000)).toBe(true);
    const codes = page.items.map((row) => row.atc);
    expect(codes).toEqual([...codes].sort());
  });

  it('covers codes beyond the critical list when asked', async () => {
    // BfArM links sites to each product's own code, which is not always a critical one.
    const critical = await getJson<Page<VulnerabilityRow>>(
      '/v1/vulnerability?source=bfarm&pageSize=1',
    );
    const all = await getJson<Page<VulnerabilityRow>>(
      '/v1/vulnerability?source=bfarm&critical=false&pageSize=1',
    );
    expect(all.total).toBeGreaterThan(critical.total);
  });

  it('counts every certificate only when includeNonCurrent is set', async () => {
    const valid = await getJson<Page<VulnerabilityRow>>(
      '/v1/vulnerability?source=cep&pageSize=500',
    );
    const every = await getJson<Page<VulnerabilityRow>>(
      '/v1/vulnerability?source=cep&includeNonCurrent=true&pageSize=500',
    );
    const sites = (page: Page<VulnerabilityRow>) =>
      page.items.reduce((sum, row) => sum + row.sites, 0);
    expect(sites(every)).toBeGreaterThan(sites(valid));
  });

  it('reports coverage per register', async () => {
    const coverage = await getJson<{ source: string; codes: number }[]>('/v1/coverage');
    expect(coverage.map((row) => row.source)).toEqual(['epar', 'bfarm', 'hpra', 'cep']);
    expect(coverage.every((row) => row.codes > 0)).toBe(true);
  });

  it('gives the overview of the critical list', async () => {
    const overview = await getJson<{
      criticalCodes: number;
      analysedCodes: number;
      codesWithoutSites: string[];
      hhiByChapter: { chapter: string; codes: number }[];
      sitesByCountry: { country: string; sites: number }[];
    }>('/v1/overview');
    expect(overview.criticalCodes).toBe(299);
    expect(overview.analysedCodes + overview.codesWithoutSites.length).toBe(299);
    expect(overview.hhiByChapter.reduce((sum, c) => sum + c.codes, 0)).toBe(overview.analysedCodes);
    expect(overview.sitesByCountry.map((c) => c.country)).toContain('IN');
  });
});

describe('substances', () => {
  it('finds a substance by English, German and Dutch name and by ATC prefix', async () => {
    for (const query of ['amoxicillin', 'Amoxicillin', 'amoxicilline', 'J01CA0']) {
      const page = await getJson<Page<{ atc: string }>>(`/v1/substances?query=${query}`);
      expect(
        page.items.map((s) => s.atc),
        query,
      ).toContain('J01CA04');
    }
  });

  it('shows one substance with its lineage up to the chapter and figures per register', async () => {
    const substance = await getJson<{
      atc: string;
      critical: boolean;
      lineage: { code: string; level: number }[];
      vulnerability: { source: string }[];
    }>('/v1/substances/j01ca04');
    expect(substance.atc).toBe('J01CA04');
    expect(substance.critical).toBe(true);
    expect(substance.lineage.map((l) => l.code)).toEqual(['J', 'J01', 'J01C', 'J01CA', 'J01CA04']);
    expect(substance.vulnerability.map((v) => v.source)).toContain('all');
  });

  it('answers 400 for a malformed code and 404 for an unknown one', async () => {
    const bad = await getJson<{ code: string }>('/v1/substances/J01CA', 400);
    expect(bad.code).toBe('MS_ATC_INVALID');
    const unknown = await getJson<{ code: string }>('/v1/substances/D10AX99', 404);
    expect(unknown.code).toBe('MS_ATC_NOT_FOUND');
  });

  it('draws the supply chain with the sites the figures count', async () => {
    const chain = await getJson<{
      stepUsed: number;
      sites: { id: number; counted: boolean; steps: (number | null)[] }[];
      countries: { country: string; sites: number }[];
    }>('/v1/substances/A02BC05/supply-chain?source=bfarm');
    const vulnerability = await getJson<Page<VulnerabilityRow>>(
      '/v1/vulnerability?source=bfarm&pageSize=500',
    );
    const row = vulnerability.items.find((r) => r.atc === 'A02BC05');
    expect(row).toBeDefined();
    expect(chain.countries.reduce((sum, c) => sum + c.sites, 0)).toBe(row?.sites);
    if (chain.stepUsed === 1) {
      expect(chain.sites.filter((s) => s.counted).every((s) => s.steps.includes(1))).toBe(true);
    }
  });
});

describe('sites, countries and impact', () => {
  it('lists sites by country and shows one with what it supplies', async () => {
    const page = await getJson<Page<{ id: number; country: string }>>(
      '/v1/sites?country=in&pageSize=5',
    );
    expect(page.items.length).toBeGreaterThan(0);
    expect(page.items.every((s) => s.country === 'IN')).toBe(true);
    const site = await getJson<{ supplies: unknown[] }>(`/v1/sites/${page.items[0]?.id ?? 0}`);
    expect(site.supplies.length).toBeGreaterThan(0);
  });

  it('answers 404 for a site that does not exist and 400 for a bad id', async () => {
    expect((await getJson<{ code: string }>('/v1/sites/99999999', 404)).code).toBe(
      'MS_SITE_NOT_FOUND',
    );
    await getJson('/v1/sites/abc', 400);
    await getJson('/v1/sites/99999999/impact', 404);
  });

  it('shows what is left of each code when India stops, consistent with the vulnerability rows', async () => {
    const impact = await getJson<{
      codesSupplied: number;
      codesLeftWithoutSite: number;
      items: {
        atc: string;
        before: { sites: number };
        after: { sites: number };
        leftWithoutSite: boolean;
      }[];
    }>('/v1/countries/IN/impact');
    expect(impact.codesSupplied).toBe(impact.items.length);
    expect(impact.codesLeftWithoutSite).toBe(impact.items.filter((i) => i.leftWithoutSite).length);
    const vulnerability = await getJson<Page<VulnerabilityRow & { shareIndia: number }>>(
      '/v1/vulnerability?pageSize=500',
    );
    for (const item of impact.items) {
      const row = vulnerability.items.find((r) => r.atc === item.atc);
      expect(item.before.sites).toBe(row?.sites);
      // Sites removed = the code's sites in India.
      expect(item.before.sites - item.after.sites).toBe(
        Math.round((row?.shareIndia ?? 0) * (row?.sites ?? 0)),
      );
    }
    // Every code with Indian sites is in the impact list.
    const withIndia = vulnerability.items
      .filter((r) => r.shareIndia > 0)
      .map((r) => r.atc)
      .sort();
    expect(impact.items.map((i) => i.atc).sort()).toEqual(withIndia);
  });

  it('shows the impact of one site', async () => {
    const page = await getJson<Page<{ id: number; codes: number }>>(
      '/v1/sites?sort=-codes&pageSize=1',
    );
    const impact = await getJson<{ target: { kind: string }; items: unknown[] }>(
      `/v1/sites/${page.items[0]?.id ?? 0}/impact?critical=false`,
    );
    expect(impact.target.kind).toBe('site');
    expect(impact.items.length).toBeGreaterThan(0);
  });

  it('rejects a country code that does not exist', async () => {
    expect((await getJson<{ code: string }>('/v1/countries/XX/impact', 400)).code).toBe(
      'MS_COUNTRY_INVALID',
    );
  });

  it('lists the registers with their provenance', async () => {
    const registers = await getJson<{ items: { register: string; sha256: string }[] }>(
      '/v1/registers',
    );
    expect(registers.items.map((r) => r.register).sort()).toEqual([
      'bfarm',
      'cep',
      'epar',
      'hpra',
      'ulcm',
    ]);
  });
});
