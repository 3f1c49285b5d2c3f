/**
 * Bulk loads of stock, deliveries and demand. Rows are turned into COPY text in batches of
 * BATCH_ROWS; for each batch every holder and pack is checked set-wise, the months' partitions
 * are created when missing, and then:
 *
 * - the batch is COPYed into a temporary staging table and moved into the partitions by one
 *   `insert … on conflict do update`: a resent report (same holder, pack and day) replaces the
 *   stored one, so loading a file twice changes nothing;
 * - except that first, under a savepoint, the batch is COPYed straight into the table: when not
 *   one of its keys is stored yet (a new day's reports, a simulated history) that is the whole
 *   load, at the speed of raw COPY; the first stored key makes it fail with a unique violation,
 *   the savepoint undoes it, and the staging path above runs instead. The insert with
 *   `on conflict` costs about twice a plain insert (speculative insertion per row), which is why
 *   the plain COPY is tried first (BENCHMARKS.md).
 *
 * The caller passes a client inside a transaction (inTransaction): the staging table lives until
 * the transaction ends, and a failing load leaves nothing behind. The loaders check references
 * and keys, not business rules (dates after the pack existed, quantities): the services do that
 * before, and the simulator's loader writes a market it generated itself. Duplicate keys within
 * one load are a caller's bug and fail loudly.
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { copyTextValue } from '../../platform/copy.ts';
import { ensureMonthPartitions, type PartitionedTable } from './partitions.store.ts';

export interface StockLoadRow {
  readonly holderId: number;
  readonly packId: number;
  /** On hand at the end of this day (YYYY-MM-DD). */
  readonly reportDate: string;
  readonly onHand: number;
}

export interface IncomingLoadRow {
  readonly holderId: number;
  readonly packId: number;
  /** The stock report the delivery was reported with. */
  readonly reportDate: string;
  readonly expectedDate: string;
  readonly quantity: number;
}

export interface DemandLoadRow {
  readonly packId: number;
  readonly reporterId: number;
  readonly periodStart: string;
  /** 1 = a day, 7 = a week from periodStart. */
  readonly periodDays: 1 | 7;
  /** '' or absent: the whole country. */
  readonly region?: string;
  readonly quantity: number;
}

export type Rows<T> = Iterable<T> | AsyncIterable<T>;

export interface BulkLoadOptions {
  /** Where the rows come from, stored with them: api, csv:<file>, fhir, simulator… */
  readonly source: string;
}

export interface BulkLoadResult {
  readonly rows: number;
  /** The months (YYYY-MM) the rows fall in. */
  readonly months: readonly string[];
  /** Partitions this load created. */
  readonly createdPartitions: readonly string[];
}

/** Rows per batch: about 20 MB of COPY text in memory at a time. */
export const BATCH_ROWS = 500_000;
const CHUNK_BYTES = 1 << 20;

/**
 * COPY text written byte by byte into 1 MiB buffers: numbers as digits, ISO dates as their ten
 * characters. Building the same text with template strings costs more than PostgreSQL takes to
 * load it (BENCHMARKS.md), so the loaders write bytes.
 */
export class CopyTextWriter {
  readonly chunks: Buffer[] = [];
  private buffer = Buffer.allocUnsafe(CHUNK_BYTES);
  private position = 0;

  /** Room for the next `bytes` bytes; a full buffer becomes a chunk. */
  reserve(bytes: number): void {
    if (this.position + bytes <= this.buffer.length) return;
    this.flush();
    if (bytes > this.buffer.length) this.buffer = Buffer.allocUnsafe(bytes);
  }

  flush(): void {
    if (this.position === 0) return;
    this.chunks.push(this.buffer.subarray(0, this.position));
    this.buffer = Buffer.allocUnsafe(CHUNK_BYTES);
    this.position = 0;
  }

  byte(value: number): void {
    this.buffer[this.position++] = value;
  }

  /** A whole number as digits; anything else as its text, for PostgreSQL to refuse loudly. */
  integer(value: number): void {
    if (!Number.isSafeInteger(value)) {
      this.text(String(value));
      return;
    }
    let rest = value;
    if (rest < 0) {
      this.byte(45);
      rest = -rest;
    }
    let digits = 1;
    for (let power = 10; power <= rest; power *= 10) digits++;
    const buffer = this.buffer;
    let at = this.position + digits - 1;
    do {
      const next = Math.floor(rest / 10);
      buffer[at--] = 48 + rest - next * 10;
      rest = next;
    } while (rest > 0);
    this.position += digits;
  }

