/**
 * Stock and demand reports as they arrive (JSON, CSV, FHIR), the rules every one of them must
 * meet, and the per-field problems when it does not. Parsing turns the format into drafts (each
 * field checked on its own); resolving checks them against the registry (packs, holders) and the
 * as-of date, all problems at once, so an upload is refused as a whole with every bad row named.
 */
import type { ErrorCode, ProblemDetail } from '../../kernel/errors.ts';
import { addDays, isIsoDate } from './dates.ts';
import type { HolderKind } from './obligation.ts';

/** The earliest date any report may carry when the pack's start is unknown. */
export const EARLIEST_REPORT_DATE = '2000-01-01';
/** How far after its report date a delivery may be expected. */
export const MAX_DELIVERY_LEAD_DAYS = 730;
/** Largest quantity a column holds (PostgreSQL integer). */
export const MAX_QUANTITY = 2_147_483_647;
export const PERIOD_DAYS = [1, 7] as const;
export type PeriodDays = (typeof PERIOD_DAYS)[number];
export const MAX_REGION_LENGTH = 40;

/** A pack as a report names it: our pack id, or a GTIN (stored as 14 digits). */
export type PackReference =
  { readonly kind: 'id'; readonly id: number } | { readonly kind: 'gtin'; readonly gtin: string };

export function packReferenceKey(reference: PackReference): string {
  return reference.kind === 'id' ? `id:${reference.id}` : `gtin:${reference.gtin}`;
}

export function describePackReference(reference: PackReference): string {
  return reference.kind === 'id' ? `pack ${reference.id}` : `GTIN ${reference.gtin}`;
}

export interface IncomingDelivery {
  readonly expectedDate: string;
  readonly quantity: number;
}

/** A stock report ready to store: holder and pack resolved, every rule met. */
export interface StockReportInput {
  readonly holderId: number;
  readonly packId: number;
  readonly reportDate: string;
  readonly onHand: number;
  readonly incoming: readonly IncomingDelivery[];
}

/** A demand report ready to store. */
export interface DemandReportInput {
  readonly reporterId: number;
  readonly packId: number;
  readonly periodStart: string;
  readonly periodDays: PeriodDays;
  /** '' for the whole country. */
  readonly region: string;
  readonly quantity: number;
}

/** The fields of a report, whatever a format calls them. */
export type ReportField =
  'holder' | 'pack' | 'gtin' | 'date' | 'quantity' | 'incoming' | 'periodDays' | 'region';

/**
 * How a format names fields and points at them: a JSON pointer below the item (/3/onHand), the
 * file and line of a CSV row (upload.csv:4), or a FHIRPath-like path below the item
 * (InventoryReport.inventoryListing[0].item[1].quantity.value).
 */
export interface FieldNaming {
  /** The field's name in messages. */
  readonly names: Readonly<Record<ReportField, string>>;
  readonly style: 'pointer' | 'line' | 'path';
  /**
   * For the path style: where a field is relative to the item, when not at its name; "../x" is
   * a sibling of the item's parent, "@X.y" an absolute path.
   */
  readonly paths?: Readonly<Partial<Record<ReportField, string>>>;
}

export function locate(naming: FieldNaming, base: string, field: ReportField): string {
  switch (naming.style) {
    case 'pointer':
      return `${base}/${naming.names[field]}`;
    case 'line':
      return base;
    case 'path': {
      const relative = naming.paths?.[field] ?? naming.names[field];
      if (relative.startsWith('@')) return relative.slice(1);
      if (relative.startsWith('../')) {
        const parent = base.slice(0, Math.max(0, base.lastIndexOf('.')));
        return `${parent}.${relative.slice(3)}`;
      }
      return `${base}.${relative}`;
    }
  }
}

/** A problem of one report: `at` is where the report is (its line, its item), for grouping. */
export interface ReportProblem extends ProblemDetail {
  readonly at: string;
}

export type FieldResult<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly code: ErrorCode; readonly detail: string };

function bad<T>(code: ErrorCode, detail: string): FieldResult<T> {
  return { ok: false, code, detail };
}

function shown(value: unknown): string {
  return typeof value === 'string' ? `"${value}"` : JSON.stringify(value);
}

/**
 * A whole number of packs of at least `minimum`: a JSON number, or text of digits (CSV). Text
 * that is no number, a negative or a fraction is refused with a message naming the field.
 */
