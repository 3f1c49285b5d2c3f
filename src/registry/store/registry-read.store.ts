/** Read-side queries of the registry: names, substances, sites, countries. */
import type pg from 'pg';
import type { SupplySource } from '../../kernel/supply.ts';

export interface SubstanceNames {
  en?: string;
  de?: string;
  nl?: string;
}

// English from the registers that write INN names best: EPAR, then HPRA, then CEP (salt forms).
const NAME_PRIORITY = `case source when 'epar' then 1 when 'hpra' then 2 when 'bfarm' then 3 when 'cep' then 4 else 5 end`;

export async function loadSubstanceNames(pool: pg.Pool): Promise<Map<string, SubstanceNames>> {
  const result = await pool.query<{ atc_code: string; lang: 'en' | 'de' | 'nl'; name: string }>(
    `select distinct on (atc_code, lang) atc_code, lang, name
       from substance_name order by atc_code, lang, ${NAME_PRIORITY}`,
  );
  const names = new Map<string, SubstanceNames>();
  for (const row of result.rows) {
    const entry = names.get(row.atc_code) ?? {};
    entry[row.lang] = row.name;
    names.set(row.atc_code, entry);
  }
  return names;
}

export async function atcCodeExists(pool: pg.Pool, code: string): Promise<boolean> {
  const result = await pool.query('select 1 from atc_code where code = $1', [code]);
  return result.rowCount === 1;
}

export async function listAtcCodes(pool: pg.Pool, level: number): Promise<string[]> {
  const result = await pool.query<{ code: string }>(
    'select code from atc_code where level = $1 order by code',
    [level],
  );
  return result.rows.map((row) => row.code);
}

export interface SiteRow {
  id: number;
  source: SupplySource;
  site_key: string;
  identity_key: string;
  country: string;
  name: string;
  city: string | null;
  address: string | null;
  organisation: string | null;
}

const SITE_COLUMNS = `s.id, s.source, s.site_key, s.identity_key, s.country, s.name, s.city, s.address,
  o.name as organisation`;

export async function findSite(pool: pg.Pool, id: number): Promise<SiteRow | undefined> {
  const result = await pool.query<SiteRow>(
    `select ${SITE_COLUMNS} from manufacturing_site s
       left join organisation o on o.id = s.organisation_id where s.id = $1`,
    [id],
  );
  return result.rows[0];
}

export interface SiteSupplyRow {
  atc_code: string;
  step: 1 | 2 | null;
  products: number;
  is_current: boolean;
}

export async function listSiteSupplies(pool: pg.Pool, siteId: number): Promise<SiteSupplyRow[]> {
  const result = await pool.query<SiteSupplyRow>(
    `select atc_code, step, count(*)::int as products, bool_or(is_current) as is_current
       from supply_link where site_id = $1 group by atc_code, step order by atc_code, step`,
    [siteId],
  );
  return result.rows;
}

export interface SiteListRow extends SiteRow {
  codes: number;
}

export interface SiteFilter {
  query?: string | undefined;
  country?: string | undefined;
  source?: SupplySource | undefined;
}

export async function listSites(pool: pg.Pool, filter: SiteFilter): Promise<SiteListRow[]> {
  const conditions: string[] = [];
  const values: unknown[] = [];
  if (filter.query !== undefined && filter.query !== '') {
    values.push(`%${filter.query.toLowerCase()}%`);
    conditions.push(
      `(lower(s.name) like $${values.length} or lower(coalesce(s.city, '')) like $${values.length})`,
    );
  }
  if (filter.country !== undefined) {
    values.push(filter.country);
    conditions.push(`s.country = $${values.length}`);
  }
  if (filter.source !== undefined) {
    values.push(filter.source);
    conditions.push(`s.source = $${values.length}`);
  }
  const where = conditions.length > 0 ? `where ${conditions.join(' and ')}` : '';
  const result = await pool.query<SiteListRow>(
    `select ${SITE_COLUMNS},
            (select count(distinct l.atc_code)::int from supply_link l where l.site_id = s.id) as codes
       from manufacturing_site s left join organisation o on o.id = s.organisation_id
       ${where} order by s.name, s.country, s.id`,
    values,
  );
  return result.rows;
}

export interface CountryRow {
  country: string;
  sites: number;
  codes: number;
}

export async function listCountries(pool: pg.Pool): Promise<CountryRow[]> {
  const result = await pool.query<CountryRow>(
    `select s.country, count(distinct s.id)::int as sites, count(distinct l.atc_code)::int as codes
       from manufacturing_site s join supply_link l on l.site_id = s.id
      group by s.country order by s.country`,
  );
  return result.rows.map((row) => ({ ...row, country: row.country.trim() }));
}

export interface ImportRunRow {
  source: string;
  file_name: string;
  file_sha256: string;
  imported_at: Date;
  rows_read: number;
  rows_imported: number;
  rows_skipped: number;
  rows_rejected: number;
}

export async function listImportRuns(pool: pg.Pool): Promise<ImportRunRow[]> {
  const result = await pool.query<ImportRunRow>(
    `select source, file_name, file_sha256, imported_at, rows_read, rows_imported, rows_skipped,
            rows_rejected from import_run order by source`,
  );
  return result.rows;
}

export async function findSitesByIds(pool: pg.Pool, ids: readonly number[]): Promise<SiteRow[]> {
  const result = await pool.query<SiteRow>(
    `select ${SITE_COLUMNS} from manufacturing_site s
       left join organisation o on o.id = s.organisation_id where s.id = any($1) order by s.name`,
    [ids],
  );
  return result.rows;
}
