/**
 * Notification use cases: a company submits and updates its reports; the notification centre
 * triages, comments, requests information and decides; everyone sees only what their role and
 * organisation allow. Every write is one transaction with its audit entry.
 */
import { createHash } from 'node:crypto';
import type pg from 'pg';
import { isAuthorityRole, type Actor } from '../kernel/actor.ts';
import { UserFacingError, type ProblemDetail } from '../kernel/errors.ts';
import { appendAudit } from '../platform/audit.ts';
import { readConfig } from '../platform/config.ts';
import { inTransaction } from '../platform/database.ts';
import { loadRegistrySnapshot } from '../registry/index.ts';
import { countExactAlternatives } from '../products/domain/alternatives.ts';
import { computeVulnerability } from '../vulnerability/domain/vulnerability.ts';
import { diffReports, type FieldChange } from './domain/diff.ts';
import {
  assessLateness,
  type LateAssessment,
  type LateReportingRule,
} from './domain/late-reporting.ts';
import { checkTransition, isOpen } from './domain/lifecycle.ts';
import {
  computeTriage,
  type TriageConfig,
  type TriageContext,
  type TriageResult,
} from './domain/triage.ts';
import type { NotificationReport, NotificationStatus } from './domain/types.ts';
import { hasControlCharacters, validateReport } from './domain/validation.ts';
import {
  findIdempotentResponse,
  findNotification,
  findNotificationIdByCompanyReference,
  findPacks,
  insertEvent,
  insertNotification,
  insertVersion,
  listEvents,
  listNotifications,
  listVersions,
  loadCatalogueAround,
  nextReference,
  saveIdempotentResponse,
  setPacks,
  updateFields,
  updateTriage,
  type NotificationFilter,
  type NotificationRow,
} from './store/notifications.store.ts';

/** What the notifications need from other capabilities, passed in so tests can vary it. */
export interface NotificationPorts {
  /** Foreign registers reporting the substance short on the date. */
  readonly foreignShortageCount: (pool: pg.Pool, atc: string, asOf: string) => Promise<number>;
}

export const DEFAULT_PORTS: NotificationPorts = { foreignShortageCount: () => Promise.resolve(0) };

export interface Clock {
  /** The moment of the request; its UTC date is the as-of date of triage and lateness. */
  readonly now: Date;
}

const isoDate = (date: Date) => date.toISOString().slice(0, 10);
const triageConfig = () => readConfig('triage') as TriageConfig;
const lateRule = () => readConfig('late-reporting') as LateReportingRule;

function notFound(id: number): UserFacingError {
  return new UserFacingError('MS_NOTIFICATION_NOT_FOUND', `no notification with id ${id}`);
}

function invalid(errors: ProblemDetail[]): UserFacingError {
  return new UserFacingError(
    'MS_REQUEST_INVALID',
    `${errors.length} invalid field${errors.length === 1 ? '' : 's'}`,
    errors,
  );
}

/** Company users see their own organisation's notifications only; others get 404, not 403. */
export function canSee(actor: Actor, row: { organisation_id: number }): boolean {
  return isAuthorityRole(actor.role) || actor.organisationId === row.organisation_id;
}

function requireReporter(actor: Actor): number {
  if (actor.role !== 'mah' || actor.organisationId === null) {
    throw new UserFacingError(
      'MS_AUTH_FORBIDDEN',
      'only a marketing-authorisation holder submits notifications',
    );
  }
  return actor.organisationId;
}

function requireAnalyst(actor: Actor): void {
  if (actor.role !== 'analyst' && actor.role !== 'admin') {
    throw new UserFacingError('MS_AUTH_FORBIDDEN', 'only the notification centre does this');
  }
}

