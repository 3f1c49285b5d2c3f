/**
 * Reading stock and demand into the columnar MarketSeries: each table is streamed out with
 * `COPY (select …) TO STDOUT` and parsed byte by byte into typed arrays, so millions of rows never
 * become millions of objects. Also the lookups the services need (packs, holders, catalogue) and
 * the plain listings of reports.
 */
import type pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { addDays, daysBetween, isIsoDate } from '../domain/dates.ts';
import { DEFAULT_STOCK_MAX_AGE_DAYS, indexById, type MarketSeries } from '../domain/series.ts';
import type { HolderKind } from '../domain/obligation.ts';
import type { PackReference } from '../domain/reports.ts';
import { packReferenceKey } from '../domain/reports.ts';

type Queryable = pg.Pool | pg.PoolClient;

/** A holder's expected deliveries count from its latest stock report of the last 4 weeks. */
export const INCOMING_REPORT_MAX_AGE_DAYS = 28;

function checkDate(date: string): string {
  // Dates are inlined into COPY statements (COPY takes no parameters): only real dates pass.
  if (!isIsoDate(date)) throw new Error(`not a date: ${JSON.stringify(date)}`);
  return date;
}

function idList(ids: ArrayLike<number>): string {
  const parts: string[] = [];
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i] ?? 0;
    if (!Number.isSafeInteger(id)) throw new Error(`not an id: ${id}`);
    parts.push(String(id));
  }
  return `'{${parts.join(',')}}'::bigint[]`;
}

/**
 * Streams `COPY (sql) TO STDOUT` and calls onRow with each row's integer columns (the same array,
 * overwritten per row). Only whole numbers: every column selected must be an integer.
 */
async function readIntegerRows(
  pool: pg.Pool,
  sql: string,
  width: number,
  onRow: (row: Float64Array) => void,
): Promise<void> {
  const client = await pool.connect();
  try {
    const stream = client.query(copyTo(`copy (${sql}) to stdout`));
    const row = new Float64Array(width);
    let column = 0;
    let value = 0;
    let negative = false;
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      for (let i = 0; i < chunk.length; i++) {
        const byte = chunk[i] ?? 0;
        if (byte >= 48 && byte <= 57) value = value * 10 + (byte - 48);
        else if (byte === 9 || byte === 10) {
          row[column] = negative ? -value : value;
          value = 0;
          negative = false;
          if (byte === 9) column++;
          else {
            onRow(row);
            column = 0;
          }
        } else if (byte === 45) negative = true;
        else throw new Error(`unexpected byte ${byte} in an integer COPY row`);
      }
    }
  } finally {
    client.release();
  }
}

export interface SeriesWindow {
  /** First and last day of the series (inclusive). */
  readonly from: string;
  readonly to: string;
  /** Only these packs; default every pack in the catalogue. */
  readonly packIds?: readonly number[];
}

/** The pack ids of the series, ascending: the given ones that exist, or every pack. */
export async function loadPackIds(
  pool: Queryable,
  packIds?: readonly number[],
): Promise<Int32Array> {
  const result = await pool.query<{ id: number }>(
    packIds === undefined
      ? 'select id from pack order by id'
      : 'select id from pack where id = any($1) order by id',
    packIds === undefined ? [] : [packIds],
  );
  return Int32Array.from(result.rows, (row) => row.id);
}

/**
 * The holders with at least one stock report in the window (for the packs), found with a skip
 * scan over the primary key (holder first): one index probe per holder, not a scan of the rows.
 */
export async function findReportingHolders(
  pool: Queryable,
  window: SeriesWindow,
): Promise<Int32Array> {
  const packFilter = window.packIds === undefined ? '' : 'and pack_id = any($3)';
  const result = await pool.query<{ id: number }>(
    `with recursive h(id) as (
       select (select min(holder_id) from stock_report
                where report_date between $1 and $2 ${packFilter})
       union all
       select (select min(holder_id) from stock_report
                where holder_id > h.id and report_date between $1 and $2 ${packFilter})
         from h where h.id is not null)
     select id from h where id is not null`,
    window.packIds === undefined
      ? [window.from, window.to]
      : [window.from, window.to, window.packIds],
  );
  return Int32Array.from(result.rows, (row) => row.id);
}

