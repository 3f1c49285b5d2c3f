/**
 * Early-warning routes: the watchlist, the site-failure scenario and its site list, site
 * stoppages, and the policy analyses on the real German register. Stock volumes are commercially
 * confidential, so everything but the register analyses is for the authorities only.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type pg from 'pg';
import { AUTHORITY_ROLES } from '../kernel/actor.ts';
import { UserFacingError } from '../kernel/errors.ts';
import { authorise, requireActor } from '../platform/auth.ts';
import { pagingQuerySchema, problemSchema } from '../platform/http-server.ts';
import { formatCsv } from '../platform/output.ts';
import { WATCH_FACTORS, type WatchFactor } from './domain/watchlist.ts';
import { PACK_WATCH_COLUMNS, SCENARIO_PACK_COLUMNS, SUBSTANCE_WATCH_COLUMNS } from './columns.ts';
import { competitorCascadeAnalysis, stockPolicyAnalysis } from './policy.service.ts';
import { SITE_FAILURE_DEFAULTS, scenarioSites, siteFailureScenario } from './scenario.service.ts';
import {
  createSiteStoppage,
  endSiteStoppage,
  listSiteStoppages,
  STOPPAGE_WRITER_ROLES,
} from './site-stoppage.service.ts';
import {
  earlyWarningConfig,
  packWatchlist,
  substanceWatchlist,
  WATCHLIST_LEVELS,
  type WatchlistLevel,
} from './watchlist.service.ts';

const authorityRoles = [...AUTHORITY_ROLES];
const writerRoles = [...STOPPAGE_WRITER_ROLES];
const denials = { 401: problemSchema, 403: problemSchema } as const;

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

function wantsCsv(request: FastifyRequest): boolean {
  return (request.headers.accept ?? '').includes('text/csv');
}

/** A day that must not lie after today, else a 400 naming the parameter. */
function notInFuture(date: string | undefined, name: string): string {
  const value = date ?? today();
  if (value > today()) {
    throw new UserFacingError('MS_REQUEST_INVALID', `${name} ${value} lies in the future`, [
      {
        pointer: `/querystring/${name}`,
        code: 'MS_REQUEST_INVALID',
        detail: `${name} lies in the future`,
      },
    ]);
  }
  return value;
}

const nullableNumber = { type: 'number', nullable: true } as const;
const nullableDate = { type: 'string', format: 'date', nullable: true } as const;

const reasonSchema = {
  type: 'object',
  required: ['factor', 'value', 'points', 'text', 'details'],
  properties: {
    factor: { type: 'string', enum: [...WATCH_FACTORS] },
    value: { type: 'number', description: '0-1: how strongly the factor applies' },
    points: { type: 'number', description: 'value x the factor weight' },
    text: { type: 'string', description: 'The reason in English' },
    details: {
      type: 'object',
      additionalProperties: true,
      description:
        'The figures behind the reason, per factor: lowCover {coverWeeks}; fallingCover {fromWeeks, toWeeks, days}; demandSpike {percentOfUsual, windowDays}; notification {riskClass}; shortAbroad {countries: ISO2 codes}; competitorShortage {companies}; concentration {hhi}; siteFailure {stoppedSites, sites, stoppedSiteIds}',
    },
  },
} as const;

const packItemSchema = {
  type: 'object',
  required: ['rank', 'packId', 'score', 'reasons'],
  properties: {
    rank: { type: 'integer', description: "Place in the day's whole list, before filters" },
    packId: { type: 'integer' },
    productId: { type: 'integer' },
    productName: { type: 'string' },
    packDescription: { type: 'string' },
    mahId: { type: 'integer' },
    mahName: { type: 'string' },
    atc: { type: 'string', nullable: true },
    substanceName: { type: 'string', nullable: true },
    score: { type: 'number', description: '0-100' },
    coverWeeks: { ...nullableNumber, description: 'National cover; null without demand' },
    shortNow: {
      type: 'boolean',
      description:
        'National stock is 0 with demand on asOf: the shortage has begun (expectedShortageStart is asOf)',
    },
    expectedShortageStart: nullableDate,
    confidence: { type: 'number', description: '0-1' },
    reasons: { type: 'array', items: reasonSchema },
  },
} as const;

