/** The columns of the cover and compliance listings, shared by the CSV answers and the CLI. */
import { round, type Column } from '../platform/output.ts';
import type { CoverRow } from './services/analytics.service.ts';
import type { ComplianceRow } from './services/compliance.service.ts';

const rounded = (value: number | null, decimals: number) =>
  value === null ? null : round(value, decimals);

export const COVER_COLUMNS: readonly Column<CoverRow>[] = [
  { header: 'level', value: (r) => r.level },
  { header: 'key', value: (r) => r.key },
  { header: 'name', value: (r) => r.name },
  { header: 'atc', value: (r) => r.atc },
  { header: 'stock', value: (r) => rounded(r.stock, 0), numeric: true },
  { header: 'average_daily_demand', value: (r) => round(r.averageDailyDemand, 2), numeric: true },
  {
    header: 'cover_weeks',
    value: (r) => (r.noDemand ? 'no demand' : rounded(r.coverWeeks, 1)),
    numeric: true,
  },
  { header: 'min_pack_cover_weeks', value: (r) => rounded(r.minPackCoverWeeks, 1), numeric: true },
  { header: 'packs', value: (r) => r.packs, numeric: true },
  { header: 'packs_without_stock', value: (r) => r.packsWithoutStock, numeric: true },
];

export const COMPLIANCE_COLUMNS: readonly Column<ComplianceRow>[] = [
  { header: 'holder_id', value: (r) => r.holderId, numeric: true },
  { header: 'holder', value: (r) => r.holderName },
  { header: 'kind', value: (r) => r.holderKind },
  { header: 'product_id', value: (r) => r.productId, numeric: true },
  { header: 'product', value: (r) => r.productName },
  { header: 'atc', value: (r) => r.atc },
  { header: 'critical', value: (r) => (r.onCriticalList ? 'yes' : 'no') },
  { header: 'required_weeks', value: (r) => r.requiredWeeks, numeric: true },
  { header: 'min_weeks_held', value: (r) => rounded(r.minWeeksHeld, 1), numeric: true },
  { header: 'last_weeks_held', value: (r) => rounded(r.lastWeeksHeld, 1), numeric: true },
  { header: 'last_status', value: (r) => r.lastStatus },
  { header: 'days_non_compliant', value: (r) => r.daysNonCompliant, numeric: true },
  { header: 'days_not_reported', value: (r) => r.daysNotReported, numeric: true },
  { header: 'days_compliant', value: (r) => r.daysCompliant, numeric: true },
  { header: 'days_exempt', value: (r) => r.daysExempt, numeric: true },
  { header: 'first_non_compliant', value: (r) => r.firstNonCompliantDate },
  { header: 'last_non_compliant', value: (r) => r.lastNonCompliantDate },
  {
    header: 'largest_shortfall_units',
    value: (r) => round(r.largestShortfallUnits, 0),
    numeric: true,
  },
];