/** Every pack must exist and belong to the reporting company; problems point at /packIds/n. */
async function checkPacks(
  client: pg.PoolClient,
  organisationId: number,
  packIds: readonly number[],
): Promise<Awaited<ReturnType<typeof findPacks>>> {
  const packs = await findPacks(client, packIds);
  const byId = new Map(packs.map((pack) => [pack.id, pack]));
  const errors: ProblemDetail[] = [];
  packIds.forEach((id, index) => {
    const pack = byId.get(id);
    if (pack?.mah_organisation_id !== organisationId) {
      // The same answer for "does not exist" and "not yours": existence does not leak.
      errors.push({
        pointer: `/packIds/${index}`,
        code: 'MS_REQUEST_INVALID',
        detail: `pack ${id} is not one of your packs`,
      });
    }
  });
  if (errors.length > 0) throw invalid(errors);
  return packs;
}

/** The facts the triage weighs, gathered for the report's packs on the as-of date. */
export async function gatherTriageContext(
  pool: pg.Pool,
  client: pg.PoolClient | pg.Pool,
  packs: Awaited<ReturnType<typeof findPacks>>,
  asOf: string,
  ports: NotificationPorts,
): Promise<TriageContext> {
  const codes = [
    ...new Set(packs.flatMap((pack) => (pack.atc_code === null ? [] : [pack.atc_code]))),
  ];
  const snapshot = await loadRegistrySnapshot(pool);
  const catalogue = await loadCatalogueAround(client, codes);
  const toCatalogueProduct = (row: (typeof catalogue)[number]) => ({
    id: row.id,
    mahOrganisationId: row.mah_organisation_id,
    atc: row.atc_code,
    doseForm: row.dose_form,
    strengthKey: row.strength_key,
    marketedPacks: row.marketed_packs,
  });
  const products = catalogue.map(toCatalogueProduct);
  let exactAlternatives = Number.POSITIVE_INFINITY;
  let alsoShort = 0;
  for (const productId of new Set(packs.map((pack) => pack.product_id))) {
    const product = products.find((p) => p.id === productId);
    if (product === undefined) continue;
    const count = countExactAlternatives(product, products);
    if (count < exactAlternatives) {
      exactAlternatives = count;
      const alternatives = catalogue.filter(
        (row) =>
          row.id !== product.id &&
          row.mah_organisation_id !== product.mahOrganisationId &&
          row.atc_code === product.atc &&
          row.strength_key === product.strengthKey &&
          row.marketed_packs > 0,
      );
      alsoShort = alternatives.filter((row) => row.has_open_notification).length;
    }
  }
  if (!Number.isFinite(exactAlternatives)) exactAlternatives = 0;
  let hhi: number | null = null;
  let foreign = 0;
  for (const code of codes) {
    const [row] = computeVulnerability(
      snapshot.observations.filter((o) => o.atc === code),
      'all',
    );
    if (row !== undefined) hhi = Math.max(hhi ?? 0, row.hhi);
    foreign += await ports.foreignShortageCount(pool, code, asOf);
  }
  return {
    onCriticalList: codes.some((code) => snapshot.critical.codes.has(code)),
    exactAlternatives,
    alternativesAlsoShort: Math.min(alsoShort, exactAlternatives),
    hospitalRelevant: packs.some((pack) => pack.hospital_only || pack.route === 'parenteral'),
    substanceHhi: hhi,
    foreignShortages: foreign,
  };
}

function requestHash(body: unknown, operation: string): string {
  return createHash('sha256')
    .update(operation)
    .update(JSON.stringify(body ?? null))
    .digest('hex');
}

export interface ServiceResponse<T> {
  readonly statusCode: number;
  readonly body: T;
  /** True when the answer is a stored one for a resent Idempotency-Key. */
  readonly replayed: boolean;
}

/**
 * Runs a write once per Idempotency-Key: a resent request with the same key and body gets the
 * first answer back; the same key with another body is refused.
 */
