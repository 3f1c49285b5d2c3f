/** Public routes (no login): the shortage list (JSON, CSV), change feed, Atom feeds; webhooks. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type pg from 'pg';
import { parseAtcCode } from '../kernel/atc.ts';
import { UserFacingError } from '../kernel/errors.ts';
import { authorise, requireActor } from '../platform/auth.ts';
import { paginate, pagingQuerySchema, problemSchema } from '../platform/http-server.ts';
import { csvField } from '../platform/output.ts';
import {
  deleteWebhook,
  listWebhooks,
  publicChanges,
  publicShortages,
  shortageFeed,
  subscribeWebhook,
  type PublicShortage,
  type WebhookOptions,
} from './service.ts';

const today = () => new Date().toISOString().slice(0, 10);

function baseUrl(request: FastifyRequest): string {
  return process.env.MEDSUPPLY_PUBLIC_URL ?? `${request.protocol}://${request.host}`;
}

const CSV_COLUMNS: [string, (item: PublicShortage) => string | number | null][] = [
  ['reference', (i) => i.reference],
  ['phase', (i) => i.phase],
  ['substance', (i) => i.substance.nl ?? i.substance.en],
  ['atc', (i) => i.atc.join(' ')],
  ['products', (i) => i.products.map((p) => p.name).join('; ')],
  ['registration_numbers', (i) => i.products.map((p) => p.registrationNumber).join('; ')],
  ['gtins', (i) => i.products.flatMap((p) => p.packs.map((k) => k.gtin ?? '')).join('; ')],
  ['company', (i) => i.organisationName],
  ['expected_start', (i) => i.expectedStart],
  ['expected_end', (i) => i.expectedEnd],
  ['cause_category', (i) => i.causeCategory],
  ['advice', (i) => i.advice],
  [
    'alternatives',
    (i) => [...new Set(i.products.flatMap((p) => p.alternatives.map((a) => a.name)))].join('; '),
  ],
  ['updated_at', (i) => i.updatedAt],
];

export function registerPublicRoutes(
  app: FastifyInstance,
  pool: pg.Pool,
  webhooks: WebhookOptions,
): void {
  app.get<{
    Querystring: {
      phase?: 'current' | 'expected';
      atc?: string;
      query?: string;
      reference?: string;
      page: number;
      pageSize: number;
    };
  }>(
    '/v1/shortages',
    {
      schema: {
        tags: ['public'],
        summary:
          'The public list of current and expected medicine shortages, with advice and alternatives (CSV with Accept: text/csv)',
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            phase: { type: 'string', enum: ['current', 'expected'] },
            atc: { type: 'string', pattern: '^[A-Za-z][0-9A-Za-z]{0,6}$' },
            query: { type: 'string', maxLength: 100 },
            reference: { type: 'string', pattern: '^MLD-\\d{4}-\\d{6}$' },
            ...pagingQuerySchema,
          },
        },
        response: { 400: problemSchema },
      },
    },
    async (request, reply) => {
      const items = await publicShortages(pool, today(), {
        phase: request.query.phase,
        atc: request.query.atc?.toUpperCase(),
        query: request.query.query,
        reference: request.query.reference,
      });
      reply.header('cache-control', 'public, max-age=60');
      if ((request.headers.accept ?? '').includes('text/csv')) {
        const lines = [CSV_COLUMNS.map(([name]) => name).join(',')];
        for (const item of items)
          lines.push(CSV_COLUMNS.map(([, value]) => csvField(value(item))).join(','));
        return reply
          .type('text/csv; charset=utf-8')
          .header(
            'content-disposition',
            `attachment; filename="geneesmiddelentekorten-${today()}.csv"`,
          )
          .send(lines.join('\r\n') + '\r\n');
      }
      return paginate(items, request.query.page, request.query.pageSize);
    },
  );

  app.get<{ Querystring: { since: string } }>(
    '/v1/shortages/changes',
    {
      schema: {
        tags: ['public'],
        summary:
          'What changed on the public list since a moment: new, changed and resolved shortages',
        querystring: {
          type: 'object',
          additionalProperties: false,
          required: ['since'],
          properties: {
            since: {
              type: 'string',
              format: 'date-time',
              description: 'ISO 8601 moment, e.g. 2026-11-01T00:00:00Z',
            },
          },
        },
        response: { 400: problemSchema },
      },
    },
    async (request) => {
      const since = new Date(request.query.since);
      const items = await publicChanges(pool, since, today());
      return {
        since: since.toISOString(),
        until: items.at(-1)?.changedAt ?? since.toISOString(),
        items,
      };
    },
  );

  app.get<{ Params: { id: number } }>(
    '/v1/feeds/products/:id',
    {
      schema: {
        tags: ['public'],
        summary: 'Atom feed of the shortages of one product',
        params: {
          type: 'object',
          required: ['id'],
          properties: { id: { type: 'integer', minimum: 1 } },
        },
        response: { 400: problemSchema },
      },
    },
    async (request, reply) =>
      reply
        .type('application/atom+xml; charset=utf-8')
        .send(
          await shortageFeed(
            pool,
            { kind: 'product', id: request.params.id },
            today(),
            baseUrl(request),
          ),
        ),
  );

  app.get<{ Params: { atc: string } }>(
    '/v1/feeds/substances/:atc',
    {
      schema: {
        tags: ['public'],
        summary: 'Atom feed of the shortages of one substance (ATC code, any level)',
        params: {
          type: 'object',
          required: ['atc'],
          properties: { atc: { type: 'string', maxLength: 7 } },
        },
        response: { 400: problemSchema },
      },
    },
    async (request, reply) => {
      const atc = parseAtcCode(request.params.atc);
      if (atc === undefined)
        throw new UserFacingError('MS_ATC_INVALID', `"${request.params.atc}" is not an ATC code`);
      return reply
        .type('application/atom+xml; charset=utf-8')
        .send(await shortageFeed(pool, { kind: 'substance', atc }, today(), baseUrl(request)));
    },
  );

  app.post<{ Body: { url: string; topic: 'all' | 'product' | 'substance'; topicRef?: string } }>(
    '/v1/webhook-subscriptions',
    {
      preValidation: authorise(),
      schema: {
        tags: ['public'],
        summary:
          'Follow public shortage changes by webhook; deliveries are signed (Medsupply-Signature) and retried',
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['url', 'topic'],
          properties: {
            url: { type: 'string', maxLength: 2000 },
            topic: { type: 'string', enum: ['all', 'product', 'substance'] },
            topicRef: { type: 'string', maxLength: 20, description: 'Product id or ATC code' },
          },
        },
        response: { 400: problemSchema, 401: problemSchema },
      },
    },
    async (request, reply) => {
      const created = await subscribeWebhook(pool, requireActor(request), request.body, webhooks);
      return reply.status(201).send(created);
    },
  );

  app.get(
    '/v1/webhook-subscriptions',
    {
      preValidation: authorise(),
      schema: { tags: ['public'], summary: 'Your webhook subscriptions' },
    },
    async (request) => ({
      items: await listWebhooks(pool, requireActor(request)),
    }),
  );

  app.delete<{ Params: { id: number } }>(
    '/v1/webhook-subscriptions/:id',
    {
      preValidation: authorise(),
      schema: {
        tags: ['public'],
        summary: 'Stop a webhook subscription',
        params: {
          type: 'object',
          required: ['id'],
          properties: { id: { type: 'integer', minimum: 1 } },
        },
        response: { 400: problemSchema, 401: problemSchema, 404: problemSchema },
      },
    },
    async (request, reply) => {
      await deleteWebhook(pool, requireActor(request), request.params.id);
      return reply.status(204).send();
    },
  );
}
