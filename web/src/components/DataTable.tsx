import { Button } from '@nl-design-system-candidate/button-react';
import {
  Checkbox,
  FormField,
  FormLabel,
  Select,
  SelectOption,
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Textbox,
} from '@utrecht/component-library-react';
import { useId, useMemo, type ReactNode } from 'react';
import { useI18n } from '../hooks/useI18n.ts';
import {
  PAGE_SIZES,
  useTableState,
  type TableState,
  type TableStatePatch,
} from '../hooks/useTableState.ts';
import {
  downloadText,
  facetValue,
  filterRows,
  pageCount,
  pageRows,
  parseSort,
  sortRows,
  toCsv,
  type CellValue,
  type Column,
} from './table-model.ts';

export type { Column } from './table-model.ts';

export interface FacetOption {
  readonly value: string;
  readonly label: string;
}

export interface Facet {
  readonly key: string;
  readonly label: string;
  readonly options: readonly FacetOption[];
}

/** Rows the user ticks for a bulk action; the keys are rowKey's. */
export interface RowSelection<Row> {
  readonly selected: ReadonlySet<string>;
  readonly onChange: (selected: ReadonlySet<string>) => void;
  /** The accessible name of a row's checkbox ("Select MLD-2026-000009"). */
  readonly rowLabel: (row: Row) => string;
  /** The accessible name of the header checkbox that selects every row on the page. */
  readonly allLabel: string;
}

export interface DataTableProps<Row> {
  /** DOM id of the table; also names the CSV file. */
  readonly id: string;
  readonly caption: string;
  readonly columns: readonly Column<Row>[];
  readonly rowKey: (row: Row) => string;
  readonly state: TableState;
  readonly onChange: (patch: TableStatePatch, options?: { readonly replace?: boolean }) => void;
  /** The rows of the current page, filtered and sorted. */
  readonly rows: readonly Row[];
  /** How many rows match the filters, over all pages. */
  readonly total: number;
  readonly textFilter?: boolean;
  readonly facets?: readonly Facet[];
  /** Further filter controls (server-side filters) shown in the toolbar. */
  readonly filters?: ReactNode;
  readonly busy?: boolean;
  readonly pageSizes?: readonly number[];
  readonly fileName?: string;
  /** A leading checkbox column for bulk actions (not exported to CSV). */
  readonly selection?: RowSelection<Row>;
}

function DefaultCell({ value }: { readonly value: CellValue }) {
  const { number, yesNo, t } = useI18n();
  if (value === null) return <>{t('common.none')}</>;
  if (typeof value === 'number') return <>{number(value, Number.isInteger(value) ? 0 : 1)}</>;
  if (typeof value === 'boolean') return <>{yesNo(value)}</>;
  return <>{value}</>;
}

/**
 * The one table of the app (Utrecht/NL Design System table): caption, sortable column headers
 * with aria-sort, a text filter and column facets, paging, and a CSV download of exactly the
 * rows on screen. State lives in the URL (useTableState), so every view has a link.
 */
