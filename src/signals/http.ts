/**
 * Foreign shortage routes: the list, one shortage with its chain, the analysis, and a substance's
 * shortages abroad. All public: the response schemas list every field that may leave, and the
 * company contact data (Telefon, E-Mail, contact_info) is in none of them.
 */
import type { FastifyInstance } from 'fastify';
import type pg from 'pg';
import {
  pageSchema,
  paginate,
  pagingQuerySchema,
  problemSchema,
  sortRows,
} from '../platform/http-server.ts';
import type { SelectedShortage } from './domain/activity.ts';
import {
  ANALYSIS_GROUPINGS,
  reportedAfterStart,
  type AnalysisGrouping,
} from './domain/analysis.ts';
import { shortageDurationDays } from './domain/durations.ts';
import {
  REPORT_KINDS,
  SHORTAGE_SOURCES,
  SHORTAGE_STATUSES,
  type ForeignShortage,
  type ShortageSource,
  type ShortageStatus,
} from './domain/types.ts';
import {
  analyseForeignShortages,
  foreignShortagesOfSubstance,
  getForeignShortage,
  listForeignShortages,
} from './services/query.service.ts';

const DATE_PATTERN = '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$';
const ATC_PATTERN = '^[ABCDGHJLMNPRSVabcdghjlmnprsv]([0-9]{2}([A-Za-z]([A-Za-z]([0-9]{2})?)?)?)?$';

const nullableString = { type: 'string', nullable: true } as const;
const nullableDate = { type: 'string', format: 'date', nullable: true } as const;

const summaryProperties = {
  id: { type: 'integer' },
  source: { type: 'string', enum: [...SHORTAGE_SOURCES] },
  shortageKey: {
    type: 'string',
    description:
      'BfArM: the Bearbeitungsnummer of the initial notification (Referenzierte Erstmeldung); FDA: drug | company | presentation',
  },
  reportNumber: {
    type: 'string',
    description: 'The current report: BfArM Bearbeitungsnummer of the latest notification',
  },
  kind: { type: 'string', enum: [...REPORT_KINDS] },
  status: { type: 'string', enum: [...SHORTAGE_STATUSES] },
  productName: nullableString,
  company: { ...nullableString, description: 'Marketing-authorisation holder (Zulassungsinhaber)' },
  substances: { type: 'array', items: { type: 'string' } },
  atcCodes: {
    type: 'array',
    items: { type: 'string' },
    description: 'ATC codes as the register links them (a level-4 group stays level 4)',
  },
  startDate: nullableDate,
  endDate: { ...nullableDate, description: 'Closed: when it ended. Active: expected end' },
  durationDays: { type: 'integer', nullable: true, description: 'End minus start, in days' },
  reportedOn: { type: 'string', format: 'date', description: 'Date of the current report' },
  firstReportedOn: { ...nullableDate, description: 'BfArM Datum der Erstmeldung' },
  reportedLate: {
    type: 'boolean',
    nullable: true,
    description: 'First reported after the shortage had started',
  },
  closedOn: { ...nullableDate, description: 'Date of the closing report (Löschmeldung)' },
  reasonCategory: nullableString,
  reason: nullableString,
  hospitalRelevant: { type: 'boolean', nullable: true },
  classification: nullableString,
  dosageForm: nullableString,
} as const;

const matchProperties = {
  match: {
    type: 'string',
    nullable: true,
    enum: ['exact', 'group', null],
    description:
      'How the shortage concerns the asked ATC code: exact, or group (a level-4 link above it)',
  },
  matchedVia: { ...nullableString, description: 'The ATC link that matched' },
} as const;

const shortageSummarySchema = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'source', 'shortageKey', 'reportNumber', 'status', 'atcCodes'],
  properties: { ...summaryProperties, ...matchProperties },
} as const;

const shortageDetailSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    ...summaryProperties,
    kindLabel: { type: 'string', description: 'The register’s word: Änderungsmeldung, Resolved…' },
    reasonNote: nullableString,
    alternatives: nullableString,
    atcText: { ...nullableString, description: 'The ATC cell as written' },
    details: {
      type: 'object',
      additionalProperties: true,
      description: 'Public source-specific fields (BfArM Info an Fachkreise; FDA availability…)',
    },
    atc: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        properties: {
          code: { type: 'string' },
          level: { type: 'integer' },
          via: { type: 'string', enum: ['atc', 'name'] },
          substances: {
            type: 'array',
            items: { type: 'string' },
            description: 'Level-5 codes the link stands for (under a level-4 group: those known)',
          },
        },
      },
    },
    packs: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        properties: {
          pzn: nullableString,
          enr: { type: 'array', items: { type: 'string' } },
          ndc: nullableString,
          line: { type: 'integer' },
        },
      },
    },
    reports: {
      type: 'array',
      description: 'The chain of reports, oldest first',
      items: {
        type: 'object',
        additionalProperties: false,
        properties: {
          reportNumber: { type: 'string' },
          kind: { type: 'string', enum: [...REPORT_KINDS] },
          kindLabel: { type: 'string' },
          startDate: nullableDate,
          endDate: nullableDate,
          reportedOn: { type: 'string', format: 'date' },
          current: { type: 'boolean' },
          file: { type: 'string' },
          line: { type: 'integer' },
        },
      },
    },
    provenance: {
      type: 'object',
      additionalProperties: false,
      properties: {
        file: { type: 'string' },
        line: { type: 'integer' },
        sha256: { type: 'string' },
        importedAt: { type: 'string', format: 'date-time' },
      },
    },
  },
} as const;

const durationSummarySchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    count: { type: 'integer' },
    min: { type: 'number', nullable: true },
    q1: { type: 'number', nullable: true },
    median: { type: 'number', nullable: true },
    q3: { type: 'number', nullable: true },
    max: { type: 'number', nullable: true },
    mean: { type: 'number', nullable: true },
  },
} as const;

const countShareSchema = {
  type: 'array',
  items: {
    type: 'object',
    additionalProperties: false,
    properties: {
      value: nullableString,
      count: { type: 'integer' },
      share: { type: 'number' },
    },
  },
} as const;

const figureProperties = {
  shortages: { type: 'integer' },
  active: { type: 'integer' },
  closed: { type: 'integer' },
  closedDurationDays: durationSummarySchema,
  openExpectedDurationDays: durationSummarySchema,
  reportedLate: {
    type: 'object',
    additionalProperties: false,
    properties: {
      known: { type: 'integer' },
      late: { type: 'integer' },
      share: { type: 'number', nullable: true },
    },
  },
  reasonCategories: countShareSchema,
  reasons: countShareSchema,
  endBeforeStart: { type: 'integer' },
} as const;

const analysisSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    source: { type: 'string', enum: [...SHORTAGE_SOURCES] },
    groupBy: { type: 'string', nullable: true, enum: [...ANALYSIS_GROUPINGS, null] },
    overall: { type: 'object', additionalProperties: false, properties: figureProperties },
    groups: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        properties: {
          key: nullableString,
          label: { type: 'string' },
          ...figureProperties,
        },
      },
    },
  },
} as const;

const SORTABLE = [
  'startDate',
  'endDate',
  'reportedOn',
  'firstReportedOn',
  'durationDays',
  'company',
  'productName',
] as const;

/** The public fields of a shortage: built field by field, so nothing else can slip out. */
export function publicShortage(shortage: ForeignShortage & Partial<SelectedShortage>) {
  return {
    id: shortage.id,
    source: shortage.source,
    shortageKey: shortage.shortageKey,
    reportNumber: shortage.reportNumber,
    kind: shortage.kind,
    status: shortage.status,
    productName: shortage.productName,
    company: shortage.company,
    substances: [...shortage.substances],
    atcCodes: [...shortage.atcCodes],
    startDate: shortage.startDate,
    endDate: shortage.endDate,
    durationDays: shortageDurationDays(shortage),
    reportedOn: shortage.reportedOn,
    firstReportedOn: shortage.firstReportedOn,
    reportedLate: reportedAfterStart(shortage),
    closedOn: shortage.closedOn,
    reasonCategory: shortage.reasonCategory,
    reason: shortage.reason,
    hospitalRelevant: shortage.hospitalRelevant,
    classification: shortage.classification,
    dosageForm: shortage.dosageForm,
    match: shortage.match ?? null,
    matchedVia: shortage.matchedVia ?? null,
  };
}

