/**
 * buildApp returns the whole HTTP application without listening: the API under /v1 and the web
 * app at /. Tests use it in-process; the server entry adds listen and shutdown.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';
import type pg from 'pg';
import {
  API_VERSION,
  createHttpServer,
  OPENAPI_PATH,
  problemSchema,
  sendProblem,
} from './platform/http-server.ts';
import { installAuth } from './platform/auth.ts';
import { createActorResolver } from './identity/index.ts';
import { registerIdentityRoutes } from './identity/http.ts';
import { registerRegistryRoutes } from './registry/http.ts';
import { registerVulnerabilityRoutes } from './vulnerability/http.ts';
import { registerProductRoutes } from './products/http.ts';
import { registerNotificationRoutes } from './notifications/http.ts';
import type { NotificationPorts } from './notifications/service.ts';
import { foreignShortagesFor } from './signals/index.ts';
import { registerPublicRoutes } from './public/http.ts';
import { registerSignalsRoutes } from './signals/http.ts';
import { registerStockRoutes } from './stock/http.ts';
import { registerEarlyWarningRoutes } from './early-warning/http.ts';

/** How notifications reach the other capabilities in the running application. */
export const NOTIFICATION_PORTS: NotificationPorts = {
  foreignShortageCount: async (pool, atc, asOf) =>
    (await foreignShortagesFor(pool, atc, asOf)).length,
};

export const WEB_DIST_DIR = fileURLToPath(new URL('../web/dist/', import.meta.url));

export interface AppDependencies {
  readonly pool: pg.Pool;
  readonly corsOrigins?: readonly string[];
  readonly logger?: boolean;
  /** Folder of the built web app; default web/dist. Absent folder: API only. */
  readonly webDir?: string;
  /**
   * Mark the session cookie Secure on plain http too (behind a TLS proxy); default from
   * MEDSUPPLY_SECURE_COOKIES=1. Over https it is Secure anyway.
   */
  readonly secureCookies?: boolean;
  /** What notifications need from other capabilities (foreign shortage signals). */
  readonly notificationPorts?: NotificationPorts;
  /** Let webhooks call loopback and private addresses (tests, closed networks). */
  readonly allowInternalWebhooks?: boolean;
}

export async function buildApp(deps: AppDependencies): Promise<FastifyInstance> {
  const app = await createHttpServer({
    ...(deps.corsOrigins === undefined ? {} : { corsOrigins: deps.corsOrigins }),
    logger: deps.logger ?? false,
  });
  // Before any route: every /v1 request gets request.actor (null for the public).
  installAuth(app, createActorResolver(deps.pool));

  app.get(
    '/v1/health',
    {
      schema: {
        tags: ['platform'],
        summary: 'Liveness and database check',
        response: {
          200: {
            type: 'object',
            properties: {
              status: { type: 'string', enum: ['ok'] },
              version: { type: 'string' },
              database: { type: 'string' },
            },
          },
          503: problemSchema,
        },
      },
    },
    async (_request, reply) => {
      try {
        await deps.pool.query('select 1');
      } catch {
        return sendProblem(reply.status(503), 'MS_INTERNAL', 'the database does not answer');
      }
      return { status: 'ok', version: API_VERSION, database: 'ok' };
    },
  );

  registerIdentityRoutes(app, deps.pool, {
    secureCookies: deps.secureCookies ?? process.env.MEDSUPPLY_SECURE_COOKIES === '1',
  });
  registerRegistryRoutes(app, deps.pool);
  registerVulnerabilityRoutes(app, deps.pool);
  registerProductRoutes(app, deps.pool);
  registerNotificationRoutes(app, deps.pool, deps.notificationPorts ?? NOTIFICATION_PORTS);
  registerPublicRoutes(app, deps.pool, {
    allowInternalAddresses:
      deps.allowInternalWebhooks ?? process.env.MEDSUPPLY_WEBHOOK_ALLOW_INTERNAL === '1',
  });
  registerSignalsRoutes(app, deps.pool);
  registerStockRoutes(app, deps.pool);
  registerEarlyWarningRoutes(app, deps.pool);

  app.get(OPENAPI_PATH, { schema: { hide: true } }, () => app.swagger());

  const webDir = deps.webDir ?? WEB_DIST_DIR;
  const hasWeb = existsSync(`${webDir}/index.html`);
  if (hasWeb) {
    await app.register(fastifyStatic, {
      root: webDir,
      prefix: '/',
      index: ['index.html'],
      wildcard: false,
    });
  }

  app.setNotFoundHandler(async (request, reply) => {
    const path = request.url.split('?')[0] ?? '';
    if (path.startsWith('/v1/') || path === '/v1' || !hasWeb || request.method !== 'GET') {
      return sendProblem(reply, 'MS_REQUEST_NOT_FOUND', `no resource at ${path}`);
    }
    // Client-side routes (/substances/J01CA04) get the app, which routes itself.
    return reply.type('text/html').sendFile('index.html');
  });

  return app;
}
