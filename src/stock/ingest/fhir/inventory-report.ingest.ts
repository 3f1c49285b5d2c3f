/**
 * FHIR R5 InventoryReport (https://hl7.org/fhir/R5/inventoryreport.html) as stock reports.
 *
 * - `status` must be `active` and `countType` `snapshot` (a `difference` count says how stock
 *   changed, not what is on hand; it is refused, not guessed into a level).
 * - The report date is the calendar date of `inventoryListing.countingDateTime`, else of
 *   `reportedDateTime`, as the sender wrote it (its own time zone).
 * - The holder is `inventoryListing.location`, a Reference whose identifier is a GS1 GLN
 *   (`https://www.gs1.org/gln`, matched against the organisation's external code) or our
 *   organisation id (`https://medsupply.eu/fhir/sid/organisation-id`); without one, the
 *   reporting company itself.
 * - Only listings whose `itemStatus` is absent or `available` are stock on hand; other listings
 *   (quarantine, damaged, expired) are left out and named in the answer.
 * - Each `item.item` is a CodeableReference to the pack: a coding or identifier with a GTIN
 *   (`https://www.gs1.org/gtin` or `urn:oid:1.3.160`) or our pack id
 *   (`https://medsupply.eu/fhir/sid/pack-id`); `item.quantity.value` is the number of packs.
 *
 * Deliveries cannot be expressed in an InventoryReport: a FHIR report leaves the holder's
 * expected deliveries as they were.
 */
import type { ErrorCode } from '../../../kernel/errors.ts';
import {
  parseQuantity,
  type FieldNaming,
  type PackReference,
  type ReportProblem,
} from '../../domain/reports.ts';
import { isIsoDate } from '../../domain/dates.ts';
import { parseGtin, parsePackId } from '../pack-reference.ts';

export const GTIN_SYSTEMS = ['https://www.gs1.org/gtin', 'urn:oid:1.3.160'];
export const GLN_SYSTEMS = ['https://www.gs1.org/gln', 'urn:oid:1.3.88'];
export const PACK_ID_SYSTEM = 'https://medsupply.eu/fhir/sid/pack-id';
export const ORGANISATION_ID_SYSTEM = 'https://medsupply.eu/fhir/sid/organisation-id';
/** UCUM-style codes that mean "a pack"; any other quantity code is refused. */
const PACK_UNIT_CODES = new Set(['{pack}', '{package}', 'pack', 'package', '1']);

export const INVENTORY_REPORT_NAMING: FieldNaming = {
  style: 'path',
  names: {
    holder: 'location',
    pack: 'item',
    gtin: 'item',
    date: 'reportedDateTime',
    quantity: 'quantity.value',
    incoming: 'incoming',
    periodDays: 'periodDays',
    region: 'region',
  },
  paths: { holder: '../location', date: '@InventoryReport.reportedDateTime' },
};

export type HolderReference =
  { readonly kind: 'id'; readonly id: number } | { readonly kind: 'gln'; readonly gln: string };

/** One counted item, with its holder still to be resolved. */
export interface InventoryItem {
  /** InventoryReport.inventoryListing[i].item[j] */
  readonly at: string;
  readonly holder: HolderReference | null;
  readonly pack: PackReference;
  readonly reportDate: string;
  readonly onHand: number;
}

export interface ParsedInventoryReport {
  readonly items: InventoryItem[];
  /** Errors: nothing of the report may be loaded while there is one. */
  readonly problems: ReportProblem[];
  /** Listings left out (not available stock), for the answer. */
  readonly notes: string[];
}

export type InventoryReportOutcome =
  | { readonly kind: 'parsed'; readonly report: ParsedInventoryReport }
  | { readonly kind: 'wrong-resource'; readonly resourceType: string };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** The calendar date a FHIR dateTime was written on (its own time zone), if it has a day. */
export function calendarDate(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const date = value.slice(0, 10);
  if (!isIsoDate(date)) return undefined;
  // A dateTime with a time must carry a zone (FHIR); a plain date is fine.
  if (
    value.length > 10 &&
    !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(value)
  ) {
    return undefined;
  }
  return date;
}

interface Identifier {
  readonly system: string;
  readonly value: string;
}

