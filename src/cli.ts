/**
 * The `medsupply` command line. Every command parses its arguments, calls a service and formats
 * the result; expected failures print one line naming file, line or flag and exit non-zero,
 * never a stack trace.
 */
import { userInfo } from 'node:os';
import { UserFacingError } from './kernel/errors.ts';
import { createCliContext, UsageError, type CliContext, type CliIo } from './platform/cli-kit.ts';
import { runImportCommand } from './registry/cli.ts';
import {
  runDemoUsersCommand,
  runOrganisationsCommand,
  runTokensCommand,
  runUsersCommand,
  ORGANISATIONS_USAGE,
  TOKENS_USAGE,
  USERS_USAGE,
} from './identity/cli.ts';
import {
  runLateReportCommand,
  runNotificationsCommand,
  runShortagesCommand,
} from './notifications/cli.ts';
import { runShortagesAnalysisCommand } from './signals/cli.ts';
import { runSimulateCommand } from './simulator/cli.ts';
import { runComplianceCommand, runCoverCommand } from './stock/cli.ts';
import {
  runBacktestCommand,
  runCompetitorCascadesCommand,
  runPolicyAnalysisCommand,
  runScenarioCommand,
  runWatchlistCommand,
} from './early-warning/cli.ts';
import {
  runCoverageCommand,
  runImpactCommand,
  runVulnerabilityCommand,
} from './vulnerability/cli.ts';

const USAGE = `medsupply — medicine supply security

usage: medsupply <command> [options]

commands:
  serve [--port N] [--load-reference]   serve the API and web app (PORT, default 8080)
  import <ulcm|epar|bfarm-register|hpra|cep> <file> [--list-version V]
  import all <folder>                   every register in a folder laid out like data/reference
  vulnerability [--source epar|bfarm|hpra|cep|all] [--all-codes] [--include-non-current]
                [--top N] [--format table|json|csv]
  coverage [--all-codes] [--format table|json|csv]
  impact --site ID | --country XX [--source S] [--format table|json|csv]
  import products <file>                a product catalogue (CSV template, see docs/api.md)
  notifications [--status S] [--format F]          the notification queue, riskiest first
  late-report --from YYYY-MM-DD --to YYYY-MM-DD [--format F]   late notifications per company
  shortages [--atc CODE] [--format F]   the public shortage list
  import <bfarm-shortages|fda-shortages> <file>   a foreign shortage register
  shortages-analysis [--source bfarm|fda] [--group-by company|chapter] [--format F]
  policy-analysis [--format F]          share of German shortages a stock of N weeks absorbs
  competitor-cascades [--split-date D]  follow-on reports of the same substance, and the signal's precision
  import stock|demand <file>            stock or demand reports (CSV)
  compliance --from D --to D [--format F]   stock-obligation non-compliance
  cover --as-of D --level pack|product|substance [--format F]   national cover in weeks
  simulate [--seed N] [--packs N] [--days N] [--start DATE] [--load] [--format F]
                                        the deterministic market simulator
  backtest [--seed N] [--packs N] [--days N] [--budget N] [--report FILE] [--format table|json]
                                        the watchlist against a simulated market's ground truth
  watchlist [--as-of D] [--level pack|substance] [--min-score N] [--factor F] [--atc X]
            [--limit N] [--format F]    the early-warning watchlist of a day, with its reasons
  scenario site-failure --site ID [--date D] [--horizon N] [--spare X] [--format F]
                                        a site stops: which packs run out, when, what is not served
  users, tokens, organisations          administration (see below); demo-users seeds the demo accounts
  migrate                               apply database migrations
  openapi [--write FILE]                print or write the OpenAPI document

Without DATABASE_URL, medsupply runs its own PostgreSQL in .medsupply/pgdata.

${USERS_USAGE}
${TOKENS_USAGE}
${ORGANISATIONS_USAGE}
`;

type Command = (context: CliContext, args: readonly string[]) => Promise<number>;

async function loadCommands(): Promise<Record<string, Command>> {
  const { runServeCommand, runOpenApiCommand } = await import('./server.ts');
  return {
    import: runImportCommand,
    vulnerability: runVulnerabilityCommand,
    coverage: runCoverageCommand,
    impact: runImpactCommand,
    serve: runServeCommand,
    openapi: runOpenApiCommand,
    users: (context, args) => runUsersCommand(context, args),
    tokens: runTokensCommand,
    organisations: runOrganisationsCommand,
    'demo-users': runDemoUsersCommand,
    notifications: runNotificationsCommand,
    'late-report': runLateReportCommand,
    'shortages-analysis': runShortagesAnalysisCommand,
    'policy-analysis': runPolicyAnalysisCommand,
    'competitor-cascades': runCompetitorCascadesCommand,
    backtest: runBacktestCommand,
    watchlist: runWatchlistCommand,
    scenario: runScenarioCommand,
    simulate: (context, args) => runSimulateCommand(context, args),
    compliance: runComplianceCommand,
    cover: runCoverCommand,
    shortages: runShortagesCommand,
    migrate: async (context) => {
      await context.openDatabase();
      context.stdout.write('database is up to date\n');
      return 0;
    },
  };
}

function actorName(): string {
  try {
    return `cli:${userInfo().username}`;
  } catch {
    return 'cli';
  }
}

/** Runs one command line; returns the exit code. Tests call it in-process. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    io.stdout.write(USAGE);
    return name === undefined ? 2 : 0;
  }
  const commands = await loadCommands();
  const command = commands[name];
  if (command === undefined) {
    io.stderr.write(`medsupply: unknown command "${name}"\n\n${USAGE}`);
    return 2;
  }
  const context = createCliContext(io, io.env.MEDSUPPLY_ACTOR ?? actorName());
  try {
    return await command(context, args);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`medsupply ${name}: ${error.message}\n`);
      return 2;
    }
    if (error instanceof UserFacingError) {
      io.stderr.write(`medsupply ${name}: ${error.message}\n`);
      for (const problem of error.errors)
        io.stderr.write(`  ${problem.pointer}: ${problem.detail}\n`);
      return 1;
    }
    io.stderr.write(
      `medsupply ${name}: unexpected error: ${(error as Error).message}\n` +
        (io.env.MEDSUPPLY_DEBUG === '1' ? `${(error as Error).stack ?? ''}\n` : ''),
    );
    return 1;
  } finally {
    if (name !== 'serve') await context.close();
  }
}
