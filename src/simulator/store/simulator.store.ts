/**
 * All SQL of the simulator: its organisations, products and packs (set-wise upserts that leave
 * an unchanged row untouched), the removal of a previous simulated market's time series, and
 * the ground truth (0007_simulator.sql). Stock, deliveries and demand themselves are written by
 * src/stock's bulk loaders.
 */
import type pg from 'pg';

type Queryable = pg.Pool | pg.PoolClient;

/** The source name the simulator's stock and demand rows carry. */
export const SIMULATOR_SOURCE = 'simulator';
/** External codes of simulated organisations start with this. */
export const SIMULATED_ORGANISATION_PREFIX = 'SIM-';
/** GTINs of simulated packs (14 digits) start with this. */
export const SIMULATED_GTIN_PREFIX = '08790';

export interface OrganisationInput {
  readonly externalCode: string;
  readonly name: string;
  readonly nameKey: string;
  readonly kind: 'mah' | 'wholesaler';
}

/** Upserts organisations by external code; returns external code -> id. */
export async function upsertOrganisations(
  client: pg.PoolClient,
  organisations: readonly OrganisationInput[],
): Promise<Map<string, number>> {
  await client.query(
    `insert into organisation (external_code, name, name_key, kind)
     select * from unnest($1::text[], $2::text[], $3::text[], $4::text[])
     on conflict (external_code) where external_code is not null do update
       set name = excluded.name, name_key = excluded.name_key, kind = excluded.kind
       where (organisation.name, organisation.name_key, organisation.kind)
             is distinct from (excluded.name, excluded.name_key, excluded.kind)`,
    [
      organisations.map((o) => o.externalCode),
      organisations.map((o) => o.name),
      organisations.map((o) => o.nameKey),
      organisations.map((o) => o.kind),
    ],
  );
  const result = await client.query<{ id: number; external_code: string }>(
    'select id, external_code from organisation where external_code = any($1)',
    [organisations.map((o) => o.externalCode)],
  );
  return new Map(result.rows.map((row) => [row.external_code, row.id]));
}

export interface ProductInput {
  readonly registrationNumber: string;
  readonly name: string;
  readonly mahOrganisationId: number;
  readonly atc: string;
  readonly substance: string;
  readonly doseForm: string;
  readonly route: string;
  readonly strength: string;
  readonly strengthKey: string;
  readonly hospitalOnly: boolean;
}

/**
 * Upserts products by registration number (and their one ingredient); `existsFrom` becomes their
 * creation date, so reports from the first simulated day on describe a product that existed.
 * Returns registration number -> id.
 */
