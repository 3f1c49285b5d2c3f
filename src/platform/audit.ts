/** The append-only audit log: every write records who, when, what, before and after. */
import type pg from 'pg';
import type { Actor } from '../kernel/actor.ts';

export interface AuditEntry {
  /** Who: an Actor (user, token or system), or the plain name of a system actor ("cli:alice"). */
  readonly actor: string | Actor;
  /** Defaults to the actor's organisation. */
  readonly organisationId?: number | null;
  readonly action: string;
  readonly entity: string;
  readonly entityId: string | null;
  readonly before?: unknown;
  readonly after?: unknown;
}

/**
 * Keys whose values never belong in the audit log. Services leave them out; this is the second
 * line of defence, so a careless `after: input` cannot write a password into an append-only table.
 */
const SECRET_KEYS = new Set([
  'password',
  'passwordhash',
  'password_hash',
  'secret',
  'secrethash',
  'secret_hash',
  'token',
  'csrftoken',
  'csrf_token',
  'sessionid',
  'session_id',
  'id_hash',
]);

/** A copy of the value with every secret-named key (any depth) replaced by "[redacted]". */
export function redactSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactSecrets);
  if (value === null || typeof value !== 'object' || value instanceof Date) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) => [
      key,
      SECRET_KEYS.has(key.toLowerCase()) ? '[redacted]' : redactSecrets(inner),
    ]),
  );
}

function jsonOrNull(value: unknown): string | null {
  return value === undefined ? null : JSON.stringify(redactSecrets(value));
}

export async function appendAudit(
  client: pg.PoolClient | pg.Pool,
  entry: AuditEntry,
): Promise<void> {
  // A plain name is a system actor whose id is its name (as systemActor() builds it).
  const actor: Actor =
    typeof entry.actor === 'string'
      ? { kind: 'system', id: entry.actor, name: entry.actor, organisationId: null, role: 'admin' }
      : entry.actor;
  await client.query(
    `insert into audit_log (actor, actor_kind, actor_id, actor_role, organisation_id, action,
                            entity, entity_id, before, after)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    [
      actor.name,
      actor.kind,
      actor.id,
      typeof entry.actor === 'string' ? null : actor.role,
      entry.organisationId === undefined ? actor.organisationId : entry.organisationId,
      entry.action,
      entry.entity,
      entry.entityId,
      jsonOrNull(entry.before),
      jsonOrNull(entry.after),
    ],
  );
}
