/**
 * Alternatives for a product that is short: products of other companies with the same substance
 * (ATC level 5) and an interchangeable dose form — the same strength first — and, only when there
 * is none, products with the same ATC level-4 group and form (another substance of the same
 * class, which needs a prescriber's decision).
 */
import { doseFormByCode } from './pharmaceutical-form.ts';

export interface CatalogueProduct {
  readonly id: number;
  readonly mahOrganisationId: number;
  readonly atc: string | null;
  readonly doseForm: string;
  readonly strengthKey: string;
  /** Marketed packs; a product without any is no alternative. */
  readonly marketedPacks: number;
}

/** Best match first. */
export const ALTERNATIVE_MATCHES = [
  'same-substance-strength-form',
  'same-substance-form',
  'same-atc4-form',
] as const;
export type AlternativeMatch = (typeof ALTERNATIVE_MATCHES)[number];

export interface Alternative<T extends CatalogueProduct> {
  readonly product: T;
  readonly match: AlternativeMatch;
}

function formGroup(code: string): string {
  return doseFormByCode(code)?.group ?? code;
}

const RANK: Record<AlternativeMatch, number> = {
  'same-substance-strength-form': 0,
  'same-substance-form': 1,
  'same-atc4-form': 2,
};

export function findAlternatives<T extends CatalogueProduct>(
  product: CatalogueProduct,
  catalogue: readonly T[],
): Alternative<T>[] {
  if (product.atc === null) return [];
  const group = formGroup(product.doseForm);
  const candidates = catalogue.filter(
    (other) =>
      other.id !== product.id &&
      other.mahOrganisationId !== product.mahOrganisationId &&
      other.marketedPacks > 0 &&
      other.atc !== null &&
      formGroup(other.doseForm) === group,
  );
  const sameSubstance: Alternative<T>[] = candidates
    .filter((other) => other.atc === product.atc)
    .map((other) => ({
      product: other,
      match:
        other.strengthKey === product.strengthKey
          ? 'same-substance-strength-form'
          : 'same-substance-form',
    }));
  const result =
    sameSubstance.length > 0
      ? sameSubstance
      : candidates
          .filter((other) => other.atc?.slice(0, 5) === product.atc?.slice(0, 5))
          .map((other) => ({ product: other, match: 'same-atc4-form' as const }));
  return result.sort((a, b) => RANK[a.match] - RANK[b.match] || a.product.id - b.product.id);
}

/** How many alternatives of the same substance, strength and form exist (a triage factor). */
export function countExactAlternatives(
  product: CatalogueProduct,
  catalogue: readonly CatalogueProduct[],
): number {
  return findAlternatives(product, catalogue).filter(
    (a) => a.match === 'same-substance-strength-form',
  ).length;
}
