/**
 * The reference data a simulated market is built from, taken from the registry snapshot: every
 * ATC level-5 substance that has a manufacturing site, its name, whether it is on the critical
 * list, and its active-substance sites (step 1; a substance whose registers only name finished-
 * product sites keeps those). A plant named by two registers is one site (its identity key).
 */
import type { SupplyObservation } from '../../kernel/supply.ts';
import type { MarketReference, ReferenceSite, ReferenceSubstance } from './types.ts';

/** The parts of the registry snapshot the simulator reads (RegistrySnapshot has them). */
export interface RegistryReferenceInput {
  readonly dataVersion: string;
  readonly observations: readonly SupplyObservation[];
  readonly critical: { readonly codes: ReadonlySet<string> };
  readonly names: ReadonlyMap<string, { en?: string; de?: string; nl?: string }>;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Builds the reference from registry observations; sorted, so the input order does not matter. */
export function marketReferenceFromRegistry(input: RegistryReferenceInput): MarketReference {
  const byAtc = new Map<string, SupplyObservation[]>();
  for (const observation of input.observations) {
    if (!/^[A-Z]\d{2}[A-Z]{2}\d{2}$/.test(observation.atc)) continue;
    const list = byAtc.get(observation.atc) ?? [];
    list.push(observation);
    byAtc.set(observation.atc, list);
  }
  const substances: ReferenceSubstance[] = [];
  for (const atc of [...byAtc.keys()].sort()) {
    const observations = byAtc.get(atc) ?? [];
    const current = observations.filter((o) => o.isCurrent);
    const pool = current.length > 0 ? current : observations;
    const api = pool.filter((o) => o.step === 1);
    const chosen = api.length > 0 ? api : pool;
    // One plant, one site: the lowest site id of each identity key stands for it.
    const byIdentity = new Map<string, ReferenceSite>();
    for (const o of chosen) {
      const seen = byIdentity.get(o.identityKey);
      if (seen === undefined || o.siteId < seen.siteId) {
        byIdentity.set(o.identityKey, { siteId: o.siteId, country: o.country });
      }
    }
    const sites = [...byIdentity.values()].sort((a, b) => a.siteId - b.siteId);
    if (sites.length === 0) continue;
    const names = input.names.get(atc);
    const name = names?.nl ?? names?.en ?? names?.de ?? atc;
    substances.push({
      atc,
      name: capitalise(name),
      critical: input.critical.codes.has(atc),
      sites,
    });
  }
  return { version: input.dataVersion, substances };
}
