/**
 * `medsupply watchlist` and `medsupply scenario site-failure` over the database; `backtest`,
 * `policy-analysis` and `competitor-cascades` on a simulated market and the real German register.
 */
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
import { formatCsv, formatJson, formatListing, formatTable, round } from '../platform/output.ts';
import { importShortageReferenceData } from '../signals/index.ts';
import { isIsoDate } from '../notifications/domain/validation.ts';
import { competitorCascadeAnalysis, stockPolicyAnalysis } from './policy.service.ts';
import { WATCH_FACTORS, type WatchFactor } from './domain/watchlist.ts';
import {
  PACK_WATCH_COLUMNS,
  SCENARIO_PACK_COLUMNS,
  SCENARIO_SITE_COLUMNS,
  SUBSTANCE_WATCH_COLUMNS,
} from './columns.ts';
import { SITE_FAILURE_DEFAULTS, scenarioSites, siteFailureScenario } from './scenario.service.ts';
import {
  earlyWarningConfig,
  packWatchlist,
  substanceWatchlist,
  WATCHLIST_LEVELS,
} from './watchlist.service.ts';

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
        equalBudgets: result.equalBudgets.map((b) => ({
          budget: b.budget,
          watchlist: metrics(b.watchlist),
          cover: metrics(b.cover),
          notifications: metrics(b.notifications),
        })),
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

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

function dateFlag(value: string | undefined, flag: string): string {
  const date = value ?? today();
  if (!isIsoDate(date)) throw new UsageError(`${flag} must be a date written YYYY-MM-DD`);
  if (date > today()) throw new UsageError(`${flag} ${date} lies in the future`);
  return date;
}

function numberFlag(value: string | undefined, flag: string, min: number, max: number) {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (value.trim() === '' || !Number.isFinite(number) || number < min || number > max) {
    throw new UsageError(`${flag} must be a number from ${min} to ${max}, not "${value}"`);
  }
  return number;
}

export const WATCHLIST_USAGE = `usage: medsupply watchlist [--as-of D] [--level pack|substance] [--min-score N]
                          [--factor F] [--atc X] [--limit N] [--format table|csv|json]`;

export async function runWatchlistCommand(
  context: CliContext,
  args: readonly string[],
): Promise<number> {
  const { values } = parseCommandArgs(args, {
    'as-of': { type: 'string' },
    level: { type: 'string' },
    'min-score': { type: 'string' },
    factor: { type: 'string' },
    atc: { type: 'string' },
    limit: { type: 'string' },
    format: { type: 'string' },
  });
  const asOf = dateFlag(values['as-of'], '--as-of');
  const level = values.level ?? 'pack';
  if (!(WATCHLIST_LEVELS as readonly string[]).includes(level)) {
    throw new UsageError(`--level must be one of ${WATCHLIST_LEVELS.join(', ')}, not "${level}"`);
  }
  const factor = values.factor;
  if (factor !== undefined && !(WATCH_FACTORS as readonly string[]).includes(factor)) {
    throw new UsageError(`--factor must be one of ${WATCH_FACTORS.join(', ')}, not "${factor}"`);
  }
  const atc = values.atc?.toUpperCase();
  if (atc !== undefined && !/^[A-Z]([0-9]{2}([A-Z]([A-Z]([0-9]{2})?)?)?)?$/.test(atc)) {
    throw new UsageError(`--atc must be an ATC code or group such as J01 or J01CA04, not "${atc}"`);
  }
  const limit = parsePositiveInteger(values.limit, '--limit');
  const format = parseFormat(values.format);
  const query = {
    asOf,
    minimumScore:
      numberFlag(values['min-score'], '--min-score', 0, 100) ?? earlyWarningConfig().alertScore,
    factor: factor as WatchFactor | undefined,
    atc,
  };
  const pool = (await context.openDatabase()).pool;
  const take = <T>(rows: T[]) => (limit === undefined ? rows : rows.slice(0, limit));
  if (level === 'substance') {
    const rows = take(await substanceWatchlist(pool, query));
    context.stdout.write(
      formatListing(format, rows, SUBSTANCE_WATCH_COLUMNS, () => ({
        ...query,
        level,
        items: rows,
      })),
    );
  } else {
    const rows = take(await packWatchlist(pool, query));
    const tableColumns = PACK_WATCH_COLUMNS.filter(
      (c) => !['packId', 'mah', 'confidence'].includes(c.header),
    );
    context.stdout.write(
      formatListing(format, rows, format === 'table' ? tableColumns : PACK_WATCH_COLUMNS, () => ({
        ...query,
        level,
        items: rows,
      })),
    );
  }
  return 0;
}

