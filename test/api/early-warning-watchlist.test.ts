/**
 * The watchlist, the site-failure scenario and site stoppages over the database, through the API
 * and the CLI, on a small simulated market that ends today (real reference registers).
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.ts';
import { runCli } from '../../src/cli.ts';
import { simulateSiteFailure } from '../../src/early-warning/domain/site-failure.ts';
import { WATCH_FACTORS } from '../../src/early-warning/domain/watchlist.ts';
import { systemActor } from '../../src/kernel/actor.ts';
import {
  loadMarketReference,
  loadSimulatedMarket,
  restoreSimulatedProductSites,
  simulateMarket,
  type SimulatedMarket,
} from '../../src/simulator/index.ts';
import { addDays, daysBetween, loadMarketSeries } from '../../src/stock/index.ts';
import { createParty, type TestParty } from '../fixtures/identities.ts';
import { createTestDatabase, type TestDatabase } from '../setup/database.ts';

const TODAY = new Date().toISOString().slice(0, 10);
const DAYS = 150;

let db: TestDatabase;
let app: FastifyInstance;
let market: SimulatedMarket;
let analyst: TestParty;
let policy: TestParty;
let coordinator: TestParty;
let mah: TestParty;
let wholesaler: TestParty;
/** Simulator pack id -> database pack id. */
let packDbId: Map<number, number>;

beforeAll(async () => {
  db = await createTestDatabase('reference');
  market = simulateMarket({
    seed: 11,
    reference: await loadMarketReference(db.pool),
    packs: 80,
    holders: 4,
    days: DAYS,
    startDate: addDays(TODAY, -(DAYS - 1)),
    rates: { productionProblemsPerProductYear: 2, siteFailuresPerYear: 4 },
    // Thin stocks, so that the list has packs near running out.
    obligation: { mahWeeks: 2, wholesalerWeeks: 1, wholesalerCriticalExtraWeeks: 0 },
  });
  await loadSimulatedMarket(db.pool, market, { actor: systemActor('test:early-warning') });
  const gtins = await db.pool.query<{ id: number; gtin: string }>('select id, gtin from pack');
  const byGtin = new Map(gtins.rows.map((row) => [row.gtin, row.id]));
  packDbId = new Map(market.catalogue.packs.map((pack) => [pack.id, byGtin.get(pack.gtin) ?? 0]));
  [analyst, policy, coordinator, mah, wholesaler] = await Promise.all([
    createParty(db.pool, 'analyst'),
    createParty(db.pool, 'policy'),
    createParty(db.pool, 'coordinator'),
    createParty(db.pool, 'mah'),
    createParty(db.pool, 'wholesaler'),
  ]);
  app = await buildApp({ pool: db.pool });
}, 180_000);

afterAll(async () => {
  await app.close();
  await db.close();
});

interface Reason {
  factor: string;
  value: number;
  points: number;
  text: string;
  details: Record<string, unknown>;
}
interface PackItem {
  rank: number;
  packId: number;
  productName: string;
  mahName: string;
  atc: string | null;
  substanceName: string | null;
  score: number;
  coverWeeks: number | null;
  expectedShortageStart: string | null;
  confidence: number;
  reasons: Reason[];
}
interface Listing<T> {
  asOf: string;
  level: string;
  minimumScore: number;
  total: number;
  page: number;
  pageSize: number;
  generatedAt: string;
  weights: Record<string, number>;
  items: T[];
}

async function get(url: string, party: TestParty | null = analyst, accept?: string) {
  return app.inject({
    method: 'GET',
    url,
    headers: {
      ...(party === null ? {} : { authorization: party.authorization }),
      ...(accept === undefined ? {} : { accept }),
    },
  });
}

async function watchlist(query: string, party: TestParty = analyst) {
  const response = await get(`/v1/watchlist?${query}`, party);
  expect(response.statusCode, response.body).toBe(200);
  return response.json<Listing<PackItem>>();
}

