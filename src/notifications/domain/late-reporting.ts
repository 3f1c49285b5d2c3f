/**
 * Late reporting: the Dutch rule is that a company notifies an expected supply interruption at
 * least two months before it starts (the notification duty of the Geneesmiddelenwet; the notice
 * period is configuration, config/late-reporting.json). A cause the analyst marks unforeseeable is excepted. Days late counts from the
 * deadline (start minus the notice period) to the first report.
 */

export interface LateReportingRule {
  readonly minimumNoticeMonths: number;
}

/** The ISO date `months` calendar months before `date` (end of month when the day is missing). */
export function subtractMonths(date: string, months: number): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(year, month - 1 - months, 1));
  const lastDay = new Date(
    Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0),
  ).getUTCDate();
  target.setUTCDate(Math.min(day, lastDay));
  return target.toISOString().slice(0, 10);
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

export interface LateAssessment {
  readonly deadline: string;
  /** Days after the deadline the first report came; 0 when on time. */
  readonly daysLate: number;
  readonly late: boolean;
  readonly excepted: boolean;
}

export function assessLateness(
  rule: LateReportingRule,
  expectedStart: string,
  firstReportedOn: string,
  markedUnforeseeable: boolean,
): LateAssessment {
  const deadline = subtractMonths(expectedStart, rule.minimumNoticeMonths);
  const daysLate = Math.max(0, daysBetween(deadline, firstReportedOn));
  return {
    deadline,
    daysLate,
    late: daysLate > 0 && !markedUnforeseeable,
    excepted: daysLate > 0 && markedUnforeseeable,
  };
}

export interface LateRow {
  readonly organisationId: number;
  readonly organisationName: string;
  readonly late: boolean;
  readonly daysLate: number;
}

export interface LateByCompany {
  readonly organisationId: number;
  readonly organisationName: string;
  readonly notifications: number;
  readonly late: number;
  readonly shareLate: number;
  readonly medianDaysLate: number | null;
  readonly maxDaysLate: number;
}

/** Notifications and late ones per company, most late first: the input for the fine policy. */
export function summariseLateByCompany(rows: readonly LateRow[]): LateByCompany[] {
  const groups = new Map<number, LateRow[]>();
  for (const row of rows)
    groups.set(row.organisationId, [...(groups.get(row.organisationId) ?? []), row]);
  return [...groups.values()]
    .map((list) => {
      const late = list
        .filter((row) => row.late)
        .map((row) => row.daysLate)
        .sort((a, b) => a - b);
      const middle = Math.floor(late.length / 2);
      return {
        organisationId: list[0]?.organisationId ?? 0,
        organisationName: list[0]?.organisationName ?? '',
        notifications: list.length,
        late: late.length,
        shareLate: late.length / list.length,
        medianDaysLate:
          late.length === 0
            ? null
            : late.length % 2 === 1
              ? (late[middle] ?? 0)
              : ((late[middle - 1] ?? 0) + (late[middle] ?? 0)) / 2,
        maxDaysLate: late.at(-1) ?? 0,
      };
    })
    .sort(
      (a, b) =>
        b.late - a.late ||
        b.shareLate - a.shareLate ||
        a.organisationName.localeCompare(b.organisationName),
    );
}
