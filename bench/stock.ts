/**
 * Stock ingestion for BENCHMARKS.md: N stock rows through `bulkLoadStock` (row objects → COPY
 * text → reference check → month partitions → COPY, or on a resend staging table and
 * `insert … on conflict do update`) against raw PostgreSQL COPY of the same rows, as prepared
 * COPY text, straight into stock_report, in the same run on the same server. Ratio = raw COPY time / loader time (1.0 would
 * be as fast as raw COPY). bench/run.ts calls measureStockIngestion and renderStockIngestion.
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { inTransaction } from '../src/platform/database.ts';
import {
  addDays,
  bulkLoadStock,
  ensureMonthPartitions,
  monthsBetween,
  partitionName,
  type StockLoadRow,
} from '../src/stock/index.ts';

export interface StockIngestionOptions {
  /** Rows per load (default 1,000,000: 10 holders x 100 packs x 1,000 days from 2101-01-01). */
  readonly rows?: number;
  /** Runs per figure; the median is reported (default 5). */
  readonly runs?: number;
}

export interface StockIngestionFigures {
  readonly rows: number;
  readonly holders: number;
  readonly packs: number;
  readonly days: number;
  readonly months: number;
  readonly runs: number;
  /** Raw COPY of the prepared text into stock_report (partitions made beforehand), ms. */
  readonly rawCopyMs: number;
  /** bulkLoadStock into an empty stock_report, creating the partitions, ms. */
  readonly loaderNewMs: number;
  /** bulkLoadStock again with the same rows unchanged (an idempotent resend), ms. */
  readonly loaderUnchangedMs: number;
  /** bulkLoadStock again with every on-hand figure changed: every row replaces one, ms. */
  readonly loaderReplaceMs: number;
}

const HOLDERS = 10;
const PACKS = 100;
/**
 * Far from any real or simulated data: the bench creates and drops only its own month
 * partitions, so it can run in a database that holds other stock (bench/run.ts's).
 */
const START = '2101-01-01';

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? 0)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

/** Holders and packs for the bench rows, made once (names unique to the bench). */
async function makeCatalogue(pool: pg.Pool): Promise<{ holders: number[]; packs: number[] }> {
  const holders = await pool.query<{ id: number }>(
    `insert into organisation (name, name_key, kind)
     select 'Bench holder ' || i, 'bench stock holder ' || i, 'wholesaler'
       from generate_series(1, $1) i
     on conflict (name_key) do update set kind = 'wholesaler'
     returning id`,
    [HOLDERS],
  );
  const mah = holders.rows[0]?.id ?? 0;
  const products = await pool.query<{ id: number }>(
    `insert into medicinal_product (registration_number, name, mah_organisation_id, dose_form,
                                    route, strength, strength_key)
     select 'BENCH ' || i, 'Bench product ' || i, $2, 'tablet', 'oral', '1 mg', '1mg'
       from generate_series(1, $1) i
     on conflict (registration_number) do update set name = excluded.name
     returning id`,
    [PACKS, mah],
  );
  const productIds = products.rows.map((row) => row.id);
  await pool.query(
    `insert into pack (product_id, national_code, description, pack_size, pack_unit)
     select p, lpad((99000000 + row_number() over ())::text, 8, '0'), 'bench pack', 30, 'tablet'
       from unnest($1::bigint[]) p
     on conflict (national_code) do nothing`,
    [productIds],
  );
  const packs = await pool.query<{ id: number }>(
    'select id from pack where product_id = any($1) order by id',
    [productIds],
  );
  return { holders: holders.rows.map((row) => row.id), packs: packs.rows.map((row) => row.id) };
}

/** The rows in primary-key order (holder, pack, day), as a client would produce them. */
function* benchRows(
  holders: readonly number[],
  packs: readonly number[],
  dates: readonly string[],
  change = 0,
): Generator<StockLoadRow> {
  for (const holderId of holders) {
    for (const packId of packs) {
      for (let day = 0; day < dates.length; day++) {
        yield {
          holderId,
          packId,
          reportDate: dates[day] ?? START,
          onHand: ((holderId * 7 + packId * 13 + day) % 5000) + change,
        };
      }
    }
  }
}

async function dropBenchPartitions(pool: pg.Pool, months: readonly string[]): Promise<void> {
  for (const month of months) {
    await pool.query(`drop table if exists ${partitionName('stock_report', month)}`);
  }
}