/** stock[(holder * packs + pack) * days + day] for the given holders; NaN where not reported. */
export async function loadStockCube(
  pool: pg.Pool,
  window: SeriesWindow,
  packIds: Int32Array,
  holderIds: Int32Array,
): Promise<Float32Array> {
  const from = checkDate(window.from);
  const to = checkDate(window.to);
  const days = daysBetween(from, to) + 1;
  const packs = packIds.length;
  const stock = new Float32Array(holderIds.length * packs * days).fill(Number.NaN);
  if (holderIds.length === 0 || packs === 0) return stock;
  const packIndex = indexById(packIds);
  const holderIndex = indexById(holderIds);
  const packFilter = window.packIds === undefined ? '' : `and pack_id = any(${idList(packIds)})`;
  await readIntegerRows(
    pool,
    `select holder_id, pack_id, report_date - date '${from}', on_hand from stock_report
      where report_date between date '${from}' and date '${to}'
        and holder_id = any(${idList(holderIds)}) ${packFilter}`,
    4,
    (row) => {
      const holder = holderIndex.get(row[0] ?? 0);
      const pack = packIndex.get(row[1] ?? 0);
      if (holder === undefined || pack === undefined) return;
      stock[(holder * packs + pack) * days + (row[2] ?? 0)] = row[3] ?? 0;
    },
  );
  return stock;
}

/**
 * Demand per pack and day, [pack * days + day]: a daily report counts on its day, a weekly one
 * is spread evenly over its 7 days. National (every reporter) by default; with `reporterIds`,
 * one block per reporter: [(reporter * packs + pack) * days + day].
 */
export async function loadDemand(
  pool: pg.Pool,
  window: SeriesWindow,
  packIds: Int32Array,
  reporterIds?: Int32Array,
): Promise<Float32Array> {
  const from = checkDate(window.from);
  const to = checkDate(window.to);
  const days = daysBetween(from, to) + 1;
  const packs = packIds.length;
  const blocks = reporterIds?.length ?? 1;
  const demand = new Float32Array(blocks * packs * days);
  if (packs === 0 || blocks === 0) return demand;
  const packIndex = indexById(packIds);
  const reporterIndex = reporterIds === undefined ? undefined : indexById(reporterIds);
  const packFilter = window.packIds === undefined ? '' : `and pack_id = any(${idList(packIds)})`;
  const reporterFilter =
    reporterIds === undefined ? '' : `and reporter_id = any(${idList(reporterIds)})`;
  const add = (block: number, pack: number, start: number, periodDays: number, total: number) => {
    const perDay = total / periodDays;
    const base = (block * packs + pack) * days;
    for (let d = Math.max(0, start); d < Math.min(days, start + periodDays); d++) {
      demand[base + d] = (demand[base + d] ?? 0) + perDay;
    }
  };
  if (reporterIndex === undefined) {
    await readIntegerRows(
      pool,
      `select pack_id, period_start - date '${from}', period_days, sum(quantity) from demand_report
        where period_start between date '${addDays(from, -6)}' and date '${to}' ${packFilter}
        group by 1, 2, 3`,
      4,
      (row) => {
        const pack = packIndex.get(row[0] ?? 0);
        if (pack !== undefined) add(0, pack, row[1] ?? 0, row[2] ?? 1, row[3] ?? 0);
      },
    );
  } else {
    await readIntegerRows(
      pool,
      `select reporter_id, pack_id, period_start - date '${from}', period_days, sum(quantity)
         from demand_report
        where period_start between date '${addDays(from, -6)}' and date '${to}'
          ${packFilter} ${reporterFilter}
        group by 1, 2, 3, 4`,
      5,
      (row) => {
        const reporter = reporterIndex.get(row[0] ?? 0);
        const pack = packIndex.get(row[1] ?? 0);
        if (reporter !== undefined && pack !== undefined) {
          add(reporter, pack, row[2] ?? 0, row[3] ?? 1, row[4] ?? 0);
        }
      },
    );
  }
  return demand;
}

