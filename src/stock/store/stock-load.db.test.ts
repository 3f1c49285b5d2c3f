import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTransaction } from '../../platform/database.ts';
import { createTestDatabase, type TestDatabase } from '../../../test/setup/database.ts';
import { createParty, type TestParty } from '../../../test/fixtures/identities.ts';
import { insertProduct, type FixtureProduct } from '../../../test/fixtures/stock-market.ts';
import { listMonthPartitions } from './partitions.store.ts';
import { bulkLoadDemand, bulkLoadIncoming, bulkLoadStock } from './stock-load.store.ts';
import { loadMarketSeries } from './stock-read.store.ts';

let db: TestDatabase;
let mah: TestParty;
let wholesaler: TestParty;
let product: FixtureProduct;
let packA: number;
let packB: number;

beforeAll(async () => {
  db = await createTestDatabase('empty');
  [mah, wholesaler] = await Promise.all([
    createParty(db.pool, 'mah'),
    createParty(db.pool, 'wholesaler'),
  ]);
  product = await insertProduct(db.pool, {
    mahId: mah.organisationId,
    name: 'Amoxicilline 500 mg',
    packSizes: [30, 90],
  });
  packA = product.packs[0]?.id ?? 0;
  packB = product.packs[1]?.id ?? 0;
});

afterAll(async () => {
  await db.close();
});

async function count(sql: string, values: unknown[] = []): Promise<number> {
  const result = await db.pool.query<{ n: number }>(sql, values);
  return result.rows[0]?.n ?? 0;
}

describe('bulkLoadStock', () => {
  it('creates the partitions of the months the rows touch, and only those', async () => {
    const result = await inTransaction(db.pool, (client) =>
      bulkLoadStock(
        client,
        [
          {
            holderId: wholesaler.organisationId,
            packId: packA,
            reportDate: '2025-01-31',
            onHand: 10,
          },
          {
            holderId: wholesaler.organisationId,
            packId: packA,
            reportDate: '2025-03-01',
            onHand: 20,
          },
        ],
        { source: 'test' },
      ),
    );
    expect(result.rows).toBe(2);
    expect(result.months).toEqual(['2025-01', '2025-03']);
    expect(result.createdPartitions).toEqual(['stock_report_y2025m01', 'stock_report_y2025m03']);
    expect(await listMonthPartitions(db.pool, 'stock_report')).toEqual(['2025-01', '2025-03']);
    const partition = await db.pool.query<{ relname: string }>(
      `select tableoid::regclass::text as relname from stock_report where report_date = '2025-03-01'`,
    );
    expect(partition.rows[0]?.relname).toBe('stock_report_y2025m03');
  });

  it('replaces a resent report instead of duplicating it', async () => {
    const row = { holderId: wholesaler.organisationId, packId: packB, reportDate: '2025-01-15' };
    for (const onHand of [100, 100, 75]) {
      await inTransaction(db.pool, (client) =>
        bulkLoadStock(client, [{ ...row, onHand }], { source: 'test' }),
      );
    }
    const stored = await db.pool.query<{ on_hand: number }>(
      'select on_hand from stock_report where holder_id = $1 and pack_id = $2 and report_date = $3',
      [row.holderId, row.packId, row.reportDate],
    );
    expect(stored.rows).toEqual([{ on_hand: 75 }]);
  });

  it('refuses a holder that holds no stock and a pack that does not exist, writing nothing', async () => {
    const before = await count('select count(*)::int as n from stock_report');
    const analyst = await createParty(db.pool, 'analyst');
    await expect(
      inTransaction(db.pool, (client) =>
        bulkLoadStock(
          client,
          [
            {
              holderId: wholesaler.organisationId,
              packId: packA,
              reportDate: '2025-06-01',
              onHand: 1,
            },
            {
              holderId: analyst.organisationId,
              packId: 999_999,
              reportDate: '2025-06-02',
              onHand: 1,
            },
          ],
          { source: 'test' },
        ),
      ),
    ).rejects.toThrow(
      `bulkLoadStock: holders ${analyst.organisationId} are no stock holders; packs 999999 do not exist`,
    );
    expect(await count('select count(*)::int as n from stock_report')).toBe(before);
    expect(await listMonthPartitions(db.pool, 'stock_report')).not.toContain('2025-06');
  });

  it('reads rows from an async source too', async () => {
    async function* rows() {
      for (let day = 1; day <= 3; day++) {
        await Promise.resolve();
        yield {
          holderId: mah.organisationId,
          packId: packA,
          reportDate: `2025-02-0${day}`,
          onHand: day,
        };
      }
    }
    const result = await inTransaction(db.pool, (client) =>
      bulkLoadStock(client, rows(), { source: 'test' }),
    );
    expect(result.rows).toBe(3);
  });

  it('says plainly when it is called outside a transaction', async () => {
    const client = await db.pool.connect();
    try {
      await expect(
        bulkLoadStock(
          client,
          [{ holderId: mah.organisationId, packId: packA, reportDate: '2025-02-01', onHand: 1 }],
          { source: 'test' },
        ),
      ).rejects.toThrow('bulkLoadStock must run inside a transaction (inTransaction)');
    } finally {
      client.release();
    }
  });
});

