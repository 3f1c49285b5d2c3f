/** Web sessions, found by the SHA-256 of the cookie's random id. */
import type pg from 'pg';
import type { Role } from '../../kernel/actor.ts';

type Queryable = pg.Pool | pg.PoolClient;

export interface StoredSession {
  readonly userId: number;
  readonly email: string;
  readonly organisationId: number;
  readonly role: Role;
  readonly disabled: boolean;
  readonly csrfToken: string;
  readonly createdAt: Date;
  readonly lastSeenAt: Date;
  readonly expiresAt: Date;
}

export async function insertSession(
  db: Queryable,
  session: {
    idHash: Buffer;
    userId: number;
    csrfToken: string;
    createdAt: Date;
    expiresAt: Date;
    clientIp: string;
  },
): Promise<void> {
  await db.query(
    `insert into user_session (id_hash, user_id, csrf_token, created_at, last_seen_at, expires_at,
                               client_ip)
     values ($1, $2, $3, $4, $4, $5, $6)`,
    [
      session.idHash,
      session.userId,
      session.csrfToken,
      session.createdAt,
      session.expiresAt,
      session.clientIp,
    ],
  );
}

export async function findSession(
  db: Queryable,
  idHash: Buffer,
): Promise<StoredSession | undefined> {
  const result = await db.query<{
    user_id: number;
    email: string;
    organisation_id: number;
    role: Role;
    disabled: boolean;
    csrf_token: string;
    created_at: Date;
    last_seen_at: Date;
    expires_at: Date;
  }>(
    `select s.user_id, u.email, u.organisation_id, u.role, u.disabled, s.csrf_token, s.created_at,
            s.last_seen_at, s.expires_at
       from user_session s join app_user u on u.id = s.user_id
      where s.id_hash = $1`,
    [idHash],
  );
  const row = result.rows[0];
  if (row === undefined) return undefined;
  return {
    userId: row.user_id,
    email: row.email,
    organisationId: row.organisation_id,
    role: row.role,
    disabled: row.disabled,
    csrfToken: row.csrf_token,
    createdAt: row.created_at,
    lastSeenAt: row.last_seen_at,
    expiresAt: row.expires_at,
  };
}

export async function touchSession(db: Queryable, idHash: Buffer, at: Date): Promise<void> {
  await db.query('update user_session set last_seen_at = $2 where id_hash = $1', [idHash, at]);
}

export async function deleteSession(db: Queryable, idHash: Buffer): Promise<void> {
  await db.query('delete from user_session where id_hash = $1', [idHash]);
}

/** Ends every login of a user (when disabled or given a new password or role). */
export async function deleteUserSessions(db: Queryable, userId: number): Promise<number> {
  const result = await db.query('delete from user_session where user_id = $1', [userId]);
  return result.rowCount ?? 0;
}

export async function deleteExpiredSessions(db: Queryable, now: Date): Promise<void> {
  await db.query('delete from user_session where expires_at <= $1', [now]);
}