export async function measureStockIngestion(
  pool: pg.Pool,
  options: StockIngestionOptions = {},
): Promise<StockIngestionFigures> {
  const total = options.rows ?? 1_000_000;
  const runs = options.runs ?? 5;
  const days = Math.max(1, Math.round(total / (HOLDERS * PACKS)));
  const { holders, packs } = await makeCatalogue(pool);
  const dates = Array.from({ length: days }, (_, day) => addDays(START, day));
  const months = monthsBetween(START, dates[dates.length - 1] ?? START);
  const rows = holders.length * packs.length * days;

  // The reference's input: the same rows as COPY text, prepared before the clock starts.
  const chunks: string[] = [];
  let buffer = '';
  for (const row of benchRows(holders, packs, dates)) {
    buffer += `${row.holderId}\t${row.packId}\t${row.reportDate}\t${row.onHand}\tbench\n`;
    if (buffer.length >= 1 << 16) {
      chunks.push(buffer);
      buffer = '';
    }
  }
  if (buffer !== '') chunks.push(buffer);

  const rawTimes: number[] = [];
  const newTimes: number[] = [];
  const unchangedTimes: number[] = [];
  const replaceTimes: number[] = [];
  try {
    for (let run = 0; run < runs; run++) {
      await dropBenchPartitions(pool, months);
      await inTransaction(pool, (client) => ensureMonthPartitions(client, 'stock_report', months));
      await pool.query('checkpoint');
      rawTimes.push(
        await timed(() =>
          inTransaction(pool, async (client) => {
            await pipeline(
              Readable.from(chunks),
              client.query(
                copyFrom(
                  'copy stock_report (holder_id, pack_id, report_date, on_hand, source) from stdin',
                ),
              ),
            );
          }),
        ),
      );

      await dropBenchPartitions(pool, months);
      await pool.query('checkpoint');
      newTimes.push(
        await timed(() =>
          inTransaction(pool, (client) =>
            bulkLoadStock(client, benchRows(holders, packs, dates), { source: 'bench' }),
          ),
        ),
      );
      await pool.query('checkpoint');
      unchangedTimes.push(
        await timed(() =>
          inTransaction(pool, (client) =>
            bulkLoadStock(client, benchRows(holders, packs, dates), { source: 'bench' }),
          ),
        ),
      );
      await pool.query('checkpoint');
      replaceTimes.push(
        await timed(() =>
          inTransaction(pool, (client) =>
            bulkLoadStock(client, benchRows(holders, packs, dates, 1), { source: 'bench' }),
          ),
        ),
      );
      process.stderr.write(
        `stock ingestion run ${run + 1}/${runs}: raw COPY ${rawTimes.at(-1)?.toFixed(0) ?? ''} ms, loader (new) ${newTimes.at(-1)?.toFixed(0) ?? ''} ms, loader (unchanged) ${unchangedTimes.at(-1)?.toFixed(0) ?? ''} ms, loader (replace) ${replaceTimes.at(-1)?.toFixed(0) ?? ''} ms\n`,
      );
    }
  } finally {
    await dropBenchPartitions(pool, months);
  }
  return {
    rows,
    holders: holders.length,
    packs: packs.length,
    days,
    months: months.length,
    runs,
    rawCopyMs: median(rawTimes),
    loaderNewMs: median(newTimes),
    loaderUnchangedMs: median(unchangedTimes),
    loaderReplaceMs: median(replaceTimes),
  };
}

/** The BENCHMARKS.md section for these figures. */
export function renderStockIngestion(figures: StockIngestionFigures): string {
  const rate = (ms: number) => Math.round((figures.rows / ms) * 1000).toLocaleString('en');
  const ratio = (ms: number) => (figures.rawCopyMs / ms).toFixed(2);
  return `
## Stock ingestion

${figures.rows.toLocaleString('en')} stock rows (${figures.holders} holders x ${figures.packs} packs x ${figures.days.toLocaleString('en')} days, ${figures.months} month partitions), medians of ${figures.runs} runs.
The loader is \`bulkLoadStock\` from row objects: the rows written as COPY text (bytes, not
template strings), a set-wise check of every holder and pack, the month partitions created when
missing; then each batch of 500,000 rows is COPYed straight into stock_report under a savepoint,
and only when a key is already stored (a resend) undone and loaded through a staging table and
\`insert … on conflict do update\` (an unchanged row is left as it is). The reference, in the same
run on the same server, is raw \`COPY stock_report … FROM STDIN\` of the same rows as text
prepared beforehand, into partitions created beforehand: the floor for getting those rows into
the table at all. Ratio = raw COPY time / loader time.

| load | ms | rows/s | ratio to raw COPY |
|---|---:|---:|---:|
| raw COPY into stock_report | ${figures.rawCopyMs.toFixed(0)} | ${rate(figures.rawCopyMs)} | 1.00 |
| bulkLoadStock, new rows (partitions created) | ${figures.loaderNewMs.toFixed(0)} | ${rate(figures.loaderNewMs)} | ${ratio(figures.loaderNewMs)} |
| bulkLoadStock, every row resent unchanged | ${figures.loaderUnchangedMs.toFixed(0)} | ${rate(figures.loaderUnchangedMs)} | ${ratio(figures.loaderUnchangedMs)} |
| bulkLoadStock, every row resent changed (replaces) | ${figures.loaderReplaceMs.toFixed(0)} | ${rate(figures.loaderReplaceMs)} | ${ratio(figures.loaderReplaceMs)} |
`;
}
