/** `medsupply import <register> <file>` and `medsupply import all <folder>`. */
import { basename } from 'node:path';
import { UserFacingError } from '../kernel/errors.ts';
import { parseCommandArgs, UsageError, type CliContext } from '../platform/cli-kit.ts';
import { createProgressBar } from '../platform/progress.ts';
import type { ImportReport } from './domain/types.ts';
import { REGISTER_BY_CLI_NAME } from './ingest/formats.ts';
import { runProductImport } from '../products/cli.ts';
import { runDemandImport, runStockImport } from '../stock/cli.ts';
import { runShortageImportCommand, SHORTAGE_IMPORT_NAMES } from '../signals/cli.ts';
import { importShortageFolder } from '../signals/index.ts';
import { importFolder, importRegisterFile } from './services/import.service.ts';

export const IMPORT_USAGE = `usage: medsupply import <${Object.keys(REGISTER_BY_CLI_NAME).join('|')}|products> <file> [--list-version V]
       medsupply import all <folder>`;

/** How many bad rows to print before summarising the rest. */
const REJECTED_SHOWN = 50;

function printReport(context: CliContext, report: ImportReport): void {
  for (const row of report.rejected.slice(0, REJECTED_SHOWN)) {
    context.stderr.write(`${row.file}:${row.line}: ${row.reason}\n`);
  }
  if (report.rejected.length > REJECTED_SHOWN) {
    context.stderr.write(
      `... and ${report.rejected.length - REJECTED_SHOWN} more rejected rows (all are kept in the import report)\n`,
    );
  }
  context.stdout.write(
    `${report.register}: ${report.file}: ${report.rowsRead} rows read, ${report.rowsImported} imported, ` +
      `${report.rowsSkipped} skipped (no manufacturing data), ${report.rowsRejected} rejected; ` +
      `${report.linksImported} supply links, ${report.sites} sites, ${report.codes} ATC codes\n`,
  );
}

export async function runImportCommand(
  context: CliContext,
  args: readonly string[],
): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    args,
    { 'list-version': { type: 'string' } },
    true,
  );
  const [registerName, path, ...extra] = positionals;
  if (registerName === undefined || path === undefined || extra.length > 0) {
    throw new UsageError(IMPORT_USAGE);
  }
  const database = await context.openDatabase();
  if (registerName === 'all') {
    let bar = createProgressBar('import', context.stderr as NodeJS.WriteStream);
    const result = await importFolder(database.pool, path, {
      actor: context.actor,
      onRegister: (register, file) => {
        bar = createProgressBar(
          `import ${register} ${basename(file)}`,
          context.stderr as NodeJS.WriteStream,
        );
      },
      onProgress: (done, total) => {
        bar.update(done, total);
      },
      ...(values['list-version'] === undefined ? {} : { listVersion: values['list-version'] }),
    });
    bar.finish();
    for (const report of result.reports) printReport(context, report);
    for (const register of result.missing) {
      context.stderr.write(`${path}: no file for ${register}; skipped\n`);
    }
    const shortages = await importShortageFolder(database.pool, path, {
      actor: context.actor,
      onFile: (_source, file) => {
        context.stderr.write(`import ${basename(file)}\n`);
      },
    });
    for (const report of shortages.reports) {
      context.stdout.write(
        `${report.source}: ${report.file}: ${report.rowsRead} rows read, ${report.rowsRejected} rejected\n`,
      );
    }
    return 0;
  }
  if (registerName === 'products') return runProductImport(context, path);
  if (registerName === 'stock') return runStockImport(context, path);
  if (registerName === 'demand') return runDemandImport(context, path);
  if (Object.hasOwn(SHORTAGE_IMPORT_NAMES, registerName)) {
    return runShortageImportCommand(context, args);
  }
  const register = REGISTER_BY_CLI_NAME[registerName];
  if (register === undefined) {
    throw new UserFacingError(
      'MS_IMPORT_UNKNOWN_REGISTER',
      `unknown register "${registerName}"; expected one of ${Object.keys(REGISTER_BY_CLI_NAME).join(', ')}, products, or all`,
    );
  }
  const bar = createProgressBar(
    `import ${registerName} ${basename(path)}`,
    context.stderr as NodeJS.WriteStream,
  );
  try {
    const report = await importRegisterFile(database.pool, register, path, {
      actor: context.actor,
      onProgress: (done, total) => {
        bar.update(done, total);
      },
      ...(values['list-version'] === undefined ? {} : { listVersion: values['list-version'] }),
    });
    bar.finish();
    printReport(context, report);
  } catch (error) {
    bar.finish();
    throw error;
  }
  return 0;
}