export const SCENARIO_USAGE = `usage: medsupply scenario site-failure --site ID [--date D] [--horizon N] [--spare X]
                          [--pipeline N] [--format table|csv|json]
       medsupply scenario sites [--date D] [--limit N] [--format table|csv|json]
                          (the sites that make products here, most sole-source packs first)`;

export async function runScenarioCommand(
  context: CliContext,
  args: readonly string[],
): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    args,
    {
      site: { type: 'string' },
      date: { type: 'string' },
      horizon: { type: 'string' },
      spare: { type: 'string' },
      pipeline: { type: 'string' },
      limit: { type: 'string' },
      format: { type: 'string' },
    },
    true,
  );
  if (positionals.length === 1 && positionals[0] === 'sites') {
    const sites = await scenarioSites(
      (await context.openDatabase()).pool,
      dateFlag(values.date, '--date'),
    );
    const limit = parsePositiveInteger(values.limit, '--limit') ?? 20;
    context.stdout.write(
      formatListing(parseFormat(values.format), sites.slice(0, limit), SCENARIO_SITE_COLUMNS),
    );
    return 0;
  }
  if (positionals.length !== 1 || positionals[0] !== 'site-failure') {
    throw new UsageError(`the scenarios are site-failure and sites\n${SCENARIO_USAGE}`);
  }
  const siteId = parsePositiveInteger(values.site, '--site');
  if (siteId === undefined) {
    throw new UsageError(
      `--site is required (\`medsupply scenario sites\` lists them)\n${SCENARIO_USAGE}`,
    );
  }
  const format = parseFormat(values.format);
  const scenario = await siteFailureScenario((await context.openDatabase()).pool, {
    siteId,
    failureDate: dateFlag(values.date, '--date'),
    horizonDays:
      numberFlag(values.horizon, '--horizon', 7, 364) ?? SITE_FAILURE_DEFAULTS.horizonDays,
    spareCapacity: numberFlag(values.spare, '--spare', 0, 1) ?? SITE_FAILURE_DEFAULTS.spareCapacity,
    pipelineDays:
      numberFlag(values.pipeline, '--pipeline', 0, 90) ?? SITE_FAILURE_DEFAULTS.pipelineDays,
  });
  if (format === 'json') {
    context.stdout.write(formatJson(scenario));
    return 0;
  }
  if (format === 'csv') {
    context.stdout.write(formatCsv(scenario.packs, SCENARIO_PACK_COLUMNS));
    return 0;
  }
  const { site } = scenario;
  context.stdout.write(
    `${site.name} (${site.city === null ? '' : `${site.city}, `}${site.countryCode}, site ${site.id}) stops on ${scenario.failureDate}; ` +
      `${scenario.horizonDays} days, spare capacity ${round(scenario.spareCapacity * 100, 0)}%, pipeline ${scenario.pipelineDays} days\n\n`,
  );
  context.stdout.write(
    formatTable(
      scenario.packs,
      SCENARIO_PACK_COLUMNS.filter((c) =>
        [
          'product',
          'pack',
          'reported',
          'stockOutDate',
          'daysUntilStockOut',
          'unitsNotServed',
        ].includes(c.header),
      ),
    ),
  );
  context.stdout.write(
    `\n${scenario.affectedPacks} packs come only from this site, ${scenario.packsRunningOut} run out` +
      (scenario.firstStockOutDate === null ? '' : ` (first on ${scenario.firstStockOutDate})`) +
      `; ${scenario.unitsNotServed} units not served; ${scenario.partiallyAffectedPacks} more packs have it among several sources.\n` +
      (scenario.packsWithoutReports === 0
        ? ''
        : `${scenario.packsWithoutReports} of the packs have no stock or demand reported: what happens to them is unknown.\n`),
  );
  return 0;
}
