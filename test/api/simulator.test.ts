/**
 * The simulated market in the database: loading writes organisations, products, packs, weekly
 * stock, expected deliveries, daily demand and the ground truth; loading the same market again
 * changes nothing; another market replaces it; the truth reads back with database ids; and the
 * `simulate` command prints its summary. On the real reference registers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor, type Actor } from '../../src/kernel/actor.ts';
import { createCliContext } from '../../src/platform/cli-kit.ts';
import {
  loadMarketReference,
  loadSimulatedMarket,
  runSimulateCommand,
  simulateMarket,
  simulationTruth,
  stockReportDays,
  type MarketReference,
  type SimulatedMarket,
} from '../../src/simulator/index.ts';
import { loadMarketSeries } from '../../src/stock/index.ts';
import { createTestDatabase, type TestDatabase } from '../setup/database.ts';

let db: TestDatabase;
let reference: MarketReference;
const admin = systemActor('test:simulator');

beforeAll(async () => {
  db = await createTestDatabase('reference');
  reference = await loadMarketReference(db.pool);
});
afterAll(async () => {
  await db.close();
});

const RATES = { productionProblemsPerProductYear: 2, siteFailuresPerYear: 4 };
// Thin stocks, so that a 70-day market has shortages to record.
const THIN = { mahWeeks: 1, wholesalerWeeks: 1, wholesalerCriticalExtraWeeks: 0 };

function small(seed: number, startDate = '2025-01-06'): SimulatedMarket {
  return simulateMarket({
    seed,
    reference,
    packs: 60,
    holders: 4,
    days: 70,
    startDate,
    rates: RATES,
    obligation: THIN,
  });
}

/** A digest of every table the loader writes: equal digests, equal contents. */
async function tableDigest(): Promise<Record<string, string>> {
  const tables: Record<string, string> = {
    organisation: `select id, name, name_key, kind, external_code, created_at from organisation`,
    medicinal_product: `select * from medicinal_product`,
    product_ingredient: `select * from product_ingredient`,
    pack: `select * from pack`,
    stock_report: `select * from stock_report`,
    stock_incoming: `select * from stock_incoming`,
    demand_report: `select * from demand_report`,
    simulation_run: `select * from simulation_run`,
    simulated_event: `select * from simulated_event`,
    simulated_shortage: `select * from simulated_shortage`,
    audit_log: `select count(*) from audit_log`,
  };
  const digest: Record<string, string> = {};
  for (const [table, sql] of Object.entries(tables)) {
    const result = await db.pool.query<{ digest: string; n: number }>(
      `select md5(coalesce(string_agg(t::text, '|' order by t::text), '')) as digest, count(*)::int as n
         from (${sql}) t`,
    );
    digest[table] = `${result.rows[0]?.n ?? 0}:${result.rows[0]?.digest ?? ''}`;
  }
  return digest;
}

