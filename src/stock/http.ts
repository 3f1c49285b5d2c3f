/**
 * Stock routes: reports in (JSON, CSV, FHIR R5 InventoryReport), reports out (own or, for the
 * authorities, everyone's), national cover, one pack's stock and forecast, and the stock
 * obligation's compliance. Volumes are commercially confidential: authorities see everyone's, a
 * company its own, the public nothing.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type pg from 'pg';
import { AUTHORITY_ROLES, isAuthorityRole, type Actor } from '../kernel/actor.ts';
import { UserFacingError } from '../kernel/errors.ts';
import { authorise, requireActor } from '../platform/auth.ts';
import {
  pageSchema,
  pagingQuerySchema,
  problemBody,
  problemSchema,
} from '../platform/http-server.ts';
import { formatCsv } from '../platform/output.ts';
import { withUploadedFile } from '../platform/upload.ts';
import { isIsoDate } from './domain/dates.ts';
import { COMPLIANCE_STATUSES } from './domain/obligation.ts';
import { FORECAST_METHODS } from './domain/forecast.ts';
import { operationOutcome } from './ingest/fhir/inventory-report.ingest.ts';
import { COVER_COLUMNS, COMPLIANCE_COLUMNS } from './report-columns.ts';
import {
  COVER_LEVELS,
  coverReport,
  packStockView,
  type CoverLevel,
} from './services/analytics.service.ts';
import {
  holderCompliance,
  nonComplianceReport,
  type ComplianceRow,
} from './services/compliance.service.ts';
import {
  importDemandCsv,
  importStockCsv,
  REPORTER_ROLES,
  submitDemandReports,
  submitInventoryReport,
  submitStockReports,
  type UploadReport,
} from './services/submit.service.ts';
import { listDemandReports, listStockReports } from './store/stock-read.store.ts';

const FHIR_JSON = 'application/fhir+json';
const reporterRoles = [...REPORTER_ROLES];
const authorityRoles = [...AUTHORITY_ROLES];

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

function wantsCsv(request: FastifyRequest): boolean {
  return (request.headers.accept ?? '').includes('text/csv');
}

// ------------------------------------------------------------------------------ schemas

const incomingSchema = {
  type: 'array',
  items: {
    type: 'object',
    required: ['expectedDate', 'quantity'],
    properties: {
      expectedDate: { type: 'string', format: 'date' },
      quantity: { type: 'integer', minimum: 1, description: 'Packs expected to arrive' },
    },
  },
} as const;

const stockReportInputSchema = {
  type: 'object',
  required: ['reportDate', 'onHand'],
  properties: {
    holderId: {
      type: 'integer',
      description: 'The holding organisation; default: your own (an admin must give it)',
    },
    packId: { type: 'integer', description: 'Our pack id; or give gtin' },
    gtin: { type: 'string', description: 'GTIN-8/12/13/14 with a correct check digit' },
    reportDate: {
      type: 'string',
      format: 'date',
      description: 'On hand at the end of this day; not after today, not before the pack existed',
    },
    onHand: { type: 'integer', minimum: 0, description: 'Packs on hand' },
    incoming: { ...incomingSchema, description: 'Deliveries expected after the report date' },
  },
} as const;

const demandReportInputSchema = {
  type: 'object',
  required: ['periodStart', 'quantity'],
  properties: {
    reporterId: { type: 'integer', description: 'The delivering organisation; default: yours' },
    packId: { type: 'integer' },
    gtin: { type: 'string' },
    periodStart: { type: 'string', format: 'date' },
    periodDays: { type: 'integer', enum: [1, 7], default: 1, description: '1: a day, 7: a week' },
    region: { type: 'string', maxLength: 40, description: 'Region code; absent: the country' },
    quantity: {
      type: 'integer',
      minimum: 0,
      description: 'Packs delivered to pharmacies and hospitals in the period',
    },
  },
} as const;

const summarySchema = {
  type: 'object',
  properties: {
    reports: { type: 'integer' },
    incoming: { type: 'integer' },
    holders: { type: 'integer' },
    packs: { type: 'integer' },
    from: { type: 'string', format: 'date', nullable: true },
    to: { type: 'string', format: 'date', nullable: true },
  },
} as const;

const uploadReportProperties = {
  file: { type: 'string' },
  loaded: { type: 'boolean', description: 'False: nothing of the file was loaded' },
  rowsRead: { type: 'integer' },
  rowsImported: { type: 'integer' },
  rowsRejected: { type: 'integer' },
  rejected: {
    type: 'array',
    items: {
      type: 'object',
      properties: {
        file: { type: 'string' },
        line: { type: 'integer' },
        reason: { type: 'string' },
      },
    },
  },
  summary: summarySchema,
} as const;

const uploadReportSchema = { type: 'object', properties: uploadReportProperties } as const;

/** A refused upload: the problem with the per-row report beside it. */
const uploadProblemSchema = {
  ...problemSchema,
  properties: { ...problemSchema.properties, ...uploadReportProperties },
} as const;