export async function upsertProducts(
  client: pg.PoolClient,
  products: readonly ProductInput[],
  existsFrom: string,
): Promise<Map<string, number>> {
  await client.query(
    `insert into medicinal_product (registration_number, name, mah_organisation_id, atc_code,
       dose_form, route, strength, strength_key, hospital_only, source_file, created_at, updated_at)
     select r, n, m, a, f, ro, s, sk, h, 'simulator', $10::date::timestamp at time zone 'UTC',
            $10::date::timestamp at time zone 'UTC'
       from unnest($1::text[], $2::text[], $3::bigint[], $4::text[], $5::text[], $6::text[],
                   $7::text[], $8::text[], $9::boolean[]) as t(r, n, m, a, f, ro, s, sk, h)
     on conflict (registration_number) do update set name = excluded.name,
       mah_organisation_id = excluded.mah_organisation_id, atc_code = excluded.atc_code,
       dose_form = excluded.dose_form, route = excluded.route, strength = excluded.strength,
       strength_key = excluded.strength_key, hospital_only = excluded.hospital_only,
       source_file = excluded.source_file, created_at = excluded.created_at, updated_at = now()
     where (medicinal_product.name, medicinal_product.mah_organisation_id, medicinal_product.atc_code,
            medicinal_product.dose_form, medicinal_product.route, medicinal_product.strength,
            medicinal_product.strength_key, medicinal_product.hospital_only,
            medicinal_product.created_at)
       is distinct from (excluded.name, excluded.mah_organisation_id, excluded.atc_code,
            excluded.dose_form, excluded.route, excluded.strength, excluded.strength_key,
            excluded.hospital_only, excluded.created_at)`,
    [
      products.map((p) => p.registrationNumber),
      products.map((p) => p.name),
      products.map((p) => p.mahOrganisationId),
      products.map((p) => p.atc),
      products.map((p) => p.doseForm),
      products.map((p) => p.route),
      products.map((p) => p.strength),
      products.map((p) => p.strengthKey),
      products.map((p) => p.hospitalOnly),
      existsFrom,
    ],
  );
  const result = await client.query<{ id: number; registration_number: string }>(
    'select id, registration_number from medicinal_product where registration_number = any($1)',
    [products.map((p) => p.registrationNumber)],
  );
  const ids = new Map(result.rows.map((row) => [row.registration_number, row.id]));
  await client.query(
    `insert into product_ingredient (product_id, position, substance)
     select * from unnest($1::bigint[], $2::smallint[], $3::text[])
     on conflict (product_id, position) do update set substance = excluded.substance
       where product_ingredient.substance is distinct from excluded.substance`,
    [
      products.map((p) => ids.get(p.registrationNumber) ?? 0),
      products.map(() => 0),
      products.map((p) => p.substance),
    ],
  );
  return ids;
}

export interface PackRowInput {
  readonly gtin: string;
  readonly nationalCode: string;
  readonly productId: number;
  readonly description: string;
  readonly packSize: number;
  readonly packUnit: string;
}

/**
 * Upserts packs by GTIN; simulated packs that are not in this market any more are marked as no
 * longer marketed (packs are never deleted). Returns GTIN -> id.
 */
export async function upsertPacks(
  client: pg.PoolClient,
  packs: readonly PackRowInput[],
): Promise<Map<string, number>> {
  await client.query(
    `insert into pack (gtin, national_code, product_id, description, pack_size, pack_unit, marketed)
     select g, z, p, d, s, u, true
       from unnest($1::text[], $2::text[], $3::bigint[], $4::text[], $5::numeric[], $6::text[])
         as t(g, z, p, d, s, u)
     on conflict (gtin) do update set national_code = excluded.national_code,
       product_id = excluded.product_id, description = excluded.description,
       pack_size = excluded.pack_size, pack_unit = excluded.pack_unit, marketed = true
     where (pack.national_code, pack.product_id, pack.description, pack.pack_size, pack.pack_unit,
            pack.marketed)
       is distinct from (excluded.national_code, excluded.product_id, excluded.description,
            excluded.pack_size, excluded.pack_unit, true)`,
    [
      packs.map((p) => p.gtin),
      packs.map((p) => p.nationalCode),
      packs.map((p) => p.productId),
      packs.map((p) => p.description),
      packs.map((p) => p.packSize),
      packs.map((p) => p.packUnit),
    ],
  );
  const gtins = packs.map((p) => p.gtin);
  await client.query(
    `update pack set marketed = false
      where gtin like $1 || '%' and marketed and not (gtin = any($2))`,
    [SIMULATED_GTIN_PREFIX, gtins],
  );
  const result = await client.query<{ id: number; gtin: string }>(
    'select id, gtin from pack where gtin = any($1)',
    [gtins],
  );
  return new Map(result.rows.map((row) => [row.gtin, row.id]));
}

export interface SimulationRunRow {
  fingerprint: string;
  seed: number;
  start_date: string;
  days: number;
  parameters: unknown;
  summary: unknown;
  loaded_at: Date;
}

