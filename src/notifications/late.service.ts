/** The late-notification report: per company over a period, the input for the fine policy. */
import type pg from 'pg';
import { readConfig } from '../platform/config.ts';
import {
  assessLateness,
  summariseLateByCompany,
  type LateReportingRule,
} from './domain/late-reporting.ts';
import { listNotifications } from './store/notifications.store.ts';

export async function lateReport(pool: pg.Pool, from: string, to: string) {
  const rule = readConfig('late-reporting') as LateReportingRule;
  const rows = await listNotifications(pool, { reportedFrom: from, reportedTo: to });
  const assessed = rows
    // A quality defect is reported when found; the notice period is for supply interruptions.
    .filter((row) => row.report.kind !== 'quality_defect')
    .map((row) => {
      const lateness = assessLateness(
        rule,
        row.report.expectedStart,
        row.first_reported_on,
        row.unforeseeable,
      );
      return {
        id: row.id,
        reference: row.reference,
        organisationId: row.organisation_id,
        organisationName: row.organisation_name,
        firstReportedOn: row.first_reported_on,
        expectedStart: row.report.expectedStart,
        deadline: lateness.deadline,
        daysLate: lateness.daysLate,
        late: lateness.late,
        excepted: lateness.excepted,
      };
    });
  return {
    from,
    to,
    minimumNoticeMonths: rule.minimumNoticeMonths,
    byCompany: summariseLateByCompany(assessed),
    notifications: assessed
      .filter((row) => row.late || row.excepted)
      .sort((a, b) => b.daysLate - a.daysLate),
  };
}