const operationOutcomeSchema = {
  type: 'object',
  description: 'FHIR OperationOutcome',
  properties: {
    resourceType: { type: 'string', enum: ['OperationOutcome'] },
    issue: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          severity: { type: 'string' },
          code: { type: 'string' },
          details: {
            type: 'object',
            properties: {
              coding: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: { system: { type: 'string' }, code: { type: 'string' } },
                },
              },
              text: { type: 'string' },
            },
          },
          diagnostics: { type: 'string' },
          expression: { type: 'array', items: { type: 'string' } },
        },
      },
    },
  },
} as const;

const stockReportSchema = {
  type: 'object',
  properties: {
    holderId: { type: 'integer' },
    holderName: { type: 'string' },
    packId: { type: 'integer' },
    gtin: { type: 'string', nullable: true },
    reportDate: { type: 'string', format: 'date' },
    onHand: { type: 'integer' },
    incoming: incomingSchema,
    source: { type: 'string' },
    receivedAt: { type: 'string', format: 'date-time' },
  },
} as const;

const demandReportSchema = {
  type: 'object',
  properties: {
    reporterId: { type: 'integer' },
    reporterName: { type: 'string' },
    packId: { type: 'integer' },
    gtin: { type: 'string', nullable: true },
    periodStart: { type: 'string', format: 'date' },
    periodDays: { type: 'integer' },
    region: { type: 'string' },
    quantity: { type: 'integer' },
    source: { type: 'string' },
    receivedAt: { type: 'string', format: 'date-time' },
  },
} as const;

const nullableNumber = { type: 'number', nullable: true } as const;

const coverRowSchema = {
  type: 'object',
  properties: {
    level: { type: 'string', enum: [...COVER_LEVELS] },
    key: { type: 'string', description: 'Pack id, product id or ATC code' },
    name: { type: 'string' },
    atc: { type: 'string', nullable: true },
    stock: {
      ...nullableNumber,
      description: 'Packs (pack level) or units (packs x pack size) on hand nationally',
    },
    averageDailyDemand: { type: 'number' },
    coverWeeks: { ...nullableNumber, description: 'null: no stock reported, or no demand' },
    noDemand: { type: 'boolean' },
    minPackCoverWeeks: nullableNumber,
    packs: { type: 'integer' },
    packsWithoutStock: { type: 'integer' },
  },
} as const;

const complianceRowProperties = {
  holderId: { type: 'integer' },
  holderName: { type: 'string' },
  holderKind: { type: 'string', enum: ['mah', 'wholesaler'] },
  productId: { type: 'integer' },
  productName: { type: 'string' },
  registrationNumber: { type: 'string' },
  atc: { type: 'string', nullable: true },
  onCriticalList: { type: 'boolean' },
  requiredWeeks: { type: 'number' },
  daysCompliant: { type: 'integer' },
  daysNonCompliant: { type: 'integer' },
  daysNotReported: { type: 'integer' },
  daysNoDemand: { type: 'integer' },
  daysExempt: { type: 'integer' },
  minWeeksHeld: nullableNumber,
  lastStatus: { type: 'string', enum: [...COMPLIANCE_STATUSES] },
  lastWeeksHeld: nullableNumber,
  firstNonCompliantDate: { type: 'string', format: 'date', nullable: true },
  lastNonCompliantDate: { type: 'string', format: 'date', nullable: true },
  largestShortfallUnits: { type: 'number' },
  exemptions: {
    type: 'array',
    items: {
      type: 'object',
      properties: {
        reason: { type: 'string' },
        from: { type: 'string', format: 'date' },
        to: { type: 'string', format: 'date', nullable: true },
        packId: { type: 'integer', nullable: true },
      },
    },
  },
} as const;

