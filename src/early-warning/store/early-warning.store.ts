/**
 * All SQL of early warning: the sites that make each product (product_site), site stoppages, and
 * the signals the watchlist reads as they stood on a day (open notifications per pack, stopped
 * sites). Rows become plain domain values here.
 */
import type pg from 'pg';
import type { RiskClass } from '../domain/watchlist.ts';

type Queryable = pg.Pool | pg.PoolClient;

export type ProductSiteRole = 'api' | 'finished_product';

export interface ProductSites {
  readonly api: number[];
  readonly finishedProduct: number[];
}

/** The registered sites of every product that has any, by product id, ascending site ids. */
export async function loadProductSites(pool: Queryable): Promise<Map<number, ProductSites>> {
  const result = await pool.query<{ product_id: number; site_id: number; role: ProductSiteRole }>(
    'select product_id, site_id, role from product_site order by product_id, site_id',
  );
  const sites = new Map<number, ProductSites>();
  for (const row of result.rows) {
    const entry = sites.get(row.product_id) ?? { api: [], finishedProduct: [] };
    (row.role === 'api' ? entry.api : entry.finishedProduct).push(row.site_id);
    sites.set(row.product_id, entry);
  }
  return sites;
}

/** One pack with what a listing shows of it. */
export interface PackDetails {
  readonly packId: number;
  readonly productId: number;
  readonly productName: string;
  readonly packDescription: string;
  readonly mahId: number;
  readonly mahName: string;
  readonly atc: string | null;
}

/** Every pack with its product, marketing-authorisation holder and ATC code, by pack id. */
export async function loadPackDetails(pool: Queryable): Promise<PackDetails[]> {
  const result = await pool.query<{
    id: number;
    product_id: number;
    product_name: string;
    description: string;
    mah_id: number;
    mah_name: string;
    atc_code: string | null;
  }>(
    `select k.id, k.product_id, p.name as product_name, k.description,
            p.mah_organisation_id as mah_id, o.name as mah_name, p.atc_code
       from pack k
       join medicinal_product p on p.id = k.product_id
       join organisation o on o.id = p.mah_organisation_id
      order by k.id`,
  );
  return result.rows.map((row) => ({
    packId: row.id,
    productId: row.product_id,
    productName: row.product_name,
    packDescription: row.description,
    mahId: row.mah_id,
    mahName: row.mah_name,
    atc: row.atc_code,
  }));
}

const RISK_ORDER: Record<RiskClass, number> = { low: 1, medium: 2, high: 3 };

/**
 * The notifications open on `asOf` per pack, with their triage class (the highest when a pack has
 * several): reported on or before the day and not closed (no shortage, withdrawn, resolved)
 * before it. The class is the notification's current one; it is set on submission and on each
 * update.
 */
export async function loadOpenNotificationClasses(
  pool: Queryable,
  asOf: string,
): Promise<Map<number, RiskClass>> {
  const result = await pool.query<{ pack_id: number; risk_class: RiskClass }>(
    `select np.pack_id, n.risk_class
       from notification n
       join notification_pack np on np.notification_id = n.id
      where n.first_reported_on <= $1::date
        and n.risk_class is not null
        and not exists (
          select 1 from notification_event e
           where e.notification_id = n.id
             and e.kind = 'status_change'
             and e.to_status in ('no_shortage', 'withdrawn', 'resolved')
             and (e.at at time zone 'UTC')::date < $1::date)`,
    [asOf],
  );
  const classes = new Map<number, RiskClass>();
  for (const row of result.rows) {
    const seen = classes.get(row.pack_id);
    if (seen === undefined || RISK_ORDER[row.risk_class] > RISK_ORDER[seen]) {
      classes.set(row.pack_id, row.risk_class);
    }
  }
  return classes;
}

// ------------------------------------------------------------------------------ sites

export interface SiteRow {
  readonly id: number;
  readonly name: string;
  readonly countryCode: string;
  readonly city: string | null;
}

/** The manufacturing sites with these ids (those that exist), by id. */
export async function loadSites(
  pool: Queryable,
  ids: readonly number[],
): Promise<Map<number, SiteRow>> {
  const result = await pool.query<{ id: number; name: string; country: string; city: string }>(
    'select id, name, country, city from manufacturing_site where id = any($1::bigint[])',
    [ids],
  );
  return new Map(
    result.rows.map((row) => [
      row.id,
      { id: row.id, name: row.name, countryCode: row.country.trim(), city: row.city },
    ]),
  );
}

