/** All SQL of the products capability. */
import type pg from 'pg';
import type { PackInput } from '../domain/types.ts';

export interface ProductOwnerRow {
  registration_number: string;
  mah_organisation_id: number;
}

/** Who holds each of these registration numbers today. */
export async function findProductOwners(
  client: pg.PoolClient | pg.Pool,
  registrationNumbers: readonly string[],
): Promise<Map<string, number>> {
  const result = await client.query<ProductOwnerRow>(
    'select registration_number, mah_organisation_id from medicinal_product where registration_number = any($1)',
    [registrationNumbers],
  );
  return new Map(result.rows.map((row) => [row.registration_number, row.mah_organisation_id]));
}

/** Which product each of these GTINs and Z-index numbers belongs to today. */
export async function findPackOwners(
  client: pg.PoolClient | pg.Pool,
  gtins: readonly string[],
  nationalCodes: readonly string[],
): Promise<{ byGtin: Map<string, string>; byNationalCode: Map<string, string> }> {
  const result = await client.query<{
    gtin: string | null;
    national_code: string | null;
    registration_number: string;
  }>(
    `select k.gtin, k.national_code, p.registration_number from pack k
       join medicinal_product p on p.id = k.product_id
      where k.gtin = any($1) or k.national_code = any($2)`,
    [gtins, nationalCodes],
  );
  const byGtin = new Map<string, string>();
  const byNationalCode = new Map<string, string>();
  for (const row of result.rows) {
    if (row.gtin !== null) byGtin.set(row.gtin, row.registration_number);
    if (row.national_code !== null) byNationalCode.set(row.national_code, row.registration_number);
  }
  return { byGtin, byNationalCode };
}

export async function findOrganisationIdsByName(
  client: pg.PoolClient | pg.Pool,
  nameKeys: readonly string[],
): Promise<Map<string, number>> {
  const result = await client.query<{ id: number; name_key: string }>(
    'select id, name_key from organisation where name_key = any($1)',
    [nameKeys],
  );
  return new Map(result.rows.map((row) => [row.name_key, row.id]));
}

export async function insertOrganisations(
  client: pg.PoolClient,
  organisations: readonly { name: string; nameKey: string }[],
): Promise<void> {
  await client.query(
    `insert into organisation (name, name_key) select * from unnest($1::text[], $2::text[])
     on conflict (name_key) do nothing`,
    [organisations.map((o) => o.name), organisations.map((o) => o.nameKey)],
  );
}

/** Upserts products by registration number and packs by GTIN / Z-index number. */
export async function upsertPacks(
  client: pg.PoolClient,
  packs: readonly (PackInput & { mahOrganisationId: number })[],
  sourceFile: string,
): Promise<void> {
  const products = new Map<string, PackInput & { mahOrganisationId: number }>();
  for (const pack of packs)
    if (!products.has(pack.registrationNumber)) products.set(pack.registrationNumber, pack);
  const list = [...products.values()];
  const result = await client.query<{ id: number; registration_number: string }>(
    `insert into medicinal_product (registration_number, name, mah_organisation_id, atc_code, dose_form,
                                    route, strength, strength_key, hospital_only, source_file, source_line)
     select r, n, m, a, f, ro, s, sk, h, $11, l
       from unnest($1::text[], $2::text[], $3::bigint[], $4::text[], $5::text[], $6::text[], $7::text[],
                   $8::text[], $9::boolean[], $10::int[]) as t(r, n, m, a, f, ro, s, sk, h, l)
     on conflict (registration_number) do update set name = excluded.name,
       atc_code = excluded.atc_code, dose_form = excluded.dose_form, route = excluded.route,
       strength = excluded.strength, strength_key = excluded.strength_key,
       hospital_only = excluded.hospital_only, source_file = excluded.source_file,
       source_line = excluded.source_line, updated_at = now()
     returning id, registration_number`,
    [
      list.map((p) => p.registrationNumber),
      list.map((p) => p.productName),
      list.map((p) => p.mahOrganisationId),
      list.map((p) => p.atc),
      list.map((p) => p.doseForm),
      list.map((p) => p.route),
      list.map((p) => p.strength),
      list.map((p) => p.strengthKey),
      list.map((p) => p.hospitalOnly),
      list.map((p) => p.line),
      sourceFile,
    ],
  );
  const productIds = new Map(result.rows.map((row) => [row.registration_number, row.id]));
  const ids = list.map((p) => productIds.get(p.registrationNumber) ?? 0);
  await client.query('delete from product_ingredient where product_id = any($1)', [ids]);
  const ingredients = list.flatMap((p) =>
    p.substances.map((substance, position) => ({
      id: productIds.get(p.registrationNumber) ?? 0,
      position,
      substance,
    })),
  );
  await client.query(
    `insert into product_ingredient (product_id, position, substance)
     select * from unnest($1::bigint[], $2::smallint[], $3::text[])`,
    [
      ingredients.map((i) => i.id),
      ingredients.map((i) => i.position),
      ingredients.map((i) => i.substance),
    ],
  );
  // Packs: update the one with the same GTIN or Z-index number, else insert.
  for (const pack of packs) {
    const productId = productIds.get(pack.registrationNumber) ?? 0;
    const updated = await client.query(
      `update pack set product_id = $1, gtin = coalesce($2, gtin), national_code = coalesce($3, national_code),
              description = $4, pack_size = $5, pack_unit = $6, marketed = true
        where ($2::text is not null and gtin = $2) or ($3::text is not null and national_code = $3)`,
      [productId, pack.gtin, pack.nationalCode, pack.description, pack.packSize, pack.packUnit],
    );
    if (updated.rowCount === 0) {
      await client.query(
        `insert into pack (product_id, gtin, national_code, description, pack_size, pack_unit)
         values ($1, $2, $3, $4, $5, $6)`,
        [productId, pack.gtin, pack.nationalCode, pack.description, pack.packSize, pack.packUnit],
      );
    }
  }
}