export function parseQuantity(value: unknown, field: string, minimum = 0): FieldResult<number> {
  let number: number;
  if (typeof value === 'number') number = value;
  else if (typeof value === 'string' && /^\s*[-+]?(\d+(\.\d*)?|\.\d+)\s*$/.test(value)) {
    number = Number(value);
  } else if (value === undefined || value === null || value === '') {
    return bad('MS_STOCK_QUANTITY_INVALID', `${field} is required`);
  } else {
    return bad('MS_STOCK_QUANTITY_INVALID', `${field} ${shown(value)} is not a number`);
  }
  if (!Number.isFinite(number)) {
    return bad('MS_STOCK_QUANTITY_INVALID', `${field} ${shown(value)} is not a number`);
  }
  if (number < minimum) {
    return bad(
      'MS_STOCK_QUANTITY_INVALID',
      `${field} ${shown(value)} must be ${minimum === 0 ? '0 or more' : `at least ${minimum}`}`,
    );
  }
  if (!Number.isInteger(number)) {
    return bad('MS_STOCK_QUANTITY_INVALID', `${field} ${shown(value)} must be a whole number`);
  }
  if (number > MAX_QUANTITY) {
    return bad('MS_STOCK_QUANTITY_INVALID', `${field} ${shown(value)} is too large`);
  }
  return { ok: true, value: number };
}

export function parseDate(value: unknown, field: string): FieldResult<string> {
  if (value === undefined || value === null || value === '') {
    return bad('MS_STOCK_DATE_INVALID', `${field} is required`);
  }
  if (!isIsoDate(value)) {
    return bad(
      'MS_STOCK_DATE_INVALID',
      `${field} ${shown(value)} is not a date written YYYY-MM-DD`,
    );
  }
  return { ok: true, value };
}

/**
 * The incoming deliveries of a CSV row: "2026-05-10:500; 2026-05-20:300" (expected date, colon,
 * packs), separated by semicolons; empty for none.
 */
export function parseIncomingText(text: string, field: string): FieldResult<IncomingDelivery[]> {
  const deliveries: IncomingDelivery[] = [];
  for (const part of text.split(';')) {
    const entry = part.trim();
    if (entry === '') continue;
    const match = /^(\S+?)\s*:\s*(\S+)$/.exec(entry);
    if (match === null) {
      return bad(
        'MS_STOCK_QUANTITY_INVALID',
        `${field} "${entry}" must be written date:quantity (2026-05-10:500)`,
      );
    }
    const date = parseDate(match[1], `${field} date`);
    if (!date.ok) return date;
    const quantity = parseQuantity(match[2], `${field} quantity`, 1);
    if (!quantity.ok) return quantity;
    deliveries.push({ expectedDate: date.value, quantity: quantity.value });
  }
  return { ok: true, value: deliveries };
}

/** A stock report as parsed from one format: fields checked alone, references not yet resolved. */
export interface StockReportDraft {
  /** Where the report is: "/3", "upload.csv:4", "InventoryReport.inventoryListing[0].item[1]". */
  readonly at: string;
  /** null: the reporting company itself. */
  readonly holderId: number | null;
  readonly pack: PackReference;
  readonly reportDate: string;
  readonly onHand: number;
  readonly incoming: readonly IncomingDelivery[];
}

export interface DemandReportDraft {
  readonly at: string;
  readonly reporterId: number | null;
  readonly pack: PackReference;
  readonly periodStart: string;
  readonly periodDays: PeriodDays;
  readonly region: string;
  readonly quantity: number;
}

/** What resolving needs to know: the as-of date, the packs and holders found, who reports. */
export interface ReportContext {
  /** Today: no report may describe a later day. */
  readonly asOf: string;
  /** Packs found by packReferenceKey, with the first day the pack existed. */
  readonly packs: ReadonlyMap<string, { readonly id: number; readonly existsFrom: string | null }>;
  /** Organisations that hold stock (kind mah or wholesaler). */
  readonly holders: ReadonlyMap<number, HolderKind>;
  /** The holder of a report that names none: the reporting company; null for an admin. */
  readonly defaultHolder: number | null;
  /** True for an admin, who reports for any holder; a company only for itself. */
  readonly anyHolder: boolean;
}

/** The first day a report may describe for a pack that existed from this date (or unknown). */
export function earliestReportDate(existsFrom: string | null): string {
  return existsFrom === null || existsFrom < EARLIEST_REPORT_DATE
    ? EARLIEST_REPORT_DATE
    : existsFrom;
}

