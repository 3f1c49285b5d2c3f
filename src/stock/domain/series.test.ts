import { describe, expect, it } from 'vitest';
import {
  averageDailyDemand,
  coverByGroup,
  coverByPack,
  coverWeeks,
  createMarketSeries,
  nationalStockOnDay,
  nationalStockSeries,
  type MarketSeries,
} from './series.ts';

/**
 * Ten days from 2026-01-01, two packs (101, 102), two holders (1, 2). Holder 1 reports pack 101
 * on day 0 (100) and day 5 (50); holder 2 reports pack 101 on day 2 (30) and pack 102 on day 9
 * (20). Pack 101 sells 10 a day; pack 102 nothing until day 5, then 4 a day.
 */
function story(): MarketSeries {
  const series = createMarketSeries('2026-01-01', 10, Int32Array.of(101, 102), Int32Array.of(1, 2));
  const at = (holder: number, pack: number, day: number) => (holder * 2 + pack) * 10 + day;
  series.stock[at(0, 0, 0)] = 100;
  series.stock[at(0, 0, 5)] = 50;
  series.stock[at(1, 0, 2)] = 30;
  series.stock[at(1, 1, 9)] = 20;
  for (let day = 0; day < 10; day++) {
    series.demand[day] = 10;
    series.demand[10 + day] = day >= 5 ? 4 : 0;
  }
  return series;
}

describe('national stock', () => {
  it("adds each holder's latest report of the last 7 days, and leaves an unreported pack unknown", () => {
    const series = story();
    // Day 4: holder 1's 100 (4 days old) + holder 2's 30; pack 102 not reported yet.
    expect(Array.from(nationalStockOnDay(series, 4))).toEqual([130, Number.NaN]);
    // Day 9: 50 (day 5) + 30 (day 2, exactly 7 days old); pack 102: 20.
    expect(Array.from(nationalStockOnDay(series, 9))).toEqual([80, 20]);
  });

  it('drops a report older than the allowed age', () => {
    expect(Array.from(nationalStockOnDay(story(), 9, { maxStockAgeDays: 6 }))).toEqual([50, 20]);
  });

  it('computes the same figures for every day in one pass', () => {
    const series = story();
    const all = nationalStockSeries(series);
    for (let day = 0; day < 10; day++) {
      const one = nationalStockOnDay(series, day);
      expect(all[day]).toEqual(one[0]);
      expect(all[10 + day]).toEqual(one[1]);
    }
  });

  it('refuses a day outside the series', () => {
    expect(() => nationalStockOnDay(story(), 10)).toThrow(RangeError);
  });
});

describe('average daily demand and cover', () => {
  it('averages over the trailing window, shortened at the start of the series', () => {
    const series = story();
    // 56-day window on day 9 covers the 10 days there are: pack 102 sold 5 x 4 = 20 in 10 days.
    expect(Array.from(averageDailyDemand(series, 9))).toEqual([10, 2]);
    expect(Array.from(averageDailyDemand(series, 9, { demandWindowDays: 5 }))).toEqual([10, 4]);
  });

  it('gives weeks of cover per pack: stock / (7 x average daily demand)', () => {
    const cover = coverByPack(story(), 9);
    expect(cover.coverWeeks[0]).toBeCloseTo(80 / 70, 10);
    expect(cover.coverWeeks[1]).toBeCloseTo(20 / 14, 10);
  });

  it('says infinite with stock and no demand, and unknown without stock', () => {
    expect(coverWeeks(10, 0)).toBe(Number.POSITIVE_INFINITY);
    expect(coverWeeks(0, 0)).toBeNaN();
    expect(coverWeeks(Number.NaN, 5)).toBeNaN();
    expect(coverWeeks(0, 5)).toBe(0);
  });

  it('adds units, not packs, for a product of a 30- and a 90-unit pack', () => {
    const cover = coverByGroup(story(), 9, {
      groupOfPack: Int32Array.of(0, 0),
      groups: 1,
      unitsPerPack: Float32Array.of(30, 90),
    });
    // Stock 80 x 30 + 20 x 90 = 4,200 units; demand 10 x 30 + 2 x 90 = 480 units a day.
    expect(cover.stockUnits[0]).toBe(4200);
    expect(cover.dailyDemandUnits[0]).toBe(480);
    expect(cover.coverWeeks[0]).toBeCloseTo(4200 / 3360, 10);
    expect(cover.minPackCoverWeeks[0]).toBeCloseTo(80 / 70, 10);
    expect(cover.packs[0]).toBe(2);
  });

  it('leaves a pack without reported stock out of the sums and counts it', () => {
    const series = story();
    // Day 4 with demand for pack 102 but no report: move a sale into its window.
    series.demand[10 + 3] = 7;
    const cover = coverByGroup(series, 4, {
      groupOfPack: Int32Array.of(0, 0),
      groups: 1,
      unitsPerPack: Float32Array.of(30, 90),
    });
    expect(cover.packsWithoutStock[0]).toBe(1);
    // Only pack 101: 130 x 30 units over 10 x 30 a day.
    expect(cover.coverWeeks[0]).toBeCloseTo(3900 / 2100, 10);
  });

  it('ignores packs in no group', () => {
    const cover = coverByGroup(story(), 9, { groupOfPack: Int32Array.of(-1, 0), groups: 1 });
    expect(cover.stockUnits[0]).toBe(20);
    expect(cover.packs[0]).toBe(1);
  });
});
