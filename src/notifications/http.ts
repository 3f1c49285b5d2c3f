/** Notification routes: submit and update (with Idempotency-Key), the queue, workflow, reports. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type pg from 'pg';
import { UserFacingError } from '../kernel/errors.ts';
import { authorise, requireActor } from '../platform/auth.ts';
import {
  pageSchema,
  paginate,
  pagingQuerySchema,
  problemSchema,
  sortRows,
} from '../platform/http-server.ts';
import { withUploadedFile } from '../platform/upload.ts';
import { rowReportSchema } from '../products/http.ts';
import { csvField } from '../platform/output.ts';
import { RISK_CLASSES, TRIAGE_FACTORS } from './domain/triage.ts';
import {
  CAUSE_CATEGORIES,
  NOTIFICATION_EVENT_KINDS,
  NOTIFICATION_KINDS,
  NOTIFICATION_STATUSES,
  PATIENT_IMPACTS,
  type NotificationStatus,
} from './domain/types.ts';
import { REPORT_FIELDS } from './domain/validation.ts';
import { importNotificationsCsv } from './bulk.service.ts';
import { buildEsmpExport } from './domain/esmp.ts';
import { lateReport } from './late.service.ts';
import {
  addNote,
  changeStatus,
  getNotification,
  listQueue,
  submitNotification,
  updateNotification,
  type NotificationPorts,
  type ServiceResponse,
} from './service.ts';

/** The JSON schema of a report: the same rules the service and the web form apply. */
export const reportSchema = {
  type: 'object',
  description:
    'A notification report. Fields line up with what the EU shortage platform (ESMP) asks of marketing-authorisation holders; see GET /v1/notifications/{id}/esmp-export.',
  required: [
    'kind',
    'packIds',
    'expectedStart',
    'causeCategory',
    'causeText',
    'stockWeeks',
    'marketSharePercent',
    'partialSupply',
    'ownAlternatives',
    'otherAlternatives',
    'patientImpact',
  ],
  properties: {
    companyReference: {
      type: 'string',
      nullable: true,
      maxLength: 100,
      description: "The company's own reference; unique per company",
    },
    kind: { type: 'string', enum: [...NOTIFICATION_KINDS] },
    packIds: { type: 'array', items: { type: 'integer', minimum: 1 }, minItems: 1, maxItems: 200 },
    expectedStart: { type: 'string', format: 'date' },
    expectedEnd: { type: 'string', format: 'date', nullable: true },
    causeCategory: { type: 'string', enum: [...CAUSE_CATEGORIES] },
    causeText: { type: 'string', maxLength: 4000 },
    stockWeeks: {
      type: 'number',
      minimum: 0,
      maximum: 520,
      description: 'Stock in the country, in weeks of normal demand',
    },
    marketSharePercent: { type: 'number', minimum: 0, maximum: 100 },
    partialSupply: { type: 'boolean', description: 'Partial supply continues' },
    ownAlternatives: {
      type: 'boolean',
      description: 'The company has other products that can stand in',
    },
    otherAlternatives: {
      type: 'boolean',
      description: 'Other companies have products that can stand in',
    },
    patientImpact: { type: 'string', enum: [...PATIENT_IMPACTS] },
    patientImpactText: { type: 'string', maxLength: 4000 },
    mitigationText: { type: 'string', maxLength: 4000 },
  },
} as const;

/*
 * Response schemas. Fastify serialises answers through them and drops every property they do not
 * list, so each one lists all that the service returns; a field missing here vanishes from the API.
 */

/** The report as stored: every field present, the optional texts as empty strings. */
const storedReportSchema = { ...reportSchema, required: [...REPORT_FIELDS] } as const;

const notificationPackSchema = {
  type: 'object',
  required: [
    'productId',
    'registrationNumber',
    'name',
    'atc',
    'doseForm',
    'strength',
    'packId',
    'gtin',
    'nationalCode',
    'description',
  ],
  properties: {
    productId: { type: 'integer' },
    registrationNumber: { type: 'string' },
    name: { type: 'string' },
    atc: { type: 'string', nullable: true },
    doseForm: { type: 'string', description: 'EDQM Standard Terms code' },
    strength: { type: 'string' },
    packId: { type: 'integer' },
    gtin: { type: 'string', nullable: true },
    nationalCode: { type: 'string', nullable: true, description: 'Z-index number (ZI-nummer)' },
    description: { type: 'string' },
  },
} as const;

