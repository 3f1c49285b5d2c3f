/**
 * The market simulator at demo size (1,500 packs x 11 holders x 400 days) and national size
 * (15,000 packs x 12 holders x 730 days, 131 million stock cells): time and peak memory. Each size
 * runs in a child process of its own, so its peak resident memory is its own and not the bench's.
 * The reference, measured in the same child: allocating the same typed arrays and writing every
 * cell once, the floor for producing such a series at all. Optionally the time to load the demo
 * market into PostgreSQL (weekly stock reports, daily demand, expected deliveries, truth).
 *
 * bench/run.ts calls measureSimulator(pool) and puts simulatorSection(figures) in BENCHMARKS.md;
 * `node --import tsx bench/simulator.ts` runs it alone on a throw-away embedded PostgreSQL.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type pg from 'pg';
import { systemActor } from '../src/kernel/actor.ts';
import {
  DEMO_SIZE,
  loadMarketReference,
  loadSimulatedMarket,
  NATIONAL_SIZE,
  simulateMarket,
  type MarketReference,
} from '../src/simulator/index.ts';

const THIS_FILE = fileURLToPath(import.meta.url);

export interface SimulatorSizeFigures {
  readonly label: string;
  readonly packs: number;
  readonly holders: number;
  readonly days: number;
  readonly stockCells: number;
  /** The three series arrays (stock, demand, incoming), in MiB. */
  readonly seriesMiB: number;
  readonly runs: number;
  /** Median wall time of simulateMarket. */
  readonly simulateSeconds: number;
  /** The reference: allocate the same arrays and write every cell once. */
  readonly writeCellsSeconds: number;
  /** Peak resident memory of the child process (the reference data included). */
  readonly peakRssMiB: number;
  /** Resident memory of the child before simulating (Node, tsx and the reference data). */
  readonly baseRssMiB: number;
  readonly events: number;
  readonly shortages: number;
}

export interface SimulatorLoadFigures {
  readonly seconds: number;
  readonly stockRows: number;
  readonly demandRows: number;
  readonly incomingRows: number;
  readonly rowsPerSecond: number;
}

export interface SimulatorBenchFigures {
  readonly sizes: readonly SimulatorSizeFigures[];
  readonly load: SimulatorLoadFigures | null;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

const MiB = 1024 * 1024;

/**
 * This process's own peak resident memory in MiB: VmHWM of /proc/self/status. Not
 * process.resourceUsage().maxRSS: Linux carries ru_maxrss over an exec, so a child started by
 * the bench reported the bench's own peak (1,155 MiB for both sizes) instead of its own.
 */
function peakResidentMiB(): number {
  try {
    const match = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8'));
    if (match?.[1] !== undefined) return Number(match[1]) / 1024;
  } catch {
    // Not Linux: fall back to the rusage figure below.
  }
  return process.resourceUsage().maxRSS / 1024;
}

/** In the child: simulate `runs` times and report time and memory as JSON on stdout. */
function runChild(
  referenceFile: string,
  packs: number,
  holders: number,
  days: number,
  runs: number,
) {
  const reference = JSON.parse(readFileSync(referenceFile, 'utf8')) as MarketReference;
  const baseRssMiB = process.memoryUsage().rss / MiB;
  const times: number[] = [];
  let events = 0;
  let shortages = 0;
  let stockCells = 0;
  let seriesBytes = 0;
  // The peak is read after the first run, while one market is alive: later runs may overlap
  // the next market with the previous one not yet collected.
  let peakRssMiB = 0;
  for (let run = 0; run < runs; run++) {
    const started = performance.now();
    const market = simulateMarket({ seed: 1, reference, packs, holders, days });
    times.push((performance.now() - started) / 1000);
    if (run === 0) peakRssMiB = peakResidentMiB();
    events = market.events.length;
    shortages = market.shortages.length;
    stockCells = market.series.stock.length;
    seriesBytes =
      market.series.stock.byteLength +
      market.series.demand.byteLength +
      market.series.incoming.byteLength;
  }
  const writeTimes: number[] = [];
  for (let run = 0; run < runs; run++) {
    const started = performance.now();
    const cells = writeEveryCell(holders, packs, days);
    writeTimes.push((performance.now() - started) / 1000);
    if (cells < 0) throw new Error('unreachable');
  }
  process.stdout.write(
    JSON.stringify({
      simulateSeconds: median(times),
      writeCellsSeconds: median(writeTimes),
      peakRssMiB,
      baseRssMiB,
      events,
      shortages,
      stockCells,
      seriesMiB: seriesBytes / MiB,
    }),
  );
}

/** The reference: the same three arrays, every cell written once. */
function writeEveryCell(holders: number, packs: number, days: number): number {
  const stock = new Float32Array(holders * packs * days);
  const demand = new Float32Array(packs * days);
  const incoming = new Float32Array(packs * days);
  for (let cell = 0; cell < stock.length; cell++) stock[cell] = cell & 1023;
  for (let cell = 0; cell < demand.length; cell++) {
    demand[cell] = cell & 15;
    incoming[cell] = cell & 7;
  }
  return (stock[stock.length - 1] ?? 0) + (demand[0] ?? 0) + (incoming[0] ?? 0);
}

async function measureSize(
  referenceFile: string,
  label: string,
  size: { packs: number; holders: number; days: number },
  runs: number,
): Promise<SimulatorSizeFigures> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [
      '--import',
      'tsx',
      THIS_FILE,
      '--child',
      referenceFile,
      String(size.packs),
      String(size.holders),
      String(size.days),
      String(runs),
    ],
    { maxBuffer: 1 << 20 },
  );
  const child = JSON.parse(stdout) as Omit<
    SimulatorSizeFigures,
    'label' | 'packs' | 'holders' | 'days' | 'runs'
  >;
  return { label, ...size, runs, ...child };
}