/** The keys of each factor's details: the contract with the web app's Dutch sentences. */
const DETAIL_KEYS: Record<string, string[]> = {
  lowCover: ['coverWeeks'],
  fallingCover: ['days', 'fromWeeks', 'toWeeks'],
  demandSpike: ['percentOfUsual', 'windowDays'],
  notification: ['riskClass'],
  shortAbroad: ['countries'],
  competitorShortage: ['companies'],
  concentration: ['hhi'],
  siteFailure: ['sites', 'stoppedSiteIds', 'stoppedSites'],
};

describe('GET /v1/watchlist', () => {
  it('ranks the packs by score with their reasons and the figures behind them', async () => {
    const list = await watchlist('pageSize=500');
    expect(list.asOf).toBe(TODAY);
    expect(list.level).toBe('pack');
    expect(list.minimumScore).toBe(30);
    expect(list.weights).toEqual({
      lowCover: 35,
      fallingCover: 10,
      demandSpike: 10,
      notification: 15,
      shortAbroad: 5,
      competitorShortage: 10,
      concentration: 5,
      siteFailure: 10,
    });
    expect(list.total).toBeGreaterThan(0);
    expect(list.items.length).toBe(list.total);
    for (const [index, item] of list.items.entries()) {
      expect(item.score).toBeGreaterThanOrEqual(30);
      if (index > 0) {
        expect(item.score).toBeLessThanOrEqual(list.items[index - 1]?.score ?? 0);
        expect(item.rank).toBeGreaterThan(list.items[index - 1]?.rank ?? 0);
      }
      expect(item.productName).not.toBe('');
      expect(item.mahName).not.toBe('');
      const points = item.reasons.reduce((sum, reason) => sum + reason.points, 0);
      expect(points).toBeCloseTo(item.score, 0);
      for (const reason of item.reasons) {
        expect(Object.keys(reason.details).sort(), reason.factor).toEqual(
          DETAIL_KEYS[reason.factor],
        );
        expect(reason.text).not.toBe('');
      }
    }
    // The top pack's cover, worked out in SQL: each holder's latest report of the last 7 days,
    // over 7 x the average daily demand of the 56 days up to today.
    const top = list.items[0];
    const figures = await db.pool.query<{ stock: number; demand: number }>(
      `select (select sum(on_hand) from (
                select distinct on (holder_id) on_hand from stock_report
                 where pack_id = $1 and report_date between $2::date - 7 and $2::date
                 order by holder_id, report_date desc) latest)::float8 as stock,
              (select coalesce(sum(quantity), 0) from demand_report
                where pack_id = $1 and period_start between $2::date - 55 and $2::date)::float8
                / 56 as demand`,
      [top?.packId, TODAY],
    );
    const { stock, demand } = figures.rows[0] ?? { stock: 0, demand: 1 };
    expect(top?.coverWeeks).toBeCloseTo(stock / (7 * demand), 1);
    const lowCover = top?.reasons.find((reason) => reason.factor === 'lowCover');
    if (lowCover !== undefined) expect(lowCover.details.coverWeeks).toBe(top?.coverWeeks);
  });

  it('says which foreign registers report a substance short, as the signals API does', async () => {
    const list = await watchlist('minScore=0&pageSize=500');
    const atcCodes = [...new Set(list.items.flatMap((i) => (i.atc === null ? [] : [i.atc])))];
    let checked = 0;
    for (const atc of atcCodes) {
      const response = await get(`/v1/substances/${atc}/foreign-shortages?activeOn=${TODAY}`);
      expect(response.statusCode).toBe(200);
      const registers = new Set(
        response.json<{ items: { source: string }[] }>().items.map((i) => i.source),
      );
      const expected = [...registers].map((source) => (source === 'bfarm' ? 'DE' : 'US')).sort();
      for (const item of list.items.filter((i) => i.atc === atc)) {
        const reason = item.reasons.find((r) => r.factor === 'shortAbroad');
        // The signals API also lists shortages reported after the day; the watchlist does not.
        if (reason === undefined) continue;
        checked++;
        expect(reason.details.countries).toEqual(expected);
      }
    }
    expect(checked).toBeGreaterThan(0);
  });

  it('pages like /v1/cover', async () => {
    const all = await watchlist('minScore=0&pageSize=500');
    const second = await watchlist('minScore=0&page=2&pageSize=5');
    expect(second.page).toBe(2);
    expect(second.pageSize).toBe(5);
    expect(second.total).toBe(all.total);
    expect(second.items.map((i) => i.packId)).toEqual(all.items.slice(5, 10).map((i) => i.packId));
    // minScore 0 lists every pack with demand in the 56 days up to the day.
    const withDemand = await db.pool.query<{ n: number }>(
      `select count(distinct pack_id)::int as n from demand_report
        where period_start between $1::date - 55 and $1::date and quantity > 0`,
      [TODAY],
    );
    expect(all.total).toBe(withDemand.rows[0]?.n);
    expect(all.total).toBeGreaterThan(70);
    expect(all.items.map((i) => i.rank)).toEqual(all.items.map((_, index) => index + 1));
  });

  it('recomputes a past day exactly: a report made later changes nothing', async () => {
    const asOf = addDays(TODAY, -30);
    const before = await watchlist(`asOf=${asOf}&minScore=0&pageSize=500`);
    const target = before.items[0];
    const holder = await db.pool.query<{ holder_id: number }>(
      'select holder_id from stock_report where pack_id = $1 limit 1',
      [target?.packId],
    );
    // A large stock reported for the next day, and a demand spike.
    await db.pool.query(
      `insert into stock_report (holder_id, pack_id, report_date, on_hand, source)
       values ($1, $2, $3::date + 1, 1000000, 'test')
       on conflict (holder_id, pack_id, report_date) do update set on_hand = 1000000`,
      [holder.rows[0]?.holder_id, target?.packId, asOf],
    );
    const after = await watchlist(`asOf=${asOf}&minScore=0&pageSize=500`);
    const { generatedAt: _a, ...beforeList } = before;
    const { generatedAt: _b, ...afterList } = after;
    expect(afterList).toEqual(beforeList);
    // The day after does see it.
    const next = await watchlist(`asOf=${addDays(asOf, 1)}&minScore=0&pageSize=500`);
    const seen = next.items.find((item) => item.packId === target?.packId);
    expect(seen?.coverWeeks ?? 0).toBeGreaterThan(target?.coverWeeks ?? 0);
  });

  it('reads a notification from the day it was reported until it was closed', async () => {
    const pack = market.catalogue.packs[0];
    const packId = packDbId.get(pack?.id ?? 0) ?? 0;
    const notification = await db.pool.query<{ id: number }>(
      `insert into notification (reference, organisation_id, kind, status, first_reported_on,
                                 risk_score, risk_class)
       select 'EW-TEST-1', p.mah_organisation_id, 'shortage', 'triaged', $2::date, 80, 'high'
         from pack k join medicinal_product p on p.id = k.product_id where k.id = $1
       returning id`,
      [packId, addDays(TODAY, -10)],
    );
    const id = notification.rows[0]?.id;
    await db.pool.query(
      'insert into notification_pack (notification_id, pack_id) values ($1, $2)',
      [id, packId],
    );
    const reasonOn = async (asOf: string) => {
      const list = await watchlist(`asOf=${asOf}&minScore=0&factor=notification&pageSize=500`);
      return list.items
        .find((item) => item.packId === packId)
        ?.reasons.find((r) => r.factor === 'notification');
    };
    const open = await reasonOn(TODAY);
    expect(open?.details).toEqual({ riskClass: 'high' });
    expect(open?.text).toBe('open notification, triaged high risk');
    // weight 15 x 1 for a high-risk class (config/early-warning.json)
    expect(open?.points).toBe(15);
    expect(await reasonOn(addDays(TODAY, -11))).toBeUndefined();
    await db.pool.query(
      `insert into notification_event (notification_id, at, actor, actor_role, kind, from_status,
                                       to_status)
       values ($1, ($2::date + time '12:00') at time zone 'UTC', 'test', 'mah', 'status_change',
               'triaged', 'withdrawn')`,
      [id, addDays(TODAY, -5)],
    );
    expect(await reasonOn(TODAY)).toBeUndefined();
    expect((await reasonOn(addDays(TODAY, -5)))?.details).toEqual({ riskClass: 'high' });
    expect((await reasonOn(addDays(TODAY, -6)))?.details).toEqual({ riskClass: 'high' });
  });

  it('filters by factor and by ATC code', async () => {
    const all = await watchlist('minScore=0&pageSize=500');
    const low = await watchlist('minScore=0&factor=lowCover&pageSize=500');
    expect(low.total).toBeGreaterThan(0);
    expect(low.total).toBeLessThanOrEqual(all.total);
    for (const item of low.items) {
      expect(item.reasons.map((reason) => reason.factor)).toContain('lowCover');
    }
    expect(low.items.map((i) => i.packId)).toEqual(
      all.items
        .filter((i) => i.reasons.some((reason) => reason.factor === 'lowCover'))
        .map((i) => i.packId),
    );
    const group = (all.items[0]?.atc ?? 'N').slice(0, 3);
    const byAtc = await watchlist(`minScore=0&atc=${group.toLowerCase()}&pageSize=500`);
    expect(byAtc.total).toBe(all.items.filter((i) => i.atc?.startsWith(group)).length);
    for (const item of byAtc.items) expect(item.atc?.startsWith(group)).toBe(true);
  });

  it('answers CSV with Accept: text/csv', async () => {
    const list = await watchlist('minScore=0&pageSize=500');
    const response = await get('/v1/watchlist?minScore=0', analyst, 'text/csv');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/csv/);
    const lines = response.body.trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'rank,packId,product,pack,mah,atc,substance,score,coverWeeks,shortNow,expectedShortageStart,confidence,reasons',
    );
    // Every matching pack, not one page.
    expect(lines.length).toBe(list.total + 1);
  });

  it('rolls up to substances', async () => {
    const packs = await watchlist('minScore=0&pageSize=500');
    const response = await get('/v1/watchlist?level=substance&minScore=0&pageSize=500');
    expect(response.statusCode).toBe(200);
    const list = response.json<
      Listing<{
        rank: number;
        atc: string;
        substanceName: string | null;
        score: number;
        packs: number;
        packsOnList: number;
        topReasons: Reason[];
      }>
    >();
    expect(list.level).toBe('substance');
    const atcCodes = new Set(packs.items.flatMap((i) => (i.atc === null ? [] : [i.atc])));
    expect(list.total).toBe(atcCodes.size);
    for (const [index, item] of list.items.entries()) {
      expect(item.rank).toBe(index + 1);
      const ofSubstance = packs.items.filter((i) => i.atc === item.atc);
      expect(item.packs).toBe(ofSubstance.length);
      expect(item.score).toBe(Math.max(...ofSubstance.map((i) => i.score)));
      expect(item.packsOnList).toBeLessThanOrEqual(item.packs);
      expect(item.topReasons.length).toBeLessThanOrEqual(3);
    }
  });

  it('is for the authorities only', async () => {
    expect((await get('/v1/watchlist', null)).statusCode).toBe(401);
    for (const party of [mah, wholesaler]) {
      const response = await get('/v1/watchlist', party);
      expect(response.statusCode).toBe(403);
      expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
    }
    expect((await get('/v1/watchlist?minScore=90', policy)).statusCode).toBe(200);
    expect((await get('/v1/watchlist?minScore=90', coordinator)).statusCode).toBe(200);
  });

  it('refuses a future day and an unknown factor, naming the parameter', async () => {
    const future = await get(`/v1/watchlist?asOf=${addDays(TODAY, 1)}`);
    expect(future.statusCode).toBe(400);
    expect(future.json<{ errors: { pointer: string }[] }>().errors[0]?.pointer).toBe(
      '/querystring/asOf',
    );
    const factor = await get('/v1/watchlist?factor=weather');
    expect(factor.statusCode).toBe(400);
    expect(JSON.stringify(factor.json())).toContain('factor');
    expect(factor.body).not.toContain('at ');
    expect((await get('/v1/watchlist?minScore=101')).statusCode).toBe(400);
  });
});

