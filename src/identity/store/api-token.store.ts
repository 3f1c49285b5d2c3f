/** API tokens, found by the SHA-256 of their secret. */
import type pg from 'pg';
import type { Role } from '../../kernel/actor.ts';
import type { ApiToken } from '../domain/types.ts';

type Queryable = pg.Pool | pg.PoolClient;

interface ApiTokenRow {
  id: number;
  organisation_id: number;
  role: Role;
  name: string;
  prefix: string;
  created_by: string;
  created_at: Date;
  expires_at: Date | null;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

const COLUMNS =
  'id, organisation_id, role, name, prefix, created_by, created_at, expires_at, last_used_at, revoked_at';

function toApiToken(row: ApiTokenRow): ApiToken {
  return {
    id: row.id,
    organisationId: row.organisation_id,
    role: row.role,
    name: row.name,
    prefix: row.prefix,
    createdBy: row.created_by,
    createdAt: row.created_at.toISOString(),
    expiresAt: row.expires_at?.toISOString() ?? null,
    lastUsedAt: row.last_used_at?.toISOString() ?? null,
    revokedAt: row.revoked_at?.toISOString() ?? null,
  };
}

export async function insertApiToken(
  db: Queryable,
  input: {
    organisationId: number;
    role: Role;
    name: string;
    hash: Buffer;
    prefix: string;
    createdBy: string;
    expiresAt: Date | null;
  },
): Promise<ApiToken> {
  const result = await db.query<ApiTokenRow>(
    `insert into api_token (organisation_id, role, name, secret_hash, prefix, created_by, expires_at)
     values ($1, $2, $3, $4, $5, $6, $7)
     returning ${COLUMNS}`,
    [
      input.organisationId,
      input.role,
      input.name,
      input.hash,
      input.prefix,
      input.createdBy,
      input.expiresAt,
    ],
  );
  const row = result.rows[0];
  if (row === undefined) throw new Error('insert into api_token returned no row');
  return toApiToken(row);
}

export async function findApiToken(
  db: Queryable,
  id: number,
  options: { forUpdate?: boolean } = {},
): Promise<ApiToken | undefined> {
  const result = await db.query<ApiTokenRow>(
    `select ${COLUMNS} from api_token where id = $1${options.forUpdate === true ? ' for update' : ''}`,
    [id],
  );
  const row = result.rows[0];
  return row === undefined ? undefined : toApiToken(row);
}

export async function findApiTokenByHash(
  db: Queryable,
  hash: Buffer,
): Promise<ApiToken | undefined> {
  const result = await db.query<ApiTokenRow>(
    `select ${COLUMNS} from api_token where secret_hash = $1`,
    [hash],
  );
  const row = result.rows[0];
  return row === undefined ? undefined : toApiToken(row);
}

export async function listApiTokens(
  db: Queryable,
  query: { organisationId?: number | undefined; limit: number; offset: number },
): Promise<{ items: ApiToken[]; total: number }> {
  const [rows, count] = await Promise.all([
    db.query<ApiTokenRow>(
      `select ${COLUMNS} from api_token where ($1::bigint is null or organisation_id = $1)
        order by id limit $2 offset $3`,
      [query.organisationId ?? null, query.limit, query.offset],
    ),
    db.query<{ total: number }>(
      'select count(*)::int as total from api_token where ($1::bigint is null or organisation_id = $1)',
      [query.organisationId ?? null],
    ),
  ]);
  return { items: rows.rows.map(toApiToken), total: count.rows[0]?.total ?? 0 };
}

export async function revokeApiToken(db: Queryable, id: number, at: Date): Promise<ApiToken> {
  const result = await db.query<ApiTokenRow>(
    `update api_token set revoked_at = coalesce(revoked_at, $2) where id = $1 returning ${COLUMNS}`,
    [id, at],
  );
  const row = result.rows[0];
  if (row === undefined) throw new Error(`api token ${id} vanished during the revocation`);
  return toApiToken(row);
}

/** Records use at most once a minute, so a busy integration does not write on every call. */
export async function touchApiToken(db: Queryable, id: number, at: Date): Promise<void> {
  await db.query(
    `update api_token set last_used_at = $2
      where id = $1 and (last_used_at is null or last_used_at < $2::timestamptz - interval '1 minute')`,
    [id, at],
  );
}
