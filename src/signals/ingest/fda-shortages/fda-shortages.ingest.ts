/**
 * The FDA drug shortages list as openFDA serves it (https://open.fda.gov/apis/drug/drugshortages/):
 * `{ meta, results: [ { generic_name, proprietary_name, company_name, status, shortage_reason,
 * initial_posting_date, update_date, discontinued_date, package_ndc, presentation, availability,
 * therapeutic_category[], contact_info, openfda: { substance_name[], brand_name[], … } } ] }`.
 * One record per presentation; the FDA has no ATC codes, so records are linked to substances by
 * exact (normalised) English substance name. Dates come as MM/DD/YYYY from the live API.
 */
import type { AtcCode } from '../../../kernel/atc.ts';
import { UserFacingError } from '../../../kernel/errors.ts';
import { collapseWhitespace, normalizeName } from '../../../kernel/text.ts';
import { cleanShortageCompanyName } from '../../domain/company-names.ts';
import { parseFdaDate } from '../../domain/dates.ts';
import type { AtcLink, IsoDate, ReportKind, ShortageReportInput } from '../../domain/types.ts';

/** English substance names (normalised with normalizeName) to the level-5 codes that bear them. */
export type SubstanceNameIndex = ReadonlyMap<string, readonly AtcCode[]>;

export interface FdaRecord {
  /** Position in `results`, from 0. */
  readonly index: number;
  /** The line the record starts on. */
  readonly line: number;
  readonly value: unknown;
}

export interface FdaDocument {
  readonly records: readonly FdaRecord[];
  /** meta.last_updated, when given. */
  readonly lastUpdated: IsoDate | null;
}

const STATUS: Record<string, { kind: ReportKind | 'open'; label: string }> = {
  current: { kind: 'open', label: 'Current' },
  'to be discontinued': { kind: 'open', label: 'To Be Discontinued' },
  resolved: { kind: 'closing', label: 'Resolved' },
};

function lineAt(text: string, position: number): number {
  let line = 1;
  for (let index = 0; index < position && index < text.length; index++) {
    if (text.charCodeAt(index) === 10) line++;
  }
  return line;
}

/** Whether a JSON.parse message says the text stopped before the document was complete. */
function endsEarly(message: string, length: number): boolean {
  if (/end of (JSON )?input/i.test(message)) return true;
  const position = /position (\d+)/.exec(message);
  return position !== null && Number(position[1]) >= length;
}

/**
 * Where JSON.parse first fails: Node 20 names no position for an unexpected token, so find the
 * shortest prefix that fails for a reason other than ending early.
 */
function jsonErrorPosition(text: string): number {
  const failsWithin = (length: number): boolean => {
    try {
      JSON.parse(text.slice(0, length));
      return false;
    } catch (error) {
      return !endsEarly((error as Error).message, length);
    }
  };
  let low = 0;
  let high = text.length;
  while (low < high) {
    const middle = Math.floor((low + high) / 2);
    if (failsWithin(middle)) high = middle;
    else low = middle + 1;
  }
  return Math.max(0, low - 1);
}

/**
 * The line on which each element of the root object's `results` array starts, for messages that
 * name file and line. Runs on text that JSON.parse accepted.
 */
