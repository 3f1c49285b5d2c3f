/** Bulk loading through PostgreSQL COPY (text format), the fastest way rows get into a table. */
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

export type CopyValue = string | number | boolean | null;

/** Escapes one value for COPY's text format: backslash, tab and line breaks; null as \N. */
export function copyTextValue(value: CopyValue): string {
  if (value === null) return '\\N';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return value.replace(/[\\\t\n\r]/g, (char) => {
    switch (char) {
      case '\\':
        return '\\\\';
      case '\t':
        return '\\t';
      case '\n':
        return '\\n';
      default:
        return '\\r';
    }
  });
}

function* copyLines(rows: Iterable<readonly CopyValue[]>, batch = 1000): Generator<string> {
  let buffer: string[] = [];
  for (const row of rows) {
    buffer.push(row.map(copyTextValue).join('\t'));
    if (buffer.length >= batch) {
      yield buffer.join('\n') + '\n';
      buffer = [];
    }
  }
  if (buffer.length > 0) yield buffer.join('\n') + '\n';
}

/** COPYs rows into table(columns) on the given client (inside the caller's transaction). */
export async function copyRows(
  client: pg.PoolClient | pg.Client,
  table: string,
  columns: readonly string[],
  rows: Iterable<readonly CopyValue[]>,
): Promise<void> {
  const stream = client.query(copyFrom(`copy ${table} (${columns.join(', ')}) from stdin`));
  await pipeline(Readable.from(copyLines(rows)), stream);
}