async function idempotent<T>(
  pool: pg.Pool,
  actor: Actor,
  key: string | undefined,
  operation: string,
  body: unknown,
  action: (client: pg.PoolClient) => Promise<{ statusCode: number; body: T }>,
): Promise<ServiceResponse<T>> {
  if (key !== undefined && (key.length === 0 || key.length > 200)) {
    throw new UserFacingError('MS_REQUEST_INVALID', 'Idempotency-Key must be 1 to 200 characters', [
      {
        pointer: '/headers/idempotency-key',
        code: 'MS_REQUEST_INVALID',
        detail: 'must be 1 to 200 characters',
      },
    ]);
  }
  return inTransaction(pool, async (client) => {
    const scope = `org:${actor.organisationId ?? 'none'}:${operation}`;
    const hash = requestHash(body, operation);
    if (key !== undefined) {
      await client.query('select pg_advisory_xact_lock(hashtext($1))', [`${scope}|${key}`]);
      const previous = await findIdempotentResponse(client, scope, key);
      if (previous !== undefined) {
        if (previous.request_hash !== hash) {
          throw new UserFacingError(
            'MS_IDEMPOTENCY_KEY_REUSED',
            'this Idempotency-Key was used for another request; use a new key for a new request',
          );
        }
        return { statusCode: previous.status_code, body: previous.response as T, replayed: true };
      }
    }
    const result = await action(client);
    if (key !== undefined) {
      await saveIdempotentResponse(client, {
        scope,
        key,
        requestHash: hash,
        statusCode: result.statusCode,
        response: result.body,
      });
    }
    return { ...result, replayed: false };
  });
}

export interface NotificationView {
  readonly id: number;
  readonly reference: string;
  readonly organisationId: number;
  readonly organisationName: string;
  readonly status: NotificationStatus;
  readonly version: number;
  readonly firstReportedOn: string;
  readonly unforeseeable: boolean;
  readonly publicAdvice: string;
  readonly report: NotificationReport;
  readonly products: NotificationRow['products'];
  readonly risk: { score: number | null; riskClass: string | null; factors: unknown };
  readonly lateness: LateAssessment;
  readonly updatedAt: string;
}

export function toView(row: NotificationRow): NotificationView {
  return {
    id: row.id,
    reference: row.reference,
    organisationId: row.organisation_id,
    organisationName: row.organisation_name,
    status: row.status,
    version: row.current_version,
    firstReportedOn: row.first_reported_on,
    unforeseeable: row.unforeseeable,
    publicAdvice: row.public_advice,
    report: row.report,
    products: row.products,
    risk: { score: row.risk_score, riskClass: row.risk_class, factors: row.risk_factors },
    lateness: assessLateness(
      lateRule(),
      row.report.expectedStart,
      row.first_reported_on,
      row.unforeseeable,
    ),
    updatedAt: row.updated_at.toISOString(),
  };
}

export async function submitNotification(
  pool: pg.Pool,
  actor: Actor,
  body: unknown,
  options: Clock & { idempotencyKey?: string | undefined; ports?: NotificationPorts },
): Promise<ServiceResponse<NotificationView>> {
  const organisationId = requireReporter(actor);
  const validation = validateReport(body);
  if (!validation.ok) throw invalid(validation.errors);
  const report = validation.report;
  return idempotent(pool, actor, options.idempotencyKey, 'submit', body, async (client) => {
    if (report.companyReference !== null) {
      const existing = await findNotificationIdByCompanyReference(
        client,
        organisationId,
        report.companyReference,
      );
      if (existing !== undefined) {
        throw new UserFacingError(
          'MS_NOTIFICATION_DUPLICATE',
          `notification ${existing} already has companyReference ${report.companyReference}; send an update to /v1/notifications/${existing}/versions`,
          [
            {
              pointer: '/companyReference',
              code: 'MS_NOTIFICATION_DUPLICATE',
              detail: `companyReference ${report.companyReference} is used by notification ${existing}`,
            },
          ],
        );
      }
    }
    const packs = await checkPacks(client, organisationId, report.packIds);
    const asOf = isoDate(options.now);
    const triage = computeTriage(
      report,
      await gatherTriageContext(pool, client, packs, asOf, options.ports ?? DEFAULT_PORTS),
      triageConfig(),
    );
    const reference = await nextReference(client, options.now.getUTCFullYear());
    const id = await insertNotification(client, {
      reference,
      organisationId,
      report,
      firstReportedOn: asOf,
      actorId: actor.name,
      triage,
    });
    await insertEvent(client, {
      notificationId: id,
      actor: actor.name,
      actorRole: actor.role,
      kind: 'update',
      body: 'version 1',
    });
    const row = await findNotification(client, id);
    if (row === undefined) throw new Error(`notification ${id} vanished`);
    await appendAudit(client, {
      actor,
      organisationId,
      action: 'create',
      entity: 'notification',
      entityId: String(id),
      after: { reference, report, risk: { score: triage.score, class: triage.riskClass } },
    });
    return { statusCode: 201, body: toView(row) };
  });
}