interface SiteItem {
  siteId: number;
  name: string;
  countryCode: string;
  products: number;
  packs: number;
  soleSourcePacks: number;
  stoppedSince: string | null;
}

async function sites(): Promise<SiteItem[]> {
  const response = await get('/v1/scenarios/site-failure/sites');
  expect(response.statusCode).toBe(200);
  return response.json<SiteItem[]>();
}

describe('GET /v1/scenarios/site-failure', () => {
  it('lists the sites of the catalogue, most sole-source packs first', async () => {
    const list = await sites();
    expect(list.length).toBeGreaterThan(0);
    for (let i = 1; i < list.length; i++) {
      expect(list[i]?.soleSourcePacks).toBeLessThanOrEqual(list[i - 1]?.soleSourcePacks ?? 0);
    }
    // Worked out from the simulated catalogue: packs whose product has exactly this API site.
    const products = new Map(market.catalogue.products.map((p) => [p.id, p]));
    const top = list[0];
    const soleSource = market.catalogue.packs.filter((pack) => {
      const siteIds = products.get(pack.productId)?.apiSiteIds ?? [];
      return siteIds.length === 1 && siteIds[0] === top?.siteId;
    }).length;
    expect(top?.soleSourcePacks).toBe(soleSource);
    expect(soleSource).toBeGreaterThan(0);
  });

  it('runs the sole-source packs out on the day the pure scenario says', async () => {
    const site = (await sites())[0];
    const failureDate = addDays(TODAY, -60);
    const response = await get(
      `/v1/scenarios/site-failure?siteId=${site?.siteId}&failureDate=${failureDate}&horizonDays=56&spareCapacity=0.1&pipelineDays=7`,
    );
    expect(response.statusCode, response.body).toBe(200);
    const scenario = response.json<{
      site: { id: number; name: string };
      affectedPacks: number;
      packsRunningOut: number;
      firstStockOutDate: string | null;
      unitsNotServed: number;
      partiallyAffectedPacks: number;
      packs: {
        packId: number;
        productName: string;
        stockOutDate: string | null;
        daysUntilStockOut: number | null;
        unitsNotServed: number;
        stockPath: number[];
      }[];
    }>();
    expect(scenario.site.id).toBe(site?.siteId);
    expect(scenario.affectedPacks).toBe(site?.soleSourcePacks);
    // The pure function on the per-holder series as known that day, with the simulator's own
    // product sites.
    const from = addDays(failureDate, -56);
    const series = await loadMarketSeries(db.pool, {
      from,
      to: addDays(failureDate, 56),
      asOf: failureDate,
    });
    const products = new Map(market.catalogue.products.map((p) => [p.id, p]));
    const expected = simulateSiteFailure(
      series,
      market.catalogue.packs.map((pack) => ({
        packId: packDbId.get(pack.id) ?? 0,
        atc: pack.atc,
        mahId: pack.mahId,
        substanceHhi: null,
        siteIds: products.get(pack.productId)?.apiSiteIds ?? [],
      })),
      {
        siteId: site?.siteId ?? 0,
        failureDay: daysBetween(from, failureDate),
        horizonDays: 56,
        spareCapacity: 0.1,
        pipelineDays: 7,
        demandWindowDays: 56,
      },
    );
    expect(
      scenario.packs.map((p) => [p.packId, p.stockOutDate, p.daysUntilStockOut, p.unitsNotServed]),
    ).toEqual(
      expected.packs.map((p) => [p.packId, p.stockOutDate, p.daysUntilStockOut, p.unitsNotServed]),
    );
    expect(scenario.packs.every((p) => p.stockPath.length === 56)).toBe(true);
    expect(scenario.packsRunningOut).toBe(expected.packsRunningOut);
    expect(scenario.unitsNotServed).toBe(expected.unitsNotServed);
    expect(scenario.partiallyAffectedPacks).toBe(expected.partiallyAffectedPacks);
    const outs = expected.packs.flatMap((p) => (p.stockOutDate === null ? [] : [p.stockOutDate]));
    expect(scenario.firstStockOutDate).toBe(outs.sort()[0] ?? null);
  });

  it('answers 404 for an unknown site, 403 to a company, 400 for a future date', async () => {
    const unknown = await get('/v1/scenarios/site-failure?siteId=999999999');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json<{ code: string }>().code).toBe('MS_SITE_NOT_FOUND');
    const site = (await sites())[0]?.siteId;
    expect((await get(`/v1/scenarios/site-failure?siteId=${site}`, mah)).statusCode).toBe(403);
    expect((await get(`/v1/scenarios/site-failure?siteId=${site}`, null)).statusCode).toBe(401);
    expect((await get('/v1/scenarios/site-failure/sites', wholesaler)).statusCode).toBe(403);
    const future = await get(
      `/v1/scenarios/site-failure?siteId=${site}&failureDate=${addDays(TODAY, 3)}`,
    );
    expect(future.statusCode).toBe(400);
    expect(future.body).toContain('/querystring/failureDate');
    expect(
      (await get(`/v1/scenarios/site-failure?siteId=${site}&horizonDays=400`)).statusCode,
    ).toBe(400);
  });
});