const substanceItemSchema = {
  type: 'object',
  required: ['rank', 'atc', 'score', 'packs', 'packsOnList', 'topReasons'],
  properties: {
    rank: { type: 'integer' },
    atc: { type: 'string' },
    substanceName: { type: 'string', nullable: true },
    score: { type: 'number' },
    packs: { type: 'integer' },
    packsOnList: { type: 'integer', description: 'Packs scoring minScore or more' },
    expectedShortageStart: nullableDate,
    topReasons: { type: 'array', items: reasonSchema },
  },
} as const;

const siteSchema = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    name: { type: 'string' },
    countryCode: { type: 'string' },
    city: { type: 'string', nullable: true },
  },
} as const;

const scenarioSchema = {
  type: 'object',
  properties: {
    site: siteSchema,
    failureDate: { type: 'string', format: 'date' },
    horizonDays: { type: 'integer' },
    spareCapacity: { type: 'number' },
    pipelineDays: { type: 'integer' },
    affectedPacks: { type: 'integer', description: 'Packs that come only from this site' },
    packsRunningOut: { type: 'integer' },
    unitsNotServed: { type: 'integer' },
    firstStockOutDate: nullableDate,
    packs: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          packId: { type: 'integer' },
          productId: { type: 'integer' },
          productName: { type: 'string' },
          packDescription: { type: 'string' },
          atc: { type: 'string', nullable: true },
          substanceName: { type: 'string', nullable: true },
          mahName: { type: 'string' },
          stockAtFailure: { type: 'integer' },
          dailyDemand: { type: 'number' },
          reported: {
            type: 'boolean',
            description:
              'Stock or demand was reported before the failure; false: nothing is known, so no stock-out can be shown',
          },
          stockOutDate: nullableDate,
          daysUntilStockOut: { type: 'integer', nullable: true },
          unitsNotServed: { type: 'integer' },
          unitsTakenOverByAlternatives: { type: 'integer' },
          stockPath: {
            type: 'array',
            items: { type: 'number' },
            description: 'National stock at the end of each day after the failure',
          },
        },
      },
    },
    partiallyAffectedPacks: {
      type: 'integer',
      description: 'Packs with this site among several sources (not run down)',
    },
    packsWithoutReports: {
      type: 'integer',
      description: 'Affected packs with neither stock nor demand reported',
    },
  },
} as const;

const stoppageSchema = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    siteId: { type: 'integer' },
    siteName: { type: 'string' },
    countryCode: { type: 'string' },
    city: { type: 'string', nullable: true },
    startDate: { type: 'string', format: 'date' },
    endDate: nullableDate,
    reason: { type: 'string' },
    source: { type: 'string', enum: ['authority', 'simulator'] },
    createdBy: { type: 'string' },
    createdAt: { type: 'string', format: 'date-time' },
  },
} as const;

interface WatchlistQuerystring {
  asOf?: string;
  level: WatchlistLevel;
  minScore?: number;
  factor?: WatchFactor;
  atc?: string;
  page: number;
  pageSize: number;
}

const signalMetricsSchema = {
  type: 'object',
  properties: {
    cases: { type: 'integer', description: 'Month x substance x company cases' },
    positives: { type: 'integer', description: 'Cases followed by the company’s own report' },
    alerts: { type: 'integer', description: 'Cases the signal fires on' },
    truePositives: { type: 'integer' },
    precision: { type: 'number', nullable: true },
    recall: { type: 'number', nullable: true },
    baseRate: { type: 'number' },
    lift: { type: 'number', nullable: true, description: 'precision / baseRate' },
  },
} as const;

