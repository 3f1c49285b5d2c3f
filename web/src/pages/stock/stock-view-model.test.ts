import { describe, expect, test } from 'vitest';
import type { PackStock } from './stock-api.ts';
import {
  addDays,
  countCoverBands,
  coverBand,
  linePath,
  monthTicks,
  niceScale,
  packChartModel,
  weeklyRows,
} from './stock-view-model.ts';

function packView(overrides: Partial<PackStock> = {}): PackStock {
  return {
    packId: 7,
    gtin: null,
    description: '30 tabletten',
    product: { id: 3, name: 'Enalapril 10 mg', registrationNumber: 'RVG 1', atc: 'C09AA02' },
    mahOrganisationId: 1,
    scope: 'national',
    holderId: null,
    asOf: '2026-03-14',
    current: { onHand: 100, averageDailyDemand: 10, coverWeeks: 100 / 70, noDemand: false },
    holders: [],
    // 14 days of history: 1 to 14 March, stock falling by 10 a day from 230 to 100.
    history: Array.from({ length: 14 }, (_, i) => ({
      date: addDays('2026-03-01', i),
      stock: i === 3 ? null : 230 - 10 * i,
      demand: 10,
    })),
    forecast: {
      method: 'ses',
      errorMeasure: 'MASE',
      heldOut: { days: 56, mae: 1, mase: 0.9 },
      candidates: [],
      daily: Array.from({ length: 14 }, (_, i) => ({ date: addDays('2026-03-15', i), demand: 12 })),
    },
    incoming: [{ date: '2026-03-20', quantity: 50 }],
    projection: {
      horizonDays: 14,
      stockOutDate: '2026-03-27',
      unmetUnits: 18,
      daily: Array.from({ length: 14 }, (_, i) => ({
        date: addDays('2026-03-15', i),
        stock: Math.max(0, 100 - 12 * (i + 1) + (i >= 5 ? 50 : 0)),
      })),
    },
    ...overrides,
  };
}

describe('niceScale', () => {
  test('rounds the top up to a step of 1, 2 or 5 times a power of ten', () => {
    // 230 / 4 = 57.5 a step: the next round step is 100.
    expect(niceScale(230, 4)).toEqual({ max: 300, ticks: [0, 100, 200, 300] });
    expect(niceScale(200, 4)).toEqual({ max: 200, ticks: [0, 50, 100, 150, 200] });
    expect(niceScale(0.83, 4)).toEqual({ max: 1, ticks: [0, 0.5, 1] });
    expect(niceScale(12, 3)).toEqual({ max: 15, ticks: [0, 5, 10, 15] });
  });

  test('gives an empty or all-zero series an axis of 0 to 1', () => {
    expect(niceScale(0)).toEqual({ max: 1, ticks: [0, 1] });
    expect(niceScale(Number.NaN)).toEqual({ max: 1, ticks: [0, 1] });
  });
});

describe('linePath', () => {
  test('lifts the pen over days without a value', () => {
    expect(
      linePath([
        { x: 0, y: 10 },
        { x: 1, y: 20 },
        { x: 2, y: null },
        { x: 3, y: 5 },
      ]),
    ).toBe('M0.0 10.0L1.0 20.0M3.0 5.0');
  });
});

describe('packChartModel', () => {
  test('puts history and expectations on one day axis split at the as-of day', () => {
    const model = packChartModel(packView());
    expect(model.days).toHaveLength(28);
    expect(model.days[0]?.date).toBe('2026-03-01');
    expect(model.asOfIndex).toBe(13);
    expect(model.days[13]).toMatchObject({ date: '2026-03-14', stock: 100, demand: 10 });
    // The projection starts from the as-of day's stock, so the two lines meet.
    expect(model.days[13]?.projectedStock).toBe(100);
    expect(model.days[3]?.stock).toBeNull();
    expect(model.days[14]).toMatchObject({ stock: null, projectedStock: 88, forecast: 12 });
    expect(model.days[19]?.incoming).toBe(50);
    expect(model.stockOutIndex).toBe(26);
    expect(model.stockScale.max).toBe(300);
    expect(model.demandScale.max).toBe(15);
  });

  test('has no stock-out marker when stock lasts the horizon', () => {
    const base = packView();
    const model = packChartModel({
      ...base,
      projection: { ...base.projection, stockOutDate: null },
    });
    expect(model.stockOutIndex).toBeNull();
  });
});

describe('weeklyRows', () => {
  test('sums whole weeks back from the as-of day and forward from it', () => {
    const rows = weeklyRows(packChartModel(packView()));
    expect(rows).toEqual([
      { weekEnd: '2026-03-07', kind: 'history', stock: 170, demand: 70, incoming: 0 },
      { weekEnd: '2026-03-14', kind: 'history', stock: 100, demand: 70, incoming: 0 },
      // 100 - 7 x 12 + 50 delivered on the 20th.
      { weekEnd: '2026-03-21', kind: 'expected', stock: 66, demand: 84, incoming: 50 },
      { weekEnd: '2026-03-28', kind: 'expected', stock: 0, demand: 84, incoming: 0 },
    ]);
  });
});

describe('monthTicks', () => {
  test('marks the first of each month, thinned to the limit', () => {
    // 1 Jan to 31 Dec 2026: twelve month starts, at most 6 ticks: every second month.
    const ticks = monthTicks('2026-01-01', 365, 6);
    expect(ticks.map((i) => addDays('2026-01-01', i))).toEqual([
      '2026-01-01',
      '2026-03-01',
      '2026-05-01',
      '2026-07-01',
      '2026-09-01',
      '2026-11-01',
    ]);
  });
});

describe('cover bands', () => {
  test('separates no report, no demand, none on hand and the week bands', () => {
    expect(coverBand({ stock: null, coverWeeks: null, noDemand: false })).toBe('notReported');
    expect(coverBand({ stock: 50, coverWeeks: null, noDemand: true })).toBe('noDemand');
    expect(coverBand({ stock: 0, coverWeeks: 0, noDemand: false })).toBe('out');
    expect(coverBand({ stock: 10, coverWeeks: 1.99, noDemand: false })).toBe('under2');
    expect(coverBand({ stock: 10, coverWeeks: 2, noDemand: false })).toBe('from2to4');
    expect(coverBand({ stock: 10, coverWeeks: 7.9, noDemand: false })).toBe('from4to8');
    expect(coverBand({ stock: 10, coverWeeks: 12.5, noDemand: false })).toBe('from8to13');
    expect(coverBand({ stock: 10, coverWeeks: 13, noDemand: false })).toBe('over13');
  });

  test('counts every row in exactly one band', () => {
    const counts = countCoverBands([
      { stock: 0, coverWeeks: 0, noDemand: false },
      { stock: 0, coverWeeks: 0, noDemand: false },
      { stock: 5, coverWeeks: 3, noDemand: false },
      { stock: null, coverWeeks: null, noDemand: false },
    ]);
    expect(counts).toEqual({
      out: 2,
      under2: 0,
      from2to4: 1,
      from4to8: 0,
      from8to13: 0,
      over13: 0,
      noDemand: 0,
      notReported: 1,
    });
  });
});
