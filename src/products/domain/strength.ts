/**
 * Strengths as written on packs ("500 mg", "250 mg / 125 mg", "10 mg / ml", "2%", "50 IU / ml"),
 * parsed into amounts with units and normalised to one comparable key, so "1 g" and "1000 mg"
 * are the same strength when looking for alternatives.
 */

export interface StrengthPart {
  readonly amount: number;
  readonly unit: string;
  /** The per-volume or per-dose denominator ("ml" in "10 mg / ml"), if any. */
  readonly per?: { amount: number; unit: string } | undefined;
}

const UNIT_ALIASES: Record<string, string> = {
  mg: 'mg',
  g: 'g',
  microgram: 'µg',
  micrograms: 'µg',
  mcg: 'µg',
  µg: 'µg',
  ug: 'µg',
  iu: 'IU',
  ie: 'IU',
  unit: 'IU',
  units: 'IU',
  ml: 'ml',
  l: 'l',
  mmol: 'mmol',
  '%': '%',
  dose: 'dose',
};

/** Mass units in milligrams, to compare 1 g with 1000 mg. */
const IN_MG: Record<string, number> = { g: 1000, mg: 1, µg: 0.001 };

const NUMBER = String.raw`(\d+(?:[.,]\d+)?)`;
const UNIT = String.raw`(mg|g|micrograms?|mcg|µg|ug|IU|IE|units?|ml|l|mmol|%|dose)`;
// A denominator is a volume or dose ("/ 5 ml", "/ dose"), or a bare "/ g" (creams); "/ 125 mg"
// is a second strength part, not a denominator.
const PART = new RegExp(
  String.raw`${NUMBER}\s*${UNIT}(?:\s*(?:/|per)\s*(?:${NUMBER}?\s*(ml|l|dose|actuation|vial)\b|(g)\b(?!\s*\d)))?`,
  'gi',
);

function parseNumber(text: string): number {
  return Number(text.replace(',', '.'));
}

/**
 * The strength parts in a name or strength text: "Co-amoxiclav 875 mg / 125 mg" gives two parts,
 * "Gemcitabine 100 mg / ml" one part per ml. Ratios written "150 / 100 mg" take the unit of the
 * last number for both.
 */
export function parseStrength(text: string): StrengthPart[] {
  const normalised = text.replace(/(\d)\s*\/\s*(\d+(?:[.,]\d+)?)\s*(mg|g)\b/gi, '$1 $3 / $2 $3');
  const parts: StrengthPart[] = [];
  for (const match of normalised.matchAll(PART)) {
    const unit = UNIT_ALIASES[(match[2] ?? '').toLowerCase()];
    if (unit === undefined) continue;
    const perUnit = (match[4] ?? match[5])?.toLowerCase();
    parts.push({
      amount: parseNumber(match[1] ?? '0'),
      unit,
      per:
        perUnit === undefined
          ? undefined
          : { amount: match[3] === undefined ? 1 : parseNumber(match[3]), unit: perUnit },
    });
  }
  return parts;
}

function formatAmount(amount: number): string {
  return Number.isInteger(amount) ? String(amount) : String(Math.round(amount * 1000) / 1000);
}

/** One comparable key for a strength: masses in mg, per-volume as per 1 unit ("100mg/ml"). */
export function strengthKey(parts: readonly StrengthPart[]): string {
  return parts
    .map((part) => {
      const factor = IN_MG[part.unit];
      let amount = factor === undefined ? part.amount : part.amount * factor;
      const unit = factor === undefined ? part.unit : 'mg';
      if (part.per !== undefined && part.per.amount !== 0) amount /= part.per.amount;
      return `${formatAmount(amount)}${unit}${part.per === undefined ? '' : `/${part.per.unit}`}`;
    })
    .join('+');
}

/** A strength for display: "500 mg", "875 mg / 125 mg", "100 mg/ml". */
export function formatStrength(parts: readonly StrengthPart[]): string {
  return parts
    .map(
      (part) =>
        `${formatAmount(part.amount)} ${part.unit}${part.per === undefined ? '' : `/${part.per.amount === 1 ? '' : `${formatAmount(part.per.amount)} `}${part.per.unit}`}`,
    )
    .join(' / ');
}
