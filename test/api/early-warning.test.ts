/** Early-warning analyses on the real German register, through the API. */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from '../../src/app.ts';
import { runCli } from '../../src/cli.ts';
import { createTestDatabase, type TestDatabase } from '../setup/database.ts';

let db: TestDatabase;
let app: FastifyInstance;

beforeAll(async () => {
  db = await createTestDatabase('reference');
  app = await buildApp({ pool: db.pool });
});
afterAll(async () => {
  await app.close();
  await db.close();
});

describe('stock-obligation policy analysis', () => {
  it('gives the share of the 4,112 closed German shortages a stock of N weeks absorbs', async () => {
    const response = await app.inject({
      method: 'GET',
      url: '/v1/stock-obligation/policy-analysis',
    });
    expect(response.statusCode).toBe(200);
    const analysis = response.json<{
      shortages: number;
      curve: { weeks: number; share: number }[];
      ironStock: { observedShare: number; expectedShare: number };
    }>();
    // Worked out independently (a separate Python script over both BfArM files, see the signals
    // capability's notes): 4,112 closed shortages; 4 weeks 17.9%, 13 weeks 52.9%, 26 weeks 75.0%,
    // five months (152 days) 69%.
    expect(analysis.shortages).toBe(4112);
    expect(analysis.curve.map((p) => p.weeks)).toEqual(Array.from({ length: 25 }, (_, i) => i + 2));
    const share = (weeks: number) => analysis.curve.find((p) => p.weeks === weeks)?.share ?? -1;
    expect(share(4)).toBeCloseTo(0.179, 3);
    expect(share(13)).toBeCloseTo(0.529, 3);
    expect(share(26)).toBeCloseTo(0.75, 3);
    expect(analysis.ironStock.observedShare).toBeCloseTo(0.69, 2);
    expect(analysis.ironStock.expectedShare).toBe(0.85);
  });
});

describe('competitor cascades', () => {
  it('chooses the signal on the earlier period and reports it on the later one', async () => {
    const response = await app.inject({
      method: 'GET',
      url: '/v1/foreign-shortages/competitor-cascades?splitDate=2024-01-01',
    });
    expect(response.statusCode).toBe(200);
    const analysis = response.json<{
      followOn: { reports: number; followed: number; share: number };
      signal: {
        lookbackDays: number;
        train: { cases: number };
        test: { cases: number; precision: number; baseRate: number };
      };
    }>();
    expect(analysis.followOn.share).toBeGreaterThan(0);
    expect(analysis.followOn.share).toBeLessThan(1);
    expect([30, 60, 90, 180]).toContain(analysis.signal.lookbackDays);
    expect(analysis.signal.train.cases).toBeGreaterThan(0);
    expect(analysis.signal.test.cases).toBeGreaterThan(0);
    expect(analysis.signal.test.precision).toBeGreaterThanOrEqual(0);
    expect(
      (
        await app.inject({
          method: 'GET',
          url: '/v1/foreign-shortages/competitor-cascades?splitDate=soon',
        })
      ).statusCode,
    ).toBe(400);
  });
});

describe('medsupply backtest', () => {
  it('prints precision, recall and lead time with the baselines, and writes the report', async () => {
    const report = join(mkdtempSync(join(tmpdir(), 'medsupply-backtest-')), 'report.md');
    let stdout = '';
    const run = () =>
      runCli(
        [
          'backtest',
          '--packs',
          '300',
          '--days',
          '250',
          '--seed',
          '7',
          '--format',
          'json',
          '--report',
          report,
        ],
        {
          stdout: { write: (text: string) => (stdout += text) },
          stderr: { write: () => true },
          env: { DATABASE_URL: db.url },
        },
      );
    expect(await run()).toBe(0);
    const result = JSON.parse(stdout) as Record<string, unknown> & {
      baselines: Record<string, Record<string, unknown>>;
      equalBudgets: { budget: number; [ranking: string]: unknown }[];
      market: { shortages: number };
    };
    expect(Object.keys(result).slice(0, 4)).toEqual([
      'precision',
      'recall',
      'medianLeadDays',
      'baselines',
    ]);
    expect(Object.keys(result.baselines)).toEqual(['coverThreshold', 'notifications']);
    for (const metrics of [
      result,
      result.baselines.coverThreshold,
      result.baselines.notifications,
    ]) {
      for (const key of ['precision', 'recall', 'medianLeadDays']) {
        const value = metrics?.[key];
        expect(value === null || (typeof value === 'number' && value >= 0), key).toBe(true);
      }
    }
    expect(result.market.shortages).toBeGreaterThan(0);
    // At equal budgets every ranking sends the same number of alerts (notifications may run out).
    expect(result.equalBudgets.map((b) => b.budget)).toEqual([5, 10, 20]);
    for (const b of result.equalBudgets) {
      const alerts = (ranking: string) => (b[ranking] as { alerts: number }).alerts;
      expect(alerts('watchlist')).toBe(alerts('cover'));
      expect(alerts('notifications')).toBeLessThanOrEqual(alerts('cover'));
    }
    const text = readFileSync(report, 'utf8');
    expect(text).toContain('| watchlist |');
    expect(text).toMatch(/^\| 10 \| lowest cover \| \d+ \|/m);
    // Same seed, same answer.
    const first = stdout;
    stdout = '';
    expect(await run()).toBe(0);
    expect(stdout).toBe(first);
  }, 120_000);
});
