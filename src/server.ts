/**
 * `medsupply serve`: opens the database (embedded unless DATABASE_URL), applies migrations,
 * optionally loads the reference data, serves API and web app on PORT (default 8080), and on
 * Ctrl-C or SIGTERM closes the server and stops the embedded PostgreSQL cleanly.
 */
import { writeFileSync } from 'node:fs';
import { buildApp, NOTIFICATION_PORTS } from './app.ts';
import { loadDemoData, loadDemoMarket } from './demo/demo.service.ts';
import { importShortageReferenceData } from './signals/index.ts';
import { runWebhookRound } from './public/service.ts';
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
    demo: { type: 'boolean' },
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
    const shortages = await importShortageReferenceData(database.pool, {
      actor: context.actor,
      onFile: (_source, path) => {
        log(`loading reference data: ${path.split('/').slice(-2).join('/')}`);
      },
    });
    if (shortages.reports.length === 0) log('foreign shortage registers already loaded');
  }
  if (values.demo === true) {
    const demo = await loadDemoData(database.pool, {
      now: new Date(),
      ports: NOTIFICATION_PORTS,
      log,
    });
    log(
      `demo data: ${demo.usersCreated} users, ${demo.productsImported} products, ${demo.notificationsCreated} notifications added (see README, "Demo users")`,
    );
    await loadDemoMarket(database.pool, { now: new Date(), log });
  }
  const allowInternalWebhooks = context.env.MEDSUPPLY_WEBHOOK_ALLOW_INTERNAL === '1';
  const app = await buildApp({
    pool: database.pool,
    allowInternalWebhooks,
    corsOrigins: (context.env.MEDSUPPLY_CORS_ORIGINS ?? '').split(',').filter((o) => o !== ''),
    logger: context.env.MEDSUPPLY_LOG === '1',
  });
  await app.listen({ port, host });
  // The webhook dispatcher: queue deliveries for public changes and send the due ones.
  let dispatching = false;
  const dispatcher = setInterval(() => {
    if (dispatching) return;
    dispatching = true;
    runWebhookRound(database.pool, {
      allowInternalAddresses: allowInternalWebhooks,
      now: new Date(),
    })
      .catch((error: unknown) => {
        log(`webhook round failed: ${error instanceof Error ? error.message : String(error)}`);
      })
      .finally(() => {
        dispatching = false;
      });
  }, 15_000);
  dispatcher.unref();
  log(`medsupply serves on http://localhost:${port}/ (API at /v1, OpenAPI at /v1/openapi.json)`);

  await new Promise<void>((resolve) => {
    let stopping = false;
    const stop = (signal: string) => {
      if (stopping) return;
      stopping = true;
      log(`${signal}: stopping`);
      clearInterval(dispatcher);
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