export function DataTable<Row>(props: DataTableProps<Row>) {
  const { t, number } = useI18n();
  const { id, caption, columns, rowKey, state, onChange, rows, total } = props;
  const filterId = useId();
  const sizeId = useId();
  const sort = parseSort(state.sort);
  const pages = pageCount(total, state.pageSize);
  const page = Math.min(state.page, pages);
  const from = total === 0 ? 0 : (page - 1) * state.pageSize + 1;
  const to = Math.min(total, from + rows.length - 1);
  const pageSizes = props.pageSizes ?? PAGE_SIZES;
  const hasActiveFilter = state.q !== '' || Object.keys(state.filters).length > 0;

  const toggleSort = (column: Column<Row>) => {
    let next: string;
    if (sort?.key === column.key) next = sort.descending ? column.key : `-${column.key}`;
    else next = column.numeric === true ? `-${column.key}` : column.key;
    onChange({ sort: next });
  };

  const download = () => {
    downloadText(`${props.fileName ?? id}.csv`, toCsv(rows, columns));
  };

  return (
    <div className="ms-table" id={`${id}-wrapper`}>
      <div className="ms-table__toolbar">
        {props.textFilter !== false ? (
          <FormField className="ms-table__filter">
            <FormLabel htmlFor={filterId}>{t('table.filter')}</FormLabel>
            <Textbox
              id={filterId}
              type="search"
              value={state.q}
              placeholder={t('table.filterPlaceholder')}
              aria-controls={id}
              onChange={(event) => {
                onChange({ q: event.target.value }, { replace: true });
              }}
            />
          </FormField>
        ) : null}
        {(props.facets ?? []).map((facet) => (
          <FacetSelect
            key={facet.key}
            facet={facet}
            value={state.filters[facet.key] ?? ''}
            controls={id}
            onSelect={(value) => {
              onChange({ filters: { [facet.key]: value === '' ? null : value } });
            }}
          />
        ))}
        {props.filters}
        <div className="ms-table__actions">
          {hasActiveFilter ? (
            <Button
              purpose="subtle"
              onClick={() => {
                const cleared: Record<string, null> = {};
                for (const key of Object.keys(state.filters)) cleared[key] = null;
                onChange({ q: '', filters: cleared });
              }}
            >
              {t('table.reset')}
            </Button>
          ) : null}
          <Button
            purpose="secondary"
            onClick={download}
            aria-label={t('table.downloadCsvDescription', { count: rows.length })}
            data-testid={`${id}-csv`}
            iconStart={<DownloadIcon />}
          >
            {t('table.downloadCsv')}
          </Button>
        </div>
      </div>
      <div
        className="ms-table__scroll"
        role="region"
        aria-labelledby={`${id}-caption`}
        tabIndex={0}
      >
        <Table id={id} busy={props.busy === true} aria-busy={props.busy === true}>
          <TableCaption id={`${id}-caption`}>{caption}</TableCaption>
          <TableHeader>
            <TableRow>
              {props.selection !== undefined ? (
                <TableHeaderCell scope="col" className="ms-table__select">
                  <SelectAllCheckbox
                    selection={props.selection}
                    keys={rows.map(rowKey)}
                    controls={id}
                  />
                </TableHeaderCell>
              ) : null}
              {columns.map((column) => {
                const sorted = sort?.key === column.key ? sort : null;
                const ariaSort =
                  sorted === null ? undefined : sorted.descending ? 'descending' : 'ascending';
                return (
                  <TableHeaderCell
                    key={column.key}
                    scope="col"
                    numericColumn={column.numeric === true}
                    aria-sort={ariaSort}
                  >
                    {column.sortable === false ? (
                      column.label
                    ) : (
                      <button
                        type="button"
                        className="ms-sort-button"
                        onClick={() => {
                          toggleSort(column);
                        }}
                      >
                        <span>{column.label}</span>
                        <SortIcon direction={ariaSort} />
                      </button>
                    )}
                  </TableHeaderCell>
                );
              })}
            </TableRow>
          </TableHeader>
          <TableBody>
            {rows.length === 0 ? (
              <TableRow>
                <TableCell
                  colSpan={columns.length + (props.selection === undefined ? 0 : 1)}
                  className="ms-table__empty"
                >
                  {t('table.noRows')}
                </TableCell>
              </TableRow>
            ) : (
              rows.map((row) => (
                <TableRow
                  key={rowKey(row)}
                  className={
                    props.selection?.selected.has(rowKey(row)) === true
                      ? 'ms-table__row--selected'
                      : undefined
                  }
                >
                  {props.selection !== undefined ? (
                    <TableCell className="ms-table__select">
                      <RowCheckbox selection={props.selection} row={row} rowKey={rowKey(row)} />
                    </TableCell>
                  ) : null}
                  {columns.map((column) => {
                    const content = column.render?.(row) ?? (
                      <DefaultCell value={column.value(row)} />
                    );
                    return column.rowHeader === true ? (
                      <TableHeaderCell
                        key={column.key}
                        scope="row"
                        numericColumn={column.numeric === true}
                      >
                        {content}
                      </TableHeaderCell>
                    ) : (
                      <TableCell key={column.key} numericColumn={column.numeric === true}>
                        {content}
                      </TableCell>
                    );
                  })}
                </TableRow>
              ))
            )}
          </TableBody>
        </Table>
      </div>
      <nav className="ms-table__pager" aria-label={t('table.pagination', { caption })}>
        <span className="ms-table__count" aria-live="polite">
          {t('table.rowsShown', { from: number(from), to: number(to), total: number(total) })}
        </span>
        {pages > 1 ? (
          <span className="ms-table__pages">
            <Button
              purpose="subtle"
              disabled={page <= 1}
              onClick={() => {
                if (page > 1) onChange({ page: page - 1 });
              }}
            >
              {t('table.previous')}
            </Button>
            <span>{t('table.pageOf', { page: number(page), pages: number(pages) })}</span>
            <Button
              purpose="subtle"
              disabled={page >= pages}
              onClick={() => {
                if (page < pages) onChange({ page: page + 1 });
              }}
            >
              {t('table.next')}
            </Button>
          </span>
        ) : null}
        {total > Math.min(...pageSizes) ? (
          <span className="ms-table__size">
            <label htmlFor={sizeId}>{t('table.pageSize')}</label>
            <Select
              id={sizeId}
              value={String(state.pageSize)}
              onChange={(event) => {
                onChange({ pageSize: Number(event.target.value) });
              }}
            >
              {pageSizes.map((size) => (
                <SelectOption key={size} value={String(size)}>
                  {number(size)}
                </SelectOption>
              ))}
            </Select>
          </span>
        ) : null}
      </nav>
    </div>
  );
}