export function registerSignalsRoutes(app: FastifyInstance, pool: pg.Pool): void {
  app.get<{
    Querystring: {
      atc?: string;
      source?: ShortageSource;
      status?: ShortageStatus;
      activeOn?: string;
      sort: string;
      page: number;
      pageSize: number;
    };
  }>(
    '/v1/foreign-shortages',
    {
      schema: {
        tags: ['signals'],
        summary: 'Shortages in foreign registers (BfArM, FDA), each in its current state',
        description:
          'One item per shortage (a chain of reports), described by its latest report. atc takes a code of any level: the code and the codes under it; for a level-5 code also shortages written against its level-4 group. activeOn keeps those going on that day: started, not ended, not closed by an earlier closing report.',
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            atc: { type: 'string', pattern: ATC_PATTERN, description: 'ATC code, any level' },
            source: { type: 'string', enum: [...SHORTAGE_SOURCES] },
            status: { type: 'string', enum: [...SHORTAGE_STATUSES] },
            activeOn: { type: 'string', pattern: DATE_PATTERN, description: 'YYYY-MM-DD' },
            sort: {
              type: 'string',
              enum: SORTABLE.flatMap((field) => [field, `-${field}`]),
              default: '-reportedOn',
            },
            ...pagingQuerySchema,
          },
        },
        response: { 200: pageSchema(shortageSummarySchema), 400: problemSchema },
      },
    },
    async (request) => {
      const { sort, page, pageSize, ...query } = request.query;
      const rows = (await listForeignShortages(pool, query)).map(publicShortage);
      rows.sort((a, b) => b.id - a.id);
      sortRows(rows, sort, (row, field) => row[field as keyof typeof row]);
      return paginate(rows, page, pageSize);
    },
  );

  app.get<{ Querystring: { source: ShortageSource; groupBy?: AnalysisGrouping } }>(
    '/v1/foreign-shortages/analysis',
    {
      schema: {
        tags: ['signals'],
        summary: 'A register’s shortages analysed: durations, causes, late first reports',
        description:
          'Durations are end minus start in days: closed shortages (BfArM Löschmeldung) give real durations, active ones the expected duration; median and quartiles by linear interpolation (type 7). reportedLate counts shortages first reported after they had started (Datum der Erstmeldung > Beginn). groupBy company counts per marketing-authorisation holder (normalised name), chapter per ATC anatomical group (a shortage naming two chapters counts in both).',
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            source: { type: 'string', enum: [...SHORTAGE_SOURCES], default: 'bfarm' },
            groupBy: { type: 'string', enum: [...ANALYSIS_GROUPINGS] },
          },
        },
        response: { 200: analysisSchema, 400: problemSchema },
      },
    },
    async (request) =>
      analyseForeignShortages(pool, {
        source: request.query.source,
        ...(request.query.groupBy === undefined ? {} : { groupBy: request.query.groupBy }),
      }),
  );

  app.get<{ Params: { id: number } }>(
    '/v1/foreign-shortages/:id',
    {
      schema: {
        tags: ['signals'],
        summary: 'One foreign shortage with its chain of reports, packs and ATC links',
        params: {
          type: 'object',
          required: ['id'],
          properties: { id: { type: 'integer', minimum: 1 } },
        },
        response: { 200: shortageDetailSchema, 400: problemSchema, 404: problemSchema },
      },
    },
    async (request) => {
      const detail = await getForeignShortage(pool, request.params.id);
      return {
        ...publicShortage(detail),
        kindLabel: detail.kindLabel,
        reasonNote: detail.reasonNote,
        alternatives: detail.alternatives,
        atcText: detail.atcText,
        details: detail.details,
        atc: detail.atc,
        packs: detail.packs,
        reports: detail.reports,
        provenance: detail.provenance,
      };
    },
  );

  app.get<{ Params: { atc: string }; Querystring: { activeOn?: string; source?: ShortageSource } }>(
    '/v1/substances/:atc/foreign-shortages',
    {
      schema: {
        tags: ['signals'],
        summary: 'Short abroad: the foreign shortages of one substance',
        description:
          'With activeOn, the shortages going on that day (the "short abroad" signal); without it, every shortage of the substance. Shortages written against the level-4 group of the code count too (match "group").',
        params: {
          type: 'object',
          required: ['atc'],
          properties: { atc: { type: 'string', maxLength: 10 } },
        },
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            activeOn: { type: 'string', maxLength: 10, description: 'YYYY-MM-DD' },
            source: { type: 'string', enum: [...SHORTAGE_SOURCES] },
          },
        },
        response: {
          200: {
            type: 'object',
            additionalProperties: false,
            properties: {
              atc: { type: 'string' },
              activeOn: nullableDate,
              items: { type: 'array', items: shortageSummarySchema },
            },
          },
          400: problemSchema,
          404: problemSchema,
        },
      },
    },
    async (request) => {
      const { activeOn, source } = request.query;
      const result = await foreignShortagesOfSubstance(pool, request.params.atc, {
        ...(activeOn === undefined ? {} : { activeOn }),
        ...(source === undefined ? {} : { source }),
      });
      return { ...result, items: result.items.map(publicShortage) };
    },
  );
}