/**
 * Expected deliveries per pack and day, [pack * days + day], summed over holders, each holder
 * counting the deliveries listed with its latest stock report of the 4 weeks up to `asOf`.
 * Deliveries of earlier reports have arrived (or not) and show in the stock since.
 */
export async function loadIncoming(
  pool: pg.Pool,
  window: SeriesWindow,
  packIds: Int32Array,
  asOf: string,
  holderIds?: Int32Array,
): Promise<Float32Array> {
  const from = checkDate(window.from);
  const to = checkDate(window.to);
  checkDate(asOf);
  const days = daysBetween(from, to) + 1;
  const packs = packIds.length;
  const incoming = new Float32Array(packs * days);
  if (packs === 0) return incoming;
  const packIndex = indexById(packIds);
  const earliest = addDays(asOf, -INCOMING_REPORT_MAX_AGE_DAYS);
  const packFilter = window.packIds === undefined ? '' : `and pack_id = any(${idList(packIds)})`;
  const holderFilter = holderIds === undefined ? '' : `and holder_id = any(${idList(holderIds)})`;
  await readIntegerRows(
    pool,
    `select i.pack_id, i.expected_date - date '${from}', sum(i.quantity)
       from stock_incoming i
       join (select holder_id, pack_id, max(report_date) as report_date from stock_report
              where report_date between date '${earliest}' and date '${asOf}' ${packFilter} ${holderFilter}
              group by 1, 2) l
         on l.holder_id = i.holder_id and l.pack_id = i.pack_id and l.report_date = i.report_date
      where i.report_date between date '${earliest}' and date '${asOf}'
        and i.expected_date between date '${from}' and date '${to}'
      group by 1, 2`,
    3,
    (row) => {
      const pack = packIndex.get(row[0] ?? 0);
      if (pack !== undefined) incoming[pack * days + (row[1] ?? 0)] = row[2] ?? 0;
    },
  );
  return incoming;
}

export interface MarketSeriesQuery extends SeriesWindow {
  /** Deliveries as known on this day (default `to`): no hindsight in a backtest. */
  readonly asOf?: string;
  /** The holders of the stock cube; default those that reported stock in the window. */
  readonly holderIds?: readonly number[];
}

/**
 * The market from PostgreSQL as a MarketSeries: stock per holder, pack and day (NaN where not
 * reported), national demand per pack and day, and the deliveries expected on each day. Packs:
 * the given ones (ascending) or every pack; holders: see MarketSeriesQuery.
 */
export async function loadMarketSeries(
  pool: pg.Pool,
  query: MarketSeriesQuery,
): Promise<MarketSeries> {
  const from = checkDate(query.from);
  const to = checkDate(query.to);
  if (to < from) throw new RangeError(`the series ends (${to}) before it starts (${from})`);
  const packIds = await loadPackIds(pool, query.packIds);
  const holderIds =
    query.holderIds === undefined
      ? await findReportingHolders(pool, query)
      : Int32Array.from([...new Set(query.holderIds)].sort((a, b) => a - b));
  const [stock, demand, incoming] = await Promise.all([
    loadStockCube(pool, query, packIds, holderIds),
    loadDemand(pool, query, packIds),
    loadIncoming(pool, query, packIds, query.asOf ?? to),
  ]);
  return {
    startDate: from,
    days: daysBetween(from, to) + 1,
    packIds,
    holderIds,
    stock,
    demand,
    incoming,
  };
}

/** The one holder of a national series: the nation, not an organisation. */
export const NATION_HOLDER_ID = 0;

export interface NationalSeriesQuery extends SeriesWindow {
  /**
   * What is known on this day (default `to`): stock and demand reported for it or earlier,
   * deliveries expected as of it. Later reports are not read, so a past day is recomputed exactly.
   */
  readonly asOf?: string;
}