const competitorCascadesSchema = {
  type: 'object',
  properties: {
    source: { type: 'string' },
    reports: { type: 'integer', description: 'German reports with a level-5 ATC code' },
    followOn: {
      type: 'object',
      properties: {
        reports: { type: 'integer' },
        followed: {
          type: 'integer',
          description: "Followed within windowDays by another company's report of the substance",
        },
        share: { type: 'number' },
        windowDays: { type: 'integer' },
      },
    },
    signal: {
      type: 'object',
      properties: {
        splitDate: { type: 'string', format: 'date' },
        horizonDays: { type: 'integer' },
        lookbackDays: {
          type: 'integer',
          description: 'Chosen on the reports before splitDate only',
        },
        train: signalMetricsSchema,
        test: signalMetricsSchema,
      },
    },
  },
} as const;

export function registerEarlyWarningRoutes(app: FastifyInstance, pool: pg.Pool): void {
  app.get<{ Querystring: WatchlistQuerystring }>(
    '/v1/watchlist',
    {
      preValidation: authorise({ roles: authorityRoles }),
      schema: {
        tags: ['early-warning'],
        summary:
          'The early-warning watchlist of a day: packs (or substances) ranked by score, each with its reasons; CSV with Accept: text/csv',
        description:
          'Signals as known on asOf: national stock and cover (each holder’s latest report of the last 7 days), falling cover, demand spike, open notifications with their triage class, foreign shortage registers, competitors’ shortages, manufacturing concentration and stopped sites. Weights in config/early-warning.json. A past day is recomputed exactly: nothing reported later is read.',
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            asOf: { type: 'string', format: 'date', description: 'Default today' },
            level: { type: 'string', enum: [...WATCHLIST_LEVELS], default: 'pack' },
            minScore: {
              type: 'number',
              minimum: 0,
              maximum: 100,
              description: 'Default the configured alertScore (30)',
            },
            factor: {
              type: 'string',
              enum: [...WATCH_FACTORS],
              description: 'Only entries with this reason',
            },
            atc: {
              type: 'string',
              pattern: '^[A-Za-z]([0-9]{2}([A-Za-z]([A-Za-z]([0-9]{2})?)?)?)?$',
              description: 'ATC code or group: only substances under it',
            },
            ...pagingQuerySchema,
          },
        },
        response: {
          200: {
            type: 'object',
            properties: {
              asOf: { type: 'string', format: 'date' },
              level: { type: 'string', enum: [...WATCHLIST_LEVELS] },
              minimumScore: { type: 'number' },
              total: { type: 'integer' },
              page: { type: 'integer' },
              pageSize: { type: 'integer' },
              generatedAt: { type: 'string', format: 'date-time' },
              weights: {
                type: 'object',
                description: 'Points each factor adds at full strength (config/early-warning.json)',
                properties: Object.fromEntries(
                  WATCH_FACTORS.map((factor) => [factor, { type: 'number' }]),
                ),
              },
              items: {
                type: 'array',
                items: { oneOf: [packItemSchema, substanceItemSchema] },
              },
            },
          },
          400: problemSchema,
          ...denials,
        },
      },
    },
    async (request, reply) => {
      requireActor(request, { roles: authorityRoles });
      const asOf = notInFuture(request.query.asOf, 'asOf');
      const { level, page, pageSize } = request.query;
      const query = {
        asOf,
        minimumScore: request.query.minScore ?? earlyWarningConfig().alertScore,
        factor: request.query.factor,
        atc: request.query.atc?.toUpperCase(),
      };
      const generatedAt = new Date().toISOString();
      const { weights } = earlyWarningConfig();
      if (level === 'substance') {
        const items = await substanceWatchlist(pool, query);
        if (wantsCsv(request)) {
          return reply
            .type('text/csv; charset=utf-8')
            .header('content-disposition', `attachment; filename="watchlist-substance-${asOf}.csv"`)
            .send(formatCsv(items, SUBSTANCE_WATCH_COLUMNS));
        }
        return reply.send({
          asOf,
          level,
          minimumScore: query.minimumScore,
          total: items.length,
          page,
          pageSize,
          generatedAt,
          weights,
          items: items.slice((page - 1) * pageSize, page * pageSize),
        });
      }
      const items = await packWatchlist(pool, query);
      if (wantsCsv(request)) {
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="watchlist-pack-${asOf}.csv"`)
          .send(formatCsv(items, PACK_WATCH_COLUMNS));
      }
      return reply.send({
        asOf,
        level,
        minimumScore: query.minimumScore,
        total: items.length,
        page,
        pageSize,
        generatedAt,
        weights,
        items: items.slice((page - 1) * pageSize, page * pageSize),
      });
    },
  );

  app.get<{
    Querystring: {
      siteId: number;
      failureDate?: string;
      horizonDays: number;
      spareCapacity: number;
      pipelineDays: number;
    };
  }>(
    '/v1/scenarios/site-failure',
    {
      preValidation: authorise({ roles: authorityRoles }),
      schema: {
        tags: ['early-warning'],
        summary:
          'A manufacturing site stops: which packs run out of national stock, when, and how much demand is not served; CSV with Accept: text/csv',
        description:
          'Packs whose active substance (or finished product) comes only from the site run down their national stock as known on failureDate at their average demand of the 56 days before; deliveries already on their way arrive during the first pipelineDays; then the other packs of the substance take over up to spareCapacity of their own demand. A product’s own sites (product_site) count, else the registry’s sites of its ATC code.',
        querystring: {
          type: 'object',
          required: ['siteId'],
          additionalProperties: false,
          properties: {
            siteId: { type: 'integer', minimum: 1 },
            failureDate: {
              type: 'string',
              format: 'date',
              description: 'Default today; not in the future',
            },
            horizonDays: {
              type: 'integer',
              minimum: 7,
              maximum: 364,
              default: SITE_FAILURE_DEFAULTS.horizonDays,
            },
            spareCapacity: {
              type: 'number',
              minimum: 0,
              maximum: 1,
              default: SITE_FAILURE_DEFAULTS.spareCapacity,
            },
            pipelineDays: {
              type: 'integer',
              minimum: 0,
              maximum: 90,
              default: SITE_FAILURE_DEFAULTS.pipelineDays,
            },
          },
        },
        response: { 200: scenarioSchema, 400: problemSchema, 404: problemSchema, ...denials },
      },
    },
    async (request, reply) => {
      requireActor(request, { roles: authorityRoles });
      const failureDate = notInFuture(request.query.failureDate, 'failureDate');
      const scenario = await siteFailureScenario(pool, { ...request.query, failureDate });
      if (wantsCsv(request)) {
        return reply
          .type('text/csv; charset=utf-8')
          .header(
            'content-disposition',
            `attachment; filename="site-failure-${scenario.site.id}-${failureDate}.csv"`,
          )
          .send(formatCsv(scenario.packs, SCENARIO_PACK_COLUMNS));
      }
      return reply.send(scenario);
    },
  );

  app.get(
    '/v1/scenarios/site-failure/sites',
    {
      preValidation: authorise({ roles: authorityRoles }),
      schema: {
        tags: ['early-warning'],
        summary:
          'The sites that make at least one product of the catalogue, most sole-source packs first',
        response: {
          200: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                siteId: { type: 'integer' },
                name: { type: 'string' },
                countryCode: { type: 'string' },
                city: { type: 'string', nullable: true },
                products: { type: 'integer' },
                packs: { type: 'integer' },
                soleSourcePacks: {
                  type: 'integer',
                  description: 'Packs whose substance or finished product comes only from here',
                },
                stoppedSince: { ...nullableDate, description: 'A stoppage in force today' },
              },
            },
          },
          ...denials,
        },
      },
    },
    async (request) => {
      requireActor(request, { roles: authorityRoles });
      return scenarioSites(pool, today());
    },
  );

  app.get<{ Querystring: { asOf?: string } }>(
    '/v1/site-stoppages',
    {
      preValidation: authorise({ roles: authorityRoles }),
      schema: {
        tags: ['early-warning'],
        summary: 'Site stoppages: those in force on asOf, or all of them; latest start first',
        description:
          'In force on a day: started, not ended, and known then (recorded by that day; a simulated market’s failures from their start).',
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { asOf: { type: 'string', format: 'date' } },
        },
        response: { 200: { type: 'array', items: stoppageSchema }, 400: problemSchema, ...denials },
      },
    },
    async (request) => {
      requireActor(request, { roles: authorityRoles });
      return listSiteStoppages(pool, request.query.asOf);
    },
  );

  app.post<{
    Body: { siteId: number; startDate: string; endDate?: string | null; reason: string };
  }>(
    '/v1/site-stoppages',
    {
      preValidation: authorise({ roles: writerRoles }),
      schema: {
        tags: ['early-warning'],
        summary: 'Record that a manufacturing site stopped (analyst, coordinator, admin)',
        body: {
          type: 'object',
          required: ['siteId', 'startDate', 'reason'],
          additionalProperties: false,
          properties: {
            siteId: { type: 'integer', minimum: 1 },
            startDate: { type: 'string', format: 'date' },
            endDate: { ...nullableDate, description: 'Absent or null: still stopped' },
            reason: { type: 'string', minLength: 1, maxLength: 500 },
          },
        },
        response: { 201: stoppageSchema, 400: problemSchema, ...denials },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request, { roles: writerRoles });
      const created = await createSiteStoppage(pool, actor, {
        siteId: request.body.siteId,
        startDate: request.body.startDate,
        endDate: request.body.endDate ?? null,
        reason: request.body.reason,
      });
      return reply.status(201).send(created);
    },
  );

  app.patch<{ Params: { id: number }; Body: { endDate: string | null } }>(
    '/v1/site-stoppages/:id',
    {
      preValidation: authorise({ roles: writerRoles }),
      schema: {
        tags: ['early-warning'],
        summary: 'Set the last day of a site stoppage, or null to reopen it',
        params: {
          type: 'object',
          required: ['id'],
          properties: { id: { type: 'integer', minimum: 1 } },
        },
        body: {
          type: 'object',
          required: ['endDate'],
          additionalProperties: false,
          properties: { endDate: nullableDate },
        },
        response: { 200: stoppageSchema, 400: problemSchema, 404: problemSchema, ...denials },
      },
    },
    async (request) => {
      const actor = requireActor(request, { roles: writerRoles });
      return endSiteStoppage(pool, actor, request.params.id, request.body.endDate);
    },
  );

  app.get(
    '/v1/stock-obligation/policy-analysis',
    {
      schema: {
        tags: ['early-warning'],
        summary:
          'What share of real (German) shortages a stock of N weeks would fully absorb, N = 2..26, next to the 5-month / 85% expectation',
        response: {
          200: {
            type: 'object',
            properties: {
              source: { type: 'string' },
              shortages: { type: 'integer' },
              curve: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: {
                    weeks: { type: 'integer' },
                    share: { type: 'number' },
                    absorbed: { type: 'integer' },
                  },
                },
              },
              ironStock: {
                type: 'object',
                properties: {
                  days: { type: 'integer' },
                  expectedShare: { type: 'number' },
                  observedShare: { type: 'number' },
                  weeksNeededForExpectedShare: { type: 'integer', nullable: true },
                },
              },
            },
          },
        },
      },
    },
    async () => stockPolicyAnalysis(pool),
  );

  app.get<{ Querystring: { splitDate: string } }>(
    '/v1/foreign-shortages/competitor-cascades',
    {
      schema: {
        tags: ['early-warning'],
        summary:
          'How often a German shortage report is followed within 90 days by another company’s report of the same substance, and how well that signal predicts, on a time split',
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { splitDate: { type: 'string', format: 'date', default: '2024-01-01' } },
        },
        response: { 200: competitorCascadesSchema, 400: problemSchema },
      },
    },
    async (request) => competitorCascadeAnalysis(pool, request.query.splitDate),
  );
}
