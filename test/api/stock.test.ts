/**
 * Stock and demand through the real API: a wholesaler and a company report stock (JSON, CSV,
 * FHIR), demand is reported, the authorities see national cover, a pack's forecast and projected
 * stock-out, and who falls short of the stock obligation — while companies see only their own
 * volumes and the public nothing. Every bad input is refused whole, with each problem named.
 */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.ts';
import { createCliContext } from '../../src/platform/cli-kit.ts';
import { systemActor } from '../../src/kernel/actor.ts';
import { holderCompliance, loadObligationConfig } from '../../src/stock/index.ts';
import {
  runComplianceCommand,
  runCoverCommand,
  runDemandImport,
  runStockImport,
} from '../../src/stock/cli.ts';
import { createTestDatabase, type TestDatabase } from '../setup/database.ts';
import { createParty, type TestParty } from '../fixtures/identities.ts';
import { writeTempFile } from '../fixtures/files.ts';
import { insertProduct, type FixtureProduct } from '../fixtures/stock-market.ts';

let db: TestDatabase;
let app: FastifyInstance;
let alpha: TestParty;
let beta: TestParty;
let wholesaler: TestParty;
let analyst: TestParty;
let policy: TestParty;
let coordinator: TestParty;
let admin: TestParty;
/** Alpha's amoxicillin (J01CA04, on the critical list): packs of 30 and 90. */
let amoxicillin: FixtureProduct;
/** Beta's ascorbic acid (A11GA01, not on the list): one pack of 100. */
let vitamin: FixtureProduct;
let pack30: number;
let pack90: number;
let vitaminPack: number;

const DAY = 86_400_000;
const today = new Date().toISOString().slice(0, 10);
const daysFrom = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
const daysAgo = (days: number) => daysFrom(today, -days);
const GLN = '8712345000004';

