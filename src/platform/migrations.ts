/**
 * Versioned SQL migrations from db/migrations (NNNN_name.sql), applied in order, each in its own
 * transaction, under an advisory lock so two processes starting together do not race. A changed
 * file that was already applied is an error: migrations are append-only.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type pg from 'pg';

export const MIGRATIONS_DIR = fileURLToPath(new URL('../../db/migrations/', import.meta.url));

// Any constant works; it only has to be the same in every medsupply process.
const MIGRATION_LOCK_ID = 727_001;

interface MigrationFile {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
  readonly checksum: string;
}

export function readMigrationFiles(dir = MIGRATIONS_DIR): MigrationFile[] {
  return readdirSync(dir)
    .filter((file) => /^\d{4}_[a-z0-9_]+\.sql$/.test(file))
    .sort()
    .map((file) => {
      const sql = readFileSync(dir + file, 'utf8');
      return {
        version: Number(file.slice(0, 4)),
        name: file.slice(5, -4),
        sql,
        checksum: createHash('sha256').update(sql).digest('hex'),
      };
    });
}

export async function applyMigrations(
  pool: pg.Pool,
  log: (line: string) => void = () => undefined,
): Promise<number> {
  const client = await pool.connect();
  try {
    await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_ID]);
    await client.query(`create table if not exists schema_migration (
      version integer primary key,
      name text not null,
      checksum text not null,
      applied_at timestamptz not null default now())`);
    const applied = new Map(
      (
        await client.query<{ version: number; checksum: string }>(
          'select version, checksum from schema_migration',
        )
      ).rows.map((row) => [row.version, row.checksum]),
    );
    let count = 0;
    for (const migration of readMigrationFiles()) {
      const previous = applied.get(migration.version);
      if (previous !== undefined) {
        if (previous !== migration.checksum) {
          throw new Error(
            `migration ${migration.version}_${migration.name} changed after it was applied; add a new migration instead`,
          );
        }
        continue;
      }
      await client.query('begin');
      try {
        await client.query(migration.sql);
        await client.query(
          'insert into schema_migration (version, name, checksum) values ($1, $2, $3)',
          [migration.version, migration.name, migration.checksum],
        );
        await client.query('commit');
      } catch (error) {
        await client.query('rollback');
        throw new Error(
          `migration ${migration.version}_${migration.name} failed: ${(error as Error).message}`,
        );
      }
      log(`applied migration ${migration.version}_${migration.name}`);
      count++;
    }
    return count;
  } finally {
    await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK_ID]).catch(() => undefined);
    client.release();
  }
}
