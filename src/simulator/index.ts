/**
 * The market simulator: a deterministic (seeded) national medicine market built on the real
 * reference data, with stock per holder, demand, deliveries, events and the ground truth of every
 * shortage. Other capabilities import from here only.
 */
export * from './domain/types.ts';
export {
  simulateMarket,
  resolveParameters,
  DEFAULT_OBLIGATION,
  DEFAULT_RATES,
  DEFAULT_START_DATE,
  DEMO_SIZE,
  NATIONAL_SIZE,
} from './domain/market.ts';
export { marketReferenceFromRegistry, type RegistryReferenceInput } from './domain/reference.ts';
export { stockReportDays, withWeeklyStockReports } from './domain/reports.ts';
export { summariseMarket, marketDigest, type MarketSummary } from './domain/summary.ts';
export {
  configuredObligation,
  loadMarketReference,
  loadSimulatedMarket,
  marketFingerprint,
  restoreSimulatedProductSites,
  simulationTruth,
  type SimulatedLoadResult,
  type SimulationTruth,
} from './service.ts';
export { runSimulateCommand, SIMULATE_USAGE } from './cli.ts';