async function call(
  method: 'GET' | 'POST',
  url: string,
  party?: TestParty,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<LightMyRequestResponse> {
  return app.inject({
    method,
    url,
    headers: { ...(party === undefined ? {} : { authorization: party.authorization }), ...headers },
    ...(body === undefined
      ? {}
      : typeof body === 'string'
        ? { payload: body }
        : { payload: body as object }),
  });
}

const csv = { 'content-type': 'text/csv' };
const fhir = { 'content-type': 'application/fhir+json' };

async function count(sql: string, values: unknown[] = []): Promise<number> {
  return (await db.pool.query<{ n: number }>(sql, values)).rows[0]?.n ?? 0;
}

const stockCount = () => count('select count(*)::int as n from stock_report');
const demandCount = () => count('select count(*)::int as n from demand_report');

beforeAll(async () => {
  db = await createTestDatabase('reference');
  app = await buildApp({ pool: db.pool });
  [alpha, beta, wholesaler, analyst, policy, coordinator, admin] = await Promise.all([
    createParty(db.pool, 'mah', 'Alpha Pharma B.V.'),
    createParty(db.pool, 'mah', 'Beta Generics B.V.'),
    createParty(db.pool, 'wholesaler', 'Groothandel Noord B.V.'),
    createParty(db.pool, 'analyst'),
    createParty(db.pool, 'policy'),
    createParty(db.pool, 'coordinator'),
    createParty(db.pool, 'admin'),
  ]);
  await db.pool.query('update organisation set external_code = $1 where id = $2', [
    GLN,
    wholesaler.organisationId,
  ]);
  amoxicillin = await insertProduct(db.pool, {
    mahId: alpha.organisationId,
    name: 'Amoxicilline Alpha 500 mg',
    atc: 'J01CA04',
    registeredOn: daysAgo(400),
    packSizes: [30, 90],
  });
  vitamin = await insertProduct(db.pool, {
    mahId: beta.organisationId,
    name: 'Ascorbinezuur Beta 500 mg',
    atc: 'A11GA01',
    registeredOn: daysAgo(400),
    packSizes: [100],
  });
  pack30 = amoxicillin.packs[0]?.id ?? 0;
  pack90 = amoxicillin.packs[1]?.id ?? 0;
  vitaminPack = vitamin.packs[0]?.id ?? 0;
});

afterAll(async () => {
  await app.close();
  await db.close();
});

describe('stock reports as JSON', () => {
  it('stores a report for the reporting company and replaces it when resent', async () => {
    const report = {
      packId: pack30,
      reportDate: daysAgo(10),
      onHand: 500,
      incoming: [{ expectedDate: daysAgo(5), quantity: 100 }],
    };
    const first = await call('POST', '/v1/stock-reports', wholesaler, report);
    expect(first.statusCode).toBe(201);
    expect(first.json()).toEqual({
      reports: 1,
      incoming: 1,
      holders: 1,
      packs: 1,
      from: daysAgo(10),
      to: daysAgo(10),
    });
    const again = await call('POST', '/v1/stock-reports', wholesaler, {
      ...report,
      onHand: 450,
      incoming: [],
    });
    expect(again.statusCode).toBe(201);
    const stored = await db.pool.query<{ on_hand: number; source: string }>(
      'select on_hand, source from stock_report where holder_id = $1 and pack_id = $2',
      [wholesaler.organisationId, pack30],
    );
    expect(stored.rows).toEqual([{ on_hand: 450, source: 'api' }]);
    expect(
      await count('select count(*)::int as n from stock_incoming where holder_id = $1', [
        wholesaler.organisationId,
      ]),
    ).toBe(0);
  });

  it('records who reported in the audit log', async () => {
    const audit = await db.pool.query<{ actor_role: string; organisation_id: number }>(
      `select actor_role, organisation_id from audit_log where entity = 'stock_report' order by id`,
    );
    expect(audit.rows[0]).toEqual({
      actor_role: 'wholesaler',
      organisation_id: wholesaler.organisationId,
    });
  });

  it('refuses the whole request and names every problem: quantities, dates, packs, holders, duplicates', async () => {
    const before = await stockCount();
    const response = await call('POST', '/v1/stock-reports', wholesaler, [
      { packId: pack30, reportDate: daysAgo(3), onHand: 10 },
      { packId: pack30, reportDate: daysAgo(3), onHand: -4 },
      { packId: pack30, reportDate: daysAgo(2), onHand: 'lots' },
      { packId: pack30, reportDate: daysFrom(today, 1), onHand: 5 },
      { packId: pack30, reportDate: daysAgo(401), onHand: 5 },
      { packId: 999_999, reportDate: daysAgo(3), onHand: 5 },
      { packId: pack90, reportDate: daysAgo(3), onHand: 5, holderId: alpha.organisationId },
      { gtin: amoxicillin.packs[0]?.gtin, reportDate: daysAgo(3), onHand: 11 },
    ]);
    expect(response.statusCode).toBe(400);
    const problem = response.json<{
      code: string;
      errors: { pointer: string; code: string; detail: string }[];
    }>();
    expect(problem.code).toBe('MS_REQUEST_INVALID');
    expect(problem.errors.map((e) => [e.pointer, e.code])).toEqual([
      ['/1/onHand', 'MS_STOCK_QUANTITY_INVALID'],
      ['/2/onHand', 'MS_STOCK_QUANTITY_INVALID'],
      ['/3/reportDate', 'MS_STOCK_DATE_INVALID'],
      ['/4/reportDate', 'MS_STOCK_DATE_INVALID'],
      ['/5/packId', 'MS_STOCK_UNKNOWN_PACK'],
      ['/6/holderId', 'MS_STOCK_UNKNOWN_HOLDER'],
      ['/7/reportDate', 'MS_STOCK_DUPLICATE_ROW'],
    ]);
    expect(problem.errors[3]?.detail).toBe(
      `reportDate ${daysAgo(401)} lies before pack ${pack30} existed (${daysAgo(400)})`,
    );
    expect(problem.errors[5]?.detail).toBe(
      `holderId ${alpha.organisationId} is not your organisation`,
    );
    expect(await stockCount()).toBe(before);
  });

  it('lets an admin report for a holder, but not for an organisation that holds no stock', async () => {
    const ok = await call('POST', '/v1/stock-reports', admin, {
      holderId: beta.organisationId,
      packId: vitaminPack,
      reportDate: daysAgo(1),
      onHand: 7,
    });
    expect(ok.statusCode).toBe(201);
    const refused = await call('POST', '/v1/stock-reports', admin, {
      holderId: analyst.organisationId,
      packId: vitaminPack,
      reportDate: daysAgo(1),
      onHand: 7,
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json<{ errors: { detail: string }[] }>().errors[0]?.detail).toContain(
      'is not a known stock holder',
    );
    const missing = await call('POST', '/v1/stock-reports', admin, {
      packId: vitaminPack,
      reportDate: daysAgo(1),
      onHand: 7,
    });
    expect(missing.json<{ errors: { pointer: string }[] }>().errors[0]?.pointer).toBe('/holderId');
  });
});

describe('stock and demand as CSV', () => {
  const header = 'gtin,report_date,on_hand,incoming';

  it('loads a clean file whole and answers a resent file with the same database', async () => {
    const gtin30 = amoxicillin.packs[0]?.gtin ?? '';
    const gtin90 = amoxicillin.packs[1]?.gtin ?? '';
    const file =
      [
        header,
        `${gtin30},${daysAgo(20)},300,"${daysAgo(15)}:50; ${daysAgo(12)}:60"`,
        `${gtin90},${daysAgo(20)},80,`,
      ].join('\n') + '\n';
    const first = await call('POST', '/v1/stock-report-imports', alpha, file, csv);
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({
      loaded: true,
      rowsRead: 2,
      rowsImported: 2,
      rejected: [],
    });
    const before = await stockCount();
    expect((await call('POST', '/v1/stock-report-imports', alpha, file, csv)).statusCode).toBe(201);
    expect(await stockCount()).toBe(before);
    expect(
      await count('select count(*)::int as n from stock_incoming where holder_id = $1', [
        alpha.organisationId,
      ]),
    ).toBe(2);
  });

  it('refuses a file with bad rows, naming each line, and loads none of it', async () => {
    const before = await stockCount();
    const gtin30 = amoxicillin.packs[0]?.gtin ?? '';
    const file =
      [
        header,
        `${gtin30},${daysAgo(9)},300,`,
        `${gtin30},${daysAgo(9)},301,`,
        `${gtin30},${daysAgo(8)},-1,`,
        `${gtin30},${daysAgo(7)},12.5,`,
        `08710000000017,${daysAgo(7)},5,`,
        `${gtin30},${daysFrom(today, 2)},5,`,
        `${gtin30},${daysAgo(6)},5,${daysAgo(7)}:10`,
      ].join('\n') + '\n';
    const response = await call('POST', '/v1/stock-report-imports', alpha, file, csv);
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    const body = response.json<{
      code: string;
      loaded: boolean;
      rowsRead: number;
      rejected: { line: number; reason: string }[];
      errors: { pointer: string }[];
    }>();
    expect(body.code).toBe('MS_STOCK_IMPORT_REJECTED');
    expect(body.loaded).toBe(false);
    expect(body.rowsRead).toBe(7);
    expect(body.rejected).toEqual([
      {
        file: 'upload.csv',
        line: 3,
        reason: `holder ${alpha.organisationId}, GTIN ${gtin30} on ${daysAgo(9)} is also at upload.csv:2`,
      },
      { file: 'upload.csv', line: 4, reason: 'on_hand "-1" must be 0 or more' },
      { file: 'upload.csv', line: 5, reason: 'on_hand "12.5" must be a whole number' },
      { file: 'upload.csv', line: 6, reason: 'gtin: GTIN 08710000000017 is not a known pack' },
      {
        file: 'upload.csv',
        line: 7,
        reason: `report_date ${daysFrom(today, 2)} lies in the future (today is ${today})`,
      },
      {
        file: 'upload.csv',
        line: 8,
        reason: `incoming: a delivery expected on ${daysAgo(7)} must lie after the report date ${daysAgo(6)}`,
      },
    ]);
    expect(body.errors[0]?.pointer).toBe('upload.csv:3');
    expect(await stockCount()).toBe(before);
  });

  it('refuses a file that is unusable as a whole, writing nothing', async () => {
    const wrong = await call(
      'POST',
      '/v1/stock-report-imports',
      alpha,
      'gtin;report_date;on_hand\n',
      csv,
    );
    expect(wrong.json<{ code: string }>().code).toBe('MS_IMPORT_WRONG_DELIMITER');
    const noPack = await call(
      'POST',
      '/v1/stock-report-imports',
      alpha,
      `report_date,on_hand\n${daysAgo(1)},5\n`,
      csv,
    );
    expect(noPack.statusCode).toBe(400);
    expect(noPack.json<{ code: string }>().code).toBe('MS_IMPORT_MISSING_COLUMNS');
  });

  it('loads demand per week and refuses a week that has not ended', async () => {
    const before = await demandCount();
    const bad = await call(
      'POST',
      '/v1/demand-report-imports',
      wholesaler,
      `pack_id,period_start,period_days,quantity\n${pack90},${daysAgo(3)},7,70\n`,
      csv,
    );
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ rejected: { reason: string }[] }>().rejected[0]?.reason).toBe(
      `period_start ${daysAgo(3)}: the week ends on ${daysFrom(today, 3)}, after today (${today})`,
    );
    expect(await demandCount()).toBe(before);
    const good = await call(
      'POST',
      '/v1/demand-report-imports',
      wholesaler,
      `pack_id,period_start,period_days,region,quantity\n${pack90},${daysAgo(13)},7,NL-NH,70\n${pack90},${daysAgo(13)},7,NL-ZH,35\n`,
      csv,
    );
    expect(good.statusCode).toBe(201);
    expect(await demandCount()).toBe(before + 2);
  });
});