export async function findSimulationRun(client: Queryable): Promise<SimulationRunRow | undefined> {
  const result = await client.query<SimulationRunRow>(
    `select fingerprint, seed, to_char(start_date, 'YYYY-MM-DD') as start_date, days, parameters,
            summary, loaded_at
       from simulation_run where id = 1`,
  );
  return result.rows[0];
}

/** Serialises simulated-market loads: the second waits for the first, then sees its result. */
export async function lockSimulationLoad(client: pg.PoolClient): Promise<void> {
  await client.query('select pg_advisory_xact_lock(727008)');
}

/**
 * Removes the time series a previous simulated market wrote: every stock report, expected
 * delivery and demand report of the simulated organisations. They hold only simulated data
 * (rows with source 'simulator'); a real company's reports are never touched.
 */
export async function deleteSimulatedTimeSeries(client: pg.PoolClient): Promise<number> {
  const holders = `(select id from organisation where external_code like '${SIMULATED_ORGANISATION_PREFIX}%')`;
  const stock = await client.query(
    `delete from stock_report where holder_id in ${holders} and source = $1`,
    [SIMULATOR_SOURCE],
  );
  const incoming = await client.query(`delete from stock_incoming where holder_id in ${holders}`);
  const demand = await client.query(
    `delete from demand_report where reporter_id in ${holders} and source = $1`,
    [SIMULATOR_SOURCE],
  );
  return (stock.rowCount ?? 0) + (incoming.rowCount ?? 0) + (demand.rowCount ?? 0);
}

export interface TruthEventRow {
  readonly id: number;
  readonly kind: string;
  readonly startDate: string;
  readonly endDate: string;
  readonly atc: string | null;
  readonly siteId: number | null;
  readonly productId: number | null;
  readonly sourcePackId: number | null;
  readonly causeEventId: number | null;
  readonly packIds: readonly number[];
  readonly details: Readonly<Record<string, unknown>>;
}

export interface TruthShortageRow {
  readonly id: number;
  readonly packId: number;
  readonly startDate: string;
  readonly endDate: string;
  readonly ongoing: boolean;
  readonly unmetUnits: number;
  readonly causeEventId: number | null;
}

export interface RunInput {
  readonly fingerprint: string;
  readonly seed: number;
  readonly startDate: string;
  readonly days: number;
  readonly parameters: unknown;
  readonly summary: unknown;
}

/** Replaces the run and its ground truth with this market's. */
export async function replaceTruth(
  client: pg.PoolClient,
  run: RunInput,
  events: readonly TruthEventRow[],
  shortages: readonly TruthShortageRow[],
): Promise<void> {
  await client.query('delete from simulated_shortage');
  await client.query('delete from simulated_event');
  await client.query(
    `insert into simulated_event (id, kind, start_date, end_date, atc_code, site_id, product_id,
                                  source_pack_id, cause_event_id, pack_ids, details)
     select t.id, t.kind, t.s, t.e, t.a, t.site, t.product, t.source, t.cause,
            array(select jsonb_array_elements_text(t.packs)::bigint), t.details
       from jsonb_to_recordset($1::jsonb) as t(id integer, kind text, s date, e date, a text,
            site bigint, product bigint, source bigint, cause integer, packs jsonb, details jsonb)`,
    [
      JSON.stringify(
        events.map((e) => ({
          id: e.id,
          kind: e.kind,
          s: e.startDate,
          e: e.endDate,
          a: e.atc,
          site: e.siteId,
          product: e.productId,
          source: e.sourcePackId,
          cause: e.causeEventId,
          packs: e.packIds,
          details: e.details,
        })),
      ),
    ],
  );
  await client.query(
    `insert into simulated_shortage (id, pack_id, start_date, end_date, ongoing, unmet_units,
                                     cause_event_id)
     select * from unnest($1::int[], $2::bigint[], $3::date[], $4::date[], $5::boolean[],
                          $6::int[], $7::int[])`,
    [
      shortages.map((s) => s.id),
      shortages.map((s) => s.packId),
      shortages.map((s) => s.startDate),
      shortages.map((s) => s.endDate),
      shortages.map((s) => s.ongoing),
      shortages.map((s) => s.unmetUnits),
      shortages.map((s) => s.causeEventId),
    ],
  );
  await client.query(
    `insert into simulation_run (id, fingerprint, seed, start_date, days, parameters, summary)
     values (1, $1, $2, $3, $4, $5, $6)
     on conflict (id) do update set fingerprint = excluded.fingerprint, seed = excluded.seed,
       start_date = excluded.start_date, days = excluded.days, parameters = excluded.parameters,
       summary = excluded.summary, loaded_at = now()`,
    [
      run.fingerprint,
      run.seed,
      run.startDate,
      run.days,
      JSON.stringify(run.parameters),
      JSON.stringify(run.summary),
    ],
  );
}