const riskFactorSchema = {
  type: 'object',
  required: ['key', 'value', 'weight', 'points', 'facts', 'explanation'],
  properties: {
    key: { type: 'string', enum: [...TRIAGE_FACTORS] },
    value: { type: 'number', description: '0-1: how strongly this factor signals risk' },
    weight: { type: 'number' },
    points: { type: 'number', description: 'value × weight, rounded to one decimal' },
    facts: {
      type: 'object',
      description: 'The facts behind the value, by name',
      additionalProperties: {
        anyOf: [{ type: 'number' }, { type: 'boolean' }, { type: 'string', nullable: true }],
      },
    },
    explanation: { type: 'string', description: 'An English sentence built from the facts' },
  },
} as const;

const latenessSchema = {
  type: 'object',
  required: ['deadline', 'daysLate', 'late', 'excepted'],
  properties: {
    deadline: {
      type: 'string',
      format: 'date',
      description: 'Expected start minus the notice period',
    },
    daysLate: {
      type: 'integer',
      description: 'Days after the deadline of the first report; 0 when on time',
    },
    late: { type: 'boolean' },
    excepted: { type: 'boolean', description: 'Late, but the cause is marked unforeseeable' },
  },
} as const;

const notificationProperties = {
  id: { type: 'integer' },
  reference: { type: 'string', example: 'MLD-2026-000123' },
  organisationId: { type: 'integer' },
  organisationName: { type: 'string' },
  status: { type: 'string', enum: [...NOTIFICATION_STATUSES] },
  version: { type: 'integer', description: 'The current version, from 1' },
  firstReportedOn: { type: 'string', format: 'date' },
  unforeseeable: { type: 'boolean' },
  publicAdvice: { type: 'string' },
  report: storedReportSchema,
  products: { type: 'array', items: notificationPackSchema },
  risk: {
    type: 'object',
    required: ['score', 'riskClass', 'factors'],
    properties: {
      score: { type: 'number', nullable: true, description: '0-100' },
      riskClass: { type: 'string', nullable: true, enum: [...RISK_CLASSES, null] },
      factors: {
        type: 'array',
        nullable: true,
        description: 'Largest contribution first',
        items: riskFactorSchema,
      },
    },
  },
  lateness: latenessSchema,
  updatedAt: { type: 'string', format: 'date-time' },
} as const;
const notificationRequired = Object.keys(
  notificationProperties,
) as (keyof typeof notificationProperties)[];

const notificationSchema = {
  type: 'object',
  required: notificationRequired,
  properties: notificationProperties,
} as const;

const fieldChangeSchema = {
  type: 'object',
  required: ['field', 'before', 'after'],
  properties: {
    field: { type: 'string', enum: [...REPORT_FIELDS] },
    before: { description: 'The value in the earlier version' },
    after: { description: 'The value in this version' },
  },
} as const;

const updatedNotificationSchema = {
  type: 'object',
  required: [...notificationRequired, 'changes'],
  properties: {
    ...notificationProperties,
    changes: { type: 'array', items: fieldChangeSchema },
  },
} as const;

const notificationDetailSchema = {
  type: 'object',
  required: [...notificationRequired, 'versions', 'events'],
  properties: {
    ...notificationProperties,
    versions: {
      type: 'array',
      items: {
        type: 'object',
        required: ['version', 'submittedAt', 'submittedBy', 'report', 'changes'],
        properties: {
          version: { type: 'integer' },
          submittedAt: { type: 'string', format: 'date-time' },
          submittedBy: { type: 'string' },
          report: storedReportSchema,
          changes: {
            type: 'array',
            description: 'What this version changed from the one before; empty for version 1',
            items: fieldChangeSchema,
          },
        },
      },
    },
    events: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'at', 'actor', 'actorRole', 'kind', 'fromStatus', 'toStatus', 'body'],
        properties: {
          id: { type: 'integer' },
          at: { type: 'string', format: 'date-time' },
          actor: { type: 'string' },
          actorRole: { type: 'string' },
          kind: { type: 'string', enum: [...NOTIFICATION_EVENT_KINDS] },
          fromStatus: { type: 'string', nullable: true, enum: [...NOTIFICATION_STATUSES, null] },
          toStatus: { type: 'string', nullable: true, enum: [...NOTIFICATION_STATUSES, null] },
          body: { type: 'string' },
        },
      },
    },
  },
} as const;

