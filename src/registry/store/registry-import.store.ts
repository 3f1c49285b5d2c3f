/** Writes one register's data set, replacing what that register contributed before. */
import type pg from 'pg';
import { atcLevel, atcLineage, type AtcCode } from '../../kernel/atc.ts';
import { copyRows } from '../../platform/copy.ts';
import type {
  ImportReport,
  RegisterCode,
  SubstanceNameInput,
  SupplyLinkInput,
  SupplySource,
} from '../domain/types.ts';

/** Inserts the codes and all their ancestors, so every code rolls up to its chapter. */
export async function ensureAtcCodes(
  client: pg.PoolClient,
  codes: Iterable<AtcCode>,
): Promise<void> {
  const all = new Set<string>();
  for (const code of codes) for (const ancestor of atcLineage(code)) all.add(ancestor);
  const list = [...all].sort();
  const levels = list.map((code) => atcLevel(code) ?? 0);
  const parents = list.map((code, index) => {
    const level = levels[index] ?? 0;
    return level <= 1 ? null : (atcLineage(code as AtcCode)[level - 2] ?? null);
  });
  await client.query(
    `insert into atc_code (code, level, parent_code)
     select * from unnest($1::text[], $2::smallint[], $3::text[])
     on conflict (code) do nothing`,
    [list, levels, parents],
  );
}

export interface SiteWrite {
  readonly key: string;
  readonly country: string;
  readonly name: string;
  readonly city: string | null;
  readonly address: string | null;
  readonly identityKey: string;
  readonly organisationKey: string;
}

/** Upserts organisations by normalised name and returns their ids by key. */
async function upsertOrganisations(
  client: pg.PoolClient,
  organisations: ReadonlyMap<string, string>,
): Promise<Map<string, number>> {
  const keys = [...organisations.keys()];
  const names = keys.map((key) => organisations.get(key) ?? key);
  await client.query(
    `insert into organisation (name, name_key) select * from unnest($1::text[], $2::text[])
     on conflict (name_key) do nothing`,
    [names, keys],
  );
  const result = await client.query<{ id: number; name_key: string }>(
    'select id, name_key from organisation where name_key = any($1)',
    [keys],
  );
  return new Map(result.rows.map((row) => [row.name_key, row.id]));
}

/**
 * Upserts the register's sites, keeping the ids of sites seen before (site pages are linked by
 * id), deletes the sites it no longer names, and returns the id of each "key|country".
 */
async function replaceSites(
  client: pg.PoolClient,
  source: SupplySource,
  sites: readonly SiteWrite[],
): Promise<Map<string, number>> {
  const organisations = new Map(sites.map((site) => [site.organisationKey, site.name]));
  const organisationIds = await upsertOrganisations(client, organisations);
  const result = await client.query<{ id: number; site_key: string; country: string }>(
    `insert into manufacturing_site
       (source, site_key, country, name, city, address, identity_key, organisation_id)
     select $1, * from unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[],
                              $7::text[], $8::bigint[])
     on conflict (source, site_key, country) do update set
       name = excluded.name, city = excluded.city, address = excluded.address,
       identity_key = excluded.identity_key, organisation_id = excluded.organisation_id
     returning id, site_key, country`,
    [
      source,
      sites.map((s) => s.key),
      sites.map((s) => s.country),
      sites.map((s) => s.name),
      sites.map((s) => s.city),
      sites.map((s) => s.address),
      sites.map((s) => s.identityKey),
      sites.map((s) => organisationIds.get(s.organisationKey) ?? null),
    ],
  );
  const ids = result.rows.map((row) => row.id);
  await client.query('delete from manufacturing_site where source = $1 and not (id = any($2))', [
    source,
    ids,
  ]);
  return new Map(result.rows.map((row) => [`${row.site_key}|${row.country}`, row.id]));
}

