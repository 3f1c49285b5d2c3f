/**
 * The notification form's model: what the fields hold, the same rules the server applies
 * (src/notifications/domain/validation.ts: same limits, same fields, every problem at once), the
 * report it sends, and the server's field errors mapped back onto the fields.
 */
import type { ProblemFieldError } from '../api/types.ts';
import {
  CAUSE_CATEGORIES,
  NOTIFICATION_KINDS,
  PATIENT_IMPACTS,
  isOneOf,
  type CauseCategory,
  type NotificationKind,
  type NotificationReport,
  type PatientImpact,
  type ReportField,
} from '../api/types.ts';
import type { MessageKey } from '../i18n/messages.ts';

/** The server's limits (reportSchema in the OpenAPI document; a unit test keeps them in step). */
export const REPORT_LIMITS = {
  textMaxLength: 4000,
  stockWeeksMax: 520,
  marketSharePercentMax: 100,
  packsMax: 200,
  companyReferenceMaxLength: 100,
} as const;

const COMPANY_REFERENCE = /^[\w./:-]{1,100}$/;

/** What the form's controls hold: text as typed, a choice not yet made as '' or null. */
export interface ReportFormValues {
  readonly companyReference: string;
  readonly kind: NotificationKind | '';
  readonly packIds: readonly number[];
  readonly expectedStart: string;
  readonly expectedEnd: string;
  readonly causeCategory: CauseCategory | '';
  readonly causeText: string;
  readonly stockWeeks: string;
  readonly marketSharePercent: string;
  readonly partialSupply: boolean | null;
  readonly ownAlternatives: boolean | null;
  readonly otherAlternatives: boolean | null;
  readonly patientImpact: PatientImpact | '';
  readonly patientImpactText: string;
  readonly mitigationText: string;
}

export const EMPTY_REPORT: ReportFormValues = {
  companyReference: '',
  kind: '',
  packIds: [],
  expectedStart: '',
  expectedEnd: '',
  causeCategory: '',
  causeText: '',
  stockWeeks: '',
  marketSharePercent: '',
  partialSupply: null,
  ownAlternatives: null,
  otherAlternatives: null,
  patientImpact: '',
  patientImpactText: '',
  mitigationText: '',
};

/** The order of the fields on the form, which is also the order of the error summary. */
export const FORM_FIELDS: readonly ReportField[] = [
  'packIds',
  'kind',
  'companyReference',
  'expectedStart',
  'expectedEnd',
  'causeCategory',
  'causeText',
  'stockWeeks',
  'marketSharePercent',
  'partialSupply',
  'ownAlternatives',
  'otherAlternatives',
  'patientImpact',
  'patientImpactText',
  'mitigationText',
];

/** A problem with a field: a message of ours, or the server's own words when we do not know it. */
export type FieldError =
  | { readonly key: MessageKey; readonly params?: Readonly<Record<string, string | number>> }
  | { readonly raw: string };

export type FieldErrors = Partial<Record<ReportField, FieldError>>;

export function fromReport(report: NotificationReport): ReportFormValues {
  return {
    companyReference: report.companyReference ?? '',
    kind: report.kind,
    packIds: report.packIds,
    expectedStart: report.expectedStart,
    expectedEnd: report.expectedEnd ?? '',
    causeCategory: report.causeCategory,
    causeText: report.causeText,
    stockWeeks: String(report.stockWeeks),
    marketSharePercent: String(report.marketSharePercent),
    partialSupply: report.partialSupply,
    ownAlternatives: report.ownAlternatives,
    otherAlternatives: report.otherAlternatives,
    patientImpact: report.patientImpact,
    patientImpactText: report.patientImpactText,
    mitigationText: report.mitigationText,
  };
}

/** As the server checks a calendar date: YYYY-MM-DD and a day that exists. */
export function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/** Control characters other than tab and line breaks, which the server refuses. */
export function hasControlCharacters(text: string): boolean {
  for (const char of text) {
    const code = char.charCodeAt(0);
    if ((code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) || code === 0x7f)
      return true;
  }
  return false;
}

