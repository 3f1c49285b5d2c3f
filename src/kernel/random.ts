/**
 * The simulator's seeded randomness: xoshiro128** (Blackman and Vigna, https://prng.di.unimi.it/)
 * seeded through splitmix32, and the few distributions the market needs. The same seed gives the
 * same numbers on every machine and Node version (32-bit integer arithmetic only, no Math.random).
 * Independent streams come from `deriveSeed(seed, label…)`, so one part of the market (a
 * substance, a pack's demand) draws the same numbers whatever the other parts do.
 */

/** A uniform number in [0, 1). */
export type Random = () => number;

function splitmix32(state: number): () => number {
  let s = state >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/** A xoshiro128** generator: a period of 2^128 - 1 and good statistical quality. */
export function createRandom(seed: number): Random {
  const init = splitmix32(seed);
  let a = init();
  let b = init();
  let c = init();
  let d = init();
  // The all-zero state is the one state xoshiro cannot leave.
  if ((a | b | c | d) === 0) a = 1;
  return () => {
    const result = Math.imul(rotl(Math.imul(b, 5), 7), 9) >>> 0;
    const t = b << 9;
    c ^= a;
    d ^= b;
    b ^= c;
    a ^= d;
    c ^= t;
    d = rotl(d, 11);
    return result / 4_294_967_296;
  };
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/** A seed for an independent stream: the seed mixed with labels (FNV-1a, then a finaliser). */
export function deriveSeed(seed: number, ...labels: readonly (string | number)[]): number {
  let hash = 0x811c9dc5 ^ (seed >>> 0);
  hash = Math.imul(hash, 0x01000193);
  for (const label of labels) {
    const text = `${typeof label}:${String(label)};`;
    for (let index = 0; index < text.length; index++) {
      hash ^= text.charCodeAt(index);
      hash = Math.imul(hash, 0x01000193);
    }
  }
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x7feb352d);
  hash ^= hash >>> 15;
  hash = Math.imul(hash, 0x846ca68b);
  return (hash ^ (hash >>> 16)) >>> 0;
}

/** A whole number from min to max, both included. */
export function uniformInt(random: Random, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}

export function uniform(random: Random, min: number, max: number): number {
  return min + random() * (max - min);
}

/** A standard normal number (Box–Muller). */
export function standardNormal(random: Random): number {
  const u = 1 - random();
  const v = random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** A log-normal number with the given median and log-scale spread. */
export function logNormal(random: Random, median: number, sigma: number): number {
  return median * Math.exp(sigma * standardNormal(random));
}

/**
 * A Poisson count: inversion by sequential search up to a mean of 30 (one uniform per draw), the
 * normal approximation with continuity correction above it.
 */
export function poisson(random: Random, mean: number): number {
  if (mean <= 0) return 0;
  if (mean > 30) {
    return Math.max(0, Math.round(mean + Math.sqrt(mean) * standardNormal(random)));
  }
  let probability = Math.exp(-mean);
  let cumulative = probability;
  const u = random();
  let count = 0;
  while (u > cumulative && count < 200) {
    count++;
    probability *= mean / count;
    cumulative += probability;
  }
  return count;
}

/** A gamma-distributed number of the given shape and scale 1 (Marsaglia and Tsang): shares. */
export function gammaShape(random: Random, shape: number): number {
  if (shape < 1) {
    // Boost: Gamma(a) = Gamma(a + 1) * U^(1/a).
    return gammaShape(random, shape + 1) * Math.pow(1 - random(), 1 / shape);
  }
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = standardNormal(random);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = 1 - random();
    if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v;
  }
}

/** The index of one weight, drawn with probability proportional to it. */
export function pickWeighted(random: Random, weights: ArrayLike<number>): number {
  let total = 0;
  for (let index = 0; index < weights.length; index++) total += weights[index] ?? 0;
  let target = random() * total;
  for (let index = 0; index < weights.length; index++) {
    target -= weights[index] ?? 0;
    if (target < 0) return index;
  }
  return weights.length - 1;
}

/** A shuffled copy (Fisher–Yates). */
export function shuffled<T>(random: Random, items: readonly T[]): T[] {
  const copy = [...items];
  for (let index = copy.length - 1; index > 0; index--) {
    const other = Math.floor(random() * (index + 1));
    const swap = copy[index] as T;
    copy[index] = copy[other] as T;
    copy[other] = swap;
  }
  return copy;
}