export async function updateNotification(
  pool: pg.Pool,
  actor: Actor,
  id: number,
  body: unknown,
  options: Clock & { idempotencyKey?: string | undefined; ports?: NotificationPorts },
): Promise<ServiceResponse<NotificationView & { changes: FieldChange[] }>> {
  const organisationId = requireReporter(actor);
  const validation = validateReport(body);
  if (!validation.ok) throw invalid(validation.errors);
  const report = validation.report;
  return idempotent(pool, actor, options.idempotencyKey, `update:${id}`, body, async (client) => {
    const current = await findNotification(client, id, true);
    if (current === undefined || current.organisation_id !== organisationId) throw notFound(id);
    if (!isOpen(current.status)) {
      throw new UserFacingError(
        'MS_NOTIFICATION_CLOSED',
        `notification ${current.reference} is ${current.status}: it takes no updates`,
      );
    }
    const packs = await checkPacks(client, organisationId, report.packIds);
    const changes = diffReports(current.report, report);
    const version = current.current_version + 1;
    await insertVersion(client, id, version, report, actor.name);
    await setPacks(client, id, report.packIds);
    const triage: TriageResult = computeTriage(
      report,
      await gatherTriageContext(
        pool,
        client,
        packs,
        isoDate(options.now),
        options.ports ?? DEFAULT_PORTS,
      ),
      triageConfig(),
    );
    await updateTriage(client, id, triage);
    await updateFields(client, id, { publicChange: current.status === 'confirmed_shortage' });
    await insertEvent(client, {
      notificationId: id,
      actor: actor.name,
      actorRole: actor.role,
      kind: 'update',
      body: `version ${version}: ${changes.map((c) => c.field).join(', ') || 'no changes'}`,
    });
    await appendAudit(client, {
      actor,
      organisationId,
      action: 'update',
      entity: 'notification',
      entityId: String(id),
      before: { version: current.current_version, report: current.report },
      after: { version, report },
    });
    const row = await findNotification(client, id);
    if (row === undefined) throw notFound(id);
    return { statusCode: 200, body: { ...toView(row), changes } };
  });
}

export async function getNotification(pool: pg.Pool, actor: Actor, id: number) {
  const row = await findNotification(pool, id);
  if (row === undefined || !canSee(actor, row)) throw notFound(id);
  const versions = await listVersions(pool, id);
  const events = await listEvents(pool, id);
  return {
    ...toView(row),
    versions: versions.map((version, index) => ({
      version: version.version,
      submittedAt: version.submitted_at.toISOString(),
      submittedBy: version.submitted_by,
      report: version.report,
      changes:
        index === 0
          ? []
          : diffReports(versions[index - 1]?.report ?? version.report, version.report),
    })),
    events: events.map((event) => ({
      id: event.id,
      at: event.at.toISOString(),
      actor: event.actor,
      actorRole: event.actor_role,
      kind: event.kind,
      fromStatus: event.from_status,
      toStatus: event.to_status,
      body: event.body,
    })),
  };
}

export async function listQueue(
  pool: pg.Pool,
  actor: Actor,
  filter: Omit<NotificationFilter, 'organisationId'>,
): Promise<NotificationView[]> {
  const rows = await listNotifications(pool, {
    ...filter,
    ...(isAuthorityRole(actor.role) ? {} : { organisationId: actor.organisationId ?? -1 }),
  });
  return rows.map(toView);
}