describe('site stoppages', () => {
  async function send(
    method: 'POST' | 'PATCH',
    url: string,
    party: TestParty | null,
    payload: unknown,
  ) {
    return app.inject({
      method,
      url,
      payload: payload as Record<string, unknown>,
      headers: party === null ? {} : { authorization: party.authorization },
    });
  }

  it('records a stoppage (audited), and the watchlist gives its packs the site reason', async () => {
    const site = (await sites()).find((s) => s.stoppedSince === null && s.soleSourcePacks > 0);
    expect(site).toBeDefined();
    const siteId = site?.siteId ?? 0;
    const response = await send('POST', '/v1/site-stoppages', analyst, {
      siteId,
      startDate: addDays(TODAY, -2),
      reason: 'GMP inspection failed; production stopped',
    });
    expect(response.statusCode, response.body).toBe(201);
    const created = response.json<{ id: number; siteId: number; source: string; endDate: null }>();
    expect(created).toMatchObject({ siteId, source: 'authority', endDate: null });
    const audit = await db.pool.query<{ action: string; organisation_id: number }>(
      `select action, organisation_id from audit_log
        where entity = 'site_stoppage' and entity_id = $1`,
      [String(created.id)],
    );
    expect(audit.rows).toEqual([{ action: 'create', organisation_id: analyst.organisationId }]);

    const listed = await get(`/v1/site-stoppages?asOf=${TODAY}`, policy);
    expect(listed.statusCode).toBe(200);
    expect(listed.json<{ id: number }[]>().map((s) => s.id)).toContain(created.id);
    expect((await sites()).find((s) => s.siteId === siteId)?.stoppedSince).toBe(addDays(TODAY, -2));

    const list = await watchlist('minScore=0&factor=siteFailure&pageSize=500');
    const hit = list.items.filter((item) =>
      item.reasons.some(
        (r) =>
          r.factor === 'siteFailure' && (r.details.stoppedSiteIds as number[]).includes(siteId),
      ),
    );
    expect(hit.length).toBeGreaterThanOrEqual(1);
    const reason = hit[0]?.reasons.find((r) => r.factor === 'siteFailure');
    expect(reason?.details.stoppedSites).toBeGreaterThanOrEqual(1);
    expect(reason?.text).toMatch(/of \d+ manufacturing site\(s\) of its substance stopped/);
    // Yesterday's list did not know it yet: recorded today.
    const yesterday = await watchlist(
      `asOf=${addDays(TODAY, -1)}&minScore=0&factor=siteFailure&pageSize=500`,
    );
    expect(
      yesterday.items.some((item) =>
        item.reasons.some(
          (r) =>
            r.factor === 'siteFailure' && (r.details.stoppedSiteIds as number[]).includes(siteId),
        ),
      ),
    ).toBe(false);

    const ended = await send('PATCH', `/v1/site-stoppages/${created.id}`, coordinator, {
      endDate: addDays(TODAY, -1),
    });
    expect(ended.statusCode, ended.body).toBe(200);
    expect(ended.json<{ endDate: string }>().endDate).toBe(addDays(TODAY, -1));
    const updates = await db.pool.query<{ n: number }>(
      `select count(*)::int as n from audit_log
        where entity = 'site_stoppage' and entity_id = $1 and action = 'update'`,
      [String(created.id)],
    );
    expect(updates.rows[0]?.n).toBe(1);
    const after = await get(`/v1/site-stoppages?asOf=${TODAY}`);
    expect(after.json<{ id: number }[]>().map((s) => s.id)).not.toContain(created.id);
  });

  it('lets only analysts, coordinators and admins write', async () => {
    const site = (await sites())[0]?.siteId;
    const body = { siteId: site, startDate: TODAY, reason: 'bankruptcy' };
    expect((await send('POST', '/v1/site-stoppages', null, body)).statusCode).toBe(401);
    for (const party of [mah, policy, wholesaler]) {
      expect((await send('POST', '/v1/site-stoppages', party, body)).statusCode).toBe(403);
      expect(
        (await send('PATCH', '/v1/site-stoppages/1', party, { endDate: null })).statusCode,
      ).toBe(403);
    }
    expect((await get('/v1/site-stoppages', mah)).statusCode).toBe(403);
    expect((await get('/v1/site-stoppages', null)).statusCode).toBe(401);
    const writes = await db.pool.query<{ n: number }>(
      `select count(*)::int as n from site_stoppage where reason = 'bankruptcy'`,
    );
    expect(writes.rows[0]?.n).toBe(0);
  });

  it('refuses bad dates and unknown sites, naming the field', async () => {
    const site = (await sites())[0]?.siteId;
    const backwards = await send('POST', '/v1/site-stoppages', analyst, {
      siteId: site,
      startDate: TODAY,
      endDate: addDays(TODAY, -5),
      reason: 'inspection',
    });
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json<{ errors: { pointer: string }[] }>().errors).toEqual([
      expect.objectContaining({ pointer: '/body/endDate' }),
    ]);
    const unknown = await send('POST', '/v1/site-stoppages', analyst, {
      siteId: 999999999,
      startDate: 'yesterday',
      reason: 'inspection',
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.body).toContain('/body/startDate');
    const noSite = await send('POST', '/v1/site-stoppages', analyst, {
      siteId: 999999999,
      startDate: TODAY,
      reason: 'inspection',
    });
    expect(noSite.statusCode).toBe(400);
    expect(noSite.json<{ errors: { pointer: string; code: string }[] }>().errors).toEqual([
      expect.objectContaining({ pointer: '/body/siteId', code: 'MS_SITE_NOT_FOUND' }),
    ]);
    const created = await send('POST', '/v1/site-stoppages', analyst, {
      siteId: site,
      startDate: TODAY,
      reason: 'inspection',
    });
    const id = created.json<{ id: number }>().id;
    const early = await send('PATCH', `/v1/site-stoppages/${id}`, analyst, {
      endDate: addDays(TODAY, -1),
    });
    expect(early.statusCode).toBe(400);
    expect(early.body).toContain('/body/endDate');
    const missing = await send('PATCH', '/v1/site-stoppages/999999999', analyst, {
      endDate: TODAY,
    });
    expect(missing.statusCode).toBe(404);
    expect(missing.json<{ code: string }>().code).toBe('MS_SITE_STOPPAGE_NOT_FOUND');
  });

  it('holds the simulated market’s site failures as stoppages', async () => {
    const failures = market.events.filter((event) => event.kind === 'site_failure');
    const stored = await db.pool.query<{ n: number }>(
      `select count(*)::int as n from site_stoppage where source = 'simulator'`,
    );
    expect(stored.rows[0]?.n).toBe(failures.length);
  });
});

