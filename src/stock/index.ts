/**
 * The stock capability: stock and demand reports, the columnar MarketSeries every analysis uses,
 * national cover, demand forecasts, projected stock-out and the stock obligation. Other
 * capabilities (simulator, early warning) import from here only.
 */
export * from './domain/series.ts';
export * from './domain/forecast.ts';
export * from './domain/stock-out.ts';
export * from './domain/obligation.ts';
export {
  addDays,
  daysBetween,
  epochDay,
  dateOfEpochDay,
  isIsoDate,
  monthsBetween,
} from './domain/dates.ts';
export type {
  DemandReportInput,
  IncomingDelivery,
  PeriodDays,
  StockReportInput,
} from './domain/reports.ts';
export {
  bulkLoadDemand,
  bulkLoadIncoming,
  bulkLoadStock,
  type BulkLoadOptions,
  type BulkLoadResult,
  type DemandLoadRow,
  type IncomingLoadRow,
  type Rows,
  type StockLoadRow,
} from './store/stock-load.store.ts';
export {
  ensureMonthPartitions,
  listMonthPartitions,
  partitionName,
  type PartitionedTable,
} from './store/partitions.store.ts';
export {
  loadDemand,
  loadIncoming,
  loadMarketSeries,
  loadNationalMarketSeries,
  loadPackCatalogue,
  NATION_HOLDER_ID,
  loadStockCube,
  type MarketSeriesQuery,
  type NationalSeriesQuery,
  type PackCatalogueRow,
  type SeriesWindow,
} from './store/stock-read.store.ts';
export {
  coverReport,
  packStockView,
  COVER_LEVELS,
  type CoverLevel,
  type CoverRow,
  type PackStockView,
} from './services/analytics.service.ts';
export {
  holderCompliance,
  loadObligationConfig,
  nonComplianceReport,
  type ComplianceReport,
  type ComplianceRow,
  type HolderComplianceView,
} from './services/compliance.service.ts';
export {
  importDemandCsv,
  importStockCsv,
  submitDemandReports,
  submitInventoryReport,
  submitStockReports,
  type LoadSummary,
  type UploadReport,
} from './services/submit.service.ts';
export { registerStockRoutes } from './http.ts';
