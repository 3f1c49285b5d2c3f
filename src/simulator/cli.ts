/**
 * `medsupply simulate [--seed N] [--packs N] [--days N] [--holders N] [--start YYYY-MM-DD]
 * [--load] [--format table|json|csv]`: simulates a national market from the reference data in
 * the database, prints its summary and, with --load, writes it into the database.
 */
import { systemActor } from '../kernel/actor.ts';
import {
  parseCommandArgs,
  parseFormat,
  parsePositiveInteger,
  UsageError,
  type CliContext,
} from '../platform/cli-kit.ts';
import { formatCsv, formatJson, formatTable, round, type Column } from '../platform/output.ts';
import { ensureReferenceData } from '../registry/index.ts';
import { addDays, isIsoDate } from './domain/calendar.ts';
import { DEMO_SIZE, simulateMarket } from './domain/market.ts';
import { summariseMarket, type MarketSummary } from './domain/summary.ts';
import { EVENT_KINDS } from './domain/types.ts';
import {
  configuredObligation,
  loadMarketReference,
  loadSimulatedMarket,
  type SimulatedLoadResult,
} from './service.ts';

export const SIMULATE_USAGE = `simulate [--seed N] [--packs N] [--days N] [--holders N] [--start YYYY-MM-DD]
         [--load] [--format table|json|csv]
                                        a deterministic national market (default seed 1, 1,500
                                        packs, the MAH and 10 wholesalers, 400 days ending today);
                                        --load writes it (replacing a previous simulated market)`;

function parseSeed(value: string | undefined): number {
  if (value === undefined) return 1;
  if (!/^\d+$/.test(value) || Number(value) > 0xffffffff) {
    throw new UsageError(`--seed must be a whole number from 0 to 4294967295, not "${value}"`);
  }
  return Number(value);
}

interface SummaryLine {
  readonly figure: string;
  readonly value: string | number;
}

function summaryLines(summary: MarketSummary, seconds: number): SummaryLine[] {
  return [
    { figure: 'seed', value: summary.seed },
    {
      figure: 'period',
      value: `${summary.startDate} to ${summary.endDate} (${summary.days} days)`,
    },
    { figure: 'packs', value: summary.packs },
    { figure: 'products', value: summary.products },
    { figure: 'substances', value: summary.substances },
    { figure: 'companies (MAH)', value: summary.companies },
    { figure: 'wholesalers', value: summary.wholesalers },
    { figure: 'holders (MAH + wholesalers)', value: summary.holders },
    ...EVENT_KINDS.map((kind) => ({
      figure: `events: ${kind.replace(/_/g, ' ')}`,
      value: summary.eventsByKind[kind],
    })),
    { figure: 'shortages', value: summary.shortages },
    ...[...EVENT_KINDS, 'none' as const].map((kind) => ({
      figure: `  caused by ${kind === 'none' ? 'demand variability only' : kind.replace(/_/g, ' ')}`,
      value: summary.shortagesByCause[kind],
    })),
    { figure: 'packs with a shortage', value: summary.packsHit },
    {
      figure: 'critical packs hit',
      value: `${summary.criticalPacksHit} of ${summary.criticalPacks} (${round(summary.criticalShareHit * 100, 1)}%)`,
    },
    { figure: 'median shortage (days)', value: summary.medianShortageDays ?? '-' },
    { figure: 'simulation time (s)', value: round(seconds, 2) },
  ];
}

const COLUMNS: readonly Column<SummaryLine>[] = [
  { header: 'figure', value: (line) => line.figure },
  { header: 'value', value: (line) => line.value },
];

/** The command; `now` is injectable so tests get a fixed "today". */
export async function runSimulateCommand(
  context: CliContext,
  args: readonly string[],
  now: () => Date = () => new Date(),
): Promise<number> {
  const { values } = parseCommandArgs(args, {
    seed: { type: 'string' },
    packs: { type: 'string' },
    days: { type: 'string' },
    holders: { type: 'string' },
    start: { type: 'string' },
    load: { type: 'boolean' },
    format: { type: 'string' },
  });
  const format = parseFormat(values.format);
  const seed = parseSeed(values.seed);
  const packs = parsePositiveInteger(values.packs, '--packs') ?? DEMO_SIZE.packs;
  const days = parsePositiveInteger(values.days, '--days') ?? DEMO_SIZE.days;
  const holders = parsePositiveInteger(values.holders, '--holders') ?? DEMO_SIZE.holders;
  if (packs > 100_000) throw new UsageError(`--packs must be at most 100000, not ${packs}`);
  if (days > 3_660) throw new UsageError(`--days must be at most 3660, not ${days}`);
  if (holders < 2 || holders > 64) {
    throw new UsageError(`--holders must be from 2 to 64 (the MAH and 1 to 63 wholesalers)`);
  }
  if (values.start !== undefined && !isIsoDate(values.start)) {
    throw new UsageError(`--start must be a date YYYY-MM-DD, not "${values.start}"`);
  }
  // By default the market ends today, so a loaded demo looks current.
  const startDate = values.start ?? addDays(now().toISOString().slice(0, 10), -(days - 1));

  const database = await context.openDatabase();
  await ensureReferenceData(database.pool, {
    actor: context.actor,
    log: (line) => context.stderr.write(`${line}\n`),
  });
  const reference = await loadMarketReference(database.pool);
  context.stderr.write(`simulating ${packs} packs x ${holders} holders x ${days} days\n`);
  const started = performance.now();
  const market = simulateMarket({
    seed,
    reference,
    packs,
    holders,
    days,
    startDate,
    obligation: configuredObligation(),
  });
  const seconds = (performance.now() - started) / 1000;
  const summary = summariseMarket(market);

  let load: SimulatedLoadResult | undefined;
  if (values.load === true) {
    load = await loadSimulatedMarket(database.pool, market, {
      actor: systemActor(context.actor),
      log: (line) => context.stderr.write(`${line}\n`),
    });
  }
  const lines = summaryLines(summary, seconds);
  if (load !== undefined) {
    lines.push({
      figure: 'database',
      value:
        load.status === 'unchanged'
          ? 'unchanged (this market was loaded already)'
          : `${load.status}: ${load.stockRows} stock reports, ${load.demandRows} demand reports, ${load.incomingRows} expected deliveries`,
    });
  }
  switch (format) {
    case 'json':
      context.stdout.write(
        formatJson({ ...summary, simulationSeconds: seconds, load: load ?? null }),
      );
      break;
    case 'csv':
      context.stdout.write(formatCsv(lines, COLUMNS));
      break;
    case 'table':
      context.stdout.write(formatTable(lines, COLUMNS));
      break;
    default: {
      const unexpected: never = format;
      throw new Error(`unknown format ${String(unexpected)}`);
    }
  }
  return 0;
}