/** Measures both sizes (and the demo load into PostgreSQL unless `load` is false). */
export async function measureSimulator(
  pool: pg.Pool,
  options: { runs?: number; load?: boolean; log?: (line: string) => void } = {},
): Promise<SimulatorBenchFigures> {
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const reference = await loadMarketReference(pool);
  const folder = mkdtempSync(join(tmpdir(), 'medsupply-simulator-bench-'));
  const referenceFile = join(folder, 'reference.json');
  writeFileSync(referenceFile, JSON.stringify(reference));
  try {
    const sizes: SimulatorSizeFigures[] = [];
    sizes.push(await measureSize(referenceFile, 'demo', DEMO_SIZE, options.runs ?? 5));
    log(`simulator demo: ${sizes[0]?.simulateSeconds.toFixed(2)} s`);
    sizes.push(await measureSize(referenceFile, 'national', NATIONAL_SIZE, options.runs ?? 3));
    log(`simulator national: ${sizes[1]?.simulateSeconds.toFixed(2)} s`);
    let load: SimulatorLoadFigures | null = null;
    if (options.load !== false) {
      const market = simulateMarket({ seed: 1, reference, ...DEMO_SIZE });
      const started = performance.now();
      const result = await loadSimulatedMarket(pool, market, { actor: systemActor('bench') });
      const seconds = (performance.now() - started) / 1000;
      const rows = result.stockRows + result.demandRows + result.incomingRows;
      load = {
        seconds,
        stockRows: result.stockRows,
        demandRows: result.demandRows,
        incomingRows: result.incomingRows,
        rowsPerSecond: rows / seconds,
      };
      log(`simulator demo load: ${seconds.toFixed(1)} s`);
    }
    return { sizes, load };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/** The BENCHMARKS.md section. */
export function simulatorSection(figures: SimulatorBenchFigures): string {
  const rows = figures.sizes.map(
    (s) =>
      `| ${s.label} | ${s.packs.toLocaleString('en')} x ${s.holders} x ${s.days} | ${(s.stockCells / 1e6).toFixed(1)} M | ${s.seriesMiB.toFixed(0)} | ${s.simulateSeconds.toFixed(2)} | ${s.writeCellsSeconds.toFixed(2)} | ${s.peakRssMiB.toFixed(0)} (${s.baseRssMiB.toFixed(0)} before) | ${s.events.toLocaleString('en')} | ${s.shortages.toLocaleString('en')} |`,
  );
  const load =
    figures.load === null
      ? ''
      : `
Loading the demo market into PostgreSQL (\`loadSimulatedMarket\`: organisations, products and packs,
then ${figures.load.stockRows.toLocaleString('en')} weekly stock reports, ${figures.load.demandRows.toLocaleString('en')} daily demand reports and
${figures.load.incomingRows.toLocaleString('en')} expected deliveries through src/stock's COPY loaders, and the ground truth, in one
transaction): ${figures.load.seconds.toFixed(1)} s, ${Math.round(figures.load.rowsPerSecond).toLocaleString('en')} rows/s.
`;
  return `
## Market simulator

\`simulateMarket\` (seed 1) on the real reference data, each size in a child process of its own
(median of the runs; peak = the child's maximum resident memory, Node, tsx and the reference data
included). Reference, in the same child: allocate the same three Float32 arrays and write every
cell once, the floor for producing such a series at all.

| size | packs x holders x days | stock cells | series MiB | simulate s | write cells once s | peak RSS MiB | events | shortages |
|---|---|---:|---:|---:|---:|---:|---:|---:|
${rows.join('\n')}
${load}`;
}

async function main(): Promise<void> {
  const { startEmbeddedPostgres } = await import('../src/platform/embedded-postgres.ts');
  const { applyMigrations } = await import('../src/platform/migrations.ts');
  const { loadReferenceData } = await import('../src/registry/index.ts');
  const pgModule = (await import('pg')).default;
  const dataDir = join(mkdtempSync(join(tmpdir(), 'medsupply-bench-')), 'pgdata');
  const server = await startEmbeddedPostgres({ dataDir, ephemeral: true });
  const pool = new pgModule.Pool({ connectionString: server.url });
  pool.on('error', () => undefined);
  try {
    await applyMigrations(pool);
    await loadReferenceData(pool, { actor: 'bench' });
    process.stdout.write(simulatorSection(await measureSimulator(pool)));
  } finally {
    await pool.end();
    await server.stop();
  }
}

if (process.argv[1] === THIS_FILE) {
  const args = process.argv.slice(2);
  if (args[0] === '--child') {
    runChild(args[1] ?? '', Number(args[2]), Number(args[3]), Number(args[4]), Number(args[5]));
  } else {
    await main();
  }
}