export async function readTruthEvents(client: Queryable): Promise<TruthEventRow[]> {
  const result = await client.query<TruthEventRow>(
    `select id, kind, to_char(start_date, 'YYYY-MM-DD') as "startDate",
            to_char(end_date, 'YYYY-MM-DD') as "endDate", atc_code as atc, site_id as "siteId",
            product_id as "productId", source_pack_id as "sourcePackId",
            cause_event_id as "causeEventId", pack_ids::int[] as "packIds", details
       from simulated_event order by id`,
  );
  return result.rows;
}

export async function readTruthShortages(client: Queryable): Promise<TruthShortageRow[]> {
  const result = await client.query<TruthShortageRow>(
    `select id, pack_id as "packId", to_char(start_date, 'YYYY-MM-DD') as "startDate",
            to_char(end_date, 'YYYY-MM-DD') as "endDate", ongoing, unmet_units as "unmetUnits",
            cause_event_id as "causeEventId"
       from simulated_shortage order by id`,
  );
  return result.rows;
}

/**
 * The simulated products' active-substance sites (product_site, role api), replacing what those
 * products had; a site the registry no longer holds is left out.
 */
export async function replaceProductSites(
  client: pg.PoolClient,
  links: readonly { readonly productId: number; readonly siteIds: readonly number[] }[],
): Promise<void> {
  const productIds = links.map((link) => link.productId);
  await client.query('delete from product_site where product_id = any($1::bigint[])', [productIds]);
  const pairs = links.flatMap((link) => link.siteIds.map((siteId) => [link.productId, siteId]));
  await client.query(
    `insert into product_site (product_id, site_id, role)
     select t.product_id, t.site_id, 'api'
       from unnest($1::bigint[], $2::bigint[]) as t(product_id, site_id)
      where exists (select 1 from manufacturing_site s where s.id = t.site_id)
     on conflict do nothing`,
    [pairs.map((pair) => pair[0]), pairs.map((pair) => pair[1])],
  );
}

/**
 * The simulated market's site failures as site stoppages (source 'simulator'), replacing those of
 * the previous simulated market.
 */
export async function replaceSimulatedStoppages(
  client: pg.PoolClient,
  stoppages: readonly {
    readonly siteId: number;
    readonly startDate: string;
    readonly endDate: string;
    readonly reason: string;
  }[],
  createdBy: string,
): Promise<void> {
  await client.query(`delete from site_stoppage where source = 'simulator'`);
  await client.query(
    `insert into site_stoppage (site_id, start_date, end_date, reason, source, created_by)
     select t.site_id, t.start_date, t.end_date, t.reason, 'simulator', $5
       from unnest($1::bigint[], $2::date[], $3::date[], $4::text[])
            as t(site_id, start_date, end_date, reason)
      where exists (select 1 from manufacturing_site s where s.id = t.site_id)`,
    [
      stoppages.map((s) => s.siteId),
      stoppages.map((s) => s.startDate),
      stoppages.map((s) => s.endDate),
      stoppages.map((s) => s.reason),
      createdBy,
    ],
  );
}