function inventoryReport(items: { gtin: string; quantity: unknown }[], extra: object = {}) {
  return {
    resourceType: 'InventoryReport',
    status: 'active',
    countType: 'snapshot',
    reportedDateTime: `${daysAgo(4)}T18:00:00+01:00`,
    inventoryListing: [
      {
        location: { identifier: { system: 'https://www.gs1.org/gln', value: GLN } },
        itemStatus: { coding: [{ code: 'available' }] },
        item: items.map((item) => ({
          item: { concept: { coding: [{ system: 'https://www.gs1.org/gtin', code: item.gtin }] } },
          quantity: { value: item.quantity },
        })),
      },
    ],
    ...extra,
  };
}

describe('FHIR R5 InventoryReport', () => {
  it('loads a snapshot for the holder its location names, answering with an OperationOutcome', async () => {
    const response = await call(
      'POST',
      '/v1/fhir/InventoryReport',
      wholesaler,
      JSON.stringify(inventoryReport([{ gtin: amoxicillin.packs[1]?.gtin ?? '', quantity: 222 }])),
      fhir,
    );
    expect(response.statusCode).toBe(201);
    expect(response.headers['content-type']).toContain('application/fhir+json');
    const outcome = response.json<{ resourceType: string; issue: { severity: string }[] }>();
    expect(outcome.resourceType).toBe('OperationOutcome');
    expect(outcome.issue.map((i) => i.severity)).toEqual(['information']);
    const stored = await db.pool.query<{ on_hand: number; source: string }>(
      'select on_hand, source from stock_report where holder_id = $1 and pack_id = $2 and report_date = $3',
      [wholesaler.organisationId, pack90, daysAgo(4)],
    );
    expect(stored.rows).toEqual([{ on_hand: 222, source: 'fhir' }]);
  });

  it('refuses another resource type, naming it', async () => {
    const response = await call(
      'POST',
      '/v1/fhir/InventoryReport',
      wholesaler,
      JSON.stringify({ resourceType: 'Patient', id: 'x' }),
      fhir,
    );
    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual({
      resourceType: 'OperationOutcome',
      issue: [
        {
          severity: 'error',
          code: 'not-supported',
          details: {
            coding: [
              { system: 'https://medsupply.eu/problems', code: 'MS_STOCK_FHIR_WRONG_RESOURCE' },
            ],
            text: 'resourceType Patient: this endpoint accepts an InventoryReport',
          },
          expression: ['resourceType'],
        },
      ],
    });
  });

  it('refuses a report with an unknown pack or a bad quantity, loading none of its items', async () => {
    const before = await stockCount();
    const response = await call(
      'POST',
      '/v1/fhir/InventoryReport',
      wholesaler,
      JSON.stringify(
        inventoryReport(
          [
            { gtin: amoxicillin.packs[0]?.gtin ?? '', quantity: 5 },
            { gtin: '08710000000017', quantity: 5 },
            { gtin: amoxicillin.packs[1]?.gtin ?? '', quantity: 'five' },
          ],
          { reportedDateTime: `${daysAgo(2)}T10:00:00Z` },
        ),
      ),
      fhir,
    );
    expect(response.statusCode).toBe(400);
    const issues = response.json<{ issue: { code: string; expression: string[] }[] }>().issue;
    expect(issues.map((i) => [i.code, i.expression[0]])).toEqual([
      ['value', 'InventoryReport.inventoryListing[0].item[2].quantity.value'],
      ['not-found', 'InventoryReport.inventoryListing[0].item[1].item'],
    ]);
    expect(await stockCount()).toBe(before);
  });

  it('answers a body that is not JSON with an OperationOutcome', async () => {
    const response = await call(
      'POST',
      '/v1/fhir/InventoryReport',
      wholesaler,
      '{"resourceType":',
      fhir,
    );
    expect(response.statusCode).toBe(400);
    expect(response.json<{ resourceType: string }>().resourceType).toBe('OperationOutcome');
  });

  it('refuses a location that is not the reporting company', async () => {
    const response = await call(
      'POST',
      '/v1/fhir/InventoryReport',
      alpha,
      JSON.stringify(inventoryReport([{ gtin: amoxicillin.packs[0]?.gtin ?? '', quantity: 5 }])),
      fhir,
    );
    expect(response.statusCode).toBe(400);
    const issue = response.json<{ issue: { details: { text: string } }[] }>().issue[0];
    expect(issue?.details.text).toBe(
      `location ${wholesaler.organisationId} is not your organisation`,
    );
  });
});

