/**
 * Validates a notification report field by field and reports every problem at once with its
 * JSON pointer; the web form shows the same messages next to the same fields.
 */
import type { ProblemDetail } from '../../kernel/errors.ts';
import {
  CAUSE_CATEGORIES,
  NOTIFICATION_KINDS,
  PATIENT_IMPACTS,
  type NotificationReport,
} from './types.ts';

const TEXT_LIMIT = 4000;

export function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

type Check = (value: unknown) => string | undefined;

/** Control characters other than tab and line breaks (a NUL cannot even be stored). */
export function hasControlCharacters(text: string): boolean {
  for (const char of text) {
    const code = char.charCodeAt(0);
    if ((code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) || code === 0x7f)
      return true;
  }
  return false;
}

const oneOf =
  (values: readonly string[]): Check =>
  (value) =>
    typeof value === 'string' && values.includes(value)
      ? undefined
      : `must be one of ${values.join(', ')}`;
const text =
  (required: boolean): Check =>
  (value) => {
    if (value === undefined || value === null || value === '')
      return required ? 'is required' : undefined;
    if (typeof value !== 'string') return 'must be text';
    if (required && value.trim() === '') return 'is required';
    if (hasControlCharacters(value)) return 'must not contain control characters';
    return value.length > TEXT_LIMIT ? `must be at most ${TEXT_LIMIT} characters` : undefined;
  };
const number =
  (min: number, max: number): Check =>
  (value) =>
    typeof value === 'number' && Number.isFinite(value) && value >= min && value <= max
      ? undefined
      : `must be a number from ${min} to ${max}`;
const bool: Check = (value) => (typeof value === 'boolean' ? undefined : 'must be true or false');
const date =
  (required: boolean): Check =>
  (value) => {
    if (value === undefined || value === null) return required ? 'is required' : undefined;
    return isIsoDate(value) ? undefined : 'must be a date written YYYY-MM-DD';
  };

const FIELDS: Record<keyof NotificationReport, Check> = {
  companyReference: (value) =>
    value === undefined || value === null
      ? undefined
      : typeof value === 'string' && /^[\w./:-]{1,100}$/.test(value)
        ? undefined
        : 'must be 1 to 100 letters, digits or . / : - _',
  kind: oneOf(NOTIFICATION_KINDS),
  packIds: (value) =>
    Array.isArray(value) &&
    value.length > 0 &&
    value.length <= 200 &&
    value.every((id) => Number.isInteger(id) && (id as number) > 0)
      ? undefined
      : 'must list 1 to 200 pack ids',
  expectedStart: date(true),
  expectedEnd: date(false),
  causeCategory: oneOf(CAUSE_CATEGORIES),
  causeText: text(true),
  stockWeeks: number(0, 520),
  marketSharePercent: number(0, 100),
  partialSupply: bool,
  ownAlternatives: bool,
  otherAlternatives: bool,
  patientImpact: oneOf(PATIENT_IMPACTS),
  patientImpactText: text(false),
  mitigationText: text(false),
};

export const REPORT_FIELDS = Object.keys(FIELDS) as (keyof NotificationReport)[];

/** The report, or every problem with its pointer (/expectedStart, /packIds, …). */
export function validateReport(
  input: unknown,
): { ok: true; report: NotificationReport } | { ok: false; errors: ProblemDetail[] } {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return {
      ok: false,
      errors: [
        { pointer: '', code: 'MS_REQUEST_INVALID', detail: 'the body must be a JSON object' },
      ],
    };
  }
  const record = input as Record<string, unknown>;
  const errors: ProblemDetail[] = [];
  for (const field of REPORT_FIELDS) {
    const problem = FIELDS[field](record[field]);
    if (problem !== undefined)
      errors.push({
        pointer: `/${field}`,
        code: 'MS_REQUEST_INVALID',
        detail: `${field} ${problem}`,
      });
  }
  for (const key of Object.keys(record)) {
    if (!(REPORT_FIELDS as string[]).includes(key)) {
      errors.push({
        pointer: `/${key}`,
        code: 'MS_REQUEST_INVALID',
        detail: `${key} is not a field of a notification`,
      });
    }
  }
  if (
    isIsoDate(record.expectedStart) &&
    isIsoDate(record.expectedEnd) &&
    record.expectedEnd < record.expectedStart
  ) {
    errors.push({
      pointer: '/expectedEnd',
      code: 'MS_REQUEST_INVALID',
      detail: 'expectedEnd must not be before expectedStart',
    });
  }
  if (errors.length > 0) return { ok: false, errors };
  const report: NotificationReport = {
    companyReference: (record.companyReference as string | null | undefined) ?? null,
    kind: record.kind as NotificationReport['kind'],
    packIds: [...new Set(record.packIds as number[])].sort((a, b) => a - b),
    expectedStart: record.expectedStart as string,
    expectedEnd: (record.expectedEnd as string | null | undefined) ?? null,
    causeCategory: record.causeCategory as NotificationReport['causeCategory'],
    causeText: (record.causeText as string).trim(),
    stockWeeks: record.stockWeeks as number,
    marketSharePercent: record.marketSharePercent as number,
    partialSupply: record.partialSupply as boolean,
    ownAlternatives: record.ownAlternatives as boolean,
    otherAlternatives: record.otherAlternatives as boolean,
    patientImpact: record.patientImpact as NotificationReport['patientImpact'],
    patientImpactText: ((record.patientImpactText as string | undefined) ?? '').trim(),
    mitigationText: ((record.mitigationText as string | undefined) ?? '').trim(),
  };
  return { ok: true, report };
}
