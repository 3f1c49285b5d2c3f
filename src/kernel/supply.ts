/** Vocabulary of manufacturing supply shared by the registry and the analytics. */

/** The manufacturer registers medsupply reads supply links from. */
export const SUPPLY_SOURCES = ['epar', 'bfarm', 'hpra', 'cep'] as const;
export type SupplySource = (typeof SUPPLY_SOURCES)[number];

export function isSupplySource(value: string): value is SupplySource {
  return (SUPPLY_SOURCES as readonly string[]).includes(value);
}

/** 1 = active-substance manufacture, 2 = finished-product manufacture or batch release. */
export type ManufacturingStep = 1 | 2;

/** One supply link as the analytics see it. */
export interface SupplyObservation {
  readonly atc: string;
  readonly source: SupplySource;
  /** Database id of the register's site. */
  readonly siteId: number;
  /** The register's own site identity (BfArM pu_nummer, else normalised name). */
  readonly siteKey: string;
  /** Normalised name with country: how one plant is recognised across registers. */
  readonly identityKey: string;
  readonly country: string;
  readonly step: ManufacturingStep | null;
  readonly isCurrent: boolean;
}
