import { describe, expect, it } from 'vitest';
import { stockReportDays, withWeeklyStockReports } from './reports.ts';
import type { MarketSeries } from './types.ts';

describe('stockReportDays', () => {
  it('reports every 7th day so that the last day is a report day', () => {
    expect(stockReportDays(15)).toEqual([0, 7, 14]);
    expect(stockReportDays(10)).toEqual([2, 9]);
    expect(stockReportDays(3)).toEqual([2]);
  });
});

describe('withWeeklyStockReports', () => {
  it('keeps stock on report days only and shares demand', () => {
    const days = 10;
    const series: MarketSeries = {
      startDate: '2025-01-01',
      days,
      packIds: Int32Array.from([1]),
      holderIds: Int32Array.from([0, 5]),
      stock: Float32Array.from({ length: 2 * days }, (_, i) => i),
      demand: new Float32Array(days).fill(3),
      incoming: new Float32Array(days),
    };
    const weekly = withWeeklyStockReports(series);
    expect(weekly.demand).toBe(series.demand);
    const reported = Array.from(weekly.stock).flatMap((value, cell) =>
      Number.isNaN(value) ? [] : [[cell, value]],
    );
    expect(reported).toEqual([
      [2, 2],
      [9, 9],
      [12, 12],
      [19, 19],
    ]);
  });
});
