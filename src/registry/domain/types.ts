import type { AtcCode } from '../../kernel/atc.ts';
import type { CountryCode } from '../../kernel/country.ts';

import { SUPPLY_SOURCES, type ManufacturingStep, type SupplySource } from '../../kernel/supply.ts';

export { SUPPLY_SOURCES, isSupplySource } from '../../kernel/supply.ts';
export type { ManufacturingStep, SupplySource } from '../../kernel/supply.ts';

/** Every register the import command knows: the four supply registers and the critical list. */
export const REGISTERS = ['ulcm', ...SUPPLY_SOURCES] as const;
export type RegisterCode = (typeof REGISTERS)[number];

/** A manufacturing site as one register names it. */
export interface SiteInput {
  /** The register's own identity for the site: BfArM's pu_nummer, else the normalised name. */
  readonly key: string;
  readonly name: string;
  readonly city: string | null;
  readonly address: string | null;
  readonly country: CountryCode;
}

/** One register row's statement that a site makes (a step of) the substance of an ATC code. */
export interface SupplyLinkInput {
  readonly line: number;
  readonly atc: AtcCode;
  /** null when the register does not say (HPRA) or the row could not be classified. */
  readonly step: ManufacturingStep | null;
  readonly site: SiteInput;
  readonly productRef: string | null;
  readonly productName: string | null;
  readonly certificateStatus: string | null;
  /** False for a certificate that is withdrawn, expired or suspended. */
  readonly isCurrent: boolean;
}

export interface SubstanceNameInput {
  readonly atc: AtcCode;
  readonly lang: 'en' | 'de' | 'nl';
  readonly name: string;
}

/** What one register row becomes: links and names, or the reason it was left out. */
export type RowOutcome =
  | {
      readonly kind: 'links';
      readonly links: readonly SupplyLinkInput[];
      readonly names: readonly SubstanceNameInput[];
    }
  /** A row that is fine but says nothing about manufacturing (an MAH row, a CEP without ATC). */
  | { readonly kind: 'skipped'; readonly reason: string }
  /** A row that is wrong: reported as file:line: reason. */
  | { readonly kind: 'rejected'; readonly reason: string };

export const linksOutcome = (
  links: readonly SupplyLinkInput[],
  names: readonly SubstanceNameInput[] = [],
): RowOutcome => ({ kind: 'links', links, names });
export const skipped = (reason: string): RowOutcome => ({ kind: 'skipped', reason });
export const rejected = (reason: string): RowOutcome => ({ kind: 'rejected', reason });

/** How an importer reads one register's file. */
export interface RegisterFormat {
  readonly source: SupplySource;
  readonly delimiter: string;
  readonly requiredColumns: readonly string[];
  /** Maps one record (header name -> raw text) to links, or says why it is left out. */
  mapRow(fields: Readonly<Record<string, string>>, line: number): RowOutcome;
}

export interface RejectedRow {
  readonly file: string;
  readonly line: number;
  readonly reason: string;
}

export interface ImportReport {
  readonly register: RegisterCode;
  readonly file: string;
  readonly rowsRead: number;
  readonly rowsImported: number;
  readonly rowsSkipped: number;
  readonly rowsRejected: number;
  readonly linksImported: number;
  readonly sites: number;
  readonly codes: number;
  readonly rejected: readonly RejectedRow[];
}
