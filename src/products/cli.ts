/** `medsupply import products <file>`: a catalogue upload by the operator (any company's products). */
import { basename } from 'node:path';
import { systemActor } from '../kernel/actor.ts';
import type { CliContext } from '../platform/cli-kit.ts';
import { importProductCatalogue } from './service.ts';

export async function runProductImport(context: CliContext, path: string): Promise<number> {
  const database = await context.openDatabase();
  const report = await importProductCatalogue(database.pool, systemActor(context.actor), path, {
    displayName: basename(path),
  });
  for (const row of report.rejected.slice(0, 50))
    context.stderr.write(`${row.file}:${row.line}: ${row.reason}\n`);
  if (report.rejected.length > 50)
    context.stderr.write(`... and ${report.rejected.length - 50} more rejected rows\n`);
  context.stdout.write(
    `products: ${report.file}: ${report.rowsRead} rows read, ${report.rowsImported} packs imported, ${report.rowsRejected} rejected; ${report.products} products\n`,
  );
  return 0;
}