// ------------------------------------------------------------------------------ stoppages

export type StoppageSource = 'authority' | 'simulator';

export interface SiteStoppage {
  readonly id: number;
  readonly siteId: number;
  readonly siteName: string;
  readonly countryCode: string;
  readonly city: string | null;
  readonly startDate: string;
  readonly endDate: string | null;
  readonly reason: string;
  readonly source: StoppageSource;
  readonly createdBy: string;
  readonly createdAt: string;
}

interface StoppageRow {
  id: number;
  site_id: number;
  site_name: string;
  country: string;
  city: string | null;
  start_date: string;
  end_date: string | null;
  reason: string;
  source: StoppageSource;
  created_by: string;
  created_at: Date;
}

const STOPPAGE_SELECT = `
  select t.id, t.site_id, s.name as site_name, s.country, s.city,
         to_char(t.start_date, 'YYYY-MM-DD') as start_date,
         to_char(t.end_date, 'YYYY-MM-DD') as end_date,
         t.reason, t.source, t.created_by, t.created_at
    from site_stoppage t join manufacturing_site s on s.id = t.site_id`;

function toStoppage(row: StoppageRow): SiteStoppage {
  return {
    id: row.id,
    siteId: row.site_id,
    siteName: row.site_name,
    countryCode: row.country.trim(),
    city: row.city,
    startDate: row.start_date,
    endDate: row.end_date,
    reason: row.reason,
    source: row.source,
    createdBy: row.created_by,
    createdAt: row.created_at.toISOString(),
  };
}

/**
 * Where a stoppage is in force on `$1`: it has started and not ended, and it was known then. A
 * simulated market's failures were known on the day they began (they are its ground truth); a
 * stoppage the authorities record counts from the day it was recorded, so recomputing a past day
 * does not use what was learnt later.
 */
const IN_FORCE_ON = `t.start_date <= $1::date and (t.end_date is null or t.end_date >= $1::date)
  and (t.source = 'simulator' or (t.created_at at time zone 'UTC')::date <= $1::date)`;

/** Stoppages in force on a day (see IN_FORCE_ON), or all of them; latest start first. */
export async function listStoppages(
  pool: Queryable,
  asOf: string | undefined,
): Promise<SiteStoppage[]> {
  const result = await pool.query<StoppageRow>(
    asOf === undefined
      ? `${STOPPAGE_SELECT} order by t.start_date desc, t.id desc`
      : `${STOPPAGE_SELECT} where ${IN_FORCE_ON} order by t.start_date desc, t.id desc`,
    asOf === undefined ? [] : [asOf],
  );
  return result.rows.map(toStoppage);
}

/** The sites stopped on a day, each with the first day of its stoppage in force. */
export async function loadStoppedSites(
  pool: Queryable,
  asOf: string,
): Promise<Map<number, string>> {
  const result = await pool.query<{ site_id: number; since: string }>(
    `select t.site_id, to_char(min(t.start_date), 'YYYY-MM-DD') as since
       from site_stoppage t where ${IN_FORCE_ON} group by t.site_id`,
    [asOf],
  );
  return new Map(result.rows.map((row) => [row.site_id, row.since]));
}

export async function findStoppage(
  pool: Queryable,
  id: number,
  options: { forUpdate?: boolean } = {},
): Promise<SiteStoppage | undefined> {
  const result = await pool.query<StoppageRow>(
    `${STOPPAGE_SELECT} where t.id = $1${options.forUpdate === true ? ' for update of t' : ''}`,
    [id],
  );
  const row = result.rows[0];
  return row === undefined ? undefined : toStoppage(row);
}

export interface StoppageInput {
  readonly siteId: number;
  readonly startDate: string;
  readonly endDate: string | null;
  readonly reason: string;
}

export async function insertStoppage(
  client: Queryable,
  input: StoppageInput,
  source: StoppageSource,
  createdBy: string,
): Promise<number> {
  const result = await client.query<{ id: number }>(
    `insert into site_stoppage (site_id, start_date, end_date, reason, source, created_by)
     values ($1, $2, $3, $4, $5, $6) returning id`,
    [input.siteId, input.startDate, input.endDate, input.reason, source, createdBy],
  );
  const id = result.rows[0]?.id;
  if (id === undefined) throw new Error('site_stoppage insert returned no id');
  return id;
}

export async function updateStoppageEnd(
  client: Queryable,
  id: number,
  endDate: string | null,
): Promise<void> {
  await client.query('update site_stoppage set end_date = $2 where id = $1', [id, endDate]);
}
