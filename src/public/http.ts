/** Public routes (no login): the shortage list (JSON, CSV), change feed, Atom feeds; webhooks. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type pg from 'pg';
import { parseAtcCode } from '../kernel/atc.ts';
import { UserFacingError } from '../kernel/errors.ts';
import { authorise, requireActor } from '../platform/auth.ts';
import { pageSchema, paginate, pagingQuerySchema, problemSchema } from '../platform/http-server.ts';
import { csvField } from '../platform/output.ts';
import { CAUSE_CATEGORIES, NOTIFICATION_KINDS } from '../notifications/domain/types.ts';
import { alternativeSchema } from '../products/http.ts';
import type { ChangeType, PublicPhase } from './domain/public-shortage.ts';
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

/** The phases on the public list; 'resolved' only appears in the Atom feeds. */
const LISTED_PHASES = ['current', 'expected'] as const satisfies readonly PublicPhase[];

/** Keyed by ChangeType, so a new type cannot be left out of the document. */
const CHANGE_TYPES: Record<ChangeType, string> = {
  new: 'confirmed after `since`',
  changed: 'on the list before and changed since',
  resolved: 'left the list',
};

/*
 * Response schemas. Fastify serialises answers through them and drops every property they do not
 * list, so each one lists all that the service returns; a field missing here vanishes from the API.
 */
const publicShortageSchema = {
  type: 'object',
  required: [
    'reference',
    'phase',
    'kind',
    'expectedStart',
    'expectedEnd',
    'causeCategory',
    'advice',
    'organisationName',
    'atc',
    'substance',
    'products',
    'updatedAt',
  ],
  properties: {
    reference: { type: 'string', example: 'MLD-2026-000123' },
    phase: {
      type: 'string',
      enum: [...LISTED_PHASES],
      description: 'current when it has started, expected when it starts later',
    },
    kind: { type: 'string', enum: [...NOTIFICATION_KINDS] },
    expectedStart: { type: 'string', format: 'date' },
    expectedEnd: { type: 'string', format: 'date', nullable: true },
    causeCategory: { type: 'string', enum: [...CAUSE_CATEGORIES] },
    advice: { type: 'string', description: 'To pharmacists and prescribers; empty when none' },
    organisationName: { type: 'string', description: 'The marketing-authorisation holder' },
    atc: { type: 'array', items: { type: 'string' } },
    substance: {
      type: 'object',
      required: ['en', 'nl'],
      properties: {
        en: { type: 'string', nullable: true },
        nl: { type: 'string', nullable: true },
      },
    },
    products: {
      type: 'array',
      items: {
        type: 'object',
        required: [
          'productId',
          'registrationNumber',
          'name',
          'strength',
          'doseForm',
          'packs',
          'alternatives',
        ],
        properties: {
          productId: { type: 'integer' },
          registrationNumber: { type: 'string' },
          name: { type: 'string' },
          strength: { type: 'string' },
          doseForm: { type: 'string', description: 'EDQM Standard Terms code' },
          packs: {
            type: 'array',
            items: {
              type: 'object',
              required: ['gtin', 'nationalCode', 'description'],
              properties: {
                gtin: { type: 'string', nullable: true },
                nationalCode: {
                  type: 'string',
                  nullable: true,
                  description: 'Z-index number (ZI-nummer)',
                },
                description: { type: 'string' },
              },
            },
          },
          alternatives: { type: 'array', items: alternativeSchema },
        },
      },
    },
    updatedAt: { type: 'string', format: 'date-time' },
  },
} as const;

const WEBHOOK_TOPICS = ['all', 'product', 'substance'] as const;

const webhookProperties = {
  id: { type: 'integer' },
  url: { type: 'string' },
  topic: { type: 'string', enum: [...WEBHOOK_TOPICS] },
  topicRef: { type: 'string', nullable: true, description: 'Product id or ATC code' },
  createdAt: { type: 'string', format: 'date-time' },
} as const;

const atomContent = {
  description: 'An Atom feed (RFC 4287), newest entry first',
  content: { 'application/atom+xml': { schema: { type: 'string' } } },
} as const;

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
            phase: { type: 'string', enum: [...LISTED_PHASES] },
            atc: { type: 'string', pattern: '^[A-Za-z][0-9A-Za-z]{0,6}$' },
            query: { type: 'string', maxLength: 100 },
            reference: { type: 'string', pattern: '^MLD-\\d{4}-\\d{6}$' },
            ...pagingQuerySchema,
          },
        },
        response: {
          200: {
            description:
              'JSON, or CSV (the whole list, one row per shortage) with Accept: text/csv',
            content: {
              'application/json': { schema: pageSchema(publicShortageSchema) },
              'text/csv': { schema: { type: 'string' } },
            },
          },
          400: problemSchema,
        },
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
        response: {
          200: {
            type: 'object',
            required: ['since', 'until', 'items'],
            properties: {
              since: { type: 'string', format: 'date-time' },
              until: {
                type: 'string',
                format: 'date-time',
                description: 'The last change listed (since when none): the next call’s since',
              },
              items: {
                type: 'array',
                description: 'Oldest change first',
                items: {
                  type: 'object',
                  required: ['type', 'changedAt', 'reference', 'shortage'],
                  properties: {
                    type: {
                      type: 'string',
                      enum: Object.keys(CHANGE_TYPES),
                      description: Object.entries(CHANGE_TYPES)
                        .map(([type, meaning]) => `${type}: ${meaning}`)
                        .join('; '),
                    },
                    changedAt: { type: 'string', format: 'date-time' },
                    reference: { type: 'string' },
                    shortage: {
                      ...publicShortageSchema,
                      nullable: true,
                      description: 'The entry as it is now; null when resolved',
                    },
                  },
                },
              },
            },
          },
          400: problemSchema,
        },
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
        response: { 200: atomContent, 400: problemSchema },
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
        response: { 200: atomContent, 400: problemSchema },
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
            topic: { type: 'string', enum: [...WEBHOOK_TOPICS] },
            topicRef: { type: 'string', maxLength: 20, description: 'Product id or ATC code' },
          },
        },
        response: {
          201: {
            type: 'object',
            required: [...Object.keys(webhookProperties), 'secret'],
            properties: {
              ...webhookProperties,
              secret: {
                type: 'string',
                description:
                  'The key that signs the deliveries (Medsupply-Signature); shown only in this answer',
              },
            },
          },
          400: problemSchema,
          401: problemSchema,
        },
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
      schema: {
        tags: ['public'],
        summary: 'Your webhook subscriptions',
        response: {
          200: {
            type: 'object',
            required: ['items'],
            properties: {
              items: {
                type: 'array',
                items: {
                  type: 'object',
                  required: [...Object.keys(webhookProperties), 'active'],
                  properties: {
                    ...webhookProperties,
                    active: {
                      type: 'boolean',
                      description: 'False once stopped (DELETE)',
                    },
                  },
                },
              },
            },
          },
          401: problemSchema,
        },
      },
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
        response: {
          204: { type: 'null', description: 'Stopped' },
          400: problemSchema,
          401: problemSchema,
          404: problemSchema,
        },
      },
    },
    async (request, reply) => {
      await deleteWebhook(pool, requireActor(request), request.params.id);
      return reply.status(204).send();
    },
  );
}
