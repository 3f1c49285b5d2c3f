/** A readable difference between two versions of a report: which field changed from what to what. */
import type { NotificationReport } from './types.ts';
import { REPORT_FIELDS } from './validation.ts';

export interface FieldChange {
  readonly field: keyof NotificationReport;
  readonly before: unknown;
  readonly after: unknown;
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export function diffReports(before: NotificationReport, after: NotificationReport): FieldChange[] {
  return REPORT_FIELDS.filter((field) => !same(before[field], after[field])).map((field) => ({
    field,
    before: before[field],
    after: after[field],
  }));
}