/**
 * The market the analytics read: 120 days of demand for the 30-tablet pack, 10 packs a day,
 * reported by the wholesaler up to today; today the wholesaler holds 60 and Alpha 40 (100
 * nationally), and the wholesaler expects 50 in three days.
 */
async function reportMarket(): Promise<void> {
  const demand = Array.from({ length: 120 }, (_, i) => ({
    packId: pack30,
    periodStart: daysAgo(119 - i),
    quantity: 10,
  }));
  expect((await call('POST', '/v1/demand-reports', wholesaler, demand)).statusCode).toBe(201);
  expect(
    (
      await call('POST', '/v1/stock-reports', wholesaler, {
        packId: pack30,
        reportDate: today,
        onHand: 60,
        incoming: [{ expectedDate: daysFrom(today, 3), quantity: 50 }],
      })
    ).statusCode,
  ).toBe(201);
  expect(
    (
      await call('POST', '/v1/stock-reports', alpha, {
        packId: pack30,
        reportDate: today,
        onHand: 40,
      })
    ).statusCode,
  ).toBe(201);
}

describe('cover, forecast and projected stock-out', () => {
  beforeAll(reportMarket);

  it('gives national cover per pack: 100 packs over 7 x 10 a day', async () => {
    const response = await call('GET', `/v1/cover?level=pack&asOf=${today}`, analyst);
    expect(response.statusCode).toBe(200);
    const row = response
      .json<{
        items: { key: string; stock: number; coverWeeks: number; averageDailyDemand: number }[];
      }>()
      .items.find((item) => item.key === String(pack30));
    expect(row?.stock).toBe(100);
    expect(row?.averageDailyDemand).toBe(10);
    expect(row?.coverWeeks).toBeCloseTo(100 / 70, 10);
  });

  it('adds units per product and substance', async () => {
    // The 90-pack was last reported 4 days ago (222 by FHIR) and 20 days ago by Alpha (80: too
    // old); the weekly demand for it ended 7 days ago, 105 packs over the 56-day window.
    const product = (await call('GET', '/v1/cover?level=product', analyst)).json<{
      items: { key: string; stock: number; coverWeeks: number; minPackCoverWeeks: number }[];
    }>();
    const row = product.items.find((item) => item.key === String(amoxicillin.id));
    const stockUnits = 100 * 30 + 222 * 90;
    const dailyUnits = 10 * 30 + (105 / 56) * 90;
    expect(row?.stock).toBe(stockUnits);
    expect(row?.coverWeeks).toBeCloseTo(stockUnits / (7 * dailyUnits), 6);
    expect(row?.minPackCoverWeeks).toBeCloseTo(100 / 70, 6);
    const substance = (await call('GET', '/v1/cover?level=substance', analyst)).json<{
      items: { key: string; name: string }[];
    }>();
    expect(substance.items.find((item) => item.key === 'J01CA04')?.name.toLowerCase()).toContain(
      'amoxicillin',
    );
  });

  it('answers the cover as CSV when asked', async () => {
    const response = await call('GET', '/v1/cover?level=pack', policy, undefined, {
      accept: 'text/csv',
    });
    expect(response.headers['content-type']).toContain('text/csv');
    expect(response.body.split('\r\n')[0]).toBe(
      'level,key,name,atc,stock,average_daily_demand,cover_weeks,min_pack_cover_weeks,packs,packs_without_stock',
    );
  });

  it('projects the stock-out day from the forecast and the expected delivery', async () => {
    const response = await call('GET', `/v1/packs/${pack30}/stock`, coordinator);
    expect(response.statusCode).toBe(200);
    const view = response.json<{
      scope: string;
      current: { onHand: number; coverWeeks: number };
      holders: { holderId: number; onHand: number }[];
      forecast: {
        method: string;
        errorMeasure: string;
        heldOut: { days: number; mase: number | null; mae: number };
        daily: { demand: number }[];
      };
      incoming: { date: string; quantity: number }[];
      projection: { stockOutDate: string | null; unmetUnits: number };
    }>();
    expect(view.scope).toBe('national');
    expect(view.current.onHand).toBe(100);
    expect(view.holders.map((h) => h.onHand).sort((a, b) => a - b)).toEqual([40, 60]);
    // Flat demand: every method forecasts 10 a day, and last week's naive forecast never errs.
    expect(view.forecast.daily[0]?.demand).toBeCloseTo(10, 6);
    expect(view.forecast.errorMeasure).toBe('MASE');
    expect(view.forecast.heldOut.days).toBe(56);
    expect(view.forecast.heldOut.mase).toBeNull();
    expect(view.incoming).toEqual([{ date: daysFrom(today, 3), quantity: 50 }]);
    // 100 + 50 on day 3 - 10 a day: empty at the end of day 15, demand unmet from day 16.
    expect(view.projection.stockOutDate).toBe(daysFrom(today, 16));
  });

  it('shows a company only its own stock of its own pack', async () => {
    const response = await call('GET', `/v1/packs/${pack30}/stock`, alpha);
    expect(response.statusCode).toBe(200);
    const view = response.json<{
      scope: string;
      current: { onHand: number };
      holders: unknown[];
    }>();
    expect(view.scope).toBe('holder');
    expect(view.current.onHand).toBe(40);
    expect(view.holders).toEqual([]);
  });

  it('hides a pack from a company that neither markets nor reported it', async () => {
    expect((await call('GET', `/v1/packs/${vitaminPack}/stock`, alpha)).statusCode).toBe(404);
    expect((await call('GET', '/v1/packs/999999/stock', analyst)).statusCode).toBe(404);
  });
});

