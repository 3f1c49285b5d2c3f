/**
 * A notification's history in words: the value of a report field as a reader wants it (a date,
 * yes/no, a translated category), the server's event notes in the reader's language, and the
 * before/after of an audit entry as a short list of changes.
 */
import {
  CAUSE_CATEGORIES,
  NOTIFICATION_KINDS,
  NOTIFICATION_STATUSES,
  PATIENT_IMPACTS,
  isOneOf,
  type NotificationPack,
  type ReportField,
} from '../api/types.ts';
import type { Formatters } from '../i18n/format.ts';
import { FORM_FIELDS } from './notification-form-model.ts';

export function isReportField(field: string): field is ReportField {
  return (FORM_FIELDS as readonly string[]).includes(field);
}

/** A report field's label ("Expected start"), or the name itself for a field we do not know. */
export function fieldLabel(field: string, i18n: Formatters): string {
  return isReportField(field) ? i18n.t(`report.${field}`) : field;
}

/** A report field's value as text: dates, yes/no, categories and packs in the reader's words. */
export function formatReportValue(
  field: string,
  value: unknown,
  i18n: Formatters,
  packs: readonly NotificationPack[] = [],
): string {
  const { t, date, number, yesNo } = i18n;
  const asText = (raw: unknown): string => (typeof raw === 'string' ? raw : JSON.stringify(raw));
  if (value === null || value === undefined || value === '') return t('common.none');
  switch (field) {
    case 'expectedStart':
    case 'expectedEnd':
      return typeof value === 'string' ? date(value) : asText(value);
    case 'kind':
      return isOneOf(NOTIFICATION_KINDS, value) ? t(`kind.${value}`) : asText(value);
    case 'causeCategory':
      return isOneOf(CAUSE_CATEGORIES, value) ? t(`cause.${value}`) : asText(value);
    case 'patientImpact':
      return isOneOf(PATIENT_IMPACTS, value) ? t(`impactLevel.${value}`) : asText(value);
    case 'stockWeeks':
      return typeof value === 'number'
        ? t('report.weeks', { weeks: number(value, Number.isInteger(value) ? 0 : 1) })
        : asText(value);
    case 'marketSharePercent':
      return typeof value === 'number'
        ? `${number(value, Number.isInteger(value) ? 0 : 1)} %`
        : asText(value);
    case 'packIds':
      if (!Array.isArray(value)) return asText(value);
      return value
        .map((id: unknown) => {
          const pack = packs.find((p) => p.packId === id);
          return pack === undefined
            ? t('report.packId', { id: asText(id) })
            : `${pack.name} — ${pack.description}`;
        })
        .join('; ');
    default:
      if (typeof value === 'boolean') return yesNo(value);
      if (typeof value === 'number') return number(value);
      return typeof value === 'string' ? value : JSON.stringify(value);
  }
}

/**
 * An event's note in the reader's language. The server writes "version 2: causeText, stockWeeks"
 * for an update and "unforeseeable: true. <reason>" for the unforeseeable mark; other notes are
 * people's own words and stay as written.
 */
export function describeEventBody(kind: string, body: string, i18n: Formatters): string {
  const { t, yesNo } = i18n;
  if (kind === 'update') {
    const match = /^version (\d+)(?::\s*(.*))?$/.exec(body);
    if (match !== null) {
      const version = match[1] ?? '';
      const fields = (match[2] ?? '').trim();
      if (fields === '' || fields === 'no changes')
        return version === '1'
          ? t('events.firstVersion')
          : t('events.versionNoChanges', { version });
      return t('events.version', {
        version,
        fields: fields
          .split(',')
          .map((field) => fieldLabel(field.trim(), i18n))
          .join(', '),
      });
    }
  }
  const unforeseeable = /^unforeseeable: (true|false)\.\s*([\s\S]*)$/.exec(body);
  if (kind === 'comment' && unforeseeable !== null) {
    const reason = (unforeseeable[2] ?? '').trim();
    const mark = t('events.unforeseeable', { value: yesNo(unforeseeable[1] === 'true') });
    return reason === '' ? mark : `${mark} ${reason}`;
  }
  return body;
}

export interface AuditChange {
  readonly key: string;
  readonly before: string;
  readonly after: string;
}

/** What an audit entry changed, key by key (a whole report is left to the version history). */
export function summariseAuditChange(
  before: unknown,
  after: unknown,
  i18n: Pick<Formatters, 't'>,
): AuditChange[] {
  const { t } = i18n;
  const show = (key: string, value: unknown): string => {
    if (value === undefined || value === null) return t('common.none');
    if (value === '') return t('audit.empty');
    if (key === 'report') return t('audit.seeVersions');
    if (key === 'status' && isOneOf(NOTIFICATION_STATUSES, value)) return t(`status.${value}`);
    if (typeof value === 'boolean') return value ? t('common.yes') : t('common.no');
    const text = typeof value === 'string' ? value : JSON.stringify(value);
    return text.length > 120 ? `${text.slice(0, 119)}…` : text;
  };
  const asRecord = (value: unknown): Record<string, unknown> =>
    typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : {};
  const from = asRecord(before);
  const to = asRecord(after);
  const keys = [...new Set([...Object.keys(from), ...Object.keys(to)])];
  return keys
    .filter((key) => JSON.stringify(from[key]) !== JSON.stringify(to[key]))
    .map((key) => ({ key, before: show(key, from[key]), after: show(key, to[key]) }));
}
