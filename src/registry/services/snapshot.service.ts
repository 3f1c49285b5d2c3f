/**
 * The registry as the analytics and search read it: every supply observation, the current
 * critical list, and the names of every ATC code. Read once per data version (any import changes
 * it) and kept in memory: about 30,000 observations, a few MB.
 */
import type pg from 'pg';
import type { SupplyObservation } from '../../kernel/supply.ts';
import { deriveDutchName } from '../domain/dutch-names.ts';
import {
  loadCurrentCriticalList,
  loadDataVersion,
  loadSupplyObservations,
  type CriticalListSnapshot,
} from '../store/observations.store.ts';
import {
  listAtcCodes,
  loadSubstanceNames,
  type SubstanceNames,
} from '../store/registry-read.store.ts';

export interface RegistrySnapshot {
  readonly dataVersion: string;
  readonly observations: readonly SupplyObservation[];
  readonly critical: CriticalListSnapshot;
  /** Names by ATC code (every level that has one); Dutch derived where no register has it. */
  readonly names: ReadonlyMap<string, SubstanceNames>;
  /** Every ATC level-5 code known (from any register or the critical list). */
  readonly substanceCodes: readonly string[];
}

const snapshots = new WeakMap<pg.Pool, Promise<RegistrySnapshot>>();

async function readSnapshot(pool: pg.Pool, dataVersion: string): Promise<RegistrySnapshot> {
  const [observations, critical, names, substanceCodes] = await Promise.all([
    loadSupplyObservations(pool),
    loadCurrentCriticalList(pool),
    loadSubstanceNames(pool),
    listAtcCodes(pool, 5),
  ]);
  for (const entry of names.values()) {
    if (entry.nl === undefined && entry.en !== undefined) entry.nl = deriveDutchName(entry.en);
  }
  return { dataVersion, observations, critical, names, substanceCodes };
}

export async function loadRegistrySnapshot(pool: pg.Pool): Promise<RegistrySnapshot> {
  const dataVersion = await loadDataVersion(pool);
  const cached = snapshots.get(pool);
  if (cached !== undefined && (await cached).dataVersion === dataVersion) return cached;
  const fresh = readSnapshot(pool, dataVersion);
  snapshots.set(pool, fresh);
  try {
    return await fresh;
  } catch (error) {
    snapshots.delete(pool);
    throw error;
  }
}

/** The display name of a code: English, else German, else null. */
export function displayName(names: SubstanceNames | undefined): string | null {
  return names?.en ?? names?.de ?? null;
}

/** Lower case without diacritics, for matching a search query against names. */
export function searchKey(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
}

export interface SubstanceSummary {
  readonly atc: string;
  readonly name: string | null;
  readonly names: SubstanceNames;
  readonly critical: boolean;
}

/**
 * Substances whose ATC code starts with the query or whose name in any language contains it;
 * exact code and name-prefix matches first.
 */
export function searchSubstances(
  snapshot: RegistrySnapshot,
  query: string | undefined,
  critical: boolean | undefined,
): SubstanceSummary[] {
  const key = searchKey((query ?? '').trim());
  const results: { summary: SubstanceSummary; rank: number }[] = [];
  for (const atc of snapshot.substanceCodes) {
    const isCritical = snapshot.critical.codes.has(atc);
    if (critical !== undefined && critical !== isCritical) continue;
    const names = snapshot.names.get(atc) ?? {};
    let rank = 3;
    if (key !== '') {
      const nameKeys = Object.values(names).map((name: string) => searchKey(name));
      if (atc.toLowerCase() === key) rank = 0;
      else if (atc.toLowerCase().startsWith(key) || nameKeys.some((n) => n.startsWith(key)))
        rank = 1;
      else if (nameKeys.some((n) => n.includes(key))) rank = 2;
      else continue;
    }
    results.push({ summary: { atc, name: displayName(names), names, critical: isCritical }, rank });
  }
  return results
    .sort((a, b) => a.rank - b.rank || a.summary.atc.localeCompare(b.summary.atc))
    .map((result) => result.summary);
}