  /** An ISO date (or any ASCII word) as it is; other text is escaped and written as UTF-8. */
  ascii(value: string): void {
    for (let i = 0; i < value.length; i++) {
      const code = value.charCodeAt(i);
      if (code < 33 || code > 126 || code === 92) {
        this.text(value.slice(i));
        return;
      }
      this.byte(code);
    }
  }

  /** Text with COPY's escapes (backslash, tab, line breaks). */
  text(value: string): void {
    const escaped = copyTextValue(value);
    const bytes = Buffer.byteLength(escaped);
    this.reserve(bytes);
    this.position += this.buffer.write(escaped, this.position, 'utf8');
  }

  bytes(value: Uint8Array): void {
    this.buffer.set(value, this.position);
    this.position += value.length;
  }
}

/** One batch of rows as COPY text, with what was seen in it. */
interface Batch {
  readonly chunks: Buffer[];
  rows: number;
  readonly holders: Set<number>;
  readonly packs: Set<number>;
  readonly months: Set<string>;
}

/** How one kind of row becomes COPY text and what it refers to. */
interface RowFormat<T> {
  /** Bytes one row may take at most, apart from its text fields. */
  readonly maxBytes: number;
  readonly write: (row: T, out: CopyTextWriter) => void;
  readonly holder: (row: T) => number;
  readonly pack: (row: T) => number;
  /** The partitioning date (YYYY-MM-DD). */
  readonly date: (row: T) => string;
}

function isAsyncIterable<T>(rows: Rows<T>): rows is AsyncIterable<T> {
  return Symbol.asyncIterator in rows;
}

/** The rows in batches of COPY text; a synchronous source is read in a plain loop. */
async function* batchesOf<T>(rows: Rows<T>, format: RowFormat<T>): AsyncGenerator<Batch> {
  let out = new CopyTextWriter();
  let count = 0;
  let holders = new Set<number>();
  let packs = new Set<number>();
  let months = new Set<string>();
  // Rows usually come grouped: only a change of id or month costs a set lookup.
  let lastHolder = Number.NaN;
  let lastPack = Number.NaN;
  let lastMonth = '-';
  const add = (row: T): boolean => {
    out.reserve(format.maxBytes);
    format.write(row, out);
    count++;
    const holder = format.holder(row);
    if (holder !== lastHolder) holders.add((lastHolder = holder));
    const pack = format.pack(row);
    if (pack !== lastPack) packs.add((lastPack = pack));
    const date = format.date(row);
    if (!date.startsWith(lastMonth)) {
      lastMonth = date.slice(0, 7);
      months.add(lastMonth);
    }
    return count >= BATCH_ROWS;
  };
  const finish = (): Batch => {
    out.flush();
    const batch: Batch = { chunks: out.chunks, rows: count, holders, packs, months };
    out = new CopyTextWriter();
    count = 0;
    holders = new Set();
    packs = new Set();
    months = new Set();
    lastHolder = Number.NaN;
    lastPack = Number.NaN;
    lastMonth = '-';
    return batch;
  };
  if (isAsyncIterable(rows)) {
    for await (const row of rows) if (add(row)) yield finish();
  } else {
    for (const row of rows) if (add(row)) yield finish();
  }
  if (count > 0) yield finish();
}

async function copyChunks(
  client: pg.PoolClient,
  table: string,
  columns: readonly string[],
  chunks: readonly Buffer[],
): Promise<void> {
  const stream = client.query(copyFrom(`copy ${table} (${columns.join(', ')}) from stdin`));
  await pipeline(Readable.from(chunks), stream);
}

async function createStaging(client: pg.PoolClient, name: string, columns: string): Promise<void> {
  // Temporary: no WAL, private to this session, dropped at commit or rollback.
  await client.query(`create temp table if not exists ${name} (${columns}) on commit drop`);
  await client.query(`truncate ${name}`);
}

function inTransactionHint(error: unknown, loader: string): unknown {
  const code = (error as { code?: string }).code;
  if (code === '42P01' || code === '25P01') {
    return new Error(`${loader} must run inside a transaction (inTransaction)`, { cause: error });
  }
  return error;
}

