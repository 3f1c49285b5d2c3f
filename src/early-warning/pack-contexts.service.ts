/**
 * What the watchlist and the site-failure scenario know about each pack besides its market
 * figures: its substance's manufacturing concentration (country HHI over every register) and
 * the sites it comes from. A product's own sites (product_site, the simulator's apiSiteIds) win;
 * without them the registry's sites of its ATC code stand in, one site per plant (identity key),
 * active-substance sites where a register names them: the reference the simulator builds its
 * products from. With those, a pack is hit by a site failure only if that site is its
 * substance's only source.
 */
import type { RegistrySnapshot } from '../registry/index.ts';
import { marketReferenceFromRegistry } from '../simulator/index.ts';
import { computeVulnerability } from '../vulnerability/domain/vulnerability.ts';
import type { PackContext } from './domain/watchlist.ts';

export interface PackSupply {
  readonly packId: number;
  readonly atc: string | null;
  readonly mahId: number;
  /** The product's own active-substance sites; empty: unknown, use the registry's. */
  readonly apiSiteIds: readonly number[];
  readonly finishedProductSiteIds?: readonly number[];
}

interface RegistrySupply {
  readonly hhiByAtc: ReadonlyMap<string, number>;
  readonly sitesByAtc: ReadonlyMap<string, readonly number[]>;
}

// The snapshot is cached per data version (loadRegistrySnapshot), so is what is derived from it.
const derived = new WeakMap<RegistrySnapshot, RegistrySupply>();

function registrySupply(snapshot: RegistrySnapshot): RegistrySupply {
  let supply = derived.get(snapshot);
  if (supply === undefined) {
    supply = {
      hhiByAtc: new Map(
        computeVulnerability(snapshot.observations, 'all').map((row) => [row.atc, row.hhi]),
      ),
      sitesByAtc: new Map(
        marketReferenceFromRegistry(snapshot).substances.map((substance) => [
          substance.atc,
          substance.sites.map((site) => site.siteId),
        ]),
      ),
    };
    derived.set(snapshot, supply);
  }
  return supply;
}

export function buildPackContexts(
  packs: readonly PackSupply[],
  snapshot: RegistrySnapshot,
): PackContext[] {
  const { hhiByAtc, sitesByAtc } = registrySupply(snapshot);
  return packs.map((pack) => ({
    packId: pack.packId,
    atc: pack.atc,
    mahId: pack.mahId,
    substanceHhi: pack.atc === null ? null : (hhiByAtc.get(pack.atc) ?? null),
    siteIds:
      pack.apiSiteIds.length > 0
        ? pack.apiSiteIds
        : pack.atc === null
          ? []
          : (sitesByAtc.get(pack.atc) ?? []),
    ...(pack.finishedProductSiteIds === undefined || pack.finishedProductSiteIds.length === 0
      ? {}
      : { finishedProductSiteIds: pack.finishedProductSiteIds }),
  }));
}
