/**
 * Month partitions of the stock time series, created when a load first touches a month. Creating
 * a partition locks its parent table until the transaction ends, so it happens only for months
 * that do not exist yet (checked first, then re-checked under an advisory lock, so two loads that
 * both need a new month do not race).
 */
import type pg from 'pg';
import { addDays } from '../domain/dates.ts';

export const PARTITIONED_TABLES = ['stock_report', 'stock_incoming', 'demand_report'] as const;
export type PartitionedTable = (typeof PARTITIONED_TABLES)[number];

// Any constant works; it only has to be the same in every medsupply process.
const PARTITION_LOCK_ID = 727_006;

/** stock_report_y2026m05 for month 2026-05. */
export function partitionName(table: PartitionedTable, month: string): string {
  if (!/^\d{4}-\d{2}$/.test(month)) throw new Error(`not a month: ${month}`);
  return `${table}_y${month.slice(0, 4)}m${month.slice(5, 7)}`;
}

function nextMonth(month: string): string {
  // The 28th plus 4 days always lies in the next month.
  return addDays(`${month}-28`, 4).slice(0, 7);
}

async function existingPartitions(
  client: pg.PoolClient | pg.Pool,
  table: PartitionedTable,
): Promise<Set<string>> {
  const result = await client.query<{ name: string }>(
    `select c.relname as name from pg_inherits i join pg_class c on c.oid = i.inhrelid
      where i.inhparent = $1::regclass`,
    [table],
  );
  return new Set(result.rows.map((row) => row.name));
}

/** Creates the partitions of these months (YYYY-MM) that do not exist yet; returns their names. */
export async function ensureMonthPartitions(
  client: pg.PoolClient,
  table: PartitionedTable,
  months: Iterable<string>,
): Promise<string[]> {
  const wanted = [...new Set(months)].sort();
  let existing = await existingPartitions(client, table);
  let missing = wanted.filter((month) => !existing.has(partitionName(table, month)));
  if (missing.length === 0) return [];
  await client.query('select pg_advisory_xact_lock($1)', [PARTITION_LOCK_ID]);
  existing = await existingPartitions(client, table);
  missing = missing.filter((month) => !existing.has(partitionName(table, month)));
  for (const month of missing) {
    // Names and bounds come from validated months, never from request text.
    await client.query(
      `create table ${partitionName(table, month)} partition of ${table}
         for values from ('${month}-01') to ('${nextMonth(month)}-01')`,
    );
  }
  return missing.map((month) => partitionName(table, month));
}

/** The months that have a partition, per table (for tests and the operator). */
export async function listMonthPartitions(
  client: pg.PoolClient | pg.Pool,
  table: PartitionedTable,
): Promise<string[]> {
  const names = await existingPartitions(client, table);
  return [...names]
    .map((name) => /_y(\d{4})m(\d{2})$/.exec(name))
    .flatMap((match) => (match === null ? [] : [`${match[1] ?? ''}-${match[2] ?? ''}`]))
    .sort();
}
