/** Users: who logs in to the web app, for which organisation and in which role. */
import type pg from 'pg';
import type { Role } from '../../kernel/actor.ts';
import type { OrganisationKind, User } from '../domain/types.ts';

type Queryable = pg.Pool | pg.PoolClient;

interface UserRow {
  id: number;
  organisation_id: number;
  email: string;
  display_name: string;
  role: Role;
  disabled: boolean;
  created_at: Date;
  last_login_at: Date | null;
}

const COLUMNS =
  'u.id, u.organisation_id, u.email, u.display_name, u.role, u.disabled, u.created_at, u.last_login_at';

function toUser(row: UserRow): User {
  return {
    id: row.id,
    organisationId: row.organisation_id,
    email: row.email,
    displayName: row.display_name,
    role: row.role,
    disabled: row.disabled,
    createdAt: row.created_at.toISOString(),
    lastLoginAt: row.last_login_at?.toISOString() ?? null,
  };
}

/** A user with what only the login needs: the password hash and the organisation's kind. */
export interface UserCredentials {
  readonly user: User;
  readonly passwordHash: string;
  readonly organisationKind: OrganisationKind;
}

export async function findUser(
  db: Queryable,
  id: number,
  options: { forUpdate?: boolean } = {},
): Promise<User | undefined> {
  const result = await db.query<UserRow>(
    `select ${COLUMNS} from app_user u where u.id = $1${options.forUpdate === true ? ' for update' : ''}`,
    [id],
  );
  const row = result.rows[0];
  return row === undefined ? undefined : toUser(row);
}

export async function findCredentialsByEmail(
  db: Queryable,
  emailKey: string,
): Promise<UserCredentials | undefined> {
  const result = await db.query<UserRow & { password_hash: string; kind: OrganisationKind }>(
    `select ${COLUMNS}, u.password_hash, o.kind
       from app_user u join organisation o on o.id = u.organisation_id
      where lower(u.email) = $1`,
    [emailKey],
  );
  const row = result.rows[0];
  return row === undefined
    ? undefined
    : { user: toUser(row), passwordHash: row.password_hash, organisationKind: row.kind };
}

export async function emailTaken(db: Queryable, emailKey: string): Promise<boolean> {
  const result = await db.query('select 1 from app_user where lower(email) = $1', [emailKey]);
  return (result.rowCount ?? 0) > 0;
}

export interface UserListQuery {
  readonly organisationId?: number | undefined;
  readonly role?: Role | undefined;
  readonly limit: number;
  readonly offset: number;
}

export async function listUsers(
  db: Queryable,
  query: UserListQuery,
): Promise<{ items: User[]; total: number }> {
  const where = `($1::bigint is null or u.organisation_id = $1) and ($2::text is null or u.role = $2)`;
  const params = [query.organisationId ?? null, query.role ?? null];
  const [rows, count] = await Promise.all([
    db.query<UserRow>(
      `select ${COLUMNS} from app_user u where ${where} order by lower(u.email) limit $3 offset $4`,
      [...params, query.limit, query.offset],
    ),
    db.query<{ total: number }>(
      `select count(*)::int as total from app_user u where ${where}`,
      params,
    ),
  ]);
  return { items: rows.rows.map(toUser), total: count.rows[0]?.total ?? 0 };
}

export async function insertUser(
  db: Queryable,
  input: {
    organisationId: number;
    email: string;
    displayName: string;
    role: Role;
    passwordHash: string;
  },
): Promise<User> {
  const result = await db.query<UserRow>(
    `insert into app_user as u (organisation_id, email, display_name, role, password_hash)
     values ($1, $2, $3, $4, $5)
     returning ${COLUMNS}`,
    [input.organisationId, input.email, input.displayName, input.role, input.passwordHash],
  );
  const row = result.rows[0];
  if (row === undefined) throw new Error('insert into app_user returned no row');
  return toUser(row);
}

export async function updateUser(
  db: Queryable,
  id: number,
  change: {
    displayName?: string | undefined;
    role?: Role | undefined;
    disabled?: boolean | undefined;
    passwordHash?: string | undefined;
  },
): Promise<User> {
  const result = await db.query<UserRow>(
    `update app_user u set
       display_name = coalesce($2, display_name),
       role = coalesce($3, role),
       disabled = coalesce($4, disabled),
       password_hash = coalesce($5, password_hash),
       updated_at = now()
     where u.id = $1
     returning ${COLUMNS}`,
    [
      id,
      change.displayName ?? null,
      change.role ?? null,
      change.disabled ?? null,
      change.passwordHash ?? null,
    ],
  );
  const row = result.rows[0];
  if (row === undefined) throw new Error(`user ${id} vanished during the update`);
  return toUser(row);
}

export async function recordLogin(db: Queryable, id: number, at: Date): Promise<void> {
  await db.query('update app_user set last_login_at = $2 where id = $1', [id, at]);
}