describe('medsupply watchlist and scenario', () => {
  async function cli(args: string[]) {
    let stdout = '';
    let stderr = '';
    const code = await runCli(args, {
      stdout: { write: (text: string) => (stdout += text) },
      stderr: { write: (text: string) => (stderr += text) },
      env: { DATABASE_URL: db.url },
    });
    return { code, stdout, stderr };
  }

  it('prints the watchlist as JSON, CSV and a table', async () => {
    const api = await watchlist('minScore=0&pageSize=5');
    const json = await cli(['watchlist', '--min-score', '0', '--limit', '5', '--format', 'json']);
    expect(json.code, json.stderr).toBe(0);
    const parsed = JSON.parse(json.stdout) as { items: PackItem[] };
    expect(parsed.items.map((i) => i.packId)).toEqual(api.items.map((i) => i.packId));
    const csv = await cli(['watchlist', '--level', 'substance', '--format', 'csv']);
    expect(csv.code).toBe(0);
    expect(csv.stdout.split('\r\n')[0]).toBe(
      'rank,atc,substance,score,packs,packsOnList,expectedShortageStart,topReasons',
    );
    const table = await cli(['watchlist', '--factor', 'lowCover', '--limit', '3']);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/^rank +product/);
    const bad = await cli(['watchlist', '--factor', 'weather']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--factor must be one of');
  });

  it('prints a site-failure scenario with totals', async () => {
    const site = (await sites())[0];
    const table = await cli(['scenario', 'site-failure', '--site', String(site?.siteId)]);
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout).toContain(site?.name ?? '?');
    expect(table.stdout).toContain(`${site?.soleSourcePacks} packs come only from this site`);
    const unknown = await cli(['scenario', 'site-failure', '--site', '999999999']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('no manufacturing site');
    expect((await cli(['scenario', 'country-failure'])).code).toBe(2);
    const missing = await cli(['scenario', 'site-failure']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('`medsupply scenario sites` lists them');
    const listed = await cli(['scenario', 'sites', '--limit', '3', '--format', 'json']);
    expect(listed.code, listed.stderr).toBe(0);
    expect((JSON.parse(listed.stdout) as { siteId: number }[]).map((s) => s.siteId)).toEqual(
      (await sites()).slice(0, 3).map((s) => s.siteId),
    );
    const help = await cli(['help']);
    expect(help.stdout).toContain('watchlist [--as-of D]');
    expect(help.stdout).toContain('scenario site-failure --site ID');
  });
});

describe('product sites of a simulated market', () => {
  const digest = async () =>
    (
      await db.pool.query<{ rows: string }>(
        `select string_agg(product_id || ':' || site_id || ':' || role, ',' order by 1) as rows
           from product_site`,
      )
    ).rows[0]?.rows;

  it('are written on load, and restored where a database loaded before 0008 lacks them', async () => {
    const loaded = await digest();
    const products = market.catalogue.products.length;
    const written = await db.pool.query<{ n: number }>(
      'select count(distinct product_id)::int as n from product_site',
    );
    expect(written.rows[0]?.n).toBe(products);
    await db.pool.query('delete from product_site');
    const actor = systemActor('test:restore');
    const other = simulateMarket({
      seed: 12,
      reference: await loadMarketReference(db.pool),
      packs: 20,
      holders: 3,
      days: 30,
    });
    // Another market than the loaded one restores nothing.
    expect(await restoreSimulatedProductSites(db.pool, other, { actor })).toBe(0);
    expect(await restoreSimulatedProductSites(db.pool, market, { actor })).toBe(products);
    expect(await digest()).toBe(loaded);
    expect(await restoreSimulatedProductSites(db.pool, market, { actor })).toBe(0);
  });
});

it('has a detail key list for every factor', () => {
  expect(Object.keys(DETAIL_KEYS).sort()).toEqual([...WATCH_FACTORS].sort());
});