describe('the stock obligation', () => {
  it('lists who falls short: Alpha holds 40 x 30 tablets against 6 weeks of 300 a day', async () => {
    const response = await call(
      'GET',
      `/v1/stock-obligation/non-compliance?from=${today}&to=${today}`,
      analyst,
    );
    expect(response.statusCode).toBe(200);
    const report = response.json<{
      norms: { wholesaler: { weeks: number } };
      items: {
        holderId: number;
        productId: number;
        requiredWeeks: number;
        onCriticalList: boolean;
        minWeeksHeld: number;
        daysNonCompliant: number;
        largestShortfallUnits: number;
      }[];
    }>();
    expect(report.norms.wholesaler.weeks).toBe(4);
    const company = report.items.find(
      (i) => i.holderId === alpha.organisationId && i.productId === amoxicillin.id,
    );
    // Alpha's own product: national demand 10 x 30 tablets a day (the 90-pack's demand ended
    // 7 days ago, 105 packs in the window): 300 + 105 / 56 x 90 units a day.
    const daily = 300 + (105 / 56) * 90;
    // Stock: 40 x 30 today; its 90-pack report is 20 days old and no longer counts.
    expect(company?.requiredWeeks).toBe(6);
    expect(company?.minWeeksHeld).toBeCloseTo(1200 / (7 * daily), 6);
    expect(company?.largestShortfallUnits).toBeCloseTo(6 * 7 * daily - 1200, 3);
    // The wholesaler meets its norm: not listed.
    expect(report.items.some((i) => i.holderId === wholesaler.organisationId)).toBe(false);
  });

  it('asks two extra weeks of a wholesaler for a critical medicine, against its own deliveries', async () => {
    const response = await call(
      'GET',
      `/v1/holders/${wholesaler.organisationId}/compliance?from=${today}&to=${today}`,
      analyst,
    );
    const item = response
      .json<{
        items: {
          productId: number;
          onCriticalList: boolean;
          requiredWeeks: number;
          minWeeksHeld: number;
          lastStatus: string;
        }[];
      }>()
      .items.find((i) => i.productId === amoxicillin.id);
    // Amoxicillin is on the critical list: 4 + 2 weeks.
    expect(item?.onCriticalList).toBe(true);
    expect(item?.requiredWeeks).toBe(6);
    // It delivered all the demand itself; it holds 60 x 30 + 222 x 90 (FHIR, 4 days ago).
    const daily = 300 + (105 / 56) * 90;
    expect(item?.minWeeksHeld).toBeCloseTo((1800 + 222 * 90) / (7 * daily), 6);
    expect(item?.lastStatus).toBe('compliant');
  });

  it('answers the report as CSV when asked', async () => {
    const response = await call(
      'GET',
      `/v1/stock-obligation/non-compliance?from=${today}&to=${today}`,
      policy,
      undefined,
      { accept: 'text/csv' },
    );
    expect(response.headers['content-type']).toContain('text/csv');
    expect(response.body.split('\r\n')[0]).toContain('holder_id,holder,kind,product_id');
    expect(response.body).toContain('Alpha Pharma B.V.');
  });

  it('refuses a period that ends before it starts or in the future', async () => {
    const backwards = await call(
      'GET',
      `/v1/stock-obligation/non-compliance?from=${today}&to=${daysAgo(1)}`,
      analyst,
    );
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json<{ code: string }>().code).toBe('MS_STOCK_PERIOD_INVALID');
    const future = await call(
      'GET',
      `/v1/stock-obligation/non-compliance?from=${today}&to=${daysFrom(today, 1)}`,
      analyst,
    );
    expect(future.statusCode).toBe(400);
  });

  it("shows a holder its own compliance week by week, and nobody else's", async () => {
    const own = await call('GET', `/v1/holders/${alpha.organisationId}/compliance`, alpha);
    expect(own.statusCode).toBe(200);
    const view = own.json<{
      holder: { kind: string };
      items: { productId: number; weekly: { date: string; status: string }[] }[];
    }>();
    expect(view.holder.kind).toBe('mah');
    const item = view.items.find((i) => i.productId === amoxicillin.id);
    expect(item?.weekly.at(-1)).toEqual(
      expect.objectContaining({ date: today, status: 'non-compliant' }),
    );
    expect(item?.weekly).toHaveLength(12);
    expect(
      (await call('GET', `/v1/holders/${wholesaler.organisationId}/compliance`, alpha)).statusCode,
    ).toBe(404);
    expect(
      (await call('GET', `/v1/holders/${wholesaler.organisationId}/compliance`, analyst))
        .statusCode,
    ).toBe(200);
    expect(
      (await call('GET', `/v1/holders/${analyst.organisationId}/compliance`, analyst)).statusCode,
    ).toBe(404);
  });
});