const normsSchema = {
  type: 'object',
  properties: Object.fromEntries(
    ['mah', 'wholesaler'].map((kind) => [
      kind,
      {
        type: 'object',
        properties: {
          weeks: { type: 'number' },
          criticalListExtraWeeks: { type: 'number' },
        },
      },
    ]),
  ),
} as const;

const complianceMetaProperties = {
  from: { type: 'string', format: 'date' },
  to: { type: 'string', format: 'date' },
  norms: normsSchema,
  demandWindowDays: { type: 'integer' },
  warnings: { type: 'array', items: { type: 'string' } },
} as const;

const nonComplianceSchema = {
  type: 'object',
  properties: {
    ...complianceMetaProperties,
    items: { type: 'array', items: { type: 'object', properties: complianceRowProperties } },
  },
} as const;

const holderComplianceSchema = {
  type: 'object',
  properties: {
    ...complianceMetaProperties,
    holder: {
      type: 'object',
      properties: {
        id: { type: 'integer' },
        name: { type: 'string' },
        kind: { type: 'string', enum: ['mah', 'wholesaler'] },
      },
    },
    items: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          ...complianceRowProperties,
          weekly: {
            type: 'array',
            description: 'The last day of each week of the period, counted back from to',
            items: {
              type: 'object',
              properties: {
                date: { type: 'string', format: 'date' },
                weeksHeld: nullableNumber,
                status: { type: 'string', enum: [...COMPLIANCE_STATUSES] },
              },
            },
          },
        },
      },
    },
  },
} as const;

const candidateSchema = {
  type: 'object',
  properties: {
    method: { type: 'string', enum: [...FORECAST_METHODS] },
    parameters: { type: 'object', additionalProperties: { type: 'number' } },
    mae: { type: 'number' },
    mase: nullableNumber,
  },
} as const;

const packStockSchema = {
  type: 'object',
  properties: {
    packId: { type: 'integer' },
    gtin: { type: 'string', nullable: true },
    description: { type: 'string' },
    product: {
      type: 'object',
      properties: {
        id: { type: 'integer' },
        name: { type: 'string' },
        registrationNumber: { type: 'string' },
        atc: { type: 'string', nullable: true },
      },
    },
    mahOrganisationId: { type: 'integer' },
    scope: {
      type: 'string',
      enum: ['national', 'holder'],
      description:
        "national: every holder's stock and all demand (authorities); holder: your own stock and reference demand",
    },
    holderId: { type: 'integer', nullable: true },
    asOf: { type: 'string', format: 'date' },
    current: {
      type: 'object',
      properties: {
        onHand: nullableNumber,
        averageDailyDemand: { type: 'number' },
        coverWeeks: nullableNumber,
        noDemand: { type: 'boolean' },
      },
    },
    holders: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          holderId: { type: 'integer' },
          holderName: { type: 'string' },
          onHand: { type: 'number' },
          reportDate: { type: 'string', format: 'date' },
        },
      },
    },
    history: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          date: { type: 'string', format: 'date' },
          stock: nullableNumber,
          demand: { type: 'number' },
        },
      },
    },
    forecast: {
      type: 'object',
      properties: {
        method: { type: 'string', enum: [...FORECAST_METHODS] },
        parameters: { type: 'object', additionalProperties: { type: 'number' } },
        errorMeasure: { type: 'string', enum: ['MASE'] },
        heldOut: {
          type: 'object',
          nullable: true,
          properties: { days: { type: 'integer' }, mae: { type: 'number' }, mase: nullableNumber },
        },
        candidates: { type: 'array', items: candidateSchema },
        daily: {
          type: 'array',
          items: {
            type: 'object',
            properties: { date: { type: 'string', format: 'date' }, demand: { type: 'number' } },
          },
        },
      },
    },
    incoming: {
      type: 'array',
      items: {
        type: 'object',
        properties: { date: { type: 'string', format: 'date' }, quantity: { type: 'number' } },
      },
    },
    projection: {
      type: 'object',
      properties: {
        horizonDays: { type: 'integer' },
        stockOutDate: { type: 'string', format: 'date', nullable: true },
        unmetUnits: { type: 'number' },
        daily: {
          type: 'array',
          items: {
            type: 'object',
            properties: { date: { type: 'string', format: 'date' }, stock: { type: 'number' } },
          },
        },
      },
    },
  },
} as const;