function resolveHolder(
  holderId: number | null,
  context: ReportContext,
  field: string,
): FieldResult<number> {
  const id = holderId ?? context.defaultHolder;
  if (id === null) {
    return bad('MS_STOCK_UNKNOWN_HOLDER', `${field} is required: say whose stock this is`);
  }
  if (!context.anyHolder && id !== context.defaultHolder) {
    // The same words whether or not the organisation exists: nothing about others leaks.
    return bad('MS_STOCK_UNKNOWN_HOLDER', `${field} ${id} is not your organisation`);
  }
  if (!context.holders.has(id)) {
    return bad(
      'MS_STOCK_UNKNOWN_HOLDER',
      `${field} ${id} is not a known stock holder (a marketing-authorisation holder or wholesaler)`,
    );
  }
  return { ok: true, value: id };
}

function resolvePack(
  reference: PackReference,
  context: ReportContext,
  field: string,
): FieldResult<{ id: number; earliest: string }> {
  const pack = context.packs.get(packReferenceKey(reference));
  if (pack === undefined) {
    return bad(
      'MS_STOCK_UNKNOWN_PACK',
      `${field}: ${describePackReference(reference)} is not a known pack`,
    );
  }
  return { ok: true, value: { id: pack.id, earliest: earliestReportDate(pack.existsFrom) } };
}

function checkDay(
  date: string,
  earliest: string,
  asOf: string,
  field: string,
  packLabel: string,
): FieldResult<string> {
  if (date > asOf) {
    return bad('MS_STOCK_DATE_INVALID', `${field} ${date} lies in the future (today is ${asOf})`);
  }
  if (date < earliest) {
    return bad(
      'MS_STOCK_DATE_INVALID',
      earliest === EARLIEST_REPORT_DATE
        ? `${field} ${date} lies before ${EARLIEST_REPORT_DATE}`
        : `${field} ${date} lies before ${packLabel} existed (${earliest})`,
    );
  }
  return { ok: true, value: date };
}

export interface Resolved<T> {
  readonly reports: T[];
  readonly problems: ReportProblem[];
}

/**
 * Resolves stock drafts against the context: holder allowed and known, pack known, report date
 * not after today nor before the pack existed, deliveries after the report date and at most two
 * years later, one delivery per date, and each (holder, pack, day) only once in the upload.
 */
export function resolveStockDrafts(
  drafts: readonly StockReportDraft[],
  context: ReportContext,
  naming: FieldNaming,
): Resolved<StockReportInput> {
  const reports: StockReportInput[] = [];
  const problems: ReportProblem[] = [];
  const seen = new Map<string, string>();
  for (const draft of drafts) {
    const before = problems.length;
    const report = (field: ReportField, code: ErrorCode, detail: string) => {
      problems.push({ at: draft.at, pointer: locate(naming, draft.at, field), code, detail });
    };
    const holder = resolveHolder(draft.holderId, context, naming.names.holder);
    if (!holder.ok) report('holder', holder.code, holder.detail);
    const packField = draft.pack.kind === 'gtin' ? 'gtin' : 'pack';
    const pack = resolvePack(draft.pack, context, naming.names[packField]);
    if (!pack.ok) report(packField, pack.code, pack.detail);
    else {
      const day = checkDay(
        draft.reportDate,
        pack.value.earliest,
        context.asOf,
        naming.names.date,
        describePackReference(draft.pack),
      );
      if (!day.ok) report('date', day.code, day.detail);
    }
    const dates = new Set<string>();
    for (const delivery of draft.incoming) {
      const field = naming.names.incoming;
      if (delivery.expectedDate <= draft.reportDate) {
        report(
          'incoming',
          'MS_STOCK_DATE_INVALID',
          `${field}: a delivery expected on ${delivery.expectedDate} must lie after the report date ${draft.reportDate}`,
        );
      } else if (delivery.expectedDate > addDays(draft.reportDate, MAX_DELIVERY_LEAD_DAYS)) {
        report(
          'incoming',
          'MS_STOCK_DATE_INVALID',
          `${field}: a delivery expected on ${delivery.expectedDate} lies more than two years after the report date`,
        );
      }
      if (dates.has(delivery.expectedDate)) {
        report(
          'incoming',
          'MS_STOCK_DUPLICATE_ROW',
          `${field}: two deliveries expected on ${delivery.expectedDate}; give one quantity per date`,
        );
      }
      dates.add(delivery.expectedDate);
    }
    if (problems.length > before || !holder.ok || !pack.ok) continue;
    const key = `${holder.value}|${pack.value.id}|${draft.reportDate}`;
    const first = seen.get(key);
    if (first !== undefined) {
      report(
        'date',
        'MS_STOCK_DUPLICATE_ROW',
        `holder ${holder.value}, ${describePackReference(draft.pack)} on ${draft.reportDate} is also at ${first}`,
      );
      continue;
    }
    seen.set(key, draft.at);
    reports.push({
      holderId: holder.value,
      packId: pack.value.id,
      reportDate: draft.reportDate,
      onHand: draft.onHand,
      incoming: draft.incoming,
    });
  }
  return { reports, problems };
}

