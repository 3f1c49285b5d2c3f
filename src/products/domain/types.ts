import type { AtcCode } from '../../kernel/atc.ts';

/** One row of a product catalogue upload: a pack with its product. */
export interface PackInput {
  readonly line: number;
  readonly registrationNumber: string;
  readonly productName: string;
  readonly mahName: string;
  readonly atc: AtcCode | null;
  readonly substances: readonly string[];
  readonly strength: string;
  readonly strengthKey: string;
  readonly doseForm: string;
  readonly route: string;
  readonly hospitalOnly: boolean;
  readonly gtin: string | null;
  readonly nationalCode: string | null;
  readonly packSize: number;
  readonly packUnit: string;
  readonly description: string;
}

export type PackRowOutcome =
  | { readonly kind: 'pack'; readonly pack: PackInput }
  | { readonly kind: 'rejected'; readonly reasons: readonly string[] };