export interface ProductRow {
  id: number;
  registration_number: string;
  name: string;
  mah_organisation_id: number;
  mah_name: string;
  atc_code: string | null;
  dose_form: string;
  route: string;
  strength: string;
  strength_key: string;
  hospital_only: boolean;
  substances: string[];
  packs: {
    id: number;
    gtin: string | null;
    nationalCode: string | null;
    description: string;
    packSize: number;
    packUnit: string;
    marketed: boolean;
  }[];
}

const PRODUCT_SELECT = `
  select p.id, p.registration_number, p.name, p.mah_organisation_id, o.name as mah_name, p.atc_code,
         p.dose_form, p.route, p.strength, p.strength_key, p.hospital_only,
         coalesce((select array_agg(i.substance order by i.position) from product_ingredient i
                    where i.product_id = p.id), '{}') as substances,
         coalesce((select json_agg(json_build_object('id', k.id, 'gtin', k.gtin, 'nationalCode', k.national_code,
                    'description', k.description, 'packSize', k.pack_size, 'packUnit', k.pack_unit,
                    'marketed', k.marketed) order by k.id) from pack k where k.product_id = p.id), '[]') as packs
    from medicinal_product p join organisation o on o.id = p.mah_organisation_id`;

export interface ProductFilter {
  query?: string | undefined;
  atc?: string | undefined;
  organisationId?: number | undefined;
}

export async function listProducts(pool: pg.Pool, filter: ProductFilter): Promise<ProductRow[]> {
  const conditions: string[] = [];
  const values: unknown[] = [];
  if (filter.query !== undefined && filter.query !== '') {
    values.push(`%${filter.query.toLowerCase()}%`);
    conditions.push(
      `(lower(p.name) like $${values.length} or lower(p.registration_number) like $${values.length}
        or exists (select 1 from pack k where k.product_id = p.id and (k.gtin like $${values.length} or k.national_code like $${values.length})))`,
    );
  }
  if (filter.atc !== undefined) {
    values.push(filter.atc);
    conditions.push(`p.atc_code like $${values.length} || '%'`);
  }
  if (filter.organisationId !== undefined) {
    values.push(filter.organisationId);
    conditions.push(`p.mah_organisation_id = $${values.length}`);
  }
  const where = conditions.length > 0 ? `where ${conditions.join(' and ')}` : '';
  const result = await pool.query<ProductRow>(
    `${PRODUCT_SELECT} ${where} order by p.name, p.id`,
    values,
  );
  return result.rows;
}

export async function findProduct(
  pool: pg.Pool | pg.PoolClient,
  id: number,
): Promise<ProductRow | undefined> {
  const result = await pool.query<ProductRow>(`${PRODUCT_SELECT} where p.id = $1`, [id]);
  return result.rows[0];
}

export async function findPacksByIds(
  pool: pg.Pool | pg.PoolClient,
  ids: readonly number[],
): Promise<
  { id: number; product_id: number; mah_organisation_id: number; atc_code: string | null }[]
> {
  const result = await pool.query<{
    id: number;
    product_id: number;
    mah_organisation_id: number;
    atc_code: string | null;
  }>(
    `select k.id, k.product_id, p.mah_organisation_id, p.atc_code from pack k
       join medicinal_product p on p.id = k.product_id where k.id = any($1)`,
    [ids],
  );
  return result.rows;
}
