/** Formats listings for the CLI: an aligned text table, CSV (RFC 4180) or JSON. */

export const OUTPUT_FORMATS = ['table', 'json', 'csv'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

export interface Column<T> {
  readonly header: string;
  readonly value: (row: T) => string | number | boolean | null;
  /** Right-align (numbers). */
  readonly numeric?: boolean;
}

function cellText(value: string | number | boolean | null): string {
  if (value === null) return '';
  return String(value);
}

export function formatTable<T>(rows: readonly T[], columns: readonly Column<T>[]): string {
  const cells = rows.map((row) => columns.map((column) => cellText(column.value(row))));
  const widths = columns.map((column, index) =>
    Math.max(column.header.length, ...cells.map((line) => (line[index] ?? '').length)),
  );
  const render = (line: readonly string[]): string =>
    line
      .map((cell, index) => {
        const width = widths[index] ?? 0;
        return columns[index]?.numeric === true ? cell.padStart(width) : cell.padEnd(width);
      })
      .join('  ')
      .trimEnd();
  const header = render(columns.map((column) => column.header));
  const rule = widths.map((width) => '-'.repeat(width)).join('  ');
  return [header, rule, ...cells.map(render)].join('\n') + '\n';
}

export function csvField(value: string | number | boolean | null): string {
  const text = cellText(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function formatCsv<T>(rows: readonly T[], columns: readonly Column<T>[]): string {
  const lines = [columns.map((column) => csvField(column.header)).join(',')];
  for (const row of rows)
    lines.push(columns.map((column) => csvField(column.value(row))).join(','));
  return lines.join('\r\n') + '\r\n';
}

export function formatJson(value: unknown): string {
  return JSON.stringify(value, null, 2) + '\n';
}

/** Rounds to a fixed number of decimals for display (never for JSON). */
export function round(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}

/** A listing in the chosen format: JSON of `json()` (default the rows), CSV or a text table. */
export function formatListing<T>(
  format: OutputFormat,
  rows: readonly T[],
  columns: readonly Column<T>[],
  json: () => unknown = () => rows,
): string {
  switch (format) {
    case 'json':
      return formatJson(json());
    case 'csv':
      return formatCsv(rows, columns);
    case 'table':
      return formatTable(rows, columns);
    default: {
      const unexpected: never = format;
      throw new Error(`unknown format ${String(unexpected)}`);
    }
  }
}
