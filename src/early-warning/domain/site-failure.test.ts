import { describe, expect, it } from 'vitest';
import type { MarketSeriesLike } from './market.ts';
import { simulateSiteFailure } from './site-failure.ts';

/** Three packs of one substance, one holder, daily stock; demand 10 a day each. */
function market(stocks: readonly number[]): MarketSeriesLike {
  const days = 200;
  const packs = stocks.length;
  const stock = new Float32Array(packs * days);
  const demand = new Float32Array(packs * days).fill(10);
  stocks.forEach((value, pack) => stock.fill(value, pack * days, (pack + 1) * days));
  return {
    startDate: '2026-01-01',
    days,
    packIds: Int32Array.from(stocks.map((_, i) => i + 1)),
    holderIds: Int32Array.from([1]),
    stock,
    demand,
    incoming: new Float32Array(packs * days),
  };
}

describe('simulateSiteFailure', () => {
  const packs = [
    { packId: 1, atc: 'N02BE01', mahId: 1, substanceHhi: null, siteIds: [7] }, // only site 7
    { packId: 2, atc: 'N02BE01', mahId: 2, substanceHhi: null, siteIds: [7, 8] }, // another source
    { packId: 3, atc: 'N02BE01', mahId: 3, substanceHhi: null, siteIds: [9] },
  ];

  it('runs the dependent pack down and lets the others take over their spare capacity', () => {
    const result = simulateSiteFailure(market([100, 500, 500]), packs, {
      siteId: 7,
      failureDay: 60,
      horizonDays: 30,
      spareCapacity: 0.2,
      pipelineDays: 0,
      demandWindowDays: 56,
    });
    expect(result.affectedPacks).toBe(1);
    const [outcome] = result.packs;
    // 100 units at 10 a day: the last units go on day 70; day 71 is the first day short.
    expect(outcome?.daysUntilStockOut).toBe(11);
    expect(outcome?.stockOutDate).toBe('2026-03-13');
    // Days 71-90 (20 days) short by 10 units; packs 2 and 3 can each add 2 a day = 4.
    expect(outcome?.unitsTakenOverByAlternatives).toBe(80);
    expect(outcome?.unitsNotServed).toBe(120);
    expect(result.unitsNotServed).toBe(120);
    // Pack 2 has site 7 and site 8: counted, not run down.
    expect(result.partiallyAffectedPacks).toBe(1);
  });

  it('stops a pack whose finished product is made only at the site', () => {
    const result = simulateSiteFailure(
      market([100, 500, 500]),
      [
        { ...packs[0], packId: 1, siteIds: [9] },
        { ...packs[2], packId: 3, siteIds: [9], finishedProductSiteIds: [7] },
      ].map((pack) => ({ ...pack, atc: 'N02BE01', mahId: pack.packId, substanceHhi: null })),
      {
        siteId: 7,
        failureDay: 60,
        horizonDays: 30,
        spareCapacity: 0,
        pipelineDays: 0,
        demandWindowDays: 56,
      },
    );
    expect(result.packs.map((p) => p.packId)).toEqual([3]);
    expect(result.partiallyAffectedPacks).toBe(0);
    // 500 units at 10 a day last the 30 days.
    expect(result.packs[0]?.stockOutDate).toBeNull();
  });

  it('puts packs nobody reported on last, marked as unknown rather than lasting', () => {
    const series = market([100, 500, 500]);
    // Pack 3: no stock report and no demand at all.
    series.stock.fill(Number.NaN, 2 * series.days, 3 * series.days);
    series.demand.fill(0, 2 * series.days, 3 * series.days);
    const result = simulateSiteFailure(
      series,
      packs.map((pack) => ({ ...pack, siteIds: [7] })),
      {
        siteId: 7,
        failureDay: 60,
        horizonDays: 30,
        spareCapacity: 0,
        pipelineDays: 0,
        demandWindowDays: 56,
      },
    );
    expect(result.packs.map((p) => [p.packId, p.reported])).toEqual([
      [1, true],
      [2, true],
      [3, false],
    ]);
    expect(result.packs[2]).toMatchObject({ stockAtFailure: 0, stockOutDate: null });
  });
});
