/**
 * `medsupply serve`: opens the database (embedded unless DATABASE_URL), applies migrations,
 * optionally loads the reference data, serves API and web app on PORT (default 8080), and on
 * Ctrl-C or SIGTERM closes the server and stops the embedded PostgreSQL cleanly.
 */
import { writeFileSync } from 'node:fs';
import { buildApp } from './app.ts';
import { parseCommandArgs, parsePositiveInteger, type CliContext } from './platform/cli-kit.ts';
import { loadReferenceData } from './registry/index.ts';
import pg from 'pg';

export async function runServeCommand(
  context: CliContext,
  args: readonly string[],
): Promise<number> {
  const { values } = parseCommandArgs(args, {
    port: { type: 'string' },
    host: { type: 'string' },
    'load-reference': { type: 'boolean' },
  });
  const port = parsePositiveInteger(values.port ?? context.env.PORT ?? '8080', '--port') ?? 8080;
  const host = values.host ?? context.env.HOST ?? '0.0.0.0';
  const log = (line: string) => context.stderr.write(`${line}\n`);
  const database = await context.openDatabase();
  if (values['load-reference'] === true) {
    const result = await loadReferenceData(database.pool, {
      actor: context.actor,
      onRegister: (register) => {
        log(`loading reference data: ${register}`);
      },
    });
    for (const report of result.reports) {
      log(
        `  ${report.register}: ${report.rowsImported} rows imported, ${report.rowsRejected} rejected (see /v1/registers)`,
      );
    }
    if (result.reports.length === 0) log('reference data already loaded');
  }
  const app = await buildApp({
    pool: database.pool,
    corsOrigins: (context.env.MEDSUPPLY_CORS_ORIGINS ?? '').split(',').filter((o) => o !== ''),
    logger: context.env.MEDSUPPLY_LOG === '1',
  });
  await app.listen({ port, host });
  log(`medsupply serves on http://localhost:${port}/ (API at /v1, OpenAPI at /v1/openapi.json)`);

  await new Promise<void>((resolve) => {
    let stopping = false;
    const stop = (signal: string) => {
      if (stopping) return;
      stopping = true;
      log(`${signal}: stopping`);
      void app
        .close()
        .then(() => database.close())
        .then(() => {
          log('stopped');
          resolve();
        });
    };
    process.once('SIGINT', () => {
      stop('SIGINT');
    });
    process.once('SIGTERM', () => {
      stop('SIGTERM');
    });
  });
  return 0;
}

/** The OpenAPI document, built from the route schemas (no database needed). */
export async function buildOpenApiDocument(): Promise<unknown> {
  // Routes only need a pool object to register; no query runs while building the document.
  const pool = new pg.Pool({ max: 1 });
  const app = await buildApp({ pool, webDir: '/nonexistent' });
  await app.ready();
  const document = app.swagger();
  await app.close();
  await pool.end();
  return document;
}

export async function runOpenApiCommand(
  context: CliContext,
  args: readonly string[],
): Promise<number> {
  const { values } = parseCommandArgs(args, { write: { type: 'string' } });
  const text = JSON.stringify(await buildOpenApiDocument(), null, 2) + '\n';
  if (values.write === undefined) context.stdout.write(text);
  else writeFileSync(values.write, text);
  return 0;
}
