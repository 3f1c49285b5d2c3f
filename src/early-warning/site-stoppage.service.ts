/**
 * Site stoppages: a registered manufacturing site stopped (a failed inspection, a bankruptcy).
 * The notification centre and the coordination team record them; the watchlist's "site stopped"
 * reason and the scenario's site list read them. Every write is audited.
 */
import type pg from 'pg';
import type { Actor, Role } from '../kernel/actor.ts';
import { UserFacingError, type ProblemDetail } from '../kernel/errors.ts';
import { appendAudit } from '../platform/audit.ts';
import { inTransaction } from '../platform/database.ts';
import {
  findStoppage,
  insertStoppage,
  listStoppages,
  loadSites,
  updateStoppageEnd,
  type SiteStoppage,
  type StoppageInput,
} from './store/early-warning.store.ts';

/** Who records and ends stoppages: the notification centre, the coordination team, the operator. */
export const STOPPAGE_WRITER_ROLES: readonly Role[] = ['analyst', 'coordinator', 'admin'];

function requireWriter(actor: Actor): void {
  if (!STOPPAGE_WRITER_ROLES.includes(actor.role)) {
    throw new UserFacingError(
      'MS_AUTH_FORBIDDEN',
      `role ${actor.role} may not record site stoppages; allowed: ${STOPPAGE_WRITER_ROLES.join(', ')}`,
    );
  }
}

function invalid(problems: readonly ProblemDetail[]): UserFacingError {
  return new UserFacingError(
    'MS_REQUEST_INVALID',
    problems.map((p) => p.detail).join('; '),
    problems,
  );
}

/** Stoppages in force on a day (stopped then, and known then), or all of them. */
export async function listSiteStoppages(
  pool: pg.Pool,
  asOf: string | undefined,
): Promise<SiteStoppage[]> {
  return listStoppages(pool, asOf);
}

export async function createSiteStoppage(
  pool: pg.Pool,
  actor: Actor,
  input: StoppageInput,
): Promise<SiteStoppage> {
  requireWriter(actor);
  const reason = input.reason.trim();
  const problems: ProblemDetail[] = [];
  if (reason.length === 0) {
    problems.push({
      pointer: '/body/reason',
      code: 'MS_REQUEST_INVALID',
      detail: 'reason must not be empty',
    });
  }
  // eslint-disable-next-line no-control-regex -- control characters are what is refused
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(reason)) {
    problems.push({
      pointer: '/body/reason',
      code: 'MS_TEXT_CONTROL_CHARACTERS',
      detail: 'reason contains control characters',
    });
  }
  if (input.endDate !== null && input.endDate < input.startDate) {
    problems.push({
      pointer: '/body/endDate',
      code: 'MS_REQUEST_INVALID',
      detail: `endDate ${input.endDate} lies before startDate ${input.startDate}`,
    });
  }
  if (!(await loadSites(pool, [input.siteId])).has(input.siteId)) {
    problems.push({
      pointer: '/body/siteId',
      code: 'MS_SITE_NOT_FOUND',
      detail: `no manufacturing site with id ${input.siteId}`,
    });
  }
  if (problems.length > 0) throw invalid(problems);
  const id = await inTransaction(pool, async (client) => {
    const created = await insertStoppage(client, { ...input, reason }, 'authority', actor.name);
    await appendAudit(client, {
      actor,
      action: 'create',
      entity: 'site_stoppage',
      entityId: String(created),
      after: { ...input, reason },
    });
    return created;
  });
  const stoppage = await findStoppage(pool, id);
  if (stoppage === undefined) throw new Error(`site stoppage ${id} vanished`);
  return stoppage;
}

/** Sets (or, with null, clears) the last day of a stoppage. */
export async function endSiteStoppage(
  pool: pg.Pool,
  actor: Actor,
  id: number,
  endDate: string | null,
): Promise<SiteStoppage> {
  requireWriter(actor);
  await inTransaction(pool, async (client) => {
    const before = await findStoppage(client, id, { forUpdate: true });
    if (before === undefined) {
      throw new UserFacingError('MS_SITE_STOPPAGE_NOT_FOUND', `no site stoppage with id ${id}`);
    }
    if (endDate !== null && endDate < before.startDate) {
      throw invalid([
        {
          pointer: '/body/endDate',
          code: 'MS_REQUEST_INVALID',
          detail: `endDate ${endDate} lies before the stoppage's start ${before.startDate}`,
        },
      ]);
    }
    await updateStoppageEnd(client, id, endDate);
    await appendAudit(client, {
      actor,
      action: 'update',
      entity: 'site_stoppage',
      entityId: String(id),
      before: { endDate: before.endDate },
      after: { endDate },
    });
  });
  const stoppage = await findStoppage(pool, id);
  if (stoppage === undefined) throw new Error(`site stoppage ${id} vanished`);
  return stoppage;
}
