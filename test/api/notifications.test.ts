/**
 * The Meldpunt story through the real API: companies upload their catalogues and report
 * shortages, the notification centre triages and decides, the public sees the list with
 * alternatives, feeds and webhooks follow it — and every denial is tested as carefully.
 */
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.ts';
import { runWebhookRound } from '../../src/public/service.ts';
import { verifySignature } from '../../src/public/webhook-signature.ts';
import { createTestDatabase, type TestDatabase } from '../setup/database.ts';
import { catalogueCsv, createParty, gtin, type TestParty } from '../fixtures/identities.ts';

let db: TestDatabase;
let app: FastifyInstance;
let alpha: TestParty;
let beta: TestParty;
let analyst: TestParty;
let policy: TestParty;
let coordinator: TestParty;
let wholesaler: TestParty;
const packIds: Record<string, number> = {};
const productIds: Record<string, number> = {};

const nextYear = new Date().getUTCFullYear() + 1;
const report = (packs: number[], extra: Record<string, unknown> = {}) => ({
  kind: 'shortage',
  packIds: packs,
  expectedStart: `${nextYear}-03-01`,
  expectedEnd: `${nextYear}-04-26`,
  causeCategory: 'active_substance',
  causeText: 'Our API supplier stopped production',
  stockWeeks: 2,
  marketSharePercent: 40,
  partialSupply: false,
  ownAlternatives: false,
  otherAlternatives: true,
  patientImpact: 'high',
  ...extra,
});