/** Every (system, code) a CodeableReference or Reference carries. */
function identifiersOf(value: unknown): Identifier[] {
  if (!isRecord(value)) return [];
  const found: Identifier[] = [];
  const add = (system: unknown, code: unknown) => {
    if (typeof system === 'string' && typeof code === 'string') found.push({ system, value: code });
  };
  if (isRecord(value.concept)) {
    for (const coding of list(value.concept.coding)) {
      if (isRecord(coding)) add(coding.system, coding.code);
    }
  }
  const reference = isRecord(value.reference) ? value.reference : value;
  if (isRecord(reference.identifier)) add(reference.identifier.system, reference.identifier.value);
  return found;
}

function statusCodes(itemStatus: unknown): { codes: string[]; text: string } {
  if (!isRecord(itemStatus)) return { codes: [], text: '' };
  const codes = list(itemStatus.coding).flatMap((coding) =>
    isRecord(coding) && typeof coding.code === 'string' ? [coding.code] : [],
  );
  return { codes, text: typeof itemStatus.text === 'string' ? itemStatus.text : '' };
}

/** Reads an InventoryReport: see the module comment. */
export function parseInventoryReport(resource: unknown): InventoryReportOutcome {
  if (!isRecord(resource) || resource.resourceType !== 'InventoryReport') {
    const type = isRecord(resource) ? resource.resourceType : undefined;
    return {
      kind: 'wrong-resource',
      resourceType: typeof type === 'string' ? type : '(none)',
    };
  }
  const problems: ReportProblem[] = [];
  const notes: string[] = [];
  const items: InventoryItem[] = [];
  const problem = (pointer: string, code: ErrorCode, detail: string) => {
    problems.push({ at: pointer, pointer, code, detail });
  };
  if (resource.status !== 'active') {
    problem(
      'InventoryReport.status',
      'MS_STOCK_FHIR_INVALID',
      `status ${JSON.stringify(resource.status ?? null)}: only an active report is loaded`,
    );
  }
  if (resource.countType !== 'snapshot') {
    problem(
      'InventoryReport.countType',
      'MS_STOCK_FHIR_INVALID',
      resource.countType === 'difference'
        ? 'countType difference is not supported: send snapshot counts of what is on hand'
        : `countType must be snapshot, not ${JSON.stringify(resource.countType ?? null)}`,
    );
  }
  const reportedDate = calendarDate(resource.reportedDateTime);
  if (reportedDate === undefined) {
    problem(
      'InventoryReport.reportedDateTime',
      'MS_STOCK_DATE_INVALID',
      'reportedDateTime must be a date or a dateTime with a time zone (2026-05-01T18:00:00+02:00)',
    );
  }
  const listings = list(resource.inventoryListing);
  if (listings.length === 0) {
    problem(
      'InventoryReport.inventoryListing',
      'MS_STOCK_FHIR_INVALID',
      'inventoryListing is empty: the report counts nothing',
    );
  }
  listings.forEach((listing, i) => {
    const base = `InventoryReport.inventoryListing[${i}]`;
    if (!isRecord(listing)) {
      problem(base, 'MS_STOCK_FHIR_INVALID', 'an inventoryListing must be an object');
      return;
    }
    const status = statusCodes(listing.itemStatus);
    if ((status.codes.length > 0 || status.text !== '') && !status.codes.includes('available')) {
      notes.push(
        `${base} left out: itemStatus ${status.codes.join(', ') || status.text} is not stock available for supply`,
      );
      return;
    }
    let holder: HolderReference | null = null;
    if (listing.location !== undefined) {
      const ids = identifiersOf(listing.location);
      const gln = ids.find((id) => GLN_SYSTEMS.includes(id.system));
      const own = ids.find((id) => id.system === ORGANISATION_ID_SYSTEM);
      if (gln !== undefined) holder = { kind: 'gln', gln: gln.value };
      else if (own !== undefined && /^\d+$/.test(own.value) && Number(own.value) >= 1) {
        holder = { kind: 'id', id: Number(own.value) };
      } else {
        problem(
          `${base}.location`,
          'MS_STOCK_UNKNOWN_HOLDER',
          `location must carry an identifier with system ${GLN_SYSTEMS[0] ?? ''} (GLN) or ${ORGANISATION_ID_SYSTEM}`,
        );
        return;
      }
    }
    let date = reportedDate;
    if (listing.countingDateTime !== undefined) {
      date = calendarDate(listing.countingDateTime);
      if (date === undefined) {
        problem(
          `${base}.countingDateTime`,
          'MS_STOCK_DATE_INVALID',
          'countingDateTime must be a date or a dateTime with a time zone',
        );
        return;
      }
    }
    const entries = list(listing.item);
    if (entries.length === 0) {
      problem(`${base}.item`, 'MS_STOCK_FHIR_INVALID', 'the listing counts no item');
    }
    entries.forEach((entry, j) => {
      const at = `${base}.item[${j}]`;
      if (!isRecord(entry)) {
        problem(at, 'MS_STOCK_FHIR_INVALID', 'an item must be an object');
        return;
      }
      const ids = identifiersOf(entry.item);
      const gtins = ids.filter((id) => GTIN_SYSTEMS.includes(id.system));
      const packIds = ids.filter((id) => id.system === PACK_ID_SYSTEM);
      let pack: PackReference | undefined;
      if (gtins.length + packIds.length === 0) {
        problem(
          `${at}.item`,
          'MS_STOCK_UNKNOWN_PACK',
          `item names no pack: give a coding or identifier with system ${GTIN_SYSTEMS[0] ?? ''} or ${PACK_ID_SYSTEM}`,
        );
      } else if (gtins.length + packIds.length > 1) {
        problem(
          `${at}.item`,
          'MS_STOCK_UNKNOWN_PACK',
          'item names the pack more than once (GTIN and pack id); give one',
        );
      } else {
        const parsed =
          gtins[0] !== undefined
            ? parseGtin(gtins[0].value, 'item GTIN')
            : parsePackId(packIds[0]?.value, 'item pack id');
        if (parsed.ok) pack = parsed.value;
        else problem(`${at}.item`, parsed.code, parsed.detail);
      }
      const quantity = isRecord(entry.quantity) ? entry.quantity : undefined;
      const code = quantity?.code;
      if (
        code !== undefined &&
        !(typeof code === 'string' && PACK_UNIT_CODES.has(code.toLowerCase()))
      ) {
        problem(
          `${at}.quantity.code`,
          'MS_STOCK_QUANTITY_INVALID',
          `quantity.code ${JSON.stringify(code)}: stock is counted in packs ({pack})`,
        );
        return;
      }
      const onHand = parseQuantity(quantity?.value, 'quantity.value');
      if (!onHand.ok) problem(`${at}.quantity.value`, onHand.code, onHand.detail);
      if (pack === undefined || !onHand.ok || date === undefined) return;
      items.push({ at, holder, pack, reportDate: date, onHand: onHand.value });
    });
  });
  return { kind: 'parsed', report: { items, problems, notes } };
}