describe('exemptions from the stock obligation', () => {
  it('applies an exemption named by GLN and GTIN, and warns about one naming nobody', async () => {
    const config = {
      ...loadObligationConfig(),
      exemptions: [
        {
          holderExternalCode: GLN,
          gtin: amoxicillin.packs[1]?.gtin ?? '',
          reason: 'Recall of the 90-tablet pack',
          from: daysAgo(30),
        },
        { holderExternalCode: '0000000000000', reason: 'Closed', from: daysAgo(30) },
      ],
    };
    const view = await holderCompliance(db.pool, systemActor('test'), wholesaler.organisationId, {
      from: today,
      to: today,
      asOf: today,
      config,
    });
    const item = view.items.find((i) => i.productId === amoxicillin.id);
    expect(item?.exemptions).toEqual([
      { reason: 'Recall of the 90-tablet pack', from: daysAgo(30), to: null, packId: pack90 },
    ]);
    // Without the 90-pack: 60 x 30 tablets against 10 x 30 a day, short of 6 weeks.
    expect(item?.minWeeksHeld).toBeCloseTo(1800 / (7 * 300), 6);
    expect(item?.lastStatus).toBe('non-compliant');
    expect(view.warnings).toEqual(['exemptions[1] names no known stock holder; it is not applied']);
  });
});