function checkText(value: string, required: boolean): FieldError | undefined {
  const text = value.trim();
  if (text === '') return required ? { key: 'form.error.required' } : undefined;
  if (hasControlCharacters(text)) return { key: 'form.error.controlCharacters' };
  if (text.length > REPORT_LIMITS.textMaxLength)
    return {
      key: 'form.error.tooLong',
      params: { max: REPORT_LIMITS.textMaxLength, count: text.length },
    };
  return undefined;
}

/** A decimal number as typed: "4", "4.5" or, as Dutch readers write it, "4,5". */
export function parseNumber(value: string): number | null {
  const text = value.trim().replace(',', '.');
  if (text === '' || !/^-?\d+(\.\d+)?$/.test(text)) return null;
  return Number(text);
}

function checkNumber(value: string, max: number): FieldError | undefined {
  if (value.trim() === '') return { key: 'form.error.required' };
  const number = parseNumber(value);
  return number === null || number < 0 || number > max
    ? { key: 'form.error.numberRange', params: { min: 0, max } }
    : undefined;
}

/** Every problem of the form at once, by field, as the server would report them. */
export function validateReportForm(values: ReportFormValues): FieldErrors {
  const errors: FieldErrors = {};
  const reference = values.companyReference.trim();
  if (reference !== '' && !COMPANY_REFERENCE.test(reference))
    errors.companyReference = { key: 'form.error.companyReference' };
  if (!isOneOf(NOTIFICATION_KINDS, values.kind)) errors.kind = { key: 'form.error.choose' };
  if (values.packIds.length === 0 || values.packIds.length > REPORT_LIMITS.packsMax)
    errors.packIds = { key: 'form.error.packs', params: { max: REPORT_LIMITS.packsMax } };
  if (values.expectedStart === '') errors.expectedStart = { key: 'form.error.required' };
  else if (!isIsoDate(values.expectedStart)) errors.expectedStart = { key: 'form.error.date' };
  if (values.expectedEnd !== '') {
    if (!isIsoDate(values.expectedEnd)) errors.expectedEnd = { key: 'form.error.date' };
    else if (isIsoDate(values.expectedStart) && values.expectedEnd < values.expectedStart)
      errors.expectedEnd = { key: 'form.error.endBeforeStart' };
  }
  if (!isOneOf(CAUSE_CATEGORIES, values.causeCategory))
    errors.causeCategory = { key: 'form.error.choose' };
  const causeText = checkText(values.causeText, true);
  if (causeText !== undefined) errors.causeText = causeText;
  const stock = checkNumber(values.stockWeeks, REPORT_LIMITS.stockWeeksMax);
  if (stock !== undefined) errors.stockWeeks = stock;
  const share = checkNumber(values.marketSharePercent, REPORT_LIMITS.marketSharePercentMax);
  if (share !== undefined) errors.marketSharePercent = share;
  for (const field of ['partialSupply', 'ownAlternatives', 'otherAlternatives'] as const) {
    if (values[field] === null) errors[field] = { key: 'form.error.choose' };
  }
  if (!isOneOf(PATIENT_IMPACTS, values.patientImpact))
    errors.patientImpact = { key: 'form.error.choose' };
  for (const field of ['patientImpactText', 'mitigationText'] as const) {
    const problem = checkText(values[field], false);
    if (problem !== undefined) errors[field] = problem;
  }
  return errors;
}

