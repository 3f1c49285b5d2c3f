/**
 * The simulated series as the holders would report it: the simulator knows every holder's stock
 * every day, holders report weekly. The database load writes the weekly reports only; backtests
 * that want the same information in memory take `withWeeklyStockReports`.
 */
import type { MarketSeries } from './types.ts';

/** Days of the weekly stock reports: every 7th day counted back from the last one. */
export function stockReportDays(days: number): number[] {
  const result: number[] = [];
  for (let day = (days - 1) % 7; day < days; day += 7) result.push(day);
  return result;
}

/**
 * A copy of the series with stock only on the weekly report days (NaN on the others, "nothing
 * reported", as src/stock reads it); demand and deliveries are shared with the original.
 */
export function withWeeklyStockReports(series: MarketSeries): MarketSeries {
  const stock = new Float32Array(series.stock.length).fill(Number.NaN);
  const rows = series.packIds.length * series.holderIds.length;
  const reportDays = stockReportDays(series.days);
  for (let row = 0; row < rows; row++) {
    const base = row * series.days;
    for (const day of reportDays) stock[base + day] = series.stock[base + day] ?? Number.NaN;
  }
  return { ...series, stock };
}