const esmpExportSchema = {
  type: 'object',
  required: ['reference', 'rows'],
  properties: {
    reference: { type: 'string' },
    rows: {
      type: 'array',
      description: 'One row per pack, keyed by the ESMP data element names',
      items: {
        type: 'object',
        additionalProperties: {
          anyOf: [{ type: 'string', nullable: true }, { type: 'number' }, { type: 'boolean' }],
        },
      },
    },
  },
} as const;

const bulkStatusSchema = {
  type: 'object',
  required: ['results'],
  properties: {
    results: {
      type: 'array',
      description: 'One result per id, in the order sent',
      items: {
        type: 'object',
        required: ['id', 'ok'],
        properties: {
          id: { type: 'integer' },
          ok: { type: 'boolean' },
          status: {
            type: 'string',
            enum: [...NOTIFICATION_STATUSES],
            description: 'The new status (when ok)',
          },
          code: { type: 'string', description: 'The error code (when not ok)' },
          problem: { type: 'string', description: 'Why it failed (when not ok)' },
        },
      },
    },
  },
} as const;

const lateReportSchema = {
  type: 'object',
  required: ['from', 'to', 'minimumNoticeMonths', 'byCompany', 'notifications'],
  properties: {
    from: { type: 'string', format: 'date' },
    to: { type: 'string', format: 'date' },
    minimumNoticeMonths: { type: 'integer' },
    byCompany: {
      type: 'array',
      description: 'Most late first',
      items: {
        type: 'object',
        required: [
          'organisationId',
          'organisationName',
          'notifications',
          'late',
          'shareLate',
          'medianDaysLate',
          'maxDaysLate',
        ],
        properties: {
          organisationId: { type: 'integer' },
          organisationName: { type: 'string' },
          notifications: { type: 'integer' },
          late: { type: 'integer' },
          shareLate: { type: 'number', description: '0-1' },
          medianDaysLate: { type: 'number', nullable: true },
          maxDaysLate: { type: 'integer' },
        },
      },
    },
    notifications: {
      type: 'array',
      description: 'The late and excepted notifications, most days late first',
      items: {
        type: 'object',
        required: [
          'id',
          'reference',
          'organisationId',
          'organisationName',
          'firstReportedOn',
          'expectedStart',
          'deadline',
          'daysLate',
          'late',
          'excepted',
        ],
        properties: {
          id: { type: 'integer' },
          reference: { type: 'string' },
          organisationId: { type: 'integer' },
          organisationName: { type: 'string' },
          firstReportedOn: { type: 'string', format: 'date' },
          expectedStart: { type: 'string', format: 'date' },
          deadline: { type: 'string', format: 'date' },
          daysLate: { type: 'integer' },
          late: { type: 'boolean' },
          excepted: { type: 'boolean' },
        },
      },
    },
  },
} as const;

const csvContent = { 'text/csv': { schema: { type: 'string' } } } as const;

const bulkReportSchema = {
  ...rowReportSchema,
  properties: {
    ...rowReportSchema.properties,
    created: { type: 'integer' },
    updated: { type: 'integer' },
    unchanged: { type: 'integer' },
    rows: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          line: { type: 'integer' },
          companyReference: { type: 'string' },
          outcome: { type: 'string', enum: ['created', 'updated', 'unchanged', 'rejected'] },
          notificationId: { type: 'integer' },
          reason: { type: 'string' },
        },
      },
    },
  },
} as const;

const idParams = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'integer', minimum: 1 } },
} as const;
const idempotencyHeaders = {
  type: 'object',
  properties: {
    'idempotency-key': {
      type: 'string',
      maxLength: 200,
      description:
        'A key of your choosing; a resent request with the same key gets the first answer',
    },
  },
} as const;

function send<T>(reply: FastifyReply, result: ServiceResponse<T>): FastifyReply {
  if (result.replayed) reply.header('idempotent-replayed', 'true');
  return reply.status(result.statusCode).send(result.body);
}

function idempotencyKey(request: FastifyRequest): string | undefined {
  const value = request.headers['idempotency-key'];
  return typeof value === 'string' ? value : undefined;
}

function wantsCsv(request: FastifyRequest): boolean {
  const accept = request.headers.accept ?? '';
  return accept.includes('text/csv');
}

