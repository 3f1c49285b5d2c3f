/** Reading the audit log (appending is platform/audit.ts, shared by every capability). */
import type pg from 'pg';
import type { Role } from '../../kernel/actor.ts';
import type { AuditLogEntry, AuditLogFilter } from '../domain/types.ts';

type Queryable = pg.Pool | pg.PoolClient;

interface AuditRow {
  id: number;
  at: Date;
  actor: string;
  actor_kind: 'user' | 'token' | 'system' | null;
  actor_id: string | null;
  actor_role: Role | null;
  organisation_id: number | null;
  action: string;
  entity: string;
  entity_id: string | null;
  before: unknown;
  after: unknown;
}

function toEntry(row: AuditRow): AuditLogEntry {
  return {
    id: row.id,
    at: row.at.toISOString(),
    actor: {
      // Entries written before actors were recorded name only a system actor.
      kind: row.actor_kind ?? 'system',
      id: row.actor_id,
      name: row.actor,
      organisationId: row.organisation_id,
      role: row.actor_role,
    },
    action: row.action,
    entity: row.entity,
    entityId: row.entity_id,
    before: row.before,
    after: row.after,
  };
}

/** Newest first. `actor` matches "kind:id" (user:12, token:3) or the actor's name. */
export async function listAuditEntries(
  db: Queryable,
  filter: AuditLogFilter & { limit: number; offset: number },
): Promise<{ items: AuditLogEntry[]; total: number }> {
  const where = `($1::text is null or entity = $1)
    and ($2::text is null or entity_id = $2)
    and ($3::text is null or actor = $3 or (actor_kind || ':' || actor_id) = $3)
    and ($4::timestamptz is null or at >= $4)`;
  const params = [
    filter.entity ?? null,
    filter.entityId ?? null,
    filter.actor ?? null,
    filter.since ?? null,
  ];
  const [rows, count] = await Promise.all([
    db.query<AuditRow>(
      `select id, at, actor, actor_kind, actor_id, actor_role, organisation_id, action, entity,
              entity_id, before, after
         from audit_log where ${where} order by id desc limit $5 offset $6`,
      [...params, filter.limit, filter.offset],
    ),
    db.query<{ total: number }>(
      `select count(*)::int as total from audit_log where ${where}`,
      params,
    ),
  ]);
  return { items: rows.rows.map(toEntry), total: count.rows[0]?.total ?? 0 };
}