/**
 * The market with national stock only: one holder (NATION_HOLDER_ID) whose stock on a day is the
 * sum over holders of each one's latest report of the last 7 days (DEFAULT_STOCK_MAX_AGE_DAYS),
 * the rule nationalStockOnDay applies to a per-holder series. Memory is packs x days, never
 * holders x packs x days: the stock rows stream in primary-key order (holder, pack, date) and
 * each report is added to the days it counts on before the next one is read.
 * A day on which no holder's report counts is NaN (unknown). The series says
 * `stockCarriedForward`, so the scans read each day as it is instead of carrying it forward again.
 */
export async function loadNationalMarketSeries(
  pool: pg.Pool,
  query: NationalSeriesQuery,
): Promise<MarketSeries> {
  const from = checkDate(query.from);
  const to = checkDate(query.to);
  if (to < from) throw new RangeError(`the series ends (${to}) before it starts (${from})`);
  const asOf = checkDate(query.asOf ?? to);
  const days = daysBetween(from, to) + 1;
  // Days 0 .. knownDays - 1 have stock and demand; later days only expected deliveries.
  const knownDays = Math.max(0, Math.min(days, daysBetween(from, asOf) + 1));
  const packIds = await loadPackIds(pool, query.packIds);
  const packs = packIds.length;
  const packIndex = indexById(packIds);
  const maxAge = DEFAULT_STOCK_MAX_AGE_DAYS;
  const stock = new Float32Array(packs * days).fill(Number.NaN);
  const demand = new Float32Array(packs * days);
  // Stock, demand and deliveries come from three tables on three connections at once: the
  // database scans them in parallel while this process folds the stock rows.
  const incomingLoaded = loadIncoming(pool, { ...query, from, to }, packIds, asOf);
  // Awaited below; the no-op handler keeps a failure here from going unhandled while an earlier
  // step's error is on its way out.
  incomingLoaded.catch(() => undefined);
  if (packs > 0 && knownDays > 0) {
    const knownTo = addDays(from, knownDays - 1);
    const demandLoaded = loadDemand(pool, { ...query, from, to: knownTo }, packIds);
    demandLoaded.catch(() => undefined);
    const packFilter = query.packIds === undefined ? '' : `and pack_id = any(${idList(packIds)})`;
    let holder = -1;
    let packId = -1;
    let pending: { pack: number; day: number; onHand: number } | undefined;
    // Adds the pending report to the days it counts on: from its day until the holder's next
    // report of the pack, at most maxAge days later.
    const flush = (nextReportDay: number) => {
      if (pending === undefined) return;
      const base = pending.pack * days;
      const last = Math.min(pending.day + maxAge, nextReportDay - 1, knownDays - 1);
      for (let d = Math.max(0, pending.day); d <= last; d++) {
        const total = stock[base + d] ?? Number.NaN;
        stock[base + d] = Number.isNaN(total) ? pending.onHand : total + pending.onHand;
      }
      pending = undefined;
    };
    await readIntegerRows(
      pool,
      // Reports up to maxAge days before the window still count on its first days.
      `select holder_id, pack_id, report_date - date '${from}', on_hand from stock_report
        where report_date between date '${addDays(from, -maxAge)}' and date '${knownTo}'
          ${packFilter}
        order by holder_id, pack_id, report_date`,
      4,
      (row) => {
        const rowHolder = row[0] ?? 0;
        const rowPack = row[1] ?? 0;
        const day = row[2] ?? 0;
        if (rowHolder === holder && rowPack === packId) flush(day);
        else flush(Number.POSITIVE_INFINITY);
        holder = rowHolder;
        packId = rowPack;
        const pack = packIndex.get(rowPack);
        if (pack !== undefined) pending = { pack, day, onHand: row[3] ?? 0 };
      },
    );
    flush(Number.POSITIVE_INFINITY);
    const known = await demandLoaded;
    for (let pack = 0; pack < packs; pack++) {
      demand.set(known.subarray(pack * knownDays, (pack + 1) * knownDays), pack * days);
    }
  }
  const incoming = await incomingLoaded;
  return {
    startDate: from,
    days,
    packIds,
    holderIds: Int32Array.from([NATION_HOLDER_ID]),
    stock,
    demand,
    incoming,
    stockCarriedForward: true,
  };
}

