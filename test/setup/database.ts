/** A private database per test file, cloned from a template prepared by global-database.ts. */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import '../../src/platform/database.ts';

export interface TestDatabase {
  readonly pool: pg.Pool;
  readonly url: string;
  close(): Promise<void>;
}

export async function createTestDatabase(
  template: 'empty' | 'reference' = 'empty',
): Promise<TestDatabase> {
  const serverUrl = inject('databaseServerUrl');
  const name = `test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name} template template_${template}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = '/' + name;
  const pool = new pg.Pool({ connectionString: url.toString(), max: 4 });
  return {
    pool,
    url: url.toString(),
    close: async () => {
      await pool.end();
      const cleanup = new pg.Client({ connectionString: serverUrl });
      await cleanup.connect();
      await cleanup.query(`drop database if exists ${name}`);
      await cleanup.end();
    },
  };
}