export interface SupplyDataset {
  readonly source: SupplySource;
  readonly file: string;
  readonly links: readonly SupplyLinkInput[];
  readonly sites: readonly SiteWrite[];
  readonly names: readonly SubstanceNameInput[];
}

export async function replaceSupplyData(client: pg.PoolClient, data: SupplyDataset): Promise<void> {
  await ensureAtcCodes(client, [
    ...data.links.map((link) => link.atc),
    ...data.names.map((name) => name.atc),
  ]);
  const siteIds = await replaceSites(client, data.source, data.sites);
  await client.query('delete from supply_link where source = $1', [data.source]);
  await copyRows(
    client,
    'supply_link',
    [
      'source',
      'site_id',
      'atc_code',
      'step',
      'product_ref',
      'product_name',
      'certificate_status',
      'is_current',
      'source_file',
      'source_line',
    ],
    data.links.map((link) => {
      const siteId = siteIds.get(`${link.site.key}|${link.site.country}`);
      if (siteId === undefined) throw new Error(`site ${link.site.key} was not written`);
      return [
        data.source,
        siteId,
        link.atc,
        link.step,
        link.productRef,
        link.productName,
        link.certificateStatus,
        link.isCurrent,
        data.file,
        link.line,
      ];
    }),
  );
  await client.query('delete from substance_name where source = $1', [data.source]);
  await client.query(
    `insert into substance_name (atc_code, source, lang, name)
     select a, $1, l, n from unnest($2::text[], $3::text[], $4::text[]) as t(a, l, n)`,
    [
      data.source,
      data.names.map((n) => n.atc),
      data.names.map((n) => n.lang),
      data.names.map((n) => n.name),
    ],
  );
}

export async function replaceCriticalList(
  client: pg.PoolClient,
  list: {
    version: string;
    file: string;
    sha256: string;
    entries: readonly { atc: AtcCode; line: number }[];
  },
): Promise<void> {
  await ensureAtcCodes(
    client,
    list.entries.map((entry) => entry.atc),
  );
  await client.query('update critical_list set is_current = false where is_current');
  await client.query(
    `insert into critical_list (version, source_file, file_sha256, is_current)
     values ($1, $2, $3, true)
     on conflict (version) do update set source_file = excluded.source_file,
       file_sha256 = excluded.file_sha256, is_current = true`,
    [list.version, list.file, list.sha256],
  );
  await client.query('delete from critical_list_entry where version = $1', [list.version]);
  await client.query(
    `insert into critical_list_entry (version, atc_code, source_line)
     select $1, * from unnest($2::text[], $3::int[])`,
    [list.version, list.entries.map((e) => e.atc), list.entries.map((e) => e.line)],
  );
}

export async function recordImportRun(
  client: pg.PoolClient,
  report: ImportReport,
  sha256: string,
): Promise<void> {
  await client.query(
    `insert into import_run (source, file_name, file_sha256, imported_at, rows_read, rows_imported,
                             rows_skipped, rows_rejected, rejected)
     values ($1, $2, $3, now(), $4, $5, $6, $7, $8)
     on conflict (source) do update set file_name = excluded.file_name,
       file_sha256 = excluded.file_sha256, imported_at = excluded.imported_at,
       rows_read = excluded.rows_read, rows_imported = excluded.rows_imported,
       rows_skipped = excluded.rows_skipped, rows_rejected = excluded.rows_rejected,
       rejected = excluded.rejected`,
    [
      report.register,
      report.file,
      sha256,
      report.rowsRead,
      report.rowsImported,
      report.rowsSkipped,
      report.rowsRejected,
      JSON.stringify(report.rejected),
    ],
  );
}

export async function importedFileHash(
  client: pg.Pool | pg.PoolClient,
  register: RegisterCode,
): Promise<string | undefined> {
  const result = await client.query<{ file_sha256: string }>(
    'select file_sha256 from import_run where source = $1',
    [register],
  );
  return result.rows[0]?.file_sha256;
}