// ------------------------------------------------------------------------------ lookups

export interface PackCatalogueRow {
  id: number;
  product_id: number;
  product_name: string;
  registration_number: string;
  mah_organisation_id: number;
  atc_code: string | null;
  pack_size: number;
  gtin: string | null;
  description: string;
  /** The day the product was registered here: no report may describe an earlier day. */
  exists_from: string;
}

const CATALOGUE_SELECT = `
  select k.id, k.product_id, p.name as product_name, p.registration_number, p.mah_organisation_id,
         p.atc_code, k.pack_size, k.gtin, k.description,
         to_char(p.created_at at time zone 'UTC', 'YYYY-MM-DD') as exists_from
    from pack k join medicinal_product p on p.id = k.product_id`;

/** The packs with their product, MAH, ATC code and size; every pack, or the given ones. */
export async function loadPackCatalogue(
  pool: Queryable,
  packIds?: ArrayLike<number>,
): Promise<PackCatalogueRow[]> {
  const result = await pool.query<PackCatalogueRow>(
    packIds === undefined
      ? `${CATALOGUE_SELECT} order by k.id`
      : `${CATALOGUE_SELECT} where k.id = any($1) order by k.id`,
    packIds === undefined ? [] : [Array.from(packIds)],
  );
  return result.rows;
}

/** Packs named in reports, by packReferenceKey, with the first day each existed. */
export async function findPacksByReference(
  client: Queryable,
  references: readonly PackReference[],
): Promise<Map<string, { id: number; existsFrom: string | null }>> {
  const ids = references.flatMap((r) => (r.kind === 'id' ? [r.id] : []));
  const gtins = references.flatMap((r) => (r.kind === 'gtin' ? [r.gtin] : []));
  const result = await client.query<{ id: number; gtin: string | null; exists_from: string }>(
    `select k.id, k.gtin, to_char(p.created_at at time zone 'UTC', 'YYYY-MM-DD') as exists_from
       from pack k join medicinal_product p on p.id = k.product_id
      where k.id = any($1) or k.gtin = any($2)`,
    [ids, gtins],
  );
  const found = new Map<string, { id: number; existsFrom: string | null }>();
  for (const row of result.rows) {
    const value = { id: row.id, existsFrom: row.exists_from };
    found.set(packReferenceKey({ kind: 'id', id: row.id }), value);
    if (row.gtin !== null) found.set(packReferenceKey({ kind: 'gtin', gtin: row.gtin }), value);
  }
  return found;
}

export interface HolderRow {
  id: number;
  name: string;
  kind: HolderKind;
  external_code: string | null;
}

/** Organisations that hold stock (kind mah or wholesaler): the given ids, or all. */
export async function findHolders(pool: Queryable, ids?: readonly number[]): Promise<HolderRow[]> {
  const result = await pool.query<HolderRow>(
    `select id, name, kind, external_code from organisation
      where kind in ('mah', 'wholesaler') ${ids === undefined ? '' : 'and id = any($1)'}
      order by id`,
    ids === undefined ? [] : [ids],
  );
  return result.rows;
}

/** Stock holders by external code (a GLN in FHIR reports). */
export async function findHoldersByExternalCode(
  client: Queryable,
  codes: readonly string[],
): Promise<Map<string, number>> {
  const result = await client.query<{ id: number; external_code: string }>(
    `select id, external_code from organisation
      where kind in ('mah', 'wholesaler') and external_code = any($1)`,
    [codes],
  );
  return new Map(result.rows.map((row) => [row.external_code, row.id]));
}

/** Whether the organisation reported stock or demand of the pack (for its own view). */
export async function hasReportedPack(
  pool: Queryable,
  organisationId: number,
  packId: number,
): Promise<boolean> {
  const result = await pool.query<{ found: boolean }>(
    `select exists (select 1 from stock_report where holder_id = $1 and pack_id = $2)
         or exists (select 1 from demand_report where reporter_id = $1 and pack_id = $2) as found`,
    [organisationId, packId],
  );
  return result.rows[0]?.found === true;
}

