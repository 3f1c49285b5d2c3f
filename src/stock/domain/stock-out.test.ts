import { describe, expect, it } from 'vitest';
import { projectStockOut } from './stock-out.ts';

describe('projected stock-out', () => {
  it('names the first day whose demand cannot be met in full', () => {
    // 5 on hand, 2 a day: 3, 1, then day 3 wants 2 with 1 left.
    const projection = projectStockOut({ stock: 5, demand: [2, 2, 2, 2], incoming: [] });
    expect(projection.stockOutDay).toBe(3);
    expect(Array.from(projection.stock)).toEqual([3, 1, 0, 0]);
    // Day 3 misses 1, day 4 misses 2.
    expect(projection.unmetUnits).toBe(3);
  });

  it('counts expected deliveries on their day, and an empty shelf at day end is not yet a stock-out', () => {
    // 10, 3 a day, 5 arriving on day 3: 7, 4, 6, 3, 0 — every demand met.
    const within = projectStockOut({ stock: 10, demand: [3, 3, 3, 3, 3], incoming: [0, 0, 5] });
    expect(within.stockOutDay).toBeNull();
    expect(Array.from(within.stock)).toEqual([7, 4, 6, 3, 0]);
    const longer = projectStockOut({
      stock: 10,
      demand: [3, 3, 3, 3, 3, 3],
      incoming: [0, 0, 5],
    });
    expect(longer.stockOutDay).toBe(6);
    expect(longer.unmetUnits).toBe(3);
  });

  it('starts from zero when no stock is known', () => {
    expect(projectStockOut({ stock: Number.NaN, demand: [1], incoming: [] }).stockOutDay).toBe(1);
  });
});