/** Refuses ids that are no stock holder (organisation of kind mah or wholesaler) or no pack. */
async function checkReferences(client: pg.PoolClient, batch: Batch, loader: string): Promise<void> {
  const result = await client.query<{ holders: number[]; packs: number[] }>(
    `select
       array(select h from unnest($1::bigint[]) h where not exists
               (select 1 from organisation o where o.id = h and o.kind in ('mah', 'wholesaler')))
         as holders,
       array(select p from unnest($2::bigint[]) p where not exists
               (select 1 from pack k where k.id = p)) as packs`,
    [[...batch.holders], [...batch.packs]],
  );
  const row = result.rows[0];
  const holders = row?.holders ?? [];
  const packs = row?.packs ?? [];
  if (holders.length > 0 || packs.length > 0) {
    const list = (ids: number[]) => ids.slice(0, 10).join(', ') + (ids.length > 10 ? ', …' : '');
    const problems = [
      ...(holders.length > 0 ? [`holders ${list(holders)} are no stock holders`] : []),
      ...(packs.length > 0 ? [`packs ${list(packs)} do not exist`] : []),
    ];
    throw new Error(`${loader}: ${problems.join('; ')}`);
  }
}

/**
 * COPYs a batch straight into the table under a savepoint; false (and undone) when a key of it
 * is already stored.
 */
async function tryDirectCopy(
  client: pg.PoolClient,
  table: PartitionedTable,
  columns: readonly string[],
  batch: Batch,
): Promise<boolean> {
  await client.query('savepoint stock_direct_copy');
  try {
    await copyChunks(client, table, columns, batch.chunks);
  } catch (error) {
    await client.query('rollback to savepoint stock_direct_copy');
    if ((error as { code?: string }).code === '23505') return false;
    throw error;
  }
  await client.query('release savepoint stock_direct_copy');
  return true;
}

interface UpsertSpec {
  readonly loader: string;
  readonly table: PartitionedTable;
  /** The columns of the COPY text, in order, ending with source. */
  readonly columns: readonly string[];
  readonly staging: string;
  readonly stagingColumns: string;
  readonly conflictKey: string;
  /** The value columns a resent row replaces (with source and created_at). */
  readonly values: readonly string[];
}

async function loadBatches<T>(
  client: pg.PoolClient,
  rows: Rows<T>,
  format: RowFormat<T>,
  spec: UpsertSpec,
  options: { readonly direct: boolean; readonly afterStaging?: () => Promise<void> },
): Promise<BulkLoadResult> {
  let total = 0;
  const months = new Set<string>();
  const created: string[] = [];
  try {
    for await (const batch of batchesOf(rows, format)) {
      total += batch.rows;
      for (const month of batch.months) months.add(month);
      await checkReferences(client, batch, spec.loader);
      created.push(...(await ensureMonthPartitions(client, spec.table, batch.months)));
      if (options.direct && (await tryDirectCopy(client, spec.table, spec.columns, batch)))
        continue;
      await createStaging(client, spec.staging, spec.stagingColumns);
      await copyChunks(client, spec.staging, spec.columns, batch.chunks);
      await client.query(
        `insert into ${spec.table} (${spec.columns.join(', ')})
         select ${spec.columns.join(', ')} from ${spec.staging}
         on conflict (${spec.conflictKey}) do update
           set ${[...spec.values, 'source'].map((c) => `${c} = excluded.${c}`).join(', ')},
               created_at = excluded.created_at
           -- An unchanged resend writes nothing: no new row version, no index entries.
           where (${spec.values.map((c) => `${spec.table}.${c}`).join(', ')}, ${spec.table}.source)
                 is distinct from (${spec.values.map((c) => `excluded.${c}`).join(', ')}, excluded.source)`,
      );
      await options.afterStaging?.();
    }
  } catch (error) {
    throw inTransactionHint(error, spec.loader);
  }
  return { rows: total, months: [...months].sort(), createdPartitions: created };
}

const TAB = 9;
const NEWLINE = 10;

/** "\t<source>\n": the constant last column of every row. */
function sourceBytes(source: string): Buffer {
  return Buffer.from(`\t${copyTextValue(source)}\n`, 'utf8');
}

const STOCK_SPEC: Omit<UpsertSpec, 'loader'> = {
  table: 'stock_report',
  columns: ['holder_id', 'pack_id', 'report_date', 'on_hand', 'source'],
  staging: 'stock_staging',
  stagingColumns:
    'holder_id bigint not null, pack_id bigint not null, report_date date not null, on_hand integer not null, source text not null',
  conflictKey: 'holder_id, pack_id, report_date',
  values: ['on_hand'],
};

/**
 * Loads stock reports (see the module comment). With `replaceIncoming`, the deliveries stored
 * with the same (holder, pack, day) are removed too (the services do this: a resent report
 * without deliveries expects none); such loads always take the staging path.
 */