export async function changeStatus(
  pool: pg.Pool,
  actor: Actor,
  id: number,
  to: NotificationStatus,
  comment: string,
): Promise<NotificationView> {
  return inTransaction(pool, async (client) => {
    const current = await findNotification(client, id, true);
    if (current === undefined || !canSee(actor, current)) throw notFound(id);
    const check = checkTransition(
      current.status,
      to,
      actor.role,
      actor.organisationId === current.organisation_id,
    );
    if (!check.ok) {
      throw new UserFacingError(
        check.reason.startsWith('your role') ? 'MS_AUTH_FORBIDDEN' : 'MS_NOTIFICATION_TRANSITION',
        check.reason,
      );
    }
    const publicBefore = current.status === 'confirmed_shortage';
    const publicAfter = to === 'confirmed_shortage';
    await updateFields(client, id, { status: to, publicChange: publicBefore || publicAfter });
    await insertEvent(client, {
      notificationId: id,
      actor: actor.name,
      actorRole: actor.role,
      kind: 'status_change',
      fromStatus: current.status,
      toStatus: to,
      body: comment,
    });
    await appendAudit(client, {
      actor,
      organisationId: actor.organisationId,
      action: 'status_change',
      entity: 'notification',
      entityId: String(id),
      before: { status: current.status },
      after: { status: to, comment },
    });
    const row = await findNotification(client, id);
    if (row === undefined) throw notFound(id);
    return toView(row);
  });
}

export type AnalystNote =
  | { kind: 'comment'; body: string }
  | { kind: 'information_request'; body: string }
  | { kind: 'advice'; body: string }
  | { kind: 'unforeseeable'; value: boolean; body: string };

/** Comments (both sides), information requests, public advice and the unforeseeable mark. */
export async function addNote(
  pool: pg.Pool,
  actor: Actor,
  id: number,
  note: AnalystNote,
): Promise<NotificationView> {
  if (note.kind !== 'comment') requireAnalyst(actor);
  if (note.body.length > 4000 || hasControlCharacters(note.body)) {
    throw invalid([
      {
        pointer: '/body',
        code: 'MS_REQUEST_INVALID',
        detail: 'body must be at most 4000 characters, without control characters',
      },
    ]);
  }
  return inTransaction(pool, async (client) => {
    const current = await findNotification(client, id, true);
    if (current === undefined || !canSee(actor, current)) throw notFound(id);
    if (note.kind === 'comment' && !isAuthorityRole(actor.role) && actor.role !== 'mah') {
      throw new UserFacingError('MS_AUTH_FORBIDDEN', 'your role may not comment on notifications');
    }
    if (note.kind === 'advice') {
      await updateFields(client, id, {
        publicAdvice: note.body,
        publicChange: current.status === 'confirmed_shortage',
      });
    }
    if (note.kind === 'unforeseeable')
      await updateFields(client, id, { unforeseeable: note.value });
    await insertEvent(client, {
      notificationId: id,
      actor: actor.name,
      actorRole: actor.role,
      kind: note.kind === 'unforeseeable' ? 'comment' : note.kind,
      body:
        note.kind === 'unforeseeable'
          ? `unforeseeable: ${String(note.value)}. ${note.body}`.trim()
          : note.body,
    });
    await appendAudit(client, {
      actor,
      organisationId: actor.organisationId,
      action: note.kind,
      entity: 'notification',
      entityId: String(id),
      before:
        note.kind === 'advice'
          ? { publicAdvice: current.public_advice }
          : note.kind === 'unforeseeable'
            ? { unforeseeable: current.unforeseeable }
            : undefined,
      after: note,
    });
    const row = await findNotification(client, id);
    if (row === undefined) throw notFound(id);
    return toView(row);
  });
}

/** Re-scores open notifications (after new registers, catalogue or signals), as of a date. */
export async function retriageOpen(
  pool: pg.Pool,
  asOf: string,
  ports: NotificationPorts = DEFAULT_PORTS,
): Promise<number> {
  const rows = await listNotifications(pool, {
    statuses: ['submitted', 'triaged', 'confirmed_shortage'],
  });
  for (const row of rows) {
    const packs = await findPacks(pool, row.report.packIds);
    const triage = computeTriage(
      row.report,
      await gatherTriageContext(pool, pool, packs, asOf, ports),
      triageConfig(),
    );
    await updateTriage(pool, row.id, triage);
  }
  return rows.length;
}