describe('loadSimulatedMarket', () => {
  it('builds the market from the real registers', () => {
    expect(reference.substances.length).toBeGreaterThan(200);
    const market = small(1);
    const sites = new Map(reference.substances.map((s) => [s.atc, s.sites.map((x) => x.siteId)]));
    for (const product of market.catalogue.products) {
      for (const siteId of product.apiSiteIds) expect(sites.get(product.atc)).toContain(siteId);
    }
  });

  it('writes the market once: loading it again changes nothing', async () => {
    const market = small(1);
    const first = await loadSimulatedMarket(db.pool, market, { actor: admin });
    expect(first.status).toBe('loaded');
    const holders = market.series.holderIds.length;
    expect(first.stockRows).toBe(stockReportDays(70).length * holders * 60);
    const demandDays = market.series.demand.filter((units) => units > 0).length;
    // Each day with demand: one row per wholesaler whose customers asked for some (1 to 3).
    expect(first.demandRows).toBeGreaterThanOrEqual(demandDays);
    expect(first.demandRows).toBeLessThanOrEqual(3 * demandDays);
    expect(first.incomingRows).toBeGreaterThan(0);
    const before = await tableDigest();
    const again = await loadSimulatedMarket(db.pool, small(1), { actor: admin });
    expect(again.status).toBe('unchanged');
    expect(await tableDigest()).toEqual(before);
  });

  it('stores weekly stock per holder and daily demand exactly as simulated', async () => {
    const market = small(1);
    const { series, catalogue } = market;
    const packs = await db.pool.query<{ id: number; gtin: string; mah: string }>(
      `select k.id, k.gtin, o.external_code as mah from pack k
         join medicinal_product p on p.id = k.product_id
         join organisation o on o.id = p.mah_organisation_id where k.gtin like '08790%'`,
    );
    const dbIdByGtin = new Map(packs.rows.map((row) => [row.gtin, row.id]));
    const dbIds = catalogue.packs.map((k) => dbIdByGtin.get(k.gtin) ?? 0);
    expect(dbIds.every((id) => id > 0)).toBe(true);
    for (const row of packs.rows) {
      const pack = catalogue.packs.find((k) => k.gtin === row.gtin);
      const company = catalogue.companies.find((c) => c.id === pack?.mahId);
      expect(row.mah).toBe(company?.externalCode);
    }
    const endDate = '2025-03-16';
    const loaded = await loadMarketSeries(db.pool, {
      from: series.startDate,
      to: endDate,
      packIds: dbIds,
    });
    expect(loaded.days).toBe(70);
    // National stock on each report day and demand on every day, pack by pack.
    const order = new Map(Array.from(loaded.packIds, (id, index) => [id, index]));
    const holdersDb = loaded.holderIds.length;
    for (const [index, pack] of catalogue.packs.entries()) {
      const dbIndex = order.get(dbIds[index] ?? 0) ?? -1;
      expect(dbIndex).toBeGreaterThanOrEqual(0);
      for (const day of stockReportDays(70)) {
        let simulated = 0;
        for (let h = 0; h < series.holderIds.length; h++) {
          simulated += series.stock[(h * 60 + pack.index) * 70 + day] ?? 0;
        }
        let stored = 0;
        for (let h = 0; h < holdersDb; h++) {
          const value = loaded.stock[(h * 60 + dbIndex) * 70 + day] ?? Number.NaN;
          if (!Number.isNaN(value)) stored += value;
        }
        expect(stored).toBe(simulated);
      }
      expect(Array.from(loaded.demand.subarray(dbIndex * 70, dbIndex * 70 + 70))).toEqual(
        Array.from(series.demand.subarray(pack.index * 70, pack.index * 70 + 70)),
      );
    }
  });

  it('reports demand per wholesaler, each its customers’ share of the national demand', async () => {
    const market = small(1);
    const rows = await db.pool.query<{ code: string; kind: string; units: number }>(
      `select o.external_code as code, o.kind, sum(d.quantity)::int as units
         from demand_report d join organisation o on o.id = d.reporter_id
        where d.source = 'simulator' group by 1, 2 order by 1`,
    );
    const total = market.series.demand.reduce((sum, units) => sum + units, 0);
    expect(rows.rows.map((row) => row.kind)).toEqual(['wholesaler', 'wholesaler', 'wholesaler']);
    expect(rows.rows.reduce((sum, row) => sum + row.units, 0)).toBe(total);
    // Three wholesalers weigh 30 : 26 : 20 (src/simulator/domain/names.ts).
    expect((rows.rows[0]?.units ?? 0) / total).toBeCloseTo(30 / 76, 2);
    expect((rows.rows[2]?.units ?? 0) / total).toBeCloseTo(20 / 76, 2);
  });

  it('gives the backtests the ground truth with database ids and day indexes', async () => {
    const market = small(1);
    const truth = await simulationTruth(db.pool);
    expect(truth).not.toBeNull();
    if (truth === null) return;
    expect(truth.run.seed).toBe(1);
    expect(truth.run.startDate).toBe('2025-01-06');
    expect(truth.events).toHaveLength(market.events.length);
    expect(truth.shortages).toHaveLength(market.shortages.length);
    expect(market.shortages.length).toBeGreaterThan(0);
    const gtinById = new Map(
      (await db.pool.query<{ id: number; gtin: string }>('select id, gtin from pack')).rows.map(
        (row) => [row.id, row.gtin],
      ),
    );
    for (const [index, shortage] of market.shortages.entries()) {
      const stored = truth.shortages[index];
      expect(stored?.startDay).toBe(shortage.startDay);
      expect(stored?.endDay).toBe(shortage.endDay);
      expect(stored?.causeEventId).toBe(shortage.causeEventId);
      expect(gtinById.get(stored?.packId ?? 0)).toBe(
        market.catalogue.packs[shortage.packIndex]?.gtin,
      );
    }
    const failure = truth.events.find((e) => e.kind === 'site_failure');
    expect(failure?.siteId).not.toBeNull();
  });

  it('replaces a previous simulated market with another one', async () => {
    const other = simulateMarket({
      seed: 2,
      reference,
      packs: 40,
      holders: 3,
      days: 35,
      startDate: '2025-06-02',
      rates: RATES,
    });
    const result = await loadSimulatedMarket(db.pool, other, { actor: admin });
    expect(result.status).toBe('replaced');
    const counts = await db.pool.query<{ stock: number; demand: number; marketed: number }>(
      `select (select count(*)::int from stock_report where source = 'simulator') as stock,
              (select count(*)::int from demand_report where source = 'simulator') as demand,
              (select count(*)::int from pack where gtin like '08790%' and marketed) as marketed`,
    );
    expect(counts.rows[0]).toEqual({
      stock: stockReportDays(35).length * 3 * 40,
      demand: result.demandRows,
      marketed: 40,
    });
    const truth = await simulationTruth(db.pool);
    expect(truth?.run.seed).toBe(2);
    expect(truth?.shortages).toHaveLength(other.shortages.length);
    const audit = await db.pool.query<{ action: string }>(
      `select action from audit_log where entity = 'simulated_market' order by id`,
    );
    expect(audit.rows.map((row) => row.action)).toEqual(['load', 'replace']);
  });

  it('refuses a company user', async () => {
    const company: Actor = { kind: 'user', id: '9', name: 'x', organisationId: 1, role: 'mah' };
    await expect(loadSimulatedMarket(db.pool, small(1), { actor: company })).rejects.toThrow(
      /only an admin/,
    );
  });
});