function FacetSelect({
  facet,
  value,
  controls,
  onSelect,
}: {
  readonly facet: Facet;
  readonly value: string;
  readonly controls: string;
  readonly onSelect: (value: string) => void;
}) {
  const { t } = useI18n();
  const selectId = useId();
  return (
    <FormField className="ms-table__facet">
      <FormLabel htmlFor={selectId}>{facet.label}</FormLabel>
      <Select
        id={selectId}
        value={value}
        aria-controls={controls}
        onChange={(event) => {
          onSelect(event.target.value);
        }}
      >
        <SelectOption value="">{t('table.filterAll')}</SelectOption>
        {facet.options.map((option) => (
          <SelectOption key={option.value} value={option.value}>
            {option.label}
          </SelectOption>
        ))}
      </Select>
    </FormField>
  );
}

function RowCheckbox<Row>({
  selection,
  row,
  rowKey,
}: {
  readonly selection: RowSelection<Row>;
  readonly row: Row;
  readonly rowKey: string;
}) {
  return (
    <Checkbox
      appearance="custom"
      checked={selection.selected.has(rowKey)}
      aria-label={selection.rowLabel(row)}
      onChange={(event) => {
        const next = new Set(selection.selected);
        if (event.target.checked) next.add(rowKey);
        else next.delete(rowKey);
        selection.onChange(next);
      }}
    />
  );
}

function SelectAllCheckbox<Row>({
  selection,
  keys,
  controls,
}: {
  readonly selection: RowSelection<Row>;
  readonly keys: readonly string[];
  readonly controls: string;
}) {
  const chosen = keys.filter((key) => selection.selected.has(key)).length;
  const all = keys.length > 0 && chosen === keys.length;
  return (
    <Checkbox
      appearance="custom"
      checked={all}
      indeterminate={chosen > 0 && !all}
      disabled={keys.length === 0}
      aria-label={selection.allLabel}
      aria-controls={controls}
      onChange={(event) => {
        const next = new Set(selection.selected);
        for (const key of keys) {
          if (event.target.checked) next.add(key);
          else next.delete(key);
        }
        selection.onChange(next);
      }}
    />
  );
}

function SortIcon({ direction }: { readonly direction: 'ascending' | 'descending' | undefined }) {
  return (
    <svg
      className="ms-sort-icon"
      viewBox="0 0 10 14"
      width="10"
      height="14"
      aria-hidden="true"
      focusable="false"
    >
      <path
        d="M5 1 L9 5.5 H1 Z"
        className={direction === 'ascending' ? 'ms-sort-icon--on' : 'ms-sort-icon--off'}
      />
      <path
        d="M5 13 L9 8.5 H1 Z"
        className={direction === 'descending' ? 'ms-sort-icon--on' : 'ms-sort-icon--off'}
      />
    </svg>
  );
}

function DownloadIcon() {
  return (
    <svg viewBox="0 0 20 20" width="18" height="18" aria-hidden="true" focusable="false">
      <path
        d="M10 2v10m0 0-4-4m4 4 4-4M3 14v3h14v-3"
        fill="none"
        stroke="currentColor"
        strokeWidth="1.8"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </svg>
  );
}

export interface ClientDataTableProps<Row> extends Omit<
  DataTableProps<Row>,
  'state' | 'onChange' | 'rows' | 'total' | 'facets'
> {
  /** All rows; this component filters, sorts and pages them. */
  readonly rows: readonly Row[];
  readonly defaultSort?: string | null;
  readonly defaultPageSize?: number;
  /** URL parameter prefix; defaults to `<id>.`. */
  readonly urlPrefix?: string;
}

/** A DataTable over rows already in memory, its state kept in the URL under a prefix. */
export function ClientDataTable<Row>(props: ClientDataTableProps<Row>) {
  const { locale } = useI18n();
  const { columns, rows, defaultSort, defaultPageSize, urlPrefix, ...rest } = props;
  const facetColumns = columns.filter((column) => column.facet === true);
  const [state, update] = useTableState(
    urlPrefix ?? `${props.id}.`,
    { sort: defaultSort ?? null, pageSize: defaultPageSize ?? 10 },
    facetColumns.map((column) => column.key),
  );

  const facets = useMemo<Facet[]>(
    () =>
      facetColumns.map((column) => {
        const values = [...new Set(rows.map((row) => facetValue(column, row)))].filter(
          (v) => v !== '',
        );
        const options = values.map((value) => ({
          value,
          label: column.facetLabel?.(value) ?? value,
        }));
        options.sort((a, b) => a.label.localeCompare(b.label, locale));
        return { key: column.key, label: column.label, options };
      }),
    [rows, columns, locale],
  );

  const filtered = useMemo(
    () => sortRows(filterRows(rows, columns, state.q, state.filters), columns, state.sort, locale),
    [rows, columns, state.q, state.filters, state.sort, locale],
  );
  const shown = pageRows(filtered, state.page, state.pageSize);

  return (
    <DataTable
      {...rest}
      columns={columns}
      state={state}
      onChange={update}
      rows={shown}
      total={filtered.length}
      facets={facets}
    />
  );
}
