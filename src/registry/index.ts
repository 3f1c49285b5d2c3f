/** The registry capability: registers, sites, supply links and the critical-medicines list. */
import { fileURLToPath } from 'node:url';
import type pg from 'pg';
import { importFolder, type FolderImportResult } from './services/import.service.ts';

export * from './domain/types.ts';
export {
  importFolder,
  importRegisterFile,
  importSupplyRegister,
  importCriticalList,
  type ImportOptions,
  type FolderImportResult,
} from './services/import.service.ts';
export { REGISTER_BY_CLI_NAME, FOLDER_LAYOUT } from './ingest/formats.ts';

/** The public reference data shipped in the repository (see data/reference/PROVENANCE.md). */
export const REFERENCE_DATA_DIR = fileURLToPath(new URL('../../data/reference/', import.meta.url));

/** Loads the shipped registers; files already imported unchanged are not read again. */
export async function loadReferenceData(
  pool: pg.Pool,
  options: { actor: string; onRegister?: (register: string, path: string) => void },
): Promise<FolderImportResult> {
  return importFolder(pool, REFERENCE_DATA_DIR, {
    actor: options.actor,
    skipUnchanged: true,
    listVersion: REFERENCE_CRITICAL_LIST_VERSION,
    ...(options.onRegister === undefined ? {} : { onRegister: options.onRegister }),
  });
}

/**
 * The shipped critical.csv carries no version or date; the label names where the copy came from
 * (the MedicationSupply repository at commit fe871398), see data/reference/PROVENANCE.md.
 */
export const REFERENCE_CRITICAL_LIST_VERSION = 'ulcm@medicationsupply-fe871398';

/**
 * Loads the reference data when the database has no register at all yet, so a first
 * `medsupply vulnerability` on a fresh machine answers with the real figures.
 */
export async function ensureReferenceData(
  pool: pg.Pool,
  options: { actor: string; log: (line: string) => void },
): Promise<void> {
  const result = await pool.query<{ count: number }>(
    'select count(*)::int as count from import_run',
  );
  if ((result.rows[0]?.count ?? 0) > 0) return;
  options.log('the database has no registers yet: loading the reference data from data/reference');
  await loadReferenceData(pool, {
    actor: options.actor,
    onRegister: (register) => {
      options.log(`  importing ${register}`);
    },
  });
}

export {
  loadRegistrySnapshot,
  searchSubstances,
  displayName,
  searchKey,
  type RegistrySnapshot,
  type SubstanceSummary,
} from './services/snapshot.service.ts';
export {
  findSite,
  findSitesByIds,
  listSites,
  listSiteSupplies,
  listCountries,
  listImportRuns,
  atcCodeExists,
  type SubstanceNames,
  type SiteRow,
} from './store/registry-read.store.ts';

/**
 * The key under which two spellings of one organisation's name match ("Valneva Scotland Ltd." and
 * "Valneva Scotland Limited"): the same key the registers' sites are recognised by.
 */
export { siteKeyFromName as organisationNameKey } from './ingest/site-fields.ts';