// ------------------------------------------------------------------------------ listings

export interface StockReportRow {
  holder_id: number;
  holder_name: string;
  pack_id: number;
  gtin: string | null;
  report_date: string;
  on_hand: number;
  source: string;
  created_at: Date;
  incoming: { expectedDate: string; quantity: number }[];
}

export interface ReportFilter {
  readonly holderId?: number | undefined;
  readonly packId?: number | undefined;
  readonly from?: string | undefined;
  readonly to?: string | undefined;
  readonly limit: number;
  readonly offset: number;
}

function filterClause(
  filter: ReportFilter,
  columns: { holder: string; date: string },
): { where: string; values: unknown[] } {
  const conditions: string[] = [];
  const values: unknown[] = [];
  const add = (sql: string, value: unknown) => {
    values.push(value);
    conditions.push(sql.replace('?', `$${values.length}`));
  };
  if (filter.holderId !== undefined) add(`r.${columns.holder} = ?`, filter.holderId);
  if (filter.packId !== undefined) add('r.pack_id = ?', filter.packId);
  if (filter.from !== undefined) add(`r.${columns.date} >= ?::date`, filter.from);
  if (filter.to !== undefined) add(`r.${columns.date} <= ?::date`, filter.to);
  return { where: conditions.length === 0 ? '' : `where ${conditions.join(' and ')}`, values };
}

/** Stock reports, newest first, with their deliveries; and how many match. */
export async function listStockReports(
  pool: Queryable,
  filter: ReportFilter,
): Promise<{ rows: StockReportRow[]; total: number }> {
  const { where, values } = filterClause(filter, { holder: 'holder_id', date: 'report_date' });
  const total = await pool.query<{ n: number }>(
    `select count(*)::int as n from stock_report r ${where}`,
    values,
  );
  const rows = await pool.query<StockReportRow>(
    `select r.holder_id, o.name as holder_name, r.pack_id, k.gtin, r.report_date, r.on_hand,
            r.source, r.created_at,
            coalesce((select json_agg(json_build_object('expectedDate', i.expected_date,
                                                        'quantity', i.quantity)
                                      order by i.expected_date)
                        from stock_incoming i
                       where i.holder_id = r.holder_id and i.pack_id = r.pack_id
                         and i.report_date = r.report_date), '[]') as incoming
       from stock_report r
       join organisation o on o.id = r.holder_id
       join pack k on k.id = r.pack_id
       ${where}
      order by r.report_date desc, r.holder_id, r.pack_id
      limit $${values.length + 1} offset $${values.length + 2}`,
    [...values, filter.limit, filter.offset],
  );
  return { rows: rows.rows, total: total.rows[0]?.n ?? 0 };
}

export interface DemandReportRow {
  reporter_id: number;
  reporter_name: string;
  pack_id: number;
  gtin: string | null;
  period_start: string;
  period_days: number;
  region: string;
  quantity: number;
  source: string;
  created_at: Date;
}

/** Demand reports, newest first; and how many match. */
export async function listDemandReports(
  pool: Queryable,
  filter: ReportFilter,
): Promise<{ rows: DemandReportRow[]; total: number }> {
  const { where, values } = filterClause(filter, { holder: 'reporter_id', date: 'period_start' });
  const total = await pool.query<{ n: number }>(
    `select count(*)::int as n from demand_report r ${where}`,
    values,
  );
  const rows = await pool.query<DemandReportRow>(
    `select r.reporter_id, o.name as reporter_name, r.pack_id, k.gtin, r.period_start,
            r.period_days, r.region, r.quantity, r.source, r.created_at
       from demand_report r
       join organisation o on o.id = r.reporter_id
       join pack k on k.id = r.pack_id
       ${where}
      order by r.period_start desc, r.reporter_id, r.pack_id, r.region
      limit $${values.length + 1} offset $${values.length + 2}`,
    [...values, filter.limit, filter.offset],
  );
  return { rows: rows.rows, total: total.rows[0]?.n ?? 0 };
}