/** The report to send; call only when validateReportForm found nothing. Text is trimmed. */
export function toReport(values: ReportFormValues): NotificationReport {
  const reference = values.companyReference.trim();
  if (
    !isOneOf(NOTIFICATION_KINDS, values.kind) ||
    !isOneOf(CAUSE_CATEGORIES, values.causeCategory) ||
    !isOneOf(PATIENT_IMPACTS, values.patientImpact)
  ) {
    throw new Error('toReport called on an invalid form');
  }
  return {
    companyReference: reference === '' ? null : reference,
    kind: values.kind,
    packIds: [...new Set(values.packIds)].sort((a, b) => a - b),
    expectedStart: values.expectedStart,
    expectedEnd: values.expectedEnd === '' ? null : values.expectedEnd,
    causeCategory: values.causeCategory,
    causeText: values.causeText.trim(),
    stockWeeks: parseNumber(values.stockWeeks) ?? Number.NaN,
    marketSharePercent: parseNumber(values.marketSharePercent) ?? Number.NaN,
    partialSupply: values.partialSupply === true,
    ownAlternatives: values.ownAlternatives === true,
    otherAlternatives: values.otherAlternatives === true,
    patientImpact: values.patientImpact,
    patientImpactText: values.patientImpactText.trim(),
    mitigationText: values.mitigationText.trim(),
  };
}

const REPORT_FIELD_NAMES: ReadonlySet<string> = new Set(FORM_FIELDS);

/** "/stockWeeks" -> stockWeeks, "/packIds/3" -> packIds; other pointers belong to no field. */
export function fieldOfPointer(pointer: string | undefined): ReportField | null {
  const name = pointer?.split('/')[1];
  return name !== undefined && REPORT_FIELD_NAMES.has(name) ? (name as ReportField) : null;
}

/**
 * The server's detail ("stockWeeks must be a number from 0 to 520") in the reader's language:
 * the server's validator writes a few fixed sentences, each the twin of one of our messages.
 */
export function translateServerDetail(field: ReportField | null, detail: string): FieldError {
  const text =
    field !== null && detail.startsWith(`${field} `) ? detail.slice(field.length + 1) : detail;
  let match: RegExpExecArray | null;
  if (text === 'is required') return { key: 'form.error.required' };
  if (text.startsWith('must be one of') || text === 'must be true or false')
    return { key: 'form.error.choose' };
  if ((match = /^must be a number from (\d+) to (\d+)$/.exec(text)) !== null)
    return { key: 'form.error.numberRange', params: { min: match[1] ?? '', max: match[2] ?? '' } };
  if (text === 'must be a date written YYYY-MM-DD') return { key: 'form.error.date' };
  if ((match = /^must be at most (\d+) characters$/.exec(text)) !== null)
    return { key: 'form.error.tooLongServer', params: { max: match[1] ?? '' } };
  if (text === 'must not contain control characters')
    return { key: 'form.error.controlCharacters' };
  if ((match = /^must list 1 to (\d+) pack ids$/.exec(text)) !== null)
    return { key: 'form.error.packs', params: { max: match[1] ?? '' } };
  if ((match = /^pack (\d+) is not one of your packs$/.exec(detail)) !== null)
    return { key: 'form.error.notYourPack', params: { id: match[1] ?? '' } };
  if (text === 'must not be before expectedStart') return { key: 'form.error.endBeforeStart' };
  if (text.startsWith('must be 1 to 100 letters')) return { key: 'form.error.companyReference' };
  return { raw: detail };
}

/** The server's field errors on the form's fields; the rest (no known pointer) apart. */
export function serverFieldErrors(errors: readonly ProblemFieldError[]): {
  readonly fields: FieldErrors;
  readonly other: readonly string[];
} {
  const fields: FieldErrors = {};
  const other: string[] = [];
  for (const error of errors) {
    const field = fieldOfPointer(error.pointer);
    const detail = error.detail ?? error.code ?? '';
    if (field === null) other.push(detail);
    else fields[field] ??= translateServerDetail(field, detail);
  }
  return { fields, other };
}

/**
 * A fresh Idempotency-Key: 128 random bits as hex. crypto.getRandomValues works on plain http
 * too (crypto.randomUUID needs a secure context, which an intranet deployment may not be).
 */
export function newIdempotencyKey(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return `web-${Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('')}`;
}