const denials = { 401: problemSchema, 403: problemSchema } as const;
const idParams = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'integer', minimum: 1 } },
} as const;
const periodQuery = {
  type: 'object',
  additionalProperties: false,
  required: ['from', 'to'],
  properties: {
    from: { type: 'string', format: 'date', description: 'First day of the period' },
    to: { type: 'string', format: 'date', description: 'Last day of the period, not after today' },
  },
} as const;

// The JSON bodies are checked by the service, which lists every problem at once with its own
// messages; the schemas document them (OpenAPI) without Ajv coercing or refusing first.
const documentOnly = () => () => true;

function sendUpload(reply: FastifyReply, report: UploadReport): FastifyReply {
  if (report.loaded) return reply.status(201).send(report);
  return reply
    .status(400)
    .type('application/problem+json')
    .send({
      ...problemBody(
        'MS_STOCK_IMPORT_REJECTED',
        `${report.file}: ${report.rowsRejected} of ${report.rowsRead} rows have errors; nothing was loaded`,
        reply.request.url,
        report.rejected.map((row) => ({
          pointer: `${row.file}:${row.line}`,
          code: 'MS_IMPORT_BAD_ROW' as const,
          detail: row.reason,
        })),
      ),
      ...report,
    });
}

/** The holder a listing is about: a company sees only its own (another's is "not found"). */
function listingHolder(actor: Actor, requested: number | undefined): number | undefined {
  if (isAuthorityRole(actor.role)) return requested;
  if (requested !== undefined && requested !== actor.organisationId) {
    throw new UserFacingError('MS_STOCK_HOLDER_NOT_FOUND', `no stock holder with id ${requested}`);
  }
  return actor.organisationId ?? -1;
}

function complianceCsv(rows: readonly ComplianceRow[]): string {
  return formatCsv(rows, COMPLIANCE_COLUMNS);
}

/** The query of the stock and demand report listings: whose reports, which pack, when, page. */
function reportListingQuery(owner: 'holderId' | 'reporterId') {
  return {
    type: 'object',
    additionalProperties: false,
    properties: {
      [owner]: { type: 'integer', minimum: 1 },
      packId: { type: 'integer', minimum: 1 },
      from: { type: 'string', format: 'date' },
      to: { type: 'string', format: 'date' },
      ...pagingQuerySchema,
    },
  } as const;
}

/** A listing's filter and page; a company lists only its own reports (listingHolder). */
function reportListingFilter(
  actor: Actor,
  ownerId: number | undefined,
  query: { packId?: number; from?: string; to?: string; page: number; pageSize: number },
) {
  return {
    holderId: listingHolder(actor, ownerId),
    packId: query.packId,
    from: query.from,
    to: query.to,
    limit: query.pageSize,
    offset: (query.page - 1) * query.pageSize,
  };
}

