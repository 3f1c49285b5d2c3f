/** `medsupply policy-analysis` and `medsupply competitor-cascades` on the real German register. */
import { writeFileSync } from 'node:fs';
import {
  parseCommandArgs,
  parseFormat,
  parsePositiveInteger,
  UsageError,
  type CliContext,
} from '../platform/cli-kit.ts';
import { ensureReferenceData } from '../registry/index.ts';
import type { RankingMetrics } from './domain/backtest.ts';
import {
  DEFAULT_BACKTEST,
  renderBacktestReport,
  runBacktest,
  type BacktestOptions,
} from './backtest.service.ts';
import { formatCsv, formatJson, formatTable, round } from '../platform/output.ts';
import { importShortageReferenceData } from '../signals/index.ts';
import { isIsoDate } from '../notifications/domain/validation.ts';
import { competitorCascadeAnalysis, stockPolicyAnalysis } from './policy.service.ts';

async function poolWithShortages(context: CliContext) {
  const database = await context.openDatabase();
  await importShortageReferenceData(database.pool, { actor: context.actor });
  return database.pool;
}

export async function runPolicyAnalysisCommand(
  context: CliContext,
  args: readonly string[],
): Promise<number> {
  const { values } = parseCommandArgs(args, { format: { type: 'string' } });
  const format = parseFormat(values.format);
  const analysis = await stockPolicyAnalysis(await poolWithShortages(context));
  const columns = [
    {
      header: 'weeks of stock',
      value: (r: (typeof analysis.curve)[number]) => r.weeks,
      numeric: true,
    },
    {
      header: 'shortages absorbed',
      value: (r: (typeof analysis.curve)[number]) => r.absorbed,
      numeric: true,
    },
    {
      header: 'share',
      value: (r: (typeof analysis.curve)[number]) => round(r.share, 3),
      numeric: true,
    },
  ];
  if (format === 'json') {
    context.stdout.write(formatJson(analysis));
  } else if (format === 'csv') {
    context.stdout.write(formatCsv(analysis.curve, columns));
  } else {
    context.stdout.write(`${analysis.source}: ${analysis.shortages} shortages\n\n`);
    context.stdout.write(formatTable(analysis.curve, columns));
    const iron = analysis.ironStock;
    context.stdout.write(
      `\n5 months (${iron.days} days) of stock absorbs ${round(iron.observedShare * 100, 1)}% of these shortages, ` +
        `not the ${round(iron.expectedShare * 100, 0)}% once expected; ${round(iron.expectedShare * 100, 0)}% needs ${iron.weeksNeededForExpectedShare ?? '?'} weeks.\n`,
    );
  }
  return 0;
}

export async function runCompetitorCascadesCommand(
  context: CliContext,
  args: readonly string[],
): Promise<number> {
  const { values } = parseCommandArgs(args, {
    'split-date': { type: 'string' },
    format: { type: 'string' },
  });
  const split = values['split-date'] ?? '2024-01-01';
  if (!isIsoDate(split)) throw new UsageError('--split-date must be a date written YYYY-MM-DD');
  const format = parseFormat(values.format);
  const analysis = await competitorCascadeAnalysis(await poolWithShortages(context), split);
  if (format !== 'table') {
    context.stdout.write(formatJson(analysis));
    return 0;
  }
  const { followOn, signal } = analysis;
  const pct = (value: number | null) => (value === null ? 'n/a' : `${round(value * 100, 1)}%`);
  context.stdout.write(
    `${analysis.source}\n` +
      `${followOn.followed} of ${followOn.reports} reports (${pct(followOn.share)}) were followed within ${followOn.windowDays} days by another company's report of the same substance.\n\n` +
      `Signal "another company reported this substance in the last ${signal.lookbackDays} days" (look-back chosen before ${signal.splitDate}), predicting a report within ${signal.horizonDays} days:\n` +
      `  before ${signal.splitDate}: precision ${pct(signal.train.precision)}, recall ${pct(signal.train.recall)}, base rate ${pct(signal.train.baseRate)}, lift ${signal.train.lift === null ? 'n/a' : round(signal.train.lift, 2)}\n` +
      `  from ${signal.splitDate} (held out): precision ${pct(signal.test.precision)}, recall ${pct(signal.test.recall)}, base rate ${pct(signal.test.baseRate)}, lift ${signal.test.lift === null ? 'n/a' : round(signal.test.lift, 2)}\n`,
  );
  return 0;
}

export async function runBacktestCommand(
  context: CliContext,
  args: readonly string[],
): Promise<number> {
  const { values } = parseCommandArgs(args, {
    seed: { type: 'string' },
    packs: { type: 'string' },
    days: { type: 'string' },
    budget: { type: 'string' },
    'min-score': { type: 'string' },
    report: { type: 'string' },
    format: { type: 'string' },
  });
  const format = parseFormat(values.format);
  const options: BacktestOptions = {
    ...DEFAULT_BACKTEST,
    seed: parsePositiveInteger(values.seed, '--seed') ?? DEFAULT_BACKTEST.seed,
    packs: parsePositiveInteger(values.packs, '--packs') ?? DEFAULT_BACKTEST.packs,
    days: parsePositiveInteger(values.days, '--days') ?? DEFAULT_BACKTEST.days,
    budget: parsePositiveInteger(values.budget, '--budget') ?? DEFAULT_BACKTEST.budget,
    minimumScore:
      parsePositiveInteger(values['min-score'], '--min-score') ?? DEFAULT_BACKTEST.minimumScore,
  };
  if (options.days < 200)
    throw new UsageError('--days must be at least 200: the watchlist needs 12 weeks of history');
  const pool = await poolWithShortages(context);
  await ensureReferenceData(pool, {
    actor: context.actor,
    log: (line) => context.stderr.write(`${line}\n`),
  });
  const result = await runBacktest(pool, options);
  const report = renderBacktestReport(result);
  const reportPath = values.report ?? 'backtest-report.md';
  writeFileSync(reportPath, report);
  context.stderr.write(`report written to ${reportPath}\n`);
  if (format === 'json') {
    const metrics = (m: RankingMetrics) => ({
      precision: m.precision,
      recall: m.recall,
      medianLeadDays: m.medianLeadDays,
      alerts: m.alerts,
    });
    context.stdout.write(
      formatJson({
        precision: result.precision,
        recall: result.recall,
        medianLeadDays: result.medianLeadDays,
        baselines: {
          coverThreshold: metrics(result.baselines.coverThreshold),
          notifications: metrics(result.baselines.notifications),
        },
        parameters: result.parameters,
        market: result.market,
        germanRegister: {
          followOnShare: result.germanRegister.followOn.share,
          signal: result.germanRegister.signal,
        },
      }),
    );
  } else {
    context.stdout.write(report);
  }
  return 0;
}
