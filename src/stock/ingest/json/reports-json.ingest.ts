/**
 * Stock and demand reports as JSON request bodies: one report object, or an array of them (at
 * most MAX_JSON_REPORTS). Every field is checked on its own and every problem is reported with
 * its JSON pointer (/3/onHand), so one answer lists everything to fix.
 *
 * Stock: { holderId?, packId | gtin, reportDate, onHand, incoming?: [{ expectedDate, quantity }] }
 * Demand: { reporterId?, packId | gtin, periodStart, periodDays? (1 | 7), region?, quantity }
 */
import type { ErrorCode } from '../../../kernel/errors.ts';
import {
  parseDate,
  parsePeriodDays,
  parseQuantity,
  parseRegion,
  type DemandReportDraft,
  type FieldNaming,
  type FieldResult,
  type IncomingDelivery,
  type PackReference,
  type ReportProblem,
  type StockReportDraft,
} from '../../domain/reports.ts';
import { parseGtin, parsePackId } from '../pack-reference.ts';

/** The most reports one JSON request may carry; larger loads go through the CSV upload. */
export const MAX_JSON_REPORTS = 5000;

export const STOCK_JSON_NAMING: FieldNaming = {
  style: 'pointer',
  names: {
    holder: 'holderId',
    pack: 'packId',
    gtin: 'gtin',
    date: 'reportDate',
    quantity: 'onHand',
    incoming: 'incoming',
    periodDays: 'periodDays',
    region: 'region',
  },
};

export const DEMAND_JSON_NAMING: FieldNaming = {
  style: 'pointer',
  names: {
    ...STOCK_JSON_NAMING.names,
    holder: 'reporterId',
    date: 'periodStart',
    quantity: 'quantity',
  },
};

const STOCK_FIELDS = new Set(['holderId', 'packId', 'gtin', 'reportDate', 'onHand', 'incoming']);
const DEMAND_FIELDS = new Set([
  'reporterId',
  'packId',
  'gtin',
  'periodStart',
  'periodDays',
  'region',
  'quantity',
]);

export interface ParsedReports<T> {
  readonly drafts: T[];
  readonly problems: ReportProblem[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The items of a body and the pointer base of each ('' for a single object). */
function itemsOf(
  body: unknown,
  problems: ReportProblem[],
): { item: Record<string, unknown>; at: string }[] {
  const top = (code: ErrorCode, detail: string) => {
    problems.push({ at: '', pointer: '/', code, detail });
  };
  if (isRecord(body)) return [{ item: body, at: '' }];
  if (!Array.isArray(body)) {
    top('MS_REQUEST_INVALID', 'the body must be one report object or an array of them');
    return [];
  }
  if (body.length === 0) {
    top('MS_REQUEST_INVALID', 'the array holds no report');
    return [];
  }
  if (body.length > MAX_JSON_REPORTS) {
    top(
      'MS_REQUEST_INVALID',
      `at most ${MAX_JSON_REPORTS} reports per request; upload larger sets as CSV`,
    );
    return [];
  }
  const items: { item: Record<string, unknown>; at: string }[] = [];
  body.forEach((item: unknown, index) => {
    if (isRecord(item)) items.push({ item, at: `/${index}` });
    else {
      problems.push({
        at: `/${index}`,
        pointer: `/${index}`,
        code: 'MS_REQUEST_INVALID',
        detail: `item ${index} must be a report object`,
      });
    }
  });
  return items;
}

/** Problems in the order of the items they belong to (the order of discovery within one). */
function byItem(problems: ReportProblem[]): ReportProblem[] {
  const index = (at: string) => (at === '' ? -1 : Number(at.slice(1)));
  return problems.sort((a, b) => index(a.at) - index(b.at));
}

function unknownFields(
  item: Record<string, unknown>,
  allowed: ReadonlySet<string>,
  at: string,
  problems: ReportProblem[],
): void {
  for (const key of Object.keys(item)) {
    if (!allowed.has(key)) {
      problems.push({
        at,
        pointer: `${at}/${key}`,
        code: 'MS_REQUEST_INVALID',
        detail: `${key} is not a field of this report`,
      });
    }
  }
}

function take<T>(
  result: FieldResult<T>,
  pointer: string,
  at: string,
  problems: ReportProblem[],
): T | undefined {
  if (result.ok) return result.value;
  problems.push({ at, pointer, code: result.code, detail: result.detail });
  return undefined;
}

function parsePack(
  item: Record<string, unknown>,
  at: string,
  problems: ReportProblem[],
): PackReference | undefined {
  const hasId = item.packId !== undefined && item.packId !== null;
  const hasGtin = item.gtin !== undefined && item.gtin !== null;
  if (hasId && hasGtin) {
    problems.push({
      at,
      pointer: `${at}/gtin`,
      code: 'MS_REQUEST_INVALID',
      detail: 'give packId or gtin, not both',
    });
    return undefined;
  }
  if (hasId) return take(parsePackId(item.packId, 'packId'), `${at}/packId`, at, problems);
  if (hasGtin) return take(parseGtin(item.gtin, 'gtin'), `${at}/gtin`, at, problems);
  problems.push({
    at,
    pointer: `${at}/packId`,
    code: 'MS_STOCK_UNKNOWN_PACK',
    detail: 'packId or gtin is required',
  });
  return undefined;
}

function parseOrganisationId(
  value: unknown,
  field: string,
  at: string,
  problems: ReportProblem[],
): number | null | undefined {
  if (value === undefined || value === null) return null;
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 1) return value;
  problems.push({
    at,
    pointer: `${at}/${field}`,
    code: 'MS_STOCK_UNKNOWN_HOLDER',
    detail: `${field} must be an organisation id (a whole number from 1)`,
  });
  return undefined;
}

function parseIncoming(
  value: unknown,
  at: string,
  problems: ReportProblem[],
): IncomingDelivery[] | undefined {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) {
    problems.push({
      at,
      pointer: `${at}/incoming`,
      code: 'MS_REQUEST_INVALID',
      detail: 'incoming must be a list of { expectedDate, quantity }',
    });
    return undefined;
  }
  const deliveries: IncomingDelivery[] = [];
  let broken = false;
  for (const [index, entry] of (value as unknown[]).entries()) {
    const base = `${at}/incoming/${index}`;
    if (!isRecord(entry)) {
      problems.push({
        at,
        pointer: base,
        code: 'MS_REQUEST_INVALID',
        detail: `incoming[${index}] must be { expectedDate, quantity }`,
      });
      broken = true;
      continue;
    }
    const date = take(
      parseDate(entry.expectedDate, `incoming[${index}].expectedDate`),
      `${base}/expectedDate`,
      at,
      problems,
    );
    const quantity = take(
      parseQuantity(entry.quantity, `incoming[${index}].quantity`, 1),
      `${base}/quantity`,
      at,
      problems,
    );
    if (date === undefined || quantity === undefined) broken = true;
    else deliveries.push({ expectedDate: date, quantity });
  }
  return broken ? undefined : deliveries;
}