async function call(
  method: 'GET' | 'POST' | 'PUT' | 'DELETE',
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

beforeAll(async () => {
  db = await createTestDatabase('reference');
  app = await buildApp({ pool: db.pool, allowInternalWebhooks: true });
  [alpha, beta, analyst, policy, coordinator, wholesaler] = await Promise.all([
    createParty(db.pool, 'mah', 'Alpha Pharma B.V.'),
    createParty(db.pool, 'mah', 'Beta Generics B.V.'),
    createParty(db.pool, 'analyst'),
    createParty(db.pool, 'policy'),
    createParty(db.pool, 'coordinator'),
    createParty(db.pool, 'wholesaler'),
  ]);
});

afterAll(async () => {
  await app.close();
  await db.close();
});

describe('product catalogue uploads', () => {
  it('lets a company upload its own catalogue and reports each bad row by line', async () => {
    const csv =
      catalogueCsv(alpha.organisationName, [
        {
          registration: 'RVG 900001',
          name: 'Amoxicilline Alpha 500 mg capsules',
          atc: 'J01CA04',
          strength: '500 mg',
          form: 'capsule',
          gtin: gtin('871000000001'),
          zi: '90000001',
        },
        {
          registration: 'RVG 900002',
          name: 'Amoxicilline Alpha 250 mg capsules',
          atc: 'J01CA04',
          strength: '250 mg',
          form: 'capsule',
          gtin: gtin('871000000002'),
          zi: '90000002',
        },
      ]) +
      `RVG 900003,Stolen product,${beta.organisationName},J01CA04,,500 mg,capsule,,no,${gtin('871000000003')},90000003,30,tablet,\n`;
    const response = await call('POST', '/v1/product-imports', alpha, csv, {
      'content-type': 'text/csv',
    });
    expect(response.statusCode).toBe(201);
    const result = response.json<{
      rowsImported: number;
      rejected: { line: number; reason: string }[];
    }>();
    expect(result.rowsImported).toBe(2);
    expect(result.rejected).toEqual([
      {
        file: 'upload.csv',
        line: 4,
        reason: `mah "${beta.organisationName}" is not your organisation`,
      },
    ]);
    const betaCsv = catalogueCsv(beta.organisationName, [
      {
        registration: 'RVG 900010',
        name: 'Amoxicilline Beta 500 mg capsules',
        atc: 'J01CA04',
        strength: '500 mg',
        form: 'capsule',
        gtin: gtin('871000000010'),
        zi: '90000010',
      },
    ]);
    expect(
      (await call('POST', '/v1/product-imports', beta, betaCsv, { 'content-type': 'text/csv' }))
        .statusCode,
    ).toBe(201);
    for (const party of [alpha, beta]) {
      const products = (
        await call('GET', `/v1/products?organisationId=${party.organisationId}`)
      ).json<{
        items: { id: number; registrationNumber: string; packs: { id: number }[] }[];
      }>();
      for (const product of products.items) {
        productIds[product.registrationNumber] = product.id;
        packIds[product.registrationNumber] = product.packs[0]?.id ?? 0;
      }
    }
    expect(Object.keys(packIds)).toHaveLength(3);
  });

  it('refuses catalogue uploads from roles that hold no products, and the public', async () => {
    const csv = catalogueCsv('x', []);
    expect(
      (await call('POST', '/v1/product-imports', undefined, csv, { 'content-type': 'text/csv' }))
        .statusCode,
    ).toBe(401);
    for (const party of [analyst, policy, coordinator, wholesaler]) {
      expect(
        (await call('POST', '/v1/product-imports', party, csv, { 'content-type': 'text/csv' }))
          .statusCode,
      ).toBe(403);
    }
  });

  it('offers the other company’s product of the same substance, strength and form as alternative', async () => {
    const alternatives = (
      await call('GET', `/v1/products/${productIds['RVG 900001'] ?? 0}/alternatives`)
    ).json<{
      items: { registrationNumber: string; match: string }[];
    }>();
    expect(alternatives.items).toEqual([
      expect.objectContaining({
        registrationNumber: 'RVG 900010',
        match: 'same-substance-strength-form',
      }),
    ]);
  });
});

describe('submitting a notification', () => {
  let id = 0;

  it('lists every invalid field at once', async () => {
    const response = await call('POST', '/v1/notifications', alpha, {
      ...report([packIds['RVG 900001'] ?? 0]),
      kind: 'rumour',
      stockWeeks: 'many',
      expectedEnd: '2020-01-01',
    });
    expect(response.statusCode).toBe(400);
    const pointers = response
      .json<{ errors: { pointer: string }[] }>()
      .errors.map((e) => e.pointer);
    expect(pointers).toEqual(['/kind', '/stockWeeks', '/expectedEnd']);
  });

  it('refuses a cause that is only blanks', async () => {
    const response = await call(
      'POST',
      '/v1/notifications',
      alpha,
      report([packIds['RVG 900001'] ?? 0], { causeText: '   ' }),
    );
    expect(response.statusCode).toBe(400);
    expect(response.json<{ errors: { pointer: string }[] }>().errors.map((e) => e.pointer)).toEqual(
      ['/causeText'],
    );
  });

  it('refuses packs of another company without saying whether they exist', async () => {
    const response = await call(
      'POST',
      '/v1/notifications',
      alpha,
      report([packIds['RVG 900010'] ?? 0, 99_999_999]),
    );
    expect(response.statusCode).toBe(400);
    expect(response.json<{ errors: { pointer: string; detail: string }[] }>().errors).toEqual([
      {
        pointer: '/packIds/0',
        code: 'MS_REQUEST_INVALID',
        detail: `pack ${packIds['RVG 900010'] ?? 0} is not one of your packs`,
      },
      {
        pointer: '/packIds/1',
        code: 'MS_REQUEST_INVALID',
        detail: 'pack 99999999 is not one of your packs',
      },
    ]);
  });

  it('creates it once per Idempotency-Key and answers a resend with the first answer', async () => {
    const body = report([packIds['RVG 900001'] ?? 0], {
      causeText: "<script>alert('x')</script>'; drop table notification; --",
    });
    const first = await call('POST', '/v1/notifications', alpha, body, {
      'idempotency-key': 'alpha-001',
    });
    expect(first.statusCode).toBe(201);
    const created = first.json<{
      id: number;
      reference: string;
      risk: { riskClass: string; factors: { key: string }[] };
    }>();
    id = created.id;
    expect(created.reference).toMatch(/^MLD-\d{4}-\d{6}$/);
    const again = await call('POST', '/v1/notifications', alpha, body, {
      'idempotency-key': 'alpha-001',
    });
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json<{ id: number }>().id).toBe(id);
    const count = await db.pool.query<{ n: number }>(
      'select count(*)::int as n from notification where organisation_id = $1',
      [alpha.organisationId],
    );
    expect(count.rows[0]?.n).toBe(1);
    const reused = await call(
      'POST',
      '/v1/notifications',
      alpha,
      { ...body, stockWeeks: 9 },
      { 'idempotency-key': 'alpha-001' },
    );
    expect(reused.statusCode).toBe(422);
  });

  it('stores injection strings as text and returns them unchanged', async () => {
    const notification = (await call('GET', `/v1/notifications/${id}`, alpha)).json<{
      report: { causeText: string };
    }>();
    expect(notification.report.causeText).toBe(
      "<script>alert('x')</script>'; drop table notification; --",
    );
  });

  it('is triaged with the factors that made it visible', async () => {
    const notification = (await call('GET', `/v1/notifications/${id}`, analyst)).json<{
      risk: { score: number; riskClass: string; factors: { key: string; points: number }[] };
    }>();
    // critical list (J01CA04 is on it) 20 + one exact alternative (Beta) 0.6 x 25 = 15
    // + stock 2 of 8 weeks: 0.75 x 20 = 15 + market share 0.4 x 10 = 4 + concentration share
    expect(notification.risk.factors.find((f) => f.key === 'criticalList')?.points).toBe(20);
    expect(notification.risk.factors.find((f) => f.key === 'alternatives')?.points).toBe(15);
    expect(notification.risk.factors.find((f) => f.key === 'stockCover')?.points).toBe(15);
    expect(notification.risk.score).toBeGreaterThanOrEqual(54);
  });

  it('keeps every version with what changed', async () => {
    const update = await call(
      'POST',
      `/v1/notifications/${id}/versions`,
      alpha,
      report([packIds['RVG 900001'] ?? 0], { stockWeeks: 1, expectedEnd: `${nextYear}-06-01` }),
    );
    expect(update.statusCode).toBe(200);
    const detail = (await call('GET', `/v1/notifications/${id}`, alpha)).json<{
      version: number;
      versions: { version: number; changes: { field: string }[] }[];
    }>();
    expect(detail.version).toBe(2);
    expect(detail.versions[1]?.changes.map((c) => c.field)).toEqual([
      'expectedEnd',
      'causeText',
      'stockWeeks',
    ]);
  });

  it('answers another company 404 on every endpoint of the notification', async () => {
    const endpoints: ['GET' | 'POST', string, unknown][] = [
      ['GET', `/v1/notifications/${id}`, undefined],
      ['GET', `/v1/notifications/${id}/esmp-export`, undefined],
      ['POST', `/v1/notifications/${id}/versions`, report([packIds['RVG 900010'] ?? 0])],
      ['POST', `/v1/notifications/${id}/status-changes`, { status: 'withdrawn' }],
      ['POST', `/v1/notifications/${id}/comments`, { body: 'hello' }],
    ];
    for (const [method, url, body] of endpoints) {
      const response = await call(method, url, beta, body);
      expect(response.statusCode, `${method} ${url}`).toBe(404);
    }
    // The wholesaler and the ministry are not parties to it either.
    expect((await call('GET', `/v1/notifications/${id}`, wholesaler)).statusCode).toBe(404);
    expect((await call('GET', `/v1/notifications/${id}`, policy)).statusCode).toBe(200);
  });

  it('hides it from other companies and shows it to the notification centre', async () => {
    expect((await call('GET', `/v1/notifications/${id}`, beta)).statusCode).toBe(404);
    expect(
      (
        await call(
          'POST',
          `/v1/notifications/${id}/versions`,
          beta,
          report([packIds['RVG 900010'] ?? 0]),
        )
      ).statusCode,
    ).toBe(404);
    expect(
      (await call('POST', `/v1/notifications/${id}/comments`, beta, { body: 'hello' })).statusCode,
    ).toBe(404);
    const betaQueue = (await call('GET', '/v1/notifications', beta)).json<{
      items: { id: number }[];
    }>();
    expect(betaQueue.items.map((n) => n.id)).not.toContain(id);
    const queue = (await call('GET', '/v1/notifications?sort=-riskScore', analyst)).json<{
      items: { id: number }[];
    }>();
    expect(queue.items.map((n) => n.id)).toContain(id);
    expect((await call('GET', '/v1/notifications')).statusCode).toBe(401);
  });

  it('follows the workflow: only the centre confirms, only the company withdraws', async () => {
    expect(
      (
        await call('POST', `/v1/notifications/${id}/status-changes`, alpha, {
          status: 'confirmed_shortage',
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (await call('POST', `/v1/notifications/${id}/status-changes`, policy, { status: 'triaged' }))
        .statusCode,
    ).toBe(403);
    expect(
      (
        await call('POST', `/v1/notifications/${id}/comments`, analyst, {
          kind: 'information_request',
          body: 'Which API supplier?',
        })
      ).statusCode,
    ).toBe(201);
    expect(
      (
        await call('POST', `/v1/notifications/${id}/comments`, alpha, {
          kind: 'information_request',
          body: 'nope',
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (await call('POST', `/v1/notifications/${id}/status-changes`, analyst, { status: 'triaged' }))
        .statusCode,
    ).toBe(200);
    expect(
      (await call('POST', `/v1/notifications/${id}/status-changes`, analyst, { status: 'triaged' }))
        .statusCode,
    ).toBe(409);
    expect(
      (
        await call('POST', `/v1/notifications/${id}/status-changes`, analyst, {
          status: 'confirmed_shortage',
          comment: 'confirmed',
        })
      ).statusCode,
    ).toBe(200);
    expect(
      (
        await call('PUT', `/v1/notifications/${id}/advice`, analyst, {
          advice: 'Switch to another amoxicilline 500 mg capsule.',
        })
      ).statusCode,
    ).toBe(200);
    expect(
      (await call('PUT', `/v1/notifications/${id}/advice`, alpha, { advice: 'Buy ours' }))
        .statusCode,
    ).toBe(403);
  });

  it('puts it on the public list with alternatives, and nothing confidential', async () => {
    const response = await call('GET', '/v1/shortages');
    expect(response.statusCode).toBe(200);
    const list = response.json<{ items: Record<string, unknown>[] }>();
    const item = list.items.find(
      (i) =>
        (i.products as { registrationNumber: string }[])[0]?.registrationNumber === 'RVG 900001',
    );
    expect(item).toMatchObject({
      phase: 'expected',
      advice: 'Switch to another amoxicilline 500 mg capsule.',
      causeCategory: 'active_substance',
      expectedEnd: `${nextYear}-06-01`,
    });
    const one = (await call('GET', `/v1/shortages?reference=${String(item?.reference)}`)).json<{
      items: unknown[];
    }>();
    expect(one.items).toHaveLength(1);
    const text = JSON.stringify(item);
    expect(text).toContain('RVG 900010'); // Beta's alternative
    for (const secret of ['stockWeeks', 'marketShare', 'risk', 'causeText', 'drop table'])
      expect(text).not.toContain(secret);
    const csv = await call('GET', '/v1/shortages', undefined, undefined, { accept: 'text/csv' });
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body.split('\r\n')[0]).toBe(
      'reference,phase,substance,atc,products,registration_numbers,gtins,company,expected_start,expected_end,cause_category,advice,alternatives,updated_at',
    );
    expect(csv.body).toContain('Amoxicilline Beta 500 mg capsules');
  });

  it('reports it in the change feed and the Atom feeds', async () => {
    const changes = (await call('GET', '/v1/shortages/changes?since=2000-01-01T00:00:00Z')).json<{
      items: { type: string }[];
    }>();
    expect(changes.items.map((c) => c.type)).toContain('new');
    const productFeed = await call('GET', `/v1/feeds/products/${productIds['RVG 900001'] ?? 0}`);
    expect(productFeed.headers['content-type']).toContain('application/atom+xml');
    expect(productFeed.body).toContain('<feed xmlns="http://www.w3.org/2005/Atom"');
    expect(productFeed.body).toContain('Amoxicilline Alpha 500 mg capsules');
    const substanceFeed = await call('GET', '/v1/feeds/substances/J01CA04');
    expect(substanceFeed.body).toContain('<entry>');
    expect((await call('GET', '/v1/feeds/substances/XYZ')).statusCode).toBe(400);
  });

  it('delivers a signed webhook and retries a failing receiver', async () => {
    const received: { body: string; signature: string }[] = [];
    let fail = true;
    const server = createServer((request: IncomingMessage, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        received.push({ body, signature: String(request.headers['medsupply-signature']) });
        response.statusCode = fail ? 500 : 204;
        response.end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    const subscription = await call('POST', '/v1/webhook-subscriptions', wholesaler, {
      url: `http://127.0.0.1:${port}/hook`,
      topic: 'substance',
      topicRef: 'J01CA',
    });
    expect(subscription.statusCode).toBe(201);
    const { secret } = subscription.json<{ secret: string }>();
    const now = new Date();
    const first = await runWebhookRound(db.pool, { allowInternalAddresses: true, now });
    expect(first).toMatchObject({ delivered: 0, failed: 1 });
    fail = false;
    // Not due yet: the retry waits a minute.
    expect((await runWebhookRound(db.pool, { allowInternalAddresses: true, now })).delivered).toBe(
      0,
    );
    const later = new Date(now.getTime() + 61_000);
    expect(
      (await runWebhookRound(db.pool, { allowInternalAddresses: true, now: later })).delivered,
    ).toBe(1);
    server.close();
    const last = received.at(-1);
    expect(
      last !== undefined &&
        verifySignature(secret, last.body, last.signature, Math.floor(later.getTime() / 1000)),
    ).toBe(true);
    expect(JSON.parse(last?.body ?? '{}')).toMatchObject({ event: 'shortage.new' });
  });

  it('refuses webhooks to internal addresses when they are not allowed, and anonymous subscriptions', async () => {
    const strict = await buildApp({ pool: db.pool, allowInternalWebhooks: false });
    const response = await strict.inject({
      method: 'POST',
      url: '/v1/webhook-subscriptions',
      headers: { authorization: wholesaler.authorization },
      payload: { url: 'http://127.0.0.1:9/hook', topic: 'all' },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json<{ code: string }>().code).toBe('MS_WEBHOOK_URL_REFUSED');
    await strict.close();
    expect(
      (
        await call('POST', '/v1/webhook-subscriptions', undefined, {
          url: 'https://example.org/',
          topic: 'all',
        })
      ).statusCode,
    ).toBe(401);
  });

  it('exports the report in the EU platform’s terms, as JSON and CSV', async () => {
    const esmp = (await call('GET', `/v1/notifications/${id}/esmp-export`, alpha)).json<{
      rows: Record<string, unknown>[];
    }>();
    expect(esmp.rows[0]).toMatchObject({
      'Marketing authorisation number': 'RVG 900001',
      'Root cause': 'Manufacturing issue - active substance',
      'Shortage start date': `${nextYear}-03-01`,
    });
    const csv = await call('GET', `/v1/notifications/${id}/esmp-export`, alpha, undefined, {
      accept: 'text/csv',
    });
    expect(csv.body.startsWith('MAH name,MAH internal reference')).toBe(true);
    expect((await call('GET', `/v1/notifications/${id}/esmp-export`, beta)).statusCode).toBe(404);
  });
});

describe('late notifications', () => {
  it('counts a report made less than two months ahead as late, per company', async () => {
    const soon = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
    const response = await call(
      'POST',
      '/v1/notifications',
      beta,
      report([packIds['RVG 900010'] ?? 0], { expectedStart: soon, expectedEnd: null }),
    );
    expect(response.statusCode).toBe(201);
    const today = new Date().toISOString().slice(0, 10);
    const late = (
      await call('GET', `/v1/late-notifications?from=${today}&to=${today}`, analyst)
    ).json<{
      byCompany: { organisationName: string; late: number; notifications: number }[];
    }>();
    const betaRow = late.byCompany.find((row) => row.organisationName === beta.organisationName);
    expect(betaRow).toMatchObject({ late: 1, notifications: 1 });
    const csv = await call(
      'GET',
      `/v1/late-notifications?from=${today}&to=${today}`,
      policy,
      undefined,
      { accept: 'text/csv' },
    );
    expect(csv.body).toContain(beta.organisationName);
    for (const party of [alpha, wholesaler, coordinator]) {
      expect(
        (await call('GET', `/v1/late-notifications?from=${today}&to=${today}`, party)).statusCode,
      ).toBe(403);
    }
  });
});

describe('bulk upload', () => {
  const header =
    'company_reference,kind,gtins,expected_start,expected_end,cause_category,cause_text,stock_weeks,market_share_percent,partial_supply,own_alternatives,other_alternatives,patient_impact,patient_impact_text,mitigation_text';
  const row = (reference: string, stock: string, code = gtin('871000000002')) =>
    `${reference},shortage,${code},${nextYear}-05-01,${nextYear}-06-01,production,Line down,${stock},20,yes,no,yes,medium,,`;

  it('creates, updates and never duplicates, with a per-row report', async () => {
    const first = await call(
      'POST',
      '/v1/notification-imports',
      alpha,
      [header, row('A-1', '4'), row('A-2', 'x'), row('A-3', '4', '1234')].join('\n') + '\n',
      { 'content-type': 'text/csv' },
    );
    expect(first.statusCode).toBe(200);
    const report1 = first.json<{ created: number; rejected: { line: number; reason: string }[] }>();
    expect(report1.created).toBe(1);
    expect(report1.rejected).toEqual([
      { file: 'upload.csv', line: 3, reason: 'stock_weeks must be a number from 0 to 520' },
      { file: 'upload.csv', line: 4, reason: 'gtins: 1234 is not one of your packs' },
    ]);
    const again = await call(
      'POST',
      '/v1/notification-imports',
      alpha,
      [header, row('A-1', '4')].join('\n') + '\n',
      { 'content-type': 'text/csv' },
    );
    expect(again.json<{ unchanged: number }>().unchanged).toBe(1);
    const changed = await call(
      'POST',
      '/v1/notification-imports',
      alpha,
      [header, row('A-1', '3')].join('\n') + '\n',
      { 'content-type': 'text/csv' },
    );
    expect(changed.json<{ updated: number }>().updated).toBe(1);
    const count = await db.pool.query<{ n: number }>(
      `select count(*)::int as n from notification where company_reference = 'A-1'`,
    );
    expect(count.rows[0]?.n).toBe(1);
    const duplicate = await call(
      'POST',
      '/v1/notifications',
      alpha,
      report([packIds['RVG 900002'] ?? 0], { companyReference: 'A-1' }),
    );
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json<{ errors: { pointer: string }[] }>().errors[0]?.pointer).toBe(
      '/companyReference',
    );
  });

  it('refuses a file that is unusable as a whole, writing nothing', async () => {
    const before = await db.pool.query<{ n: number }>(
      'select count(*)::int as n from notification',
    );
    const response = await call(
      'POST',
      '/v1/notification-imports',
      alpha,
      header.replace(/,/g, ';') + '\n',
      { 'content-type': 'text/csv' },
    );
    expect(response.statusCode).toBe(400);
    expect(response.json<{ code: string }>().code).toBe('MS_IMPORT_WRONG_DELIMITER');
    const after = await db.pool.query<{ n: number }>('select count(*)::int as n from notification');
    expect(after.rows[0]?.n).toBe(before.rows[0]?.n);
  });

  it('rejects oversized uploads', async () => {
    const big = header + '\n' + 'x'.repeat(11 * 1024 * 1024);
    const response = await call('POST', '/v1/notification-imports', alpha, big, {
      'content-type': 'text/csv',
    });
    expect(response.statusCode).toBe(413);
  });
});

describe('every write endpoint refuses the roles it is not for', () => {
  const cases: [string, 'POST' | 'PUT', string, unknown, string[]][] = [
    ['submit', 'POST', '/v1/notifications', report([1]), ['mah']],
    [
      'bulk status',
      'POST',
      '/v1/notifications/bulk-status-changes',
      { ids: [1], status: 'triaged' },
      ['analyst', 'admin'],
    ],
    ['advice', 'PUT', '/v1/notifications/1/advice', { advice: 'x' }, ['analyst', 'admin']],
    [
      'unforeseeable',
      'PUT',
      '/v1/notifications/1/unforeseeable',
      { unforeseeable: true },
      ['analyst', 'admin'],
    ],
    [
      'status change',
      'POST',
      '/v1/notifications/1/status-changes',
      { status: 'triaged' },
      ['mah', 'analyst', 'admin'],
    ],
    ['bulk upload', 'POST', '/v1/notification-imports', 'a,b\n', ['mah']],
  ];

  it.each(cases)(
    '%s: 401 for the public, 403 for roles outside %s',
    async (_name, method, url, body, allowed) => {
      const headers = typeof body === 'string' ? { 'content-type': 'text/csv' } : undefined;
      expect((await call(method, url, undefined, body, headers)).statusCode).toBe(401);
      for (const party of [alpha, analyst, policy, coordinator, wholesaler]) {
        const status = (await call(method, url, party, body, headers)).statusCode;
        if (allowed.includes(party.role)) expect(status, party.role).not.toBe(403);
        else expect(status, party.role).toBe(403);
      }
    },
  );
});