describe('who sees volumes', () => {
  it("shows a company its own reports only, and another holder's as not found", async () => {
    const own = await call('GET', '/v1/stock-reports?pageSize=500', alpha);
    expect(own.statusCode).toBe(200);
    const holders = new Set(
      own.json<{ items: { holderId: number }[] }>().items.map((i) => i.holderId),
    );
    expect([...holders]).toEqual([alpha.organisationId]);
    expect(
      (await call('GET', `/v1/stock-reports?holderId=${wholesaler.organisationId}`, alpha))
        .statusCode,
    ).toBe(404);
    expect(
      (await call('GET', `/v1/demand-reports?reporterId=${wholesaler.organisationId}`, beta))
        .statusCode,
    ).toBe(404);
    const all = await call(
      'GET',
      `/v1/stock-reports?holderId=${wholesaler.organisationId}`,
      analyst,
    );
    expect(all.json<{ total: number }>().total).toBeGreaterThan(0);
  });

  it('shows the public nothing', async () => {
    for (const url of [
      '/v1/stock-reports',
      '/v1/demand-reports',
      '/v1/cover',
      `/v1/packs/${pack30}/stock`,
      `/v1/holders/${alpha.organisationId}/compliance`,
      `/v1/stock-obligation/non-compliance?from=${today}&to=${today}`,
    ]) {
      expect((await call('GET', url)).statusCode, url).toBe(401);
    }
  });
});

