/**
 * When does the stock run out? Starting from the stock at the end of the as-of day, each later
 * day k receives its expected deliveries and then serves its forecast demand:
 * stock[k] = stock[k-1] + incoming[k] - demand[k]. The projected stock-out day is the first day
 * whose demand cannot be served in full (stock[k] < 0); the shelf is empty at the end of the day
 * before. Demand that cannot be served is lost, not carried over as a backlog. Deliveries are
 * trusted as reported; nothing is guessed about orders not yet placed.
 */

export interface StockProjectionInput {
  /** Stock at the end of the as-of day (units); NaN (not reported) counts as none. */
  readonly stock: number;
  /** Forecast demand for days 1..horizon after the as-of day. */
  readonly demand: ArrayLike<number>;
  /** Expected deliveries on days 1..horizon (missing days: none). */
  readonly incoming: ArrayLike<number>;
}

export interface StockProjection {
  /** Days after the as-of day of the first day with unmet demand; null: none within the horizon. */
  readonly stockOutDay: number | null;
  /** Projected stock at the end of each day 1..horizon, never below 0. */
  readonly stock: Float64Array;
  /** Demand that cannot be served over the horizon (units). */
  readonly unmetUnits: number;
}

/** Projects stock day by day over the forecast horizon: see the module comment. */
export function projectStockOut(input: StockProjectionInput): StockProjection {
  const horizon = input.demand.length;
  const path = new Float64Array(horizon);
  // Unknown stock (nothing reported) projects as none: no cover is claimed that nobody reported.
  let stock = Number.isFinite(input.stock) ? Math.max(0, input.stock) : 0;
  let stockOutDay: number | null = null;
  let unmet = 0;
  for (let k = 1; k <= horizon; k++) {
    const available = stock + (input.incoming[k - 1] ?? 0);
    const demand = input.demand[k - 1] ?? 0;
    if (demand > available) {
      unmet += demand - available;
      stockOutDay ??= k;
      stock = 0;
    } else {
      stock = available - demand;
    }
    path[k - 1] = stock;
  }
  return { stockOutDay, stock: path, unmetUnits: unmet };
}