export function locateResultLines(text: string): number[] {
  const lines: number[] = [];
  const depth: string[] = [];
  let line = 1;
  let inString = false;
  let escaped = false;
  let stringStart = 0;
  let lastString = '';
  let currentKey: string | undefined;
  let inResults = false;
  let expectElement = false;
  for (let index = 0; index < text.length; index++) {
    const char = text.charAt(index);
    if (char === '\n') line++;
    if (inString) {
      if (escaped) escaped = false;
      else if (char === '\\') escaped = true;
      else if (char === '"') {
        inString = false;
        lastString = text.slice(stringStart + 1, index);
      }
      continue;
    }
    if (/\s/.test(char)) continue;
    if (inResults && depth.length === 2 && expectElement && char !== ']') {
      lines.push(line);
      expectElement = false;
    }
    switch (char) {
      case '"':
        inString = true;
        stringStart = index;
        break;
      case ':':
        if (depth.length === 1) currentKey = lastString;
        break;
      case ',':
        if (inResults && depth.length === 2) expectElement = true;
        break;
      case '{':
      case '[':
        if (char === '[' && depth.length === 1 && currentKey === 'results') {
          inResults = true;
          expectElement = true;
        }
        depth.push(char);
        break;
      case '}':
      case ']':
        depth.pop();
        if (depth.length === 1) inResults = false;
        break;
      default:
        break;
    }
  }
  return lines;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Parses an openFDA drug shortages document. A file that is not JSON, ends early, or has no
 * `results` array is refused as a whole, naming file and line.
 */
export function parseFdaShortagesDocument(text: string, fileName: string): FdaDocument {
  if (text.trim() === '') {
    throw new UserFacingError('MS_IMPORT_EMPTY_FILE', `${fileName}:1: the file is empty`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    if (endsEarly((error as Error).message, text.trimEnd().length)) {
      throw new UserFacingError(
        'MS_IMPORT_TRUNCATED',
        `${fileName}:${lineAt(text, text.length)}: the JSON document ends early: the file is truncated`,
      );
    }
    throw new UserFacingError(
      'MS_SIGNALS_FDA_NOT_JSON',
      `${fileName}:${lineAt(text, jsonErrorPosition(text))}: not valid JSON (${(error as Error).message.replace(/\s+/g, ' ')})`,
    );
  }
  if (!isRecord(parsed) || !Array.isArray(parsed.results)) {
    throw new UserFacingError(
      'MS_SIGNALS_FDA_UNEXPECTED_FORMAT',
      `${fileName}:1: expected an openFDA drug shortages document, an object with a "results" array`,
    );
  }
  const results: unknown[] = parsed.results;
  const lines = locateResultLines(text);
  const meta = isRecord(parsed.meta) ? parsed.meta : {};
  const lastUpdated =
    typeof meta.last_updated === 'string' ? (parseFdaDate(meta.last_updated) ?? null) : null;
  return {
    records: results.map((value, index) => ({ index, line: lines[index] ?? 1, value })),
    lastUpdated,
  };
}

export type FdaOutcome =
  | {
      readonly kind: 'report';
      readonly report: ShortageReportInput;
      /** Substance names that matched no English name in the registry. */
      readonly unmatched: readonly string[];
    }
  | { readonly kind: 'rejected'; readonly reason: string };

class FieldReader {
  readonly problems: string[] = [];
  constructor(
    private readonly record: Record<string, unknown>,
    private readonly prefix = '',
  ) {}

  text(key: string): string | null {
    const value = this.record[key];
    if (value === undefined || value === null) return null;
    if (typeof value !== 'string') {
      this.problems.push(`${this.prefix}${key} is not a text`);
      return null;
    }
    const text = collapseWhitespace(value);
    return text === '' ? null : text;
  }

  list(key: string): string[] {
    const value = this.record[key];
    if (value === undefined || value === null) return [];
    const items = typeof value === 'string' ? [value] : value;
    if (!Array.isArray(items) || items.some((item) => typeof item !== 'string')) {
      this.problems.push(`${this.prefix}${key} is not a list of texts`);
      return [];
    }
    return (items as string[])
      .map((item) => collapseWhitespace(item))
      .filter((item) => item !== '');
  }

  date(key: string): IsoDate | null {
    const text = this.text(key);
    if (text === null) return null;
    const date = parseFdaDate(text);
    if (date === undefined) this.problems.push(`invalid date "${text}" in ${this.prefix}${key}`);
    return date ?? null;
  }
}

/** Level-5 links for the substance names that match an English name exactly (normalised). */
export function matchSubstanceNames(
  names: readonly string[],
  index: SubstanceNameIndex,
): { links: AtcLink[]; unmatched: string[] } {
  const links: AtcLink[] = [];
  const unmatched: string[] = [];
  for (const name of names) {
    const codes = index.get(normalizeName(name)) ?? [];
    if (codes.length === 0) unmatched.push(name);
    for (const code of codes) {
      if (!links.some((link) => link.code === code)) links.push({ code, level: 5, via: 'name' });
    }
  }
  return { links, unmatched };
}

/** Maps one `results` record, or says why it is rejected (every problem at once). */
export function mapFdaRecord(value: unknown, line: number, names: SubstanceNameIndex): FdaOutcome {
  if (!isRecord(value)) return { kind: 'rejected', reason: 'the record is not a JSON object' };
  const field = new FieldReader(value);
  const openfdaValue = value.openfda ?? {};
  const openfda = new FieldReader(isRecord(openfdaValue) ? openfdaValue : {}, 'openfda.');
  if (!isRecord(openfdaValue)) field.problems.push('openfda is not an object');

  const genericName = field.text('generic_name');
  if (genericName === null) field.problems.push('no generic_name');
  const statusText = field.text('status');
  const status = statusText === null ? undefined : STATUS[statusText.toLowerCase()];
  if (status === undefined) {
    field.problems.push(
      `status "${statusText ?? ''}" is none of ${Object.values(STATUS)
        .map((s) => s.label)
        .join(', ')}`,
    );
  }
  const startDate = field.date('initial_posting_date');
  if (startDate === null && field.text('initial_posting_date') === null) {
    field.problems.push('no initial_posting_date');
  }
  const updateDate = field.date('update_date');
  const changeDate = field.date('change_date');
  const discontinuedDate = field.date('discontinued_date');
  const substanceNames = openfda.list('substance_name');
  const problems = [...field.problems, ...openfda.problems];
  if (problems.length > 0 || genericName === null || status === undefined || startDate === null) {
    return { kind: 'rejected', reason: problems.join('; ') };
  }

  const reportedOn = updateDate ?? changeDate ?? startDate;
  const company = field.text('company_name');
  const presentation = field.text('presentation');
  const packageNdc = field.text('package_ndc');
  const updateType = field.text('update_type');
  const kind: ReportKind =
    status.kind === 'closing'
      ? 'closing'
      : updateType?.toLowerCase() === 'new'
        ? 'initial'
        : 'update';
  const substances = substanceNames.length > 0 ? substanceNames : [genericName];
  const matched = matchSubstanceNames(substances, names);
  const shortageKey = [genericName, company, presentation ?? packageNdc]
    .filter((part): part is string => part !== null)
    .join(' | ');
  const contactInfo = field.text('contact_info');
  return {
    kind: 'report',
    unmatched: matched.unmatched,
    report: {
      source: 'fda',
      reportNumber: `${shortageKey} @ ${reportedOn}`,
      shortageKey,
      kind,
      kindLabel: status.label,
      startDate,
      // A resolved record's last update is when the FDA recorded the end.
      endDate: status.kind === 'closing' ? reportedOn : null,
      reportedOn,
      firstReportedOn: null,
      productName: field.text('proprietary_name') ?? genericName,
      company: company === null ? null : cleanShortageCompanyName(company),
      reasonCategory: null,
      reason: field.text('shortage_reason'),
      reasonNote: null,
      alternatives: null,
      hospitalRelevant: null,
      classification: null,
      dosageForm: field.text('dosage_form'),
      substances,
      atc: matched.links,
      atcText: null,
      details: {
        genericName,
        presentation,
        availability: field.text('availability'),
        relatedInfo: field.text('related_info'),
        resolvedNote: field.text('resolved_note'),
        updateType,
        therapeuticCategory: field.list('therapeutic_category'),
        strength: field.list('strength'),
        discontinuedDate,
        brandName: openfda.list('brand_name'),
        route: openfda.list('route'),
      },
      contact: contactInfo === null ? null : { phone: null, email: null, contactInfo },
      packs: packageNdc === null ? [] : [{ line, pzn: null, enr: [], ndc: packageNdc }],
      line,
    },
  };
}
