import { describe, expect, test } from 'vitest';
import type { ScenarioPack } from './early-warning-api.ts';
import {
  linePath,
  niceScale,
  packsToDraw,
  stockByDay,
  stockOnDay,
  tableDays,
} from './stock-chart-scale.ts';

function pack(
  packId: number,
  daysUntilStockOut: number | null,
  stockAtFailure: number,
): ScenarioPack {
  return {
    packId,
    productId: packId,
    productName: `Product ${String(packId)}`,
    packDescription: '30 tabletten',
    atc: 'C09AA02',
    substanceName: 'enalapril',
    mahName: 'InnoGenerics B.V.',
    stockAtFailure,
    dailyDemand: 10,
    reported: true,
    stockOutDate: null,
    daysUntilStockOut,
    unitsNotServed: 0,
    unitsTakenOverByAlternatives: 0,
    stockPath: [],
  };
}

describe('the value axis', () => {
  test('ends on a round number at or above the largest stock', () => {
    // 8 426 / 4 = 2 106.5 → a step of 2 500 → 0, 2 500, 5 000, 7 500, 10 000.
    expect(niceScale(8426)).toEqual({ max: 10000, ticks: [0, 2500, 5000, 7500, 10000] });
    // 37 / 4 = 9.25 → a step of 10 → 0..40.
    expect(niceScale(37)).toEqual({ max: 40, ticks: [0, 10, 20, 30, 40] });
    // Exactly on a step: no empty step above it.
    expect(niceScale(2000)).toEqual({ max: 2000, ticks: [0, 500, 1000, 1500, 2000] });
  });

  test('still draws an axis when every stock is zero', () => {
    expect(niceScale(0).max).toBeGreaterThan(0);
    expect(niceScale(Number.NaN).ticks[0]).toBe(0);
  });
});

describe('the lines drawn', () => {
  test('are the packs that run out soonest, then the largest stocks, at most the limit', () => {
    const packs = [pack(1, null, 900), pack(2, 40, 100), pack(3, 12, 50), pack(4, null, 5000)];
    expect(packsToDraw(packs, 3).map((p) => p.packId)).toEqual([3, 2, 4]);
    expect(packsToDraw(packs, 10).map((p) => p.packId)).toEqual([3, 2, 4, 1]);
  });

  test('leave out a pack with neither stock nor demand, which would lie on the zero line', () => {
    const idle = { ...pack(5, null, 0), dailyDemand: 0 };
    expect(packsToDraw([idle, pack(6, 3, 0)], 10).map((p) => p.packId)).toEqual([6]);
  });

  test('leave out a pack nobody reported on, whatever its figures say', () => {
    const unknown = { ...pack(8, null, 0), reported: false };
    expect(packsToDraw([unknown, pack(9, 5, 50)], 10).map((p) => p.packId)).toEqual([9]);
  });

  test('start at the stock on the failure date, then the stock at the end of each day after', () => {
    // 36 units, 12 a day: out at the end of day 3.
    const running = { ...pack(7, 3, 36), stockPath: [24, 12, 0, 0] };
    expect(stockByDay(running)).toEqual([36, 24, 12, 0, 0]);
    expect(stockByDay(running).indexOf(0)).toBe(running.daysUntilStockOut);
  });
});

describe('the days in the table alternative', () => {
  test('a short horizon shows every few days and the last day', () => {
    // 30 / 13 = 2.3 → every 3 days: 0, 3, …, 27, then day 30.
    expect(tableDays(30)).toEqual({ step: 3, days: [0, 3, 6, 9, 12, 15, 18, 21, 24, 27, 30] });
  });

  test('a long horizon steps in whole weeks', () => {
    // 180 / 13 = 13.8 → 14 days: 0, 14, …, 168, then day 180.
    const { step, days } = tableDays(180);
    expect(step).toBe(14);
    expect(days).toEqual([0, 14, 28, 42, 56, 70, 84, 98, 112, 126, 140, 154, 168, 180]);
  });

  test('holds the last stock past the end of a path', () => {
    expect(stockOnDay([30, 20, 10, 0], 2)).toBe(10);
    expect(stockOnDay([30, 20, 10, 0], 9)).toBe(0);
    expect(stockOnDay([], 0)).toBeNull();
  });
});

describe('the line through the stock of each day', () => {
  test('merges the days of one straight run-down into one segment', () => {
    const x = (day: number) => day * 10;
    const y = (value: number) => 100 - value;
    // Falls 10 a day to zero on day 3, then stays at zero: two straight stretches.
    expect(linePath([30, 20, 10, 0, 0, 0], x, y)).toBe('M0.0 70.0 L30.0 100.0 L50.0 100.0');
    expect(linePath([], x, y)).toBe('');
  });
});
