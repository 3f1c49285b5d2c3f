/**
 * medsupply's stock and demand CSV templates (comma, UTF-8, header row), one report per row:
 *
 * - stock: holder_id (optional: your own organisation), gtin or pack_id, report_date
 *   (YYYY-MM-DD, on hand at the end of that day), on_hand (packs), incoming (optional: expected
 *   deliveries "2026-05-10:500; 2026-05-20:300");
 * - demand: reporter_id (optional), gtin or pack_id, period_start, period_days (optional: 1 a
 *   day, 7 a week), region (optional), quantity (packs delivered to pharmacies and hospitals).
 *
 * Each problem of a row is reported with its column, all at once; resolving packs and holders
 * and the date rules come after (domain/reports.ts).
 */
import { UserFacingError } from '../../../kernel/errors.ts';
import {
  parseDate,
  parseIncomingText,
  parsePeriodDays,
  parseQuantity,
  parseRegion,
  type DemandReportDraft,
  type FieldNaming,
  type FieldResult,
  type PackReference,
  type StockReportDraft,
} from '../../domain/reports.ts';
import { parseGtin, parsePackId } from '../pack-reference.ts';

export const STOCK_CSV_REQUIRED_COLUMNS = ['report_date', 'on_hand'] as const;
export const DEMAND_CSV_REQUIRED_COLUMNS = ['period_start', 'quantity'] as const;
export const STOCK_CSV_COLUMNS = [
  'holder_id',
  'gtin',
  'pack_id',
  'report_date',
  'on_hand',
  'incoming',
] as const;
export const DEMAND_CSV_COLUMNS = [
  'reporter_id',
  'gtin',
  'pack_id',
  'period_start',
  'period_days',
  'region',
  'quantity',
] as const;

export const STOCK_CSV_NAMING: FieldNaming = {
  style: 'line',
  names: {
    holder: 'holder_id',
    pack: 'pack_id',
    gtin: 'gtin',
    date: 'report_date',
    quantity: 'on_hand',
    incoming: 'incoming',
    periodDays: 'period_days',
    region: 'region',
  },
};

export const DEMAND_CSV_NAMING: FieldNaming = {
  style: 'line',
  names: {
    ...STOCK_CSV_NAMING.names,
    holder: 'reporter_id',
    date: 'period_start',
    quantity: 'quantity',
  },
};

export type CsvRowOutcome<T> =
  | { readonly kind: 'draft'; readonly draft: T }
  | { readonly kind: 'rejected'; readonly reasons: readonly string[] };

/** A file without a pack column cannot be read at all: refused before any row. */
export function checkPackColumns(fields: Readonly<Record<string, string>>, file: string): void {
  if (!('gtin' in fields) && !('pack_id' in fields)) {
    throw new UserFacingError(
      'MS_IMPORT_MISSING_COLUMNS',
      `${file}:1: missing column "gtin" or "pack_id": every row must name its pack`,
      [
        {
          pointer: `${file}:1`,
          code: 'MS_IMPORT_MISSING_COLUMNS',
          detail: 'missing column "gtin"',
        },
      ],
    );
  }
}

function value(fields: Readonly<Record<string, string>>, column: string): string {
  return (fields[column] ?? '').trim();
}

function collect<T>(result: FieldResult<T>, reasons: string[]): T | undefined {
  if (result.ok) return result.value;
  reasons.push(result.detail);
  return undefined;
}

function parseRowPack(
  fields: Readonly<Record<string, string>>,
  reasons: string[],
): PackReference | undefined {
  const gtin = value(fields, 'gtin');
  const packId = value(fields, 'pack_id');
  if (gtin !== '' && packId !== '') {
    reasons.push('give gtin or pack_id, not both');
    return undefined;
  }
  if (gtin !== '') return collect(parseGtin(gtin, 'gtin'), reasons);
  if (packId !== '') return collect(parsePackId(packId, 'pack_id'), reasons);
  reasons.push('gtin or pack_id is required');
  return undefined;
}

function parseRowOrganisation(
  fields: Readonly<Record<string, string>>,
  column: string,
  reasons: string[],
): number | null | undefined {
  const text = value(fields, column);
  if (text === '') return null;
  if (/^\d+$/.test(text) && Number(text) >= 1 && Number.isSafeInteger(Number(text))) {
    return Number(text);
  }
  reasons.push(`${column} "${text}" is not an organisation id`);
  return undefined;
}

/** One stock row: a draft, or every reason it cannot be one. */
export function mapStockCsvRow(
  fields: Readonly<Record<string, string>>,
  at: string,
): CsvRowOutcome<StockReportDraft> {
  const reasons: string[] = [];
  const holderId = parseRowOrganisation(fields, 'holder_id', reasons);
  const pack = parseRowPack(fields, reasons);
  const reportDate = collect(parseDate(value(fields, 'report_date'), 'report_date'), reasons);
  const onHand = collect(parseQuantity(value(fields, 'on_hand'), 'on_hand'), reasons);
  const incoming = collect(parseIncomingText(value(fields, 'incoming'), 'incoming'), reasons);
  if (
    reasons.length > 0 ||
    holderId === undefined ||
    pack === undefined ||
    reportDate === undefined ||
    onHand === undefined ||
    incoming === undefined
  ) {
    return { kind: 'rejected', reasons };
  }
  return { kind: 'draft', draft: { at, holderId, pack, reportDate, onHand, incoming } };
}

/** One demand row: a draft, or every reason it cannot be one. */
export function mapDemandCsvRow(
  fields: Readonly<Record<string, string>>,
  at: string,
): CsvRowOutcome<DemandReportDraft> {
  const reasons: string[] = [];
  const reporterId = parseRowOrganisation(fields, 'reporter_id', reasons);
  const pack = parseRowPack(fields, reasons);
  const periodStart = collect(parseDate(value(fields, 'period_start'), 'period_start'), reasons);
  const periodDays = collect(parsePeriodDays(value(fields, 'period_days'), 'period_days'), reasons);
  const region = collect(parseRegion(fields.region ?? '', 'region'), reasons);
  const quantity = collect(parseQuantity(value(fields, 'quantity'), 'quantity'), reasons);
  if (
    reasons.length > 0 ||
    reporterId === undefined ||
    pack === undefined ||
    periodStart === undefined ||
    periodDays === undefined ||
    region === undefined ||
    quantity === undefined
  ) {
    return { kind: 'rejected', reasons };
  }
  return {
    kind: 'draft',
    draft: { at, reporterId, pack, periodStart, periodDays, region, quantity },
  };
}
