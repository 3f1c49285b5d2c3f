/**
 * How a day's demand for a pack divides over the wholesalers: each wholesaler's customers ask it
 * for their share. Whole units, adding up to the demand exactly, and unbiased: systematic
 * sampling with an offset per pack and day (a hash, so the database loader gives every
 * wholesaler the same part the market simulated). Rounding without the offset would hand a
 * single unit always to the same wholesaler and none ever to the small ones.
 */
import type { MarketCatalogue } from './types.ts';

/** Cumulative market shares by holder index: index 0 (the MAH) 0, the last exactly 1. */
export function cumulativeWholesalerShares(
  catalogue: MarketCatalogue,
  holders: number,
): Float64Array {
  const cumulative = new Float64Array(holders);
  let sum = 0;
  for (const wholesaler of [...catalogue.wholesalers].sort(
    (a, b) => a.holderIndex - b.holderIndex,
  )) {
    sum += wholesaler.marketShare;
    cumulative[wholesaler.holderIndex] = sum;
  }
  cumulative[holders - 1] = 1;
  return cumulative;
}

/** The offset in [0, 1) for a pack and day: a hash of seed, pack id and day. */
export function splitOffset(seed: number, packId: number, day: number): number {
  let h = (seed ^ Math.imul(packId, 0x9e3779b1) ^ Math.imul(day + 1, 0x85ebca77)) >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  h = Math.imul(h, 0x846ca68b);
  h ^= h >>> 16;
  return (h >>> 0) / 4_294_967_296;
}

/** Units the customers of wholesaler `holder` (1…) ask of it, out of `asked`. */
export function wholesalerPart(
  asked: number,
  cumulative: Float64Array,
  holder: number,
  offset: number,
): number {
  return (
    Math.floor(asked * (cumulative[holder] ?? 1) + offset) -
    Math.floor(asked * (cumulative[holder - 1] ?? 0) + offset)
  );
}
