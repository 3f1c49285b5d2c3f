/**
 * The database connection: DATABASE_URL when set (any PostgreSQL >= 15), else the embedded server
 * in .medsupply/pgdata of the working directory. Migrations are applied on open.
 */
import { resolve } from 'node:path';
import pg from 'pg';
import { startEmbeddedPostgres, type EmbeddedServer } from './embedded-postgres.ts';
import { applyMigrations } from './migrations.ts';

// int8 (bigint counts) as JavaScript numbers: our counts stay far below 2^53.
pg.types.setTypeParser(pg.types.builtins.INT8, (value: string) => Number(value));
// numeric as number: HHI and shares are reported as numbers, not strings.
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (value: string) => Number(value));
// dates stay ISO strings: a calendar date has no time zone.
pg.types.setTypeParser(pg.types.builtins.DATE, (value: string) => value);

export type Pool = pg.Pool;
export type PoolClient = pg.PoolClient;

export interface Database {
  readonly pool: pg.Pool;
  readonly url: string;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  readonly url?: string | undefined;
  readonly dataDir?: string;
  readonly log?: (line: string) => void;
  readonly migrate?: boolean;
}

export async function openDatabase(options: OpenDatabaseOptions = {}): Promise<Database> {
  const log = options.log ?? (() => undefined);
  let embedded: EmbeddedServer | undefined;
  let url = options.url;
  if (url === undefined || url === '') {
    embedded = await startEmbeddedPostgres({
      dataDir: options.dataDir ?? resolve(process.cwd(), '.medsupply', 'pgdata'),
      log,
    });
    url = embedded.url;
  }
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  // An idle client that loses its server emits 'error'; without a listener Node would crash.
  let closed = false;
  pool.on('error', (error) => {
    if (!closed) log(`database connection lost: ${error.message}`);
  });
  try {
    const version = await pool.query<{ server_version_num: string }>('show server_version_num');
    const major = Math.floor(Number(version.rows[0]?.server_version_num) / 10000);
    if (major < 15) throw new Error(`PostgreSQL ${major} is too old: medsupply needs 15 or newer`);
    if (options.migrate !== false) await applyMigrations(pool, log);
  } catch (error) {
    await pool.end();
    await embedded?.stop();
    throw error;
  }
  return {
    pool,
    url,
    close: async () => {
      if (closed) return;
      closed = true;
      await pool.end();
      await embedded?.stop();
    },
  };
}

/** Runs fn in one transaction: everything it wrote is committed together or not at all. */
export async function inTransaction<T>(
  pool: pg.Pool,
  fn: (client: pg.PoolClient) => Promise<T>,
): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('begin');
    const result = await fn(client);
    await client.query('commit');
    return result;
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