describe('medsupply simulate', () => {
  async function run(args: string[]) {
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
      const code = await runSimulateCommand(context, args, () => new Date('2026-03-31T10:00:00Z'));
      return { code, stdout, stderr };
    } finally {
      await context.close();
    }
  }

  it('prints the summary as JSON, the market ending today by default', async () => {
    const result = await run(['--seed', '5', '--packs', '80', '--days', '60', '--format', 'json']);
    expect(result.code).toBe(0);
    const summary = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(summary.packs).toBe(80);
    expect(summary.holders).toBe(11);
    expect(summary.endDate).toBe('2026-03-31');
    expect(summary.startDate).toBe('2026-01-31');
    expect(Object.keys(summary.eventsByKind as object)).toEqual([
      'production_problem',
      'site_failure',
      'demand_shock',
      'competitor_cascade',
    ]);
    expect(summary.load).toBeNull();
  });

  it('prints a table and loads with --load', async () => {
    const result = await run([
      '--seed',
      '6',
      '--packs',
      '30',
      '--days',
      '21',
      '--start',
      '2025-09-01',
      '--load',
    ]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^figure\s+value/);
    expect(result.stdout).toMatch(/critical packs hit\s+\d+ of \d+ \(/);
    expect(result.stdout).toMatch(/database\s+replaced: /);
    const truth = await simulationTruth(db.pool);
    expect(truth?.run.seed).toBe(6);
  });
});
