/** Organisations: the registry's manufacturers and the companies and authorities that log in. */
import type pg from 'pg';
import type { Role } from '../../kernel/actor.ts';
import type { Organisation, OrganisationKind } from '../domain/types.ts';

type Queryable = pg.Pool | pg.PoolClient;

interface OrganisationRow {
  id: number;
  name: string;
  kind: OrganisationKind;
  external_code: string | null;
  created_at: Date;
}

const COLUMNS = 'id, name, kind, external_code, created_at';

function toOrganisation(row: OrganisationRow): Organisation {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    externalCode: row.external_code,
    createdAt: row.created_at.toISOString(),
  };
}

export async function findOrganisation(
  db: Queryable,
  id: number,
  options: { forUpdate?: boolean } = {},
): Promise<Organisation | undefined> {
  const result = await db.query<OrganisationRow>(
    `select ${COLUMNS} from organisation where id = $1${options.forUpdate === true ? ' for update' : ''}`,
    [id],
  );
  const row = result.rows[0];
  return row === undefined ? undefined : toOrganisation(row);
}

/** The organisation holding this normalised name or external code, if any. */
export async function findConflictingOrganisation(
  db: Queryable,
  nameKey: string | undefined,
  externalCode: string | null | undefined,
  exceptId?: number,
): Promise<Organisation | undefined> {
  const result = await db.query<OrganisationRow>(
    `select ${COLUMNS} from organisation
      where (name_key = $1 or external_code = $2) and ($3::bigint is null or id <> $3)
      order by id limit 1`,
    [nameKey ?? null, externalCode ?? null, exceptId ?? null],
  );
  const row = result.rows[0];
  return row === undefined ? undefined : toOrganisation(row);
}

export async function findOrganisationByNameKey(
  db: Queryable,
  nameKey: string,
): Promise<Organisation | undefined> {
  const result = await db.query<OrganisationRow>(
    `select ${COLUMNS} from organisation where name_key = $1`,
    [nameKey],
  );
  const row = result.rows[0];
  return row === undefined ? undefined : toOrganisation(row);
}

export interface OrganisationListQuery {
  readonly kind?: OrganisationKind | undefined;
  /** Part of the name, any case. */
  readonly query?: string | undefined;
  /** Only this organisation (a company sees its own). */
  readonly onlyId?: number | undefined;
  readonly limit: number;
  readonly offset: number;
}

export async function listOrganisations(
  db: Queryable,
  query: OrganisationListQuery,
): Promise<{ items: Organisation[]; total: number }> {
  const where = `($1::text is null or kind = $1)
    and ($2::text is null or strpos(lower(name), lower($2)) > 0)
    and ($3::bigint is null or id = $3)`;
  const params = [query.kind ?? null, query.query ?? null, query.onlyId ?? null];
  const [rows, count] = await Promise.all([
    db.query<OrganisationRow>(
      `select ${COLUMNS} from organisation where ${where} order by name, id limit $4 offset $5`,
      [...params, query.limit, query.offset],
    ),
    db.query<{ total: number }>(
      `select count(*)::int as total from organisation where ${where}`,
      params,
    ),
  ]);
  return { items: rows.rows.map(toOrganisation), total: count.rows[0]?.total ?? 0 };
}

export async function insertOrganisation(
  db: Queryable,
  input: { name: string; nameKey: string; kind: OrganisationKind; externalCode: string | null },
): Promise<Organisation> {
  const result = await db.query<OrganisationRow>(
    `insert into organisation (name, name_key, kind, external_code) values ($1, $2, $3, $4)
     returning ${COLUMNS}`,
    [input.name, input.nameKey, input.kind, input.externalCode],
  );
  const row = result.rows[0];
  if (row === undefined) throw new Error('insert into organisation returned no row');
  return toOrganisation(row);
}

export async function updateOrganisation(
  db: Queryable,
  id: number,
  change: {
    name?: string | undefined;
    nameKey?: string | undefined;
    kind?: OrganisationKind | undefined;
    externalCode?: string | null | undefined;
  },
): Promise<Organisation> {
  const result = await db.query<OrganisationRow>(
    `update organisation set
       name = coalesce($2, name),
       name_key = coalesce($3, name_key),
       kind = coalesce($4, kind),
       external_code = case when $5 then $6 else external_code end
     where id = $1
     returning ${COLUMNS}`,
    [
      id,
      change.name ?? null,
      change.nameKey ?? null,
      change.kind ?? null,
      change.externalCode !== undefined,
      change.externalCode ?? null,
    ],
  );
  const row = result.rows[0];
  if (row === undefined) throw new Error(`organisation ${id} vanished during the update`);
  return toOrganisation(row);
}

/** The roles of an organisation's users and live tokens: what its kind must fit. */
export async function rolesInOrganisation(db: Queryable, id: number): Promise<Role[]> {
  const result = await db.query<{ role: Role }>(
    `select role from app_user where organisation_id = $1
     union select role from api_token where organisation_id = $1 and revoked_at is null`,
    [id],
  );
  return result.rows.map((row) => row.role);
}