const ISSUE_TYPES: Partial<Record<ErrorCode, string>> = {
  MS_STOCK_UNKNOWN_PACK: 'not-found',
  MS_STOCK_UNKNOWN_HOLDER: 'not-found',
  MS_STOCK_DUPLICATE_ROW: 'duplicate',
  MS_STOCK_QUANTITY_INVALID: 'value',
  MS_STOCK_DATE_INVALID: 'value',
  MS_STOCK_FHIR_WRONG_RESOURCE: 'not-supported',
};

/** An OperationOutcome issue type for one of our codes (https://hl7.org/fhir/R5/valueset-issue-type.html). */
export function issueType(code: ErrorCode): string {
  return ISSUE_TYPES[code] ?? 'invalid';
}

export interface OperationOutcomeIssue {
  readonly severity: 'fatal' | 'error' | 'warning' | 'information';
  readonly code: string;
  readonly details?: {
    readonly coding?: readonly { system: string; code: string }[];
    readonly text: string;
  };
  readonly diagnostics?: string;
  readonly expression?: readonly string[];
}

export interface OperationOutcome {
  readonly resourceType: 'OperationOutcome';
  readonly issue: readonly OperationOutcomeIssue[];
}

export const PROBLEM_CODE_SYSTEM = 'https://medsupply.eu/problems';

/** An OperationOutcome with one error issue per problem, each naming its place and our code. */
export function operationOutcome(
  problems: readonly { pointer: string; code: ErrorCode; detail: string }[],
  notes: readonly string[] = [],
): OperationOutcome {
  return {
    resourceType: 'OperationOutcome',
    issue: [
      ...problems.map((p) => ({
        severity: 'error' as const,
        code: issueType(p.code),
        details: { coding: [{ system: PROBLEM_CODE_SYSTEM, code: p.code }], text: p.detail },
        expression: [p.pointer],
      })),
      ...notes.map((text) => ({
        severity: 'information' as const,
        code: 'informational',
        diagnostics: text,
      })),
    ],
  };
}
