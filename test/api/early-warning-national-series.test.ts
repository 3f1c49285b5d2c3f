/**
 * The national stock loader: one stock value per pack and day, folded from every holder's reports
 * as they stream in, equals what the per-holder series gives (national stock and cover), also when
 * a holder stops reporting; and it reads nothing reported after the as-of day.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nationalStock } from '../../src/early-warning/domain/market.ts';
import { inTransaction } from '../../src/platform/database.ts';
import {
  addDays,
  bulkLoadDemand,
  bulkLoadIncoming,
  bulkLoadStock,
  coverByPack,
  loadMarketSeries,
  loadNationalMarketSeries,
  nationalStockSeries,
  NATION_HOLDER_ID,
  type MarketSeries,
} from '../../src/stock/index.ts';
import { createParty, type TestParty } from '../fixtures/identities.ts';
import { insertProduct } from '../fixtures/stock-market.ts';
import { createTestDatabase, type TestDatabase } from '../setup/database.ts';

const DAY0 = '2025-03-03';
const TO = addDays(DAY0, 48);
const AS_OF = addDays(DAY0, 35);

let db: TestDatabase;
let mah: TestParty;
let wholesaler: TestParty;
let packA: number;
let packB: number;
let national: MarketSeries;
let perHolder: MarketSeries;

beforeAll(async () => {
  db = await createTestDatabase('empty');
  [mah, wholesaler] = await Promise.all([
    createParty(db.pool, 'mah'),
    createParty(db.pool, 'wholesaler'),
  ]);
  const product = await insertProduct(db.pool, {
    mahId: mah.organisationId,
    name: 'Amoxicilline 500 mg',
    packSizes: [30, 90],
  });
  packA = product.packs[0]?.id ?? 0;
  packB = product.packs[1]?.id ?? 0;
  const report = (holderId: number, packId: number, day: number, onHand: number) => ({
    holderId,
    packId,
    reportDate: addDays(DAY0, day),
    onHand,
  });
  await inTransaction(db.pool, async (client) => {
    await bulkLoadStock(
      client,
      [
        // The MAH reports pack A weekly, 100 falling by 10 a week, and once after the as-of day.
        ...[0, 7, 14, 21, 28, 35].map((day, week) =>
          report(mah.organisationId, packA, day, 100 - 10 * week),
        ),
        report(mah.organisationId, packA, 40, 9_999),
        // The wholesaler reports pack A twice and then stops; pack B once.
        report(wholesaler.organisationId, packA, 2, 50),
        report(wholesaler.organisationId, packA, 9, 40),
        report(wholesaler.organisationId, packB, 3, 20),
      ],
      { source: 'test' },
    );
    await bulkLoadIncoming(client, [
      {
        holderId: mah.organisationId,
        packId: packA,
        // With the latest report before the as-of day: its list replaces earlier ones.
        reportDate: addDays(DAY0, 35),
        expectedDate: addDays(DAY0, 45),
        quantity: 30,
      },
    ]);
    await bulkLoadDemand(
      client,
      Array.from({ length: 45 }, (_, day) => [
        {
          packId: packA,
          reporterId: wholesaler.organisationId,
          periodStart: addDays(DAY0, day),
          periodDays: 1 as const,
          quantity: 5,
        },
        {
          packId: packB,
          reporterId: wholesaler.organisationId,
          periodStart: addDays(DAY0, day),
          periodDays: 1 as const,
          quantity: 2,
        },
      ]).flat(),
      { source: 'test' },
    );
  });
  national = await loadNationalMarketSeries(db.pool, { from: DAY0, to: TO, asOf: AS_OF });
  perHolder = await loadMarketSeries(db.pool, { from: DAY0, to: TO, asOf: AS_OF });
});

afterAll(async () => {
  await db.close();
});

const stockOf = (series: MarketSeries, pack: number, day: number) =>
  series.stock[series.packIds.indexOf(pack) * series.days + day] ?? Number.NaN;

describe('loadNationalMarketSeries', () => {
  it('holds one holder, the nation, and packs x days of stock', () => {
    expect([...national.holderIds]).toEqual([NATION_HOLDER_ID]);
    expect([...perHolder.holderIds].sort()).toEqual(
      [mah.organisationId, wholesaler.organisationId].sort(),
    );
    expect(national.stock.length).toBe(2 * national.days);
    expect(national.days).toBe(49);
  });

  it("adds each holder's report of the last 7 days, worked out by hand", () => {
    const a = (day: number) => stockOf(national, packA, day);
    expect(a(0)).toBe(100); // the wholesaler has not reported yet
    expect(a(2)).toBe(150);
    expect(a(8)).toBe(140); // 90 + 50
    expect(a(16)).toBe(120); // 80 + 40: the wholesaler's day-9 report, 7 days old
    expect(a(17)).toBe(80); // ... and no longer
    expect(a(35)).toBe(50);
    const b = (day: number) => stockOf(national, packB, day);
    expect(b(2)).toBeNaN();
    expect(b(10)).toBe(20);
    // Nobody's report counts any more: unknown, and the scans do not carry day 10 forward.
    expect(b(11)).toBeNaN();
    expect(nationalStock(national, national.packIds.indexOf(packB), 11)).toBeNaN();
    expect(coverByPack(national, 11).coverWeeks[national.packIds.indexOf(packB)]).toBeNaN();
  });

  it('gives the national stock and cover the per-holder series gives', () => {
    const perHolderNational = nationalStockSeries(perHolder);
    for (const pack of [0, 1]) {
      for (let day = 0; day <= 35; day++) {
        const expected = perHolderNational[pack * perHolder.days + day] ?? Number.NaN;
        const where = `pack ${pack} day ${day}`;
        expect(national.stock[pack * national.days + day], where).toBe(expected);
        // The scans read both alike: early warning's and /v1/cover's (one implementation).
        expect(nationalStock(national, pack, day), where).toBe(nationalStock(perHolder, pack, day));
        const cover = coverByPack(national, day).coverWeeks[pack] ?? Number.NaN;
        const perHolderCover = coverByPack(perHolder, day).coverWeeks[pack] ?? Number.NaN;
        if (Number.isNaN(perHolderCover)) expect(cover, where).toBeNaN();
        else expect(cover, where).toBeCloseTo(perHolderCover, 9);
      }
    }
    // Pack A on day 20: 80 units / (7 x 5 a day) = 2.29 weeks.
    expect(coverByPack(national, 20).coverWeeks[national.packIds.indexOf(packA)]).toBeCloseTo(
      80 / 35,
      9,
    );
  });

  it('reads no stock or demand after the as-of day, and the deliveries known on it', () => {
    const a = national.packIds.indexOf(packA);
    expect(stockOf(national, packA, 40)).toBeNaN();
    expect(national.demand[a * national.days + 35]).toBe(5);
    expect(national.demand[a * national.days + 36]).toBe(0);
    expect(national.incoming[a * national.days + 45]).toBe(30);
    expect(perHolder.stock.some((value) => value === 9_999)).toBe(true);
  });
});
