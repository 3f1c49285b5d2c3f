/** The append-only audit log: every write records who, when, what, before and after. */
import type pg from 'pg';

export interface AuditEntry {
  readonly actor: string;
  readonly organisationId?: number | null;
  readonly action: string;
  readonly entity: string;
  readonly entityId: string | null;
  readonly before?: unknown;
  readonly after?: unknown;
}

export async function appendAudit(
  client: pg.PoolClient | pg.Pool,
  entry: AuditEntry,
): Promise<void> {
  await client.query(
    `insert into audit_log (actor, organisation_id, action, entity, entity_id, before, after)
     values ($1, $2, $3, $4, $5, $6, $7)`,
    [
      entry.actor,
      entry.organisationId ?? null,
      entry.action,
      entry.entity,
      entry.entityId,
      entry.before === undefined ? null : JSON.stringify(entry.before),
      entry.after === undefined ? null : JSON.stringify(entry.after),
    ],
  );
}