export function registerStockRoutes(app: FastifyInstance, pool: pg.Pool): void {
  if (!app.hasContentTypeParser(FHIR_JSON)) {
    // Kept as text: the route answers malformed JSON with an OperationOutcome of its own.
    app.addContentTypeParser(FHIR_JSON, { parseAs: 'string' }, (_request, body, done) => {
      done(null, body);
    });
  }

  app.post(
    '/v1/stock-reports',
    {
      preValidation: authorise({ roles: reporterRoles }),
      validatorCompiler: documentOnly,
      schema: {
        tags: ['stock'],
        summary: 'Report stock on hand: one report or an array of them (all or nothing)',
        description:
          'A resent report for the same holder, pack and day replaces the stored one, deliveries included. Any problem refuses the whole request, listing every problem with its JSON pointer. A company reports for its own organisation; an admin for any holder.',
        body: {
          oneOf: [stockReportInputSchema, { type: 'array', items: stockReportInputSchema }],
        },
        response: { 201: summarySchema, 400: problemSchema, ...denials },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request, { roles: reporterRoles });
      const summary = await submitStockReports(pool, actor, request.body, { asOf: today() });
      return reply.status(201).send(summary);
    },
  );

  app.post(
    '/v1/demand-reports',
    {
      preValidation: authorise({ roles: reporterRoles }),
      validatorCompiler: documentOnly,
      schema: {
        tags: ['stock'],
        summary:
          'Report units delivered to pharmacies and hospitals: one report or an array (all or nothing)',
        description:
          'Per day (periodDays 1) or week (7), optionally per region. A resent report for the same reporter, pack, period and region replaces the stored one. The period must be over by today.',
        body: {
          oneOf: [demandReportInputSchema, { type: 'array', items: demandReportInputSchema }],
        },
        response: { 201: summarySchema, 400: problemSchema, ...denials },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request, { roles: reporterRoles });
      const summary = await submitDemandReports(pool, actor, request.body, { asOf: today() });
      return reply.status(201).send(summary);
    },
  );

  app.post(
    '/v1/stock-report-imports',
    {
      preValidation: authorise({ roles: reporterRoles }),
      schema: {
        tags: ['stock'],
        summary: 'Upload stock reports as CSV: loaded whole, or refused with a per-row report',
        description:
          'Columns: holder_id (optional: your own organisation), gtin or pack_id, report_date (YYYY-MM-DD), on_hand (packs), incoming (optional: "2026-05-10:500; 2026-05-20:300"). The whole file is checked before anything is written; any bad row (named by line) refuses the file. A resent row replaces the stored report.',
        consumes: ['text/csv'],
        response: { 201: uploadReportSchema, 400: uploadProblemSchema, ...denials },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request, { roles: reporterRoles });
      const report = await withUploadedFile(request.body, (path) =>
        importStockCsv(pool, actor, path, { asOf: today(), displayName: 'upload.csv' }),
      );
      return sendUpload(reply, report);
    },
  );

  app.post(
    '/v1/demand-report-imports',
    {
      preValidation: authorise({ roles: reporterRoles }),
      schema: {
        tags: ['stock'],
        summary: 'Upload demand reports as CSV: loaded whole, or refused with a per-row report',
        description:
          'Columns: reporter_id (optional), gtin or pack_id, period_start, period_days (optional: 1 or 7), region (optional), quantity (packs delivered to pharmacies and hospitals).',
        consumes: ['text/csv'],
        response: { 201: uploadReportSchema, 400: uploadProblemSchema, ...denials },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request, { roles: reporterRoles });
      const report = await withUploadedFile(request.body, (path) =>
        importDemandCsv(pool, actor, path, { asOf: today(), displayName: 'upload.csv' }),
      );
      return sendUpload(reply, report);
    },
  );

  app.post(
    '/v1/fhir/InventoryReport',
    {
      preValidation: authorise({ roles: reporterRoles }),
      schema: {
        tags: ['stock'],
        summary: 'Report stock as a FHIR R5 InventoryReport (application/fhir+json)',
        description:
          'status active, countType snapshot; the report date is the calendar date of countingDateTime or reportedDateTime. inventoryListing.location: the holder (identifier system https://www.gs1.org/gln or https://medsupply.eu/fhir/sid/organisation-id; absent: your own organisation); listings whose itemStatus is not available are left out. item.item: the pack (coding or identifier, system https://www.gs1.org/gtin or https://medsupply.eu/fhir/sid/pack-id); quantity.value: packs. Answered with an OperationOutcome; nothing is loaded while any issue is an error.',
        consumes: [FHIR_JSON, 'application/json'],
        response: { 201: operationOutcomeSchema, 400: operationOutcomeSchema, ...denials },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request, { roles: reporterRoles });
      let resource: unknown = request.body;
      if (typeof resource === 'string') {
        try {
          resource = JSON.parse(resource) as unknown;
        } catch (error) {
          return reply
            .status(400)
            .type(FHIR_JSON)
            .send(
              operationOutcome([
                {
                  pointer: 'InventoryReport',
                  code: 'MS_STOCK_FHIR_INVALID',
                  detail: `the body is not JSON: ${(error as Error).message}`,
                },
              ]),
            );
        }
      }
      const result = await submitInventoryReport(pool, actor, resource, { asOf: today() });
      return reply.status(result.status).type(FHIR_JSON).send(result.outcome);
    },
  );

  app.get<{
    Querystring: {
      holderId?: number;
      packId?: number;
      from?: string;
      to?: string;
      page: number;
      pageSize: number;
    };
  }>(
    '/v1/stock-reports',
    {
      preValidation: authorise(),
      schema: {
        tags: ['stock'],
        summary: "Stock reports, newest first: a company's own, or (authorities) everyone's",
        querystring: reportListingQuery('holderId'),
        response: {
          200: pageSchema(stockReportSchema),
          400: problemSchema,
          404: problemSchema,
          ...denials,
        },
      },
    },
    async (request) => {
      const { page, pageSize } = request.query;
      const result = await listStockReports(
        pool,
        reportListingFilter(requireActor(request), request.query.holderId, request.query),
      );
      return {
        items: result.rows.map((row) => ({
          holderId: row.holder_id,
          holderName: row.holder_name,
          packId: row.pack_id,
          gtin: row.gtin,
          reportDate: row.report_date,
          onHand: row.on_hand,
          incoming: row.incoming,
          source: row.source,
          receivedAt: row.created_at.toISOString(),
        })),
        total: result.total,
        page,
        pageSize,
      };
    },
  );

  app.get<{
    Querystring: {
      reporterId?: number;
      packId?: number;
      from?: string;
      to?: string;
      page: number;
      pageSize: number;
    };
  }>(
    '/v1/demand-reports',
    {
      preValidation: authorise(),
      schema: {
        tags: ['stock'],
        summary: "Demand reports, newest first: a company's own, or (authorities) everyone's",
        querystring: reportListingQuery('reporterId'),
        response: {
          200: pageSchema(demandReportSchema),
          400: problemSchema,
          404: problemSchema,
          ...denials,
        },
      },
    },
    async (request) => {
      const { page, pageSize } = request.query;
      const result = await listDemandReports(
        pool,
        reportListingFilter(requireActor(request), request.query.reporterId, request.query),
      );
      return {
        items: result.rows.map((row) => ({
          reporterId: row.reporter_id,
          reporterName: row.reporter_name,
          packId: row.pack_id,
          gtin: row.gtin,
          periodStart: row.period_start,
          periodDays: row.period_days,
          region: row.region,
          quantity: row.quantity,
          source: row.source,
          receivedAt: row.created_at.toISOString(),
        })),
        total: result.total,
        page,
        pageSize,
      };
    },
  );

  app.get<{ Querystring: { level: CoverLevel; asOf?: string; page: number; pageSize: number } }>(
    '/v1/cover',
    {
      preValidation: authorise({ roles: authorityRoles }),
      schema: {
        tags: ['stock'],
        summary:
          'National cover in weeks per pack, product or substance on a day, lowest first; CSV with Accept: text/csv',
        description:
          "Cover = national stock (each holder's latest report of the last 7 days) / (7 x average daily demand over the 56 days up to the day). Product and substance sum units (packs x pack size) over the packs with known stock; minPackCoverWeeks shows the weakest pack.",
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            level: { type: 'string', enum: [...COVER_LEVELS], default: 'pack' },
            asOf: { type: 'string', format: 'date', description: 'Default today' },
            ...pagingQuerySchema,
          },
        },
        response: {
          200: {
            type: 'object',
            properties: {
              asOf: { type: 'string', format: 'date' },
              level: { type: 'string', enum: [...COVER_LEVELS] },
              ...pageSchema(coverRowSchema).properties,
            },
          },
          400: problemSchema,
          ...denials,
        },
      },
    },
    async (request, reply) => {
      requireActor(request, { roles: authorityRoles });
      const asOf = request.query.asOf ?? today();
      if (asOf > today()) {
        throw new UserFacingError('MS_REQUEST_INVALID', `asOf ${asOf} lies in the future`, [
          {
            pointer: '/querystring/asOf',
            code: 'MS_REQUEST_INVALID',
            detail: 'asOf lies in the future',
          },
        ]);
      }
      const rows = await coverReport(pool, { asOf, level: request.query.level });
      if (wantsCsv(request)) {
        return reply
          .type('text/csv; charset=utf-8')
          .header(
            'content-disposition',
            `attachment; filename="cover-${request.query.level}-${asOf}.csv"`,
          )
          .send(formatCsv(rows, COVER_COLUMNS));
      }
      const { page, pageSize } = request.query;
      return reply.send({
        asOf,
        level: request.query.level,
        items: rows.slice((page - 1) * pageSize, page * pageSize),
        total: rows.length,
        page,
        pageSize,
      });
    },
  );

  app.get<{
    Params: { id: number };
    Querystring: { asOf?: string; horizonDays: number; historyDays: number };
  }>(
    '/v1/packs/:id/stock',
    {
      preValidation: authorise(),
      schema: {
        tags: ['stock'],
        summary:
          'One pack: stock, demand, forecast (method chosen by held-out MASE), cover, expected deliveries and projected stock-out',
        description:
          "Authorities see national figures and each holder's stock; the pack's marketing-authorisation holder, or a company that reported the pack, sees its own stock against its reference demand. The forecast method (simple exponential smoothing, Holt-Winters with weekly and yearly seasonality, Croston, SBA, TSB) is chosen per pack by the lowest MASE on the last 56 days held out.",
        params: idParams,
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            asOf: { type: 'string', format: 'date', description: 'Default today' },
            horizonDays: { type: 'integer', minimum: 7, maximum: 364, default: 182 },
            historyDays: { type: 'integer', minimum: 7, maximum: 784, default: 182 },
          },
        },
        response: { 200: packStockSchema, 400: problemSchema, 404: problemSchema, ...denials },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const asOf = request.query.asOf ?? today();
      if (!isIsoDate(asOf) || asOf > today()) {
        throw new UserFacingError('MS_REQUEST_INVALID', `asOf ${asOf} lies in the future`, [
          {
            pointer: '/querystring/asOf',
            code: 'MS_REQUEST_INVALID',
            detail: 'asOf lies in the future',
          },
        ]);
      }
      return packStockView(pool, actor, request.params.id, {
        asOf,
        horizonDays: request.query.horizonDays,
        historyDays: request.query.historyDays,
      });
    },
  );

  app.get<{ Querystring: { from: string; to: string } }>(
    '/v1/stock-obligation/non-compliance',
    {
      preValidation: authorise({ roles: authorityRoles }),
      schema: {
        tags: ['stock'],
        summary:
          'Holders and products below the stock obligation, or not reporting, on some day of the period; CSV with Accept: text/csv',
        description:
          'Norms from config/stock-obligation.json: weeks of average demand (company 6, wholesaler 4, plus extra weeks at wholesalers for products on the critical list), with exemptions per holder and pack.',
        querystring: periodQuery,
        response: { 200: nonComplianceSchema, 400: problemSchema, ...denials },
      },
    },
    async (request, reply) => {
      requireActor(request, { roles: authorityRoles });
      const report = await nonComplianceReport(pool, { ...request.query, asOf: today() });
      if (wantsCsv(request)) {
        return reply
          .type('text/csv; charset=utf-8')
          .header(
            'content-disposition',
            `attachment; filename="non-compliance-${request.query.from}-${request.query.to}.csv"`,
          )
          .send(complianceCsv(report.items));
      }
      return report;
    },
  );

  app.get<{ Params: { id: number }; Querystring: { from?: string; to?: string } }>(
    '/v1/holders/:id/compliance',
    {
      preValidation: authorise(),
      schema: {
        tags: ['stock'],
        summary: "A holder's compliance with the stock obligation per product, week by week",
        description:
          'Authorities see any holder, a company only itself. Default period: the 12 weeks up to today.',
        params: idParams,
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            from: { type: 'string', format: 'date' },
            to: { type: 'string', format: 'date' },
          },
        },
        response: {
          200: holderComplianceSchema,
          400: problemSchema,
          404: problemSchema,
          ...denials,
        },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const to = request.query.to ?? today();
      const from =
        request.query.from ??
        new Date(Date.parse(`${to}T00:00:00Z`) - 83 * 86_400_000).toISOString().slice(0, 10);
      return holderCompliance(pool, actor, request.params.id, { from, to, asOf: today() });
    },
  );
}