describe('every endpoint refuses the roles it is not for', () => {
  const reporters = ['mah', 'wholesaler', 'admin'];
  const authorities = ['analyst', 'coordinator', 'policy', 'admin'];
  const everyone = ['mah', 'wholesaler', 'analyst', 'coordinator', 'policy', 'admin'];
  const cases: [string, 'GET' | 'POST', () => string, unknown, Record<string, string>, string[]][] =
    [
      ['stock reports', 'POST', () => '/v1/stock-reports', [], {}, reporters],
      ['demand reports', 'POST', () => '/v1/demand-reports', [], {}, reporters],
      ['stock upload', 'POST', () => '/v1/stock-report-imports', 'a,b\n', csv, reporters],
      ['demand upload', 'POST', () => '/v1/demand-report-imports', 'a,b\n', csv, reporters],
      ['FHIR', 'POST', () => '/v1/fhir/InventoryReport', '{}', fhir, reporters],
      ['cover', 'GET', () => '/v1/cover', undefined, {}, authorities],
      [
        'non-compliance',
        'GET',
        () => `/v1/stock-obligation/non-compliance?from=${today}&to=${today}`,
        undefined,
        {},
        authorities,
      ],
      ['stock listing', 'GET', () => '/v1/stock-reports', undefined, {}, everyone],
      ['demand listing', 'GET', () => '/v1/demand-reports', undefined, {}, everyone],
      ['pack stock', 'GET', () => `/v1/packs/${pack30}/stock`, undefined, {}, everyone],
      [
        'holder compliance',
        'GET',
        () => `/v1/holders/${alpha.organisationId}/compliance`,
        undefined,
        {},
        everyone,
      ],
    ];

  it.each(cases)(
    '%s: 401 for the public, 403 for roles outside the allowed ones',
    async (_name, method, url, body, headers, allowed) => {
      expect((await call(method, url(), undefined, body, headers)).statusCode).toBe(401);
      for (const party of [alpha, wholesaler, analyst, coordinator, policy, admin]) {
        const status = (await call(method, url(), party, body, headers)).statusCode;
        if (allowed.includes(party.role)) expect(status, party.role).not.toBe(403);
        else expect(status, party.role).toBe(403);
      }
    },
  );
});

describe('the command line', () => {
  async function run(
    command: (context: ReturnType<typeof createCliContext>, args: string[]) => Promise<number>,
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
      return { code: await command(context, args), stdout, stderr };
    } finally {
      await context.close();
    }
  }

  it('prints the non-compliance report as JSON and CSV', async () => {
    const json = await run(runComplianceCommand, [
      '--from',
      today,
      '--to',
      today,
      '--format',
      'json',
    ]);
    expect(json.code).toBe(0);
    const report = JSON.parse(json.stdout) as { items: { holderId: number }[] };
    expect(report.items.some((i) => i.holderId === alpha.organisationId)).toBe(true);
    const table = await run(runComplianceCommand, ['--from', today, '--to', today]);
    expect(table.stdout).toContain('Alpha Pharma B.V.');
  });

  it('prints cover per substance', async () => {
    const result = await run(runCoverCommand, ['--level', 'substance', '--format', 'csv']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('J01CA04');
  });

  it('imports a stock file for a named holder, and refuses one with a bad row', async () => {
    const good = writeTempFile(
      'stock.csv',
      `holder_id,pack_id,report_date,on_hand\n${beta.organisationId},${vitaminPack},${daysAgo(2)},70\n`,
    );
    const loaded = await run((context, args) => runStockImport(context, args[0] ?? ''), [good]);
    expect(loaded.code).toBe(0);
    expect(loaded.stdout).toContain('stock: stock.csv: 1 reports loaded');
    const bad = writeTempFile(
      'demand.csv',
      `pack_id,period_start,quantity\n${vitaminPack},${daysAgo(2)},x\n`,
    );
    const refused = await run((context, args) => runDemandImport(context, args[0] ?? ''), [bad]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('demand.csv:2: quantity "x" is not a number');
  });
});
