import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';

/** What a table shows: kept in the URL's query string so a view can be shared and reloaded. */
export interface TableState {
  /** Column key, with a leading '-' for descending; null for the table's own order. */
  readonly sort: string | null;
  /** Free-text filter over the table's columns. */
  readonly q: string;
  readonly page: number;
  readonly pageSize: number;
  /** Further filters by name (a column facet, or a server-side filter like minHhi). */
  readonly filters: Readonly<Record<string, string>>;
}

export interface TableDefaults {
  readonly sort?: string | null;
  readonly pageSize?: number;
}

export type TableStatePatch = Partial<Omit<TableState, 'filters'>> & {
  readonly filters?: Readonly<Record<string, string | null>>;
};

export const PAGE_SIZES = [10, 25, 50, 100, 250, 500] as const;

/**
 * Reads and writes one table's state in the URL. `prefix` keeps several tables on one page apart
 * (`sites.sort`, `supplies.page`); the page's main table uses no prefix, so its links stay short
 * (`/vulnerability?source=cep&critical=true&sort=-hhi`). Only values that differ from the
 * defaults are written.
 */
export function useTableState(
  prefix: string,
  defaults: TableDefaults = {},
  filterKeys: readonly string[] = [],
): [TableState, (patch: TableStatePatch, options?: { readonly replace?: boolean }) => void] {
  const [params, setParams] = useSearchParams();
  const defaultSort = defaults.sort ?? null;
  const defaultPageSize = defaults.pageSize ?? 25;
  const name = useCallback((key: string) => `${prefix}${key}`, [prefix]);
  const filterKeyList = filterKeys.join(',');

  const state = useMemo<TableState>(() => {
    const page = Number.parseInt(params.get(name('page')) ?? '', 10);
    const pageSize = Number.parseInt(params.get(name('pageSize')) ?? '', 10);
    const filters: Record<string, string> = {};
    for (const key of filterKeyList === '' ? [] : filterKeyList.split(',')) {
      const value = params.get(name(key));
      if (value !== null && value !== '') filters[key] = value;
    }
    return {
      sort: params.get(name('sort')) ?? defaultSort,
      q: params.get(name('q')) ?? '',
      page: Number.isFinite(page) && page >= 1 ? page : 1,
      pageSize:
        Number.isFinite(pageSize) && pageSize >= 1 ? Math.min(pageSize, 500) : defaultPageSize,
      filters,
    };
  }, [params, name, defaultSort, defaultPageSize, filterKeyList]);

  const update = useCallback(
    (patch: TableStatePatch, options?: { readonly replace?: boolean }) => {
      setParams(
        (current) => {
          const next = new URLSearchParams(current);
          const put = (key: string, value: string | null, fallback: string | null) => {
            if (value === null || value === '' || value === fallback) next.delete(name(key));
            else next.set(name(key), value);
          };
          const resetsPage =
            patch.sort !== undefined ||
            patch.q !== undefined ||
            patch.filters !== undefined ||
            patch.pageSize !== undefined;
          if (patch.sort !== undefined) put('sort', patch.sort, defaultSort);
          if (patch.q !== undefined) put('q', patch.q, '');
          if (patch.pageSize !== undefined) {
            put('pageSize', String(patch.pageSize), String(defaultPageSize));
          }
          if (patch.filters !== undefined) {
            for (const [key, value] of Object.entries(patch.filters)) put(key, value, null);
          }
          if (patch.page !== undefined) put('page', String(patch.page), '1');
          else if (resetsPage) next.delete(name('page'));
          return next;
        },
        { replace: options?.replace ?? false, preventScrollReset: true },
      );
    },
    [setParams, name, defaultSort, defaultPageSize],
  );

  return [state, update];
}