/**
 * Resolves demand drafts: reporter allowed and known, pack known, the whole period over by today
 * and not starting before the pack existed, each (reporter, pack, period, region) only once.
 */
export function resolveDemandDrafts(
  drafts: readonly DemandReportDraft[],
  context: ReportContext,
  naming: FieldNaming,
): Resolved<DemandReportInput> {
  const reports: DemandReportInput[] = [];
  const problems: ReportProblem[] = [];
  const seen = new Map<string, string>();
  for (const draft of drafts) {
    const before = problems.length;
    const report = (field: ReportField, code: ErrorCode, detail: string) => {
      problems.push({ at: draft.at, pointer: locate(naming, draft.at, field), code, detail });
    };
    const reporter = resolveHolder(draft.reporterId, context, naming.names.holder);
    if (!reporter.ok) report('holder', reporter.code, reporter.detail);
    const packField = draft.pack.kind === 'gtin' ? 'gtin' : 'pack';
    const pack = resolvePack(draft.pack, context, naming.names[packField]);
    if (!pack.ok) report(packField, pack.code, pack.detail);
    else {
      const lastDay = addDays(draft.periodStart, draft.periodDays - 1);
      if (lastDay > context.asOf) {
        report(
          'date',
          'MS_STOCK_DATE_INVALID',
          draft.periodDays === 1
            ? `${naming.names.date} ${draft.periodStart} lies in the future (today is ${context.asOf})`
            : `${naming.names.date} ${draft.periodStart}: the week ends on ${lastDay}, after today (${context.asOf})`,
        );
      } else {
        const day = checkDay(
          draft.periodStart,
          pack.value.earliest,
          context.asOf,
          naming.names.date,
          describePackReference(draft.pack),
        );
        if (!day.ok) report('date', day.code, day.detail);
      }
    }
    if (problems.length > before || !reporter.ok || !pack.ok) continue;
    const key = `${reporter.value}|${pack.value.id}|${draft.periodStart}|${draft.periodDays}|${draft.region}`;
    const first = seen.get(key);
    if (first !== undefined) {
      report(
        'date',
        'MS_STOCK_DUPLICATE_ROW',
        `reporter ${reporter.value}, ${describePackReference(draft.pack)}, ${draft.periodDays === 1 ? 'day' : 'week'} from ${draft.periodStart}${draft.region === '' ? '' : ` in ${draft.region}`} is also at ${first}`,
      );
      continue;
    }
    seen.set(key, draft.at);
    reports.push({
      reporterId: reporter.value,
      packId: pack.value.id,
      periodStart: draft.periodStart,
      periodDays: draft.periodDays,
      region: draft.region,
      quantity: draft.quantity,
    });
  }
  return { reports, problems };
}

/** The period length of a demand report: 1 (a day) or 7 (a week); absent means a day. */
export function parsePeriodDays(value: unknown, field: string): FieldResult<PeriodDays> {
  if (value === undefined || value === null || value === '') return { ok: true, value: 1 };
  const number = typeof value === 'string' ? Number(value.trim()) : value;
  if (number === 1 || number === 7) return { ok: true, value: number };
  return bad('MS_REQUEST_INVALID', `${field} ${shown(value)} must be 1 (a day) or 7 (a week)`);
}

export function parseRegion(value: unknown, field: string): FieldResult<string> {
  if (value === undefined || value === null) return { ok: true, value: '' };
  if (typeof value !== 'string') return bad('MS_REQUEST_INVALID', `${field} must be text`);
  const region = value.trim();
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(region)) {
    return bad('MS_REQUEST_INVALID', `${field} contains control characters`);
  }
  if (region.length > MAX_REGION_LENGTH) {
    return bad('MS_REQUEST_INVALID', `${field} is longer than ${MAX_REGION_LENGTH} characters`);
  }
  return { ok: true, value: region };
}
