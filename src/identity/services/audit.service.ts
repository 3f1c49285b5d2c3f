/** Reading the audit log: analysts and the operator only. */
import type pg from 'pg';
import type { Actor } from '../../kernel/actor.ts';
import { UserFacingError } from '../../kernel/errors.ts';
import type { Page } from '../../platform/http-server.ts';
import { AUDIT_LOG_READER_ROLES, canReadAuditLog } from '../domain/permissions.ts';
import type { AuditLogEntry, AuditLogFilter } from '../domain/types.ts';
import { listAuditEntries } from '../store/audit-log.store.ts';
import { limitOffset, type PageRequest } from './guards.ts';

export async function listAuditLog(
  pool: pg.Pool,
  actor: Actor,
  query: AuditLogFilter & PageRequest,
): Promise<Page<AuditLogEntry>> {
  if (!canReadAuditLog(actor)) {
    throw new UserFacingError(
      'MS_AUTH_FORBIDDEN',
      `the audit log is for ${AUDIT_LOG_READER_ROLES.join(' and ')} only`,
    );
  }
  const result = await listAuditEntries(pool, { ...query, ...limitOffset(query) });
  return { ...result, page: query.page, pageSize: query.pageSize };
}
