/** Early-warning routes: policy analyses on the real register; watchlist and scenarios. */
import type { FastifyInstance } from 'fastify';
import type pg from 'pg';
import { problemSchema } from '../platform/http-server.ts';
import { competitorCascadeAnalysis, stockPolicyAnalysis } from './policy.service.ts';

export function registerEarlyWarningRoutes(app: FastifyInstance, pool: pg.Pool): void {
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
        response: { 400: problemSchema },
      },
    },
    async (request) => competitorCascadeAnalysis(pool, request.query.splitDate),
  );
}
