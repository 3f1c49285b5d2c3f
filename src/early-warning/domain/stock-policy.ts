/**
 * Stock-obligation policy: which share of real shortages a stock of N weeks would have fully
 * absorbed. A stock of N weeks of normal demand bridges a shortage completely when the shortage
 * lasts at most N weeks (assuming the stock is full when it starts and demand stays normal), so
 * the share is the empirical distribution function of shortage durations at 7N days.
 */

export interface AbsorptionPoint {
  readonly weeks: number;
  /** Share of shortages lasting at most `weeks` weeks (0-1). */
  readonly share: number;
  readonly absorbed: number;
}

export function absorptionCurve(
  durationsDays: readonly number[],
  fromWeeks = 2,
  toWeeks = 26,
): AbsorptionPoint[] {
  const sorted = [...durationsDays].sort((a, b) => a - b);
  const points: AbsorptionPoint[] = [];
  for (let weeks = fromWeeks; weeks <= toWeeks; weeks++) {
    const absorbed = countAtMost(sorted, weeks * 7);
    points.push({ weeks, absorbed, share: sorted.length === 0 ? 0 : absorbed / sorted.length });
  }
  return points;
}

/** How many of the ascending values are at most `limit` (binary search). */
export function countAtMost(sorted: readonly number[], limit: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((sorted[middle] ?? 0) <= limit) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** Five months of stock in days (5 x 365.25 / 12, rounded down): the "iron stock" once proposed. */
export const FIVE_MONTHS_DAYS = 152;

export interface IronStockCheck {
  readonly days: number;
  readonly expectedShare: number;
  readonly observedShare: number;
  /** Weeks of stock the observed distribution needs to absorb the expected share. */
  readonly weeksNeededForExpectedShare: number | null;
}

/** The 5-month / 85% expectation next to what the real durations say. */
export function checkIronStock(
  durationsDays: readonly number[],
  expectedShare = 0.85,
): IronStockCheck {
  const sorted = [...durationsDays].sort((a, b) => a - b);
  const observedShare =
    sorted.length === 0 ? 0 : countAtMost(sorted, FIVE_MONTHS_DAYS) / sorted.length;
  // The smallest whole number of weeks whose absorbed share reaches the expectation.
  let weeksNeeded: number | null = null;
  const needed = Math.ceil(expectedShare * sorted.length);
  if (sorted.length > 0 && needed >= 1) {
    const days = sorted[needed - 1] ?? 0;
    weeksNeeded = Math.ceil(days / 7);
  }
  return {
    days: FIVE_MONTHS_DAYS,
    expectedShare,
    observedShare,
    weeksNeededForExpectedShare: weeksNeeded,
  };
}
