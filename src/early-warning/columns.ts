/** The columns of the watchlist and the site-failure scenario in CSV (API) and CLI tables. */
import type { Column } from '../platform/output.ts';
import type { WatchReason } from './domain/watchlist.ts';
import type { ScenarioSite, SiteFailurePack } from './scenario.service.ts';
import type { PackWatchItem, SubstanceWatchItem } from './watchlist.service.ts';

const reasonText = (reasons: readonly WatchReason[]) =>
  reasons.map((r) => `${r.text} (${r.points})`).join('; ');

export const PACK_WATCH_COLUMNS: readonly Column<PackWatchItem>[] = [
  { header: 'rank', value: (r) => r.rank, numeric: true },
  { header: 'packId', value: (r) => r.packId, numeric: true },
  { header: 'product', value: (r) => r.productName },
  { header: 'pack', value: (r) => r.packDescription },
  { header: 'mah', value: (r) => r.mahName },
  { header: 'atc', value: (r) => r.atc },
  { header: 'substance', value: (r) => r.substanceName },
  { header: 'score', value: (r) => r.score, numeric: true },
  { header: 'coverWeeks', value: (r) => r.coverWeeks, numeric: true },
  { header: 'shortNow', value: (r) => (r.shortNow ? 'yes' : 'no') },
  { header: 'expectedShortageStart', value: (r) => r.expectedShortageStart },
  { header: 'confidence', value: (r) => r.confidence, numeric: true },
  { header: 'reasons', value: (r) => reasonText(r.reasons) },
];

export const SUBSTANCE_WATCH_COLUMNS: readonly Column<SubstanceWatchItem>[] = [
  { header: 'rank', value: (r) => r.rank, numeric: true },
  { header: 'atc', value: (r) => r.atc },
  { header: 'substance', value: (r) => r.substanceName },
  { header: 'score', value: (r) => r.score, numeric: true },
  { header: 'packs', value: (r) => r.packs, numeric: true },
  { header: 'packsOnList', value: (r) => r.packsOnList, numeric: true },
  { header: 'expectedShortageStart', value: (r) => r.expectedShortageStart },
  { header: 'topReasons', value: (r) => reasonText(r.topReasons) },
];

export const SCENARIO_PACK_COLUMNS: readonly Column<SiteFailurePack>[] = [
  { header: 'packId', value: (r) => r.packId, numeric: true },
  { header: 'product', value: (r) => r.productName },
  { header: 'pack', value: (r) => r.packDescription },
  { header: 'mah', value: (r) => r.mahName },
  { header: 'atc', value: (r) => r.atc },
  { header: 'stockAtFailure', value: (r) => r.stockAtFailure, numeric: true },
  { header: 'dailyDemand', value: (r) => r.dailyDemand, numeric: true },
  { header: 'reported', value: (r) => (r.reported ? 'yes' : 'no') },
  { header: 'stockOutDate', value: (r) => r.stockOutDate },
  { header: 'daysUntilStockOut', value: (r) => r.daysUntilStockOut, numeric: true },
  { header: 'unitsNotServed', value: (r) => r.unitsNotServed, numeric: true },
  { header: 'unitsTakenOver', value: (r) => r.unitsTakenOverByAlternatives, numeric: true },
];

export const SCENARIO_SITE_COLUMNS: readonly Column<ScenarioSite>[] = [
  { header: 'siteId', value: (r) => r.siteId, numeric: true },
  { header: 'name', value: (r) => r.name },
  { header: 'city', value: (r) => r.city },
  { header: 'country', value: (r) => r.countryCode },
  { header: 'products', value: (r) => r.products, numeric: true },
  { header: 'packs', value: (r) => r.packs, numeric: true },
  { header: 'soleSourcePacks', value: (r) => r.soleSourcePacks, numeric: true },
  { header: 'stoppedSince', value: (r) => r.stoppedSince },
];