describe('bulkLoadIncoming', () => {
  it("replaces a report day's deliveries as a whole, and the stock load can clear them", async () => {
    const key = { holderId: wholesaler.organisationId, packId: packA, reportDate: '2025-01-31' };
    await inTransaction(db.pool, (client) =>
      bulkLoadIncoming(client, [
        { ...key, expectedDate: '2025-02-05', quantity: 50 },
        { ...key, expectedDate: '2025-02-12', quantity: 60 },
      ]),
    );
    await inTransaction(db.pool, (client) =>
      bulkLoadIncoming(client, [{ ...key, expectedDate: '2025-02-07', quantity: 70 }]),
    );
    const stored = await db.pool.query<{ expected_date: string; quantity: number }>(
      'select expected_date, quantity from stock_incoming where holder_id = $1 and pack_id = $2',
      [key.holderId, key.packId],
    );
    expect(stored.rows).toEqual([{ expected_date: '2025-02-07', quantity: 70 }]);
    await inTransaction(db.pool, (client) =>
      bulkLoadStock(client, [{ ...key, onHand: 10 }], { source: 'test', replaceIncoming: true }),
    );
    expect(
      await count('select count(*)::int as n from stock_incoming where holder_id = $1', [
        key.holderId,
      ]),
    ).toBe(0);
  });
});

describe('bulkLoadDemand', () => {
  it('keeps regions apart and replaces a resent period', async () => {
    const row = {
      packId: packA,
      reporterId: wholesaler.organisationId,
      periodStart: '2025-01-06',
      periodDays: 7 as const,
      quantity: 70,
    };
    await inTransaction(db.pool, (client) =>
      bulkLoadDemand(client, [row, { ...row, region: 'NL-NH', quantity: 14 }], { source: 'test' }),
    );
    await inTransaction(db.pool, (client) =>
      bulkLoadDemand(client, [{ ...row, quantity: 77 }], { source: 'test' }),
    );
    const stored = await db.pool.query<{ region: string; quantity: number }>(
      'select region, quantity from demand_report where reporter_id = $1 order by region',
      [row.reporterId],
    );
    expect(stored.rows).toEqual([
      { region: '', quantity: 77 },
      { region: 'NL-NH', quantity: 14 },
    ]);
  });
});

describe('loadMarketSeries', () => {
  it('lays stock, demand and deliveries out by holder, pack and day', async () => {
    // Pack A in January 2025: the wholesaler reported 10 on the 31st (and 75 of pack B on the
    // 15th); weekly demand of 77 + 14 from 6 January spreads 13 a day over the 6th-12th.
    const series = await loadMarketSeries(db.pool, {
      from: '2025-01-01',
      to: '2025-02-10',
      packIds: [packA, packB],
      asOf: '2025-01-31',
    });
    expect(series.startDate).toBe('2025-01-01');
    expect(series.days).toBe(41);
    expect(Array.from(series.packIds)).toEqual([packA, packB]);
    // Both reported in the window (the company on 1-3 February), in id order.
    expect(Array.from(series.holderIds)).toEqual(
      [mah.organisationId, wholesaler.organisationId].sort((a, b) => a - b),
    );
    const holder = series.holderIds.indexOf(wholesaler.organisationId);
    const stock = (pack: number, day: number) =>
      series.stock[(holder * series.packIds.length + pack) * series.days + day];
    expect(stock(0, 30)).toBe(10);
    expect(stock(1, 14)).toBe(75);
    expect(stock(0, 29)).toBeNaN();
    expect(series.demand[5]).toBeCloseTo(13, 5); // 6 January
    expect(series.demand[11]).toBeCloseTo(13, 5); // 12 January
    expect(series.demand[12]).toBe(0);
    // The deliveries of the 31 January report were cleared by the resent stock report above.
    expect(Array.from(series.incoming).every((value) => value === 0)).toBe(true);
  });

  it('counts the deliveries of each holder’s latest report as of the day', async () => {
    const key = { holderId: mah.organisationId, packId: packB };
    await inTransaction(db.pool, async (client) => {
      await bulkLoadStock(
        client,
        [
          { ...key, reportDate: '2025-03-01', onHand: 5 },
          { ...key, reportDate: '2025-03-08', onHand: 4 },
        ],
        { source: 'test' },
      );
      await bulkLoadIncoming(client, [
        { ...key, reportDate: '2025-03-01', expectedDate: '2025-03-20', quantity: 40 },
        { ...key, reportDate: '2025-03-08', expectedDate: '2025-03-21', quantity: 30 },
      ]);
    });
    const window = { from: '2025-03-01', to: '2025-03-31', packIds: [packB] };
    const early = await loadMarketSeries(db.pool, { ...window, asOf: '2025-03-05' });
    expect(early.incoming[19]).toBe(40);
    expect(early.incoming[20]).toBe(0);
    const late = await loadMarketSeries(db.pool, window);
    expect(late.incoming[19]).toBe(0);
    expect(late.incoming[20]).toBe(30);
  });
});