export function registerNotificationRoutes(
  app: FastifyInstance,
  pool: pg.Pool,
  ports: NotificationPorts,
): void {
  // Bodies are validated by the service (validateReport), which lists every problem at once with
  // the same messages the web form shows; the schema here documents the shape.
  app.post(
    '/v1/notifications',
    {
      preValidation: authorise({ roles: ['mah'] }),
      schema: {
        tags: ['notifications'],
        summary: 'Report a shortage, quality defect or discontinuation of your packs',
        headers: idempotencyHeaders,
        body: { ...reportSchema, additionalProperties: true },
        response: {
          201: notificationSchema,
          400: problemSchema,
          401: problemSchema,
          403: problemSchema,
          409: problemSchema,
          422: problemSchema,
        },
      },
      attachValidation: true,
    },
    async (request, reply) => {
      const actor = requireActor(request, { roles: ['mah'] });
      return send(
        reply,
        await submitNotification(pool, actor, request.body, {
          now: new Date(),
          idempotencyKey: idempotencyKey(request),
          ports,
        }),
      );
    },
  );

  app.post<{ Params: { id: number } }>(
    '/v1/notifications/:id/versions',
    {
      preValidation: authorise({ roles: ['mah'] }),
      schema: {
        tags: ['notifications'],
        summary: 'Update a notification: the whole report as it is now becomes its next version',
        params: idParams,
        headers: idempotencyHeaders,
        body: { ...reportSchema, additionalProperties: true },
        response: {
          200: updatedNotificationSchema,
          400: problemSchema,
          401: problemSchema,
          403: problemSchema,
          404: problemSchema,
          409: problemSchema,
        },
      },
      attachValidation: true,
    },
    async (request, reply) => {
      const actor = requireActor(request, { roles: ['mah'] });
      return send(
        reply,
        await updateNotification(pool, actor, request.params.id, request.body, {
          now: new Date(),
          idempotencyKey: idempotencyKey(request),
          ports,
        }),
      );
    },
  );

  app.get<{
    Querystring: {
      status?: NotificationStatus;
      riskClass?: string;
      atc?: string;
      sort: string;
      page: number;
      pageSize: number;
    };
  }>(
    '/v1/notifications',
    {
      preValidation: authorise(),
      schema: {
        tags: ['notifications'],
        summary: 'The notification queue, riskiest first (a company sees only its own)',
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            status: { type: 'string', enum: [...NOTIFICATION_STATUSES] },
            riskClass: { type: 'string', enum: ['low', 'medium', 'high'] },
            atc: { type: 'string', pattern: '^[A-Za-z][0-9A-Za-z]{0,6}$' },
            sort: {
              type: 'string',
              enum: [
                '-riskScore',
                'riskScore',
                '-firstReportedOn',
                'firstReportedOn',
                'expectedStart',
                '-expectedStart',
                '-daysLate',
                'daysLate',
              ],
              default: '-riskScore',
            },
            ...pagingQuerySchema,
          },
        },
        response: { 200: pageSchema(notificationSchema), 400: problemSchema, 401: problemSchema },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const rows = await listQueue(pool, actor, {
        ...(request.query.status === undefined ? {} : { statuses: [request.query.status] }),
        riskClass: request.query.riskClass,
        atc: request.query.atc?.toUpperCase(),
      });
      sortRows(rows, request.query.sort, (row, field) => {
        switch (field) {
          case 'riskScore':
            return row.risk.score;
          case 'firstReportedOn':
            return row.firstReportedOn;
          case 'expectedStart':
            return row.report.expectedStart;
          default:
            return row.lateness.daysLate;
        }
      });
      return paginate(rows, request.query.page, request.query.pageSize);
    },
  );

  app.get<{ Params: { id: number } }>(
    '/v1/notifications/:id',
    {
      preValidation: authorise(),
      schema: {
        tags: ['notifications'],
        summary:
          'One notification with its versions (and what each changed), events, triage and lateness',
        params: idParams,
        response: {
          200: notificationDetailSchema,
          400: problemSchema,
          401: problemSchema,
          404: problemSchema,
        },
      },
    },
    async (request) => getNotification(pool, requireActor(request), request.params.id),
  );

  app.get<{ Params: { id: number } }>(
    '/v1/notifications/:id/esmp-export',
    {
      preValidation: authorise(),
      schema: {
        tags: ['notifications'],
        summary:
          'The notification as the EU shortage platform (ESMP) asks for it, so it is not typed twice',
        params: idParams,
        response: {
          200: {
            description: 'JSON, or CSV (one row per pack) with Accept: text/csv',
            content: { 'application/json': { schema: esmpExportSchema }, ...csvContent },
          },
          400: problemSchema,
          401: problemSchema,
          404: problemSchema,
        },
      },
    },
    async (request, reply) => {
      const notification = await getNotification(pool, requireActor(request), request.params.id);
      const rows = buildEsmpExport(notification);
      if (wantsCsv(request)) {
        const header = Object.keys(rows[0] ?? {});
        const csv =
          [
            header.map(csvField).join(','),
            ...rows.map((row) => header.map((h) => csvField(row[h] ?? null)).join(',')),
          ].join('\r\n') + '\r\n';
        return reply
          .type('text/csv; charset=utf-8')
          .header(
            'content-disposition',
            `attachment; filename="${notification.reference}-esmp.csv"`,
          )
          .send(csv);
      }
      return { reference: notification.reference, rows };
    },
  );

  app.post<{ Params: { id: number }; Body: { status: NotificationStatus; comment?: string } }>(
    '/v1/notifications/:id/status-changes',
    {
      preValidation: authorise({ roles: ['mah', 'analyst', 'admin'] }),
      schema: {
        tags: ['notifications'],
        summary:
          'Move a notification through its lifecycle (triage, confirm, no shortage, withdraw, resolve)',
        params: idParams,
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['status'],
          properties: {
            status: { type: 'string', enum: [...NOTIFICATION_STATUSES] },
            comment: { type: 'string', maxLength: 4000 },
          },
        },
        response: {
          200: notificationSchema,
          400: problemSchema,
          401: problemSchema,
          403: problemSchema,
          404: problemSchema,
          409: problemSchema,
        },
      },
    },
    async (request) =>
      changeStatus(
        pool,
        requireActor(request),
        request.params.id,
        request.body.status,
        request.body.comment ?? '',
      ),
  );

  app.post<{ Body: { ids: number[]; status: NotificationStatus; comment?: string } }>(
    '/v1/notifications/bulk-status-changes',
    {
      preValidation: authorise({ roles: ['analyst', 'admin'] }),
      schema: {
        tags: ['notifications'],
        summary:
          'Move several notifications at once (the triage queue’s bulk action); answers per notification',
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['ids', 'status'],
          properties: {
            ids: {
              type: 'array',
              items: { type: 'integer', minimum: 1 },
              minItems: 1,
              maxItems: 200,
            },
            status: { type: 'string', enum: [...NOTIFICATION_STATUSES] },
            comment: { type: 'string', maxLength: 4000 },
          },
        },
        response: {
          200: bulkStatusSchema,
          400: problemSchema,
          401: problemSchema,
          403: problemSchema,
        },
      },
    },
    async (request) => {
      const actor = requireActor(request, { roles: ['analyst', 'admin'] });
      const results = [];
      for (const id of request.body.ids) {
        try {
          const view = await changeStatus(
            pool,
            actor,
            id,
            request.body.status,
            request.body.comment ?? '',
          );
          results.push({ id, ok: true, status: view.status });
        } catch (error) {
          results.push({
            id,
            ok: false,
            code: error instanceof UserFacingError ? error.code : 'MS_INTERNAL',
            problem: error instanceof Error ? error.message : String(error),
          });
        }
      }
      return { results };
    },
  );

  app.post<{
    Params: { id: number };
    Body: { kind: 'comment' | 'information_request'; body: string };
  }>(
    '/v1/notifications/:id/comments',
    {
      preValidation: authorise({ roles: ['mah', 'analyst', 'coordinator', 'admin'] }),
      schema: {
        tags: ['notifications'],
        summary:
          'Comment on a notification, or (the notification centre) request information from the company',
        params: idParams,
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['body'],
          properties: {
            kind: { type: 'string', enum: ['comment', 'information_request'], default: 'comment' },
            body: { type: 'string', minLength: 1, maxLength: 4000 },
          },
        },
        response: {
          201: notificationSchema,
          400: problemSchema,
          401: problemSchema,
          403: problemSchema,
          404: problemSchema,
        },
      },
    },
    async (request, reply) => {
      const view = await addNote(pool, requireActor(request), request.params.id, {
        kind: request.body.kind,
        body: request.body.body,
      });
      return reply.status(201).send(view);
    },
  );

  app.put<{ Params: { id: number }; Body: { advice: string } }>(
    '/v1/notifications/:id/advice',
    {
      preValidation: authorise({ roles: ['analyst', 'admin'] }),
      schema: {
        tags: ['notifications'],
        summary: 'The advice to pharmacists and prescribers shown on the public list',
        params: idParams,
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['advice'],
          properties: { advice: { type: 'string', maxLength: 4000 } },
        },
        response: {
          200: notificationSchema,
          400: problemSchema,
          401: problemSchema,
          403: problemSchema,
          404: problemSchema,
        },
      },
    },
    async (request) =>
      addNote(pool, requireActor(request), request.params.id, {
        kind: 'advice',
        body: request.body.advice,
      }),
  );

  app.put<{ Params: { id: number }; Body: { unforeseeable: boolean; reason?: string } }>(
    '/v1/notifications/:id/unforeseeable',
    {
      preValidation: authorise({ roles: ['analyst', 'admin'] }),
      schema: {
        tags: ['notifications'],
        summary: 'Mark the cause unforeseeable, which excepts a late report from the notice rule',
        params: idParams,
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['unforeseeable'],
          properties: {
            unforeseeable: { type: 'boolean' },
            reason: { type: 'string', maxLength: 4000 },
          },
        },
        response: {
          200: notificationSchema,
          400: problemSchema,
          401: problemSchema,
          403: problemSchema,
          404: problemSchema,
        },
      },
    },
    async (request) =>
      addNote(pool, requireActor(request), request.params.id, {
        kind: 'unforeseeable',
        value: request.body.unforeseeable,
        body: request.body.reason ?? '',
      }),
  );

  app.post(
    '/v1/notification-imports',
    {
      preValidation: authorise({ roles: ['mah'] }),
      schema: {
        tags: ['notifications'],
        summary:
          'Bulk upload of notifications (CSV, one row per notification) with a per-row report',
        description:
          'Columns: company_reference, kind, gtins ("; "-separated GTINs or ZI numbers of your packs), expected_start, expected_end, cause_category, cause_text, stock_weeks, market_share_percent, partial_supply, own_alternatives, other_alternatives, patient_impact, patient_impact_text, mitigation_text. A row whose company_reference exists updates that notification (a new version when anything changed), so a resent file never duplicates.',
        consumes: ['text/csv'],
        headers: idempotencyHeaders,
        response: {
          200: bulkReportSchema,
          400: problemSchema,
          401: problemSchema,
          403: problemSchema,
        },
      },
    },
    async (request) => {
      const actor = requireActor(request, { roles: ['mah'] });
      return withUploadedFile(request.body, (path) =>
        importNotificationsCsv(pool, actor, path, { now: new Date(), ports }),
      );
    },
  );

  app.get<{ Querystring: { from: string; to: string } }>(
    '/v1/late-notifications',
    {
      preValidation: authorise({ roles: ['analyst', 'policy', 'admin'] }),
      schema: {
        tags: ['notifications'],
        summary:
          'Late notifications per company over a period (first reported between from and to); CSV with Accept: text/csv',
        querystring: {
          type: 'object',
          additionalProperties: false,
          required: ['from', 'to'],
          properties: {
            from: { type: 'string', format: 'date' },
            to: { type: 'string', format: 'date' },
          },
        },
        response: {
          200: {
            description: 'JSON, or CSV (one row per company) with Accept: text/csv',
            content: { 'application/json': { schema: lateReportSchema }, ...csvContent },
          },
          400: problemSchema,
          401: problemSchema,
          403: problemSchema,
        },
      },
    },
    async (request, reply) => {
      requireActor(request, { roles: ['analyst', 'policy', 'admin'] });
      const report = await lateReport(pool, request.query.from, request.query.to);
      if (wantsCsv(request)) {
        const header = [
          'organisation',
          'notifications',
          'late',
          'share_late',
          'median_days_late',
          'max_days_late',
        ];
        const lines = [header.join(',')];
        for (const row of report.byCompany) {
          lines.push(
            [
              row.organisationName,
              row.notifications,
              row.late,
              row.shareLate.toFixed(3),
              row.medianDaysLate,
              row.maxDaysLate,
            ]
              .map((value) => csvField(value))
              .join(','),
          );
        }
        return reply
          .type('text/csv; charset=utf-8')
          .header(
            'content-disposition',
            `attachment; filename="late-notifications-${request.query.from}-${request.query.to}.csv"`,
          )
          .send(lines.join('\r\n') + '\r\n');
      }
      return report;
    },
  );
}
