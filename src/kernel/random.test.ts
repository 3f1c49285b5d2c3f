import { describe, expect, it } from 'vitest';
import { createRandom, deriveSeed, poisson, uniformInt } from './random.ts';

describe('createRandom', () => {
  it('repeats its sequence for a seed and differs for another seed', () => {
    const a = createRandom(42);
    const b = createRandom(42);
    const c = createRandom(43);
    const first = Array.from({ length: 5 }, () => a());
    expect(Array.from({ length: 5 }, () => b())).toEqual(first);
    expect(Array.from({ length: 5 }, () => c())).not.toEqual(first);
    for (const value of first) expect(value >= 0 && value < 1).toBe(true);
  });

  it('spreads whole numbers evenly over a range', () => {
    const random = createRandom(1);
    const counts = new Array<number>(6).fill(0);
    for (let i = 0; i < 60_000; i++) {
      const k = uniformInt(random, 1, 6);
      counts[k - 1] = (counts[k - 1] ?? 0) + 1;
    }
    for (const count of counts) expect(Math.abs(count - 10_000)).toBeLessThan(400);
  });

  it('draws Poisson counts with the asked mean, small and large', () => {
    const random = createRandom(5);
    for (const mean of [0.3, 4, 80]) {
      let sum = 0;
      for (let i = 0; i < 20_000; i++) sum += poisson(random, mean);
      expect(sum / 20_000).toBeCloseTo(mean, mean < 1 ? 1 : 0);
    }
  });
});

describe('deriveSeed', () => {
  it('gives independent streams per label and the same seed for the same labels', () => {
    expect(deriveSeed(1, 'demand', 3)).toBe(deriveSeed(1, 'demand', 3));
    expect(deriveSeed(1, 'demand', 3)).not.toBe(deriveSeed(1, 'demand', 4));
    expect(deriveSeed(1, 'demand', 3)).not.toBe(deriveSeed(2, 'demand', 3));
    expect(deriveSeed(1, 'demand', '3')).not.toBe(deriveSeed(1, 'demand', 3));
  });
});
