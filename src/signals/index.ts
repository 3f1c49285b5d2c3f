/**
 * The signals capability: foreign shortage registers (BfArM, FDA) as early signals. Other
 * capabilities ask `foreignShortagesFor(pool, atc, asOf)` ("short abroad") and use the duration
 * distribution (`shortageDurations`, `durationsInDays`, `shareLastingAtMost`).
 */
export * from './domain/types.ts';
export {
  isActiveOn,
  isReportedBy,
  matchAtc,
  selectShortages,
  type AtcMatch,
  type SelectedShortage,
  type ShortageSelection,
} from './domain/activity.ts';
export {
  analyseShortages,
  computeShortageFigures,
  reportedAfterStart,
  ANALYSIS_GROUPINGS,
  type AnalysisGrouping,
  type ShortageAnalysis,
  type ShortageFigures,
  type ShortageGroupFigures,
} from './domain/analysis.ts';
export {
  durationsInDays,
  quantile,
  shareLastingAtMost,
  shortageDurationDays,
  summarizeDurations,
  type DatedShortage,
  type DurationSummary,
} from './domain/durations.ts';
export {
  analyseForeignShortages,
  foreignShortagesFor,
  foreignShortagesOfSubstance,
  getForeignShortage,
  listForeignShortages,
  loadShortageSnapshot,
  shortageDurations,
  type ForeignShortageSignalOptions,
  type ShortageSnapshot,
} from './services/query.service.ts';
export {
  ensureShortageReferenceData,
  importBfarmShortages,
  importFdaShortages,
  importShortageFile,
  importShortageFolder,
  importShortageReferenceData,
  type ShortageImportOptions,
  type ShortageImportReport,
  type ShortageFolderImportResult,
} from './services/import.service.ts';
export { registerSignalsRoutes } from './http.ts';
