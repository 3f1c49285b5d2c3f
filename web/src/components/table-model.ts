import type { ReactNode } from 'react';

export type CellValue = string | number | boolean | null;

/** One column of a DataTable: how to read, show, sort, filter and export a value. */
export interface Column<Row> {
  /** Stable id: the URL's sort value and, for server tables, the API's sort field. */
  readonly key: string;
  readonly label: string;
  /** The value that is sorted, filtered and (unless `csv` says otherwise) exported. */
  readonly value: (row: Row) => CellValue;
  /** What the cell shows; by default the value, formatted for the current language. */
  readonly render?: (row: Row) => ReactNode;
  readonly numeric?: boolean;
  /** The cell is the row's header (`<th scope="row">`). */
  readonly rowHeader?: boolean;
  readonly sortable?: boolean;
  /** Offer a select filter over the column's distinct values. */
  readonly facet?: boolean;
  /** The facet's stable value for a row (a code, not a translated label), kept in the URL. */
  readonly facetKey?: (row: Row) => string;
  readonly facetLabel?: (value: string) => string;
  readonly csv?: (row: Row) => CellValue;
}

/** Lower-case and strip diacritics, so "cefalexine" finds "Céfalexine". */
export function foldText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase();
}

export function facetValue<Row>(column: Column<Row>, row: Row): string {
  if (column.facetKey !== undefined) return column.facetKey(row);
  const value = column.value(row);
  return value === null ? '' : String(value);
}

export function filterRows<Row>(
  rows: readonly Row[],
  columns: readonly Column<Row>[],
  q: string,
  facets: Readonly<Record<string, string>>,
): Row[] {
  const needle = foldText(q.trim());
  const facetColumns = columns.filter(
    (column) => column.facet === true && facets[column.key] !== undefined,
  );
  return rows.filter((row) => {
    for (const column of facetColumns) {
      if (facetValue(column, row) !== facets[column.key]) return false;
    }
    if (needle === '') return true;
    return columns.some((column) => {
      const value = column.value(row);
      return (
        value !== null && typeof value !== 'boolean' && foldText(String(value)).includes(needle)
      );
    });
  });
}

export function parseSort(sort: string | null): { key: string; descending: boolean } | null {
  if (sort === null || sort === '' || sort === '-') return null;
  return sort.startsWith('-')
    ? { key: sort.slice(1), descending: true }
    : { key: sort, descending: false };
}

function compareValues(a: CellValue, b: CellValue, collator: Intl.Collator): number {
  // Empty values sort last in either direction, so a descending HHI list starts with figures.
  if (a === null || b === null) return 0;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  return collator.compare(String(a), String(b));
}

export function sortRows<Row>(
  rows: readonly Row[],
  columns: readonly Column<Row>[],
  sort: string | null,
  locale: string,
): Row[] {
  const parsed = parseSort(sort);
  const column = parsed === null ? undefined : columns.find((c) => c.key === parsed.key);
  if (parsed === null || column === undefined) return [...rows];
  const collator = new Intl.Collator(locale, { numeric: true, sensitivity: 'base' });
  const direction = parsed.descending ? -1 : 1;
  return rows
    .map((row, index) => ({ row, index, value: column.value(row) }))
    .sort((x, y) => {
      if (x.value === null && y.value !== null) return 1;
      if (y.value === null && x.value !== null) return -1;
      return direction * compareValues(x.value, y.value, collator) || x.index - y.index;
    })
    .map((entry) => entry.row);
}

export function pageCount(total: number, pageSize: number): number {
  return Math.max(1, Math.ceil(total / pageSize));
}

export function pageRows<Row>(rows: readonly Row[], page: number, pageSize: number): Row[] {
  const last = pageCount(rows.length, pageSize);
  const current = Math.min(Math.max(1, page), last);
  return rows.slice((current - 1) * pageSize, current * pageSize);
}

function csvCell(value: CellValue): string {
  if (value === null) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** RFC 4180 CSV of the given rows: a header of column labels, then one line per row. */
export function toCsv<Row>(rows: readonly Row[], columns: readonly Column<Row>[]): string {
  const lines = [columns.map((column) => csvCell(column.label)).join(',')];
  for (const row of rows) {
    lines.push(columns.map((column) => csvCell((column.csv ?? column.value)(row))).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}

/** Offers text as a file download; the BOM makes spreadsheet programs read it as UTF-8. */
export function downloadText(
  fileName: string,
  text: string,
  type = 'text/csv;charset=utf-8',
): void {
  const blob = new Blob(['\uFEFF', text], { type });
  const url = URL.createObjectURL(blob);
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = fileName;
  anchor.style.display = 'none';
  document.body.append(anchor);
  anchor.click();
  anchor.remove();
  window.setTimeout(() => {
    URL.revokeObjectURL(url);
  }, 10_000);
}