export async function bulkLoadStock(
  client: pg.PoolClient,
  rows: Rows<StockLoadRow>,
  options: BulkLoadOptions & { readonly replaceIncoming?: boolean },
): Promise<BulkLoadResult> {
  const source = sourceBytes(options.source);
  const replaceIncoming = options.replaceIncoming === true;
  return loadBatches(
    client,
    rows,
    {
      maxBytes: 80 + source.length,
      write: (row, out) => {
        out.integer(row.holderId);
        out.byte(TAB);
        out.integer(row.packId);
        out.byte(TAB);
        out.ascii(row.reportDate);
        out.byte(TAB);
        out.integer(row.onHand);
        out.bytes(source);
      },
      holder: (row) => row.holderId,
      pack: (row) => row.packId,
      date: (row) => row.reportDate,
    },
    { ...STOCK_SPEC, loader: 'bulkLoadStock' },
    {
      direct: !replaceIncoming,
      ...(replaceIncoming
        ? {
            afterStaging: async () => {
              await client.query(
                `delete from stock_incoming i using stock_staging s
                  where i.holder_id = s.holder_id and i.pack_id = s.pack_id
                    and i.report_date = s.report_date`,
              );
            },
          }
        : {}),
    },
  );
}

/**
 * Loads expected deliveries: every (holder, pack, report day) in the rows gets exactly the
 * deliveries listed for it; what was stored for it before is replaced.
 */
export async function bulkLoadIncoming(
  client: pg.PoolClient,
  rows: Rows<IncomingLoadRow>,
): Promise<BulkLoadResult> {
  let total = 0;
  const months = new Set<string>();
  const created: string[] = [];
  const columns = ['holder_id', 'pack_id', 'report_date', 'expected_date', 'quantity'];
  try {
    for await (const batch of batchesOf(rows, {
      maxBytes: 100,
      write: (row: IncomingLoadRow, out) => {
        out.integer(row.holderId);
        out.byte(TAB);
        out.integer(row.packId);
        out.byte(TAB);
        out.ascii(row.reportDate);
        out.byte(TAB);
        out.ascii(row.expectedDate);
        out.byte(TAB);
        out.integer(row.quantity);
        out.byte(NEWLINE);
      },
      holder: (row) => row.holderId,
      pack: (row) => row.packId,
      date: (row) => row.reportDate,
    })) {
      total += batch.rows;
      for (const month of batch.months) months.add(month);
      await checkReferences(client, batch, 'bulkLoadIncoming');
      created.push(...(await ensureMonthPartitions(client, 'stock_incoming', batch.months)));
      await createStaging(
        client,
        'incoming_staging',
        'holder_id bigint not null, pack_id bigint not null, report_date date not null, expected_date date not null, quantity integer not null',
      );
      await copyChunks(client, 'incoming_staging', columns, batch.chunks);
      await client.query(
        `delete from stock_incoming i
          using (select distinct holder_id, pack_id, report_date from incoming_staging) s
          where i.holder_id = s.holder_id and i.pack_id = s.pack_id and i.report_date = s.report_date`,
      );
      await client.query(
        `insert into stock_incoming (${columns.join(', ')})
         select ${columns.join(', ')} from incoming_staging`,
      );
    }
  } catch (error) {
    throw inTransactionHint(error, 'bulkLoadIncoming');
  }
  return { rows: total, months: [...months].sort(), createdPartitions: created };
}

/** Loads demand reports (see the module comment): a resent period replaces the stored one. */
export async function bulkLoadDemand(
  client: pg.PoolClient,
  rows: Rows<DemandLoadRow>,
  options: BulkLoadOptions,
): Promise<BulkLoadResult> {
  const source = sourceBytes(options.source);
  return loadBatches(
    client,
    rows,
    {
      maxBytes: 100 + source.length,
      write: (row, out) => {
        out.integer(row.packId);
        out.byte(TAB);
        out.integer(row.reporterId);
        out.byte(TAB);
        out.ascii(row.periodStart);
        out.byte(TAB);
        out.integer(row.periodDays);
        out.byte(TAB);
        if (row.region !== undefined && row.region !== '') out.text(row.region);
        out.byte(TAB);
        out.integer(row.quantity);
        out.bytes(source);
      },
      holder: (row) => row.reporterId,
      pack: (row) => row.packId,
      date: (row) => row.periodStart,
    },
    {
      loader: 'bulkLoadDemand',
      table: 'demand_report',
      columns: [
        'pack_id',
        'reporter_id',
        'period_start',
        'period_days',
        'region',
        'quantity',
        'source',
      ],
      staging: 'demand_staging',
      stagingColumns:
        'pack_id bigint not null, reporter_id bigint not null, period_start date not null, period_days smallint not null, region text not null, quantity integer not null, source text not null',
      conflictKey: 'reporter_id, pack_id, period_start, period_days, region',
      values: ['quantity'],
    },
    { direct: true },
  );
}
