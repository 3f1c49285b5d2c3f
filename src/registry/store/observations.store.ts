/** Reads the supply links as analytics observations, and the current critical list. */
import type pg from 'pg';
import type { ManufacturingStep, SupplyObservation, SupplySource } from '../../kernel/supply.ts';

interface ObservationRow {
  atc: string;
  source: SupplySource;
  site_id: number;
  site_key: string;
  identity_key: string;
  country: string;
  step: ManufacturingStep | null;
  is_current: boolean;
}

export async function loadSupplyObservations(pool: pg.Pool): Promise<SupplyObservation[]> {
  // One row per distinct (code, site, step, status): product-level duplicates add nothing here.
  const result = await pool.query<ObservationRow>(
    `select distinct l.atc_code as atc, l.source, s.id as site_id, s.site_key, s.identity_key,
            s.country, l.step, l.is_current
       from supply_link l join manufacturing_site s on s.id = l.site_id`,
  );
  return result.rows.map((row) => ({
    atc: row.atc,
    source: row.source,
    siteId: row.site_id,
    siteKey: row.site_key,
    identityKey: row.identity_key,
    country: row.country.trim(),
    step: row.step,
    isCurrent: row.is_current,
  }));
}

export interface CriticalListSnapshot {
  readonly version: string | null;
  readonly codes: ReadonlySet<string>;
}

export async function loadCurrentCriticalList(pool: pg.Pool): Promise<CriticalListSnapshot> {
  const result = await pool.query<{ version: string; atc_code: string }>(
    `select l.version, e.atc_code from critical_list l
       join critical_list_entry e on e.version = l.version where l.is_current`,
  );
  return {
    version: result.rows[0]?.version ?? null,
    codes: new Set(result.rows.map((row) => row.atc_code)),
  };
}

/** A data version: changes whenever any register is re-imported (for caching results). */
export async function loadDataVersion(pool: pg.Pool): Promise<string> {
  const result = await pool.query<{ version: string | null }>(
    `select string_agg(source || ':' || file_sha256 || ':' || imported_at::text, ',' order by source)
       as version from import_run`,
  );
  return result.rows[0]?.version ?? '';
}
