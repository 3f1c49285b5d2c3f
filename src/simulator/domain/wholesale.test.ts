import { describe, expect, it } from 'vitest';
import { splitOffset, wholesalerPart } from './wholesale.ts';

// Three wholesalers with shares 0.5, 0.3 and 0.2 (holder 0 is the MAH).
const cumulative = Float64Array.from([0, 0.5, 0.8, 1]);

describe('wholesalerPart', () => {
  it('splits a day into whole units that add up to the demand', () => {
    for (const asked of [0, 1, 2, 7, 13, 1000]) {
      for (const offset of [0, 0.25, 0.5, 0.999]) {
        const parts = [1, 2, 3].map((h) => wholesalerPart(asked, cumulative, h, offset));
        expect(parts.reduce((a, b) => a + b, 0)).toBe(asked);
        for (const part of parts) expect(Number.isInteger(part) && part >= 0).toBe(true);
      }
    }
    // 10 units at offset 0: 5, 3 and 2, the shares exactly.
    expect([1, 2, 3].map((h) => wholesalerPart(10, cumulative, h, 0))).toEqual([5, 3, 2]);
  });

  it('gives each wholesaler its share of single units over many days', () => {
    const got = [0, 0, 0];
    for (let day = 0; day < 20_000; day++) {
      const offset = splitOffset(1, 42, day);
      for (const h of [1, 2, 3])
        got[h - 1] = (got[h - 1] ?? 0) + wholesalerPart(1, cumulative, h, offset);
    }
    expect((got[0] ?? 0) / 20_000).toBeCloseTo(0.5, 1);
    expect((got[1] ?? 0) / 20_000).toBeCloseTo(0.3, 1);
    expect((got[2] ?? 0) / 20_000).toBeCloseTo(0.2, 1);
  });
});
