/**
 * Starts one throw-away embedded PostgreSQL for the whole test run and prepares two template
 * databases: "template_empty" (migrated) and "template_reference" (migrated, with the shipped
 * reference registers imported). Each test file clones the one it needs, so files run in parallel
 * without sharing rows.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import pg from 'pg';
import { startEmbeddedPostgres } from '../../src/platform/embedded-postgres.ts';
import { applyMigrations } from '../../src/platform/migrations.ts';
import { loadReferenceData } from '../../src/registry/index.ts';
import { importShortageReferenceData } from '../../src/signals/index.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseServerUrl: string;
  }
}

function databaseUrl(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = '/' + database;
  return url.toString();
}

async function createTemplate(
  serverUrl: string,
  name: string,
  fill: (pool: pg.Pool) => Promise<void>,
): Promise<void> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const pool = new pg.Pool({ connectionString: databaseUrl(serverUrl, name) });
  try {
    await fill(pool);
  } finally {
    await pool.end();
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dataDir = join(mkdtempSync(join(tmpdir(), 'medsupply-test-')), 'pgdata');
  const server = await startEmbeddedPostgres({ dataDir, ephemeral: true });
  await createTemplate(server.url, 'template_empty', async (pool) => {
    await applyMigrations(pool);
  });
  await createTemplate(server.url, 'template_reference', async (pool) => {
    await applyMigrations(pool);
    await loadReferenceData(pool, { actor: 'test-setup' });
    await importShortageReferenceData(pool, { actor: 'test-setup' });
  });
  project.provide('databaseServerUrl', server.url);
  return async () => {
    await server.stop();
  };
}