/** Stock reports from a JSON body: see the module comment. */
export function parseStockReportsJson(body: unknown): ParsedReports<StockReportDraft> {
  const problems: ReportProblem[] = [];
  const drafts: StockReportDraft[] = [];
  for (const { item, at } of itemsOf(body, problems)) {
    const before = problems.length;
    unknownFields(item, STOCK_FIELDS, at, problems);
    const holderId = parseOrganisationId(item.holderId, 'holderId', at, problems);
    const pack = parsePack(item, at, problems);
    const reportDate = take(
      parseDate(item.reportDate, 'reportDate'),
      `${at}/reportDate`,
      at,
      problems,
    );
    const onHand = take(parseQuantity(item.onHand, 'onHand'), `${at}/onHand`, at, problems);
    const incoming = parseIncoming(item.incoming, at, problems);
    if (
      problems.length > before ||
      holderId === undefined ||
      pack === undefined ||
      reportDate === undefined ||
      onHand === undefined ||
      incoming === undefined
    ) {
      continue;
    }
    drafts.push({ at, holderId, pack, reportDate, onHand, incoming });
  }
  return { drafts, problems: byItem(problems) };
}

/** Demand reports from a JSON body: see the module comment. */
export function parseDemandReportsJson(body: unknown): ParsedReports<DemandReportDraft> {
  const problems: ReportProblem[] = [];
  const drafts: DemandReportDraft[] = [];
  for (const { item, at } of itemsOf(body, problems)) {
    const before = problems.length;
    unknownFields(item, DEMAND_FIELDS, at, problems);
    const reporterId = parseOrganisationId(item.reporterId, 'reporterId', at, problems);
    const pack = parsePack(item, at, problems);
    const periodStart = take(
      parseDate(item.periodStart, 'periodStart'),
      `${at}/periodStart`,
      at,
      problems,
    );
    const periodDays = take(
      parsePeriodDays(item.periodDays, 'periodDays'),
      `${at}/periodDays`,
      at,
      problems,
    );
    const region = take(parseRegion(item.region, 'region'), `${at}/region`, at, problems);
    const quantity = take(parseQuantity(item.quantity, 'quantity'), `${at}/quantity`, at, problems);
    if (
      problems.length > before ||
      reporterId === undefined ||
      pack === undefined ||
      periodStart === undefined ||
      periodDays === undefined ||
      region === undefined ||
      quantity === undefined
    ) {
      continue;
    }
    drafts.push({ at, reporterId, pack, periodStart, periodDays, region, quantity });
  }
  return { drafts, problems: byItem(problems) };
}
