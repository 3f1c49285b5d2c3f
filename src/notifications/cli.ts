/** `medsupply notifications`, `medsupply late-report`, `medsupply shortages` (the public list). */
import { systemActor } from '../kernel/actor.ts';
import { parseCommandArgs, parseFormat, UsageError, type CliContext } from '../platform/cli-kit.ts';
import { round, type Column, type OutputFormat, formatListing } from '../platform/output.ts';
import { isIsoDate } from './domain/validation.ts';
import { NOTIFICATION_STATUSES, type NotificationStatus } from './domain/types.ts';
import { lateReport } from './late.service.ts';
import { listQueue, type NotificationView } from './service.ts';
import { publicShortages, type PublicShortage } from '../public/service.ts';

function emit<T>(
  context: CliContext,
  format: OutputFormat,
  rows: readonly T[],
  columns: readonly Column<T>[],
  json: () => unknown,
): void {
  context.stdout.write(formatListing(format, rows, columns, json));
}

export async function runNotificationsCommand(
  context: CliContext,
  args: readonly string[],
): Promise<number> {
  const { values } = parseCommandArgs(args, {
    status: { type: 'string' },
    format: { type: 'string' },
  });
  const format = parseFormat(values.format);
  if (
    values.status !== undefined &&
    !(NOTIFICATION_STATUSES as readonly string[]).includes(values.status)
  ) {
    throw new UsageError(`--status must be one of ${NOTIFICATION_STATUSES.join(', ')}`);
  }
  const database = await context.openDatabase();
  const rows = await listQueue(database.pool, systemActor(context.actor), {
    ...(values.status === undefined ? {} : { statuses: [values.status as NotificationStatus] }),
  });
  emit<NotificationView>(
    context,
    format,
    rows,
    [
      { header: 'reference', value: (r) => r.reference },
      { header: 'status', value: (r) => r.status },
      { header: 'risk', value: (r) => r.risk.riskClass },
      { header: 'score', value: (r) => r.risk.score, numeric: true },
      { header: 'company', value: (r) => r.organisationName },
      { header: 'product', value: (r) => r.products[0]?.name ?? '' },
      { header: 'start', value: (r) => r.report.expectedStart },
      { header: 'days late', value: (r) => r.lateness.daysLate, numeric: true },
    ],
    () => rows,
  );
  return 0;
}

export async function runLateReportCommand(
  context: CliContext,
  args: readonly string[],
): Promise<number> {
  const { values } = parseCommandArgs(args, {
    from: { type: 'string' },
    to: { type: 'string' },
    format: { type: 'string' },
  });
  if (!isIsoDate(values.from) || !isIsoDate(values.to)) {
    throw new UsageError(
      'usage: medsupply late-report --from YYYY-MM-DD --to YYYY-MM-DD [--format table|json|csv]',
    );
  }
  const format = parseFormat(values.format);
  const database = await context.openDatabase();
  const report = await lateReport(database.pool, values.from, values.to);
  emit(
    context,
    format,
    report.byCompany,
    [
      { header: 'company', value: (r) => r.organisationName },
      { header: 'notifications', value: (r) => r.notifications, numeric: true },
      { header: 'late', value: (r) => r.late, numeric: true },
      { header: 'share late', value: (r) => round(r.shareLate, 3), numeric: true },
      { header: 'median days late', value: (r) => r.medianDaysLate, numeric: true },
      { header: 'max days late', value: (r) => r.maxDaysLate, numeric: true },
    ],
    () => report,
  );
  return 0;
}

export async function runShortagesCommand(
  context: CliContext,
  args: readonly string[],
): Promise<number> {
  const { values } = parseCommandArgs(args, {
    format: { type: 'string' },
    atc: { type: 'string' },
  });
  const format = parseFormat(values.format);
  const database = await context.openDatabase();
  const items = await publicShortages(database.pool, new Date().toISOString().slice(0, 10), {
    atc: values.atc?.toUpperCase(),
  });
  emit<PublicShortage>(
    context,
    format,
    items,
    [
      { header: 'reference', value: (r) => r.reference },
      { header: 'phase', value: (r) => r.phase },
      { header: 'product', value: (r) => r.products.map((p) => p.name).join('; ') },
      { header: 'start', value: (r) => r.expectedStart },
      { header: 'end', value: (r) => r.expectedEnd },
      { header: 'cause', value: (r) => r.causeCategory },
      {
        header: 'alternatives',
        value: (r) => r.products[0]?.alternatives.length ?? 0,
        numeric: true,
      },
    ],
    () => items,
  );
  return 0;
}
