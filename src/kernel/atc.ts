/**
 * ATC codes (WHO Anatomical Therapeutic Chemical classification), five levels:
 * A (1) -> A10 (2) -> A10B (3) -> A10BA (4) -> A10BA02 (5).
 * https://www.who.int/tools/atc-ddd-toolkit/atc-classification
 */

export type AtcCode = string & { readonly __brand: 'AtcCode' };
export type AtcLevel = 1 | 2 | 3 | 4 | 5;

/** The 14 anatomical main groups, the only valid first letters. */
export const ATC_ANATOMICAL_GROUPS = 'ABCDGHJLMNPRSV';

const LENGTH_BY_LEVEL: Record<AtcLevel, number> = { 1: 1, 2: 3, 3: 4, 4: 5, 5: 7 };
const PATTERN_BY_LEVEL: Record<AtcLevel, RegExp> = {
  1: /^[A-Z]$/,
  2: /^[A-Z]\d{2}$/,
  3: /^[A-Z]\d{2}[A-Z]$/,
  4: /^[A-Z]\d{2}[A-Z]{2}$/,
  5: /^[A-Z]\d{2}[A-Z]{2}\d{2}$/,
};

/** The level of a well-formed ATC code, or undefined when it is not one. */
export function atcLevel(code: string): AtcLevel | undefined {
  if (!ATC_ANATOMICAL_GROUPS.includes(code.charAt(0)) || code.length === 0) return undefined;
  for (const level of [1, 2, 3, 4, 5] as const) {
    if (PATTERN_BY_LEVEL[level].test(code)) return level;
  }
  return undefined;
}

export function isAtcCode(code: string, level?: AtcLevel): code is AtcCode {
  const found = atcLevel(code);
  return found !== undefined && (level === undefined || found === level);
}

/** Upper-cases and trims; returns undefined for anything that is not a valid ATC code. */
export function parseAtcCode(raw: string, level?: AtcLevel): AtcCode | undefined {
  const code = raw.trim().toUpperCase();
  return isAtcCode(code, level) ? code : undefined;
}

/** The code's ancestor at the given level (A10BA02 at level 1 is A); undefined if deeper. */
export function atcAncestor(code: AtcCode, level: AtcLevel): AtcCode | undefined {
  const own = atcLevel(code);
  if (own === undefined || level > own) return undefined;
  return code.slice(0, LENGTH_BY_LEVEL[level]) as AtcCode;
}

/** The chain from the anatomical group down to the code itself. */
export function atcLineage(code: AtcCode): AtcCode[] {
  const own = atcLevel(code);
  if (own === undefined) return [];
  const chain: AtcCode[] = [];
  for (let level = 1 as AtcLevel; level <= own; level = (level + 1) as AtcLevel) {
    chain.push(code.slice(0, LENGTH_BY_LEVEL[level]) as AtcCode);
  }
  return chain;
}

export function atcParent(code: AtcCode): AtcCode | undefined {
  const own = atcLevel(code);
  if (own === undefined || own === 1) return undefined;
  return atcAncestor(code, (own - 1) as AtcLevel);
}

/** Every level-5 code found in free text such as "J01CR Combinations…, J01CR02 amoxicillin…". */
export function findAtcLevel5Codes(text: string): AtcCode[] {
  const found = new Set<AtcCode>();
  for (const match of text.toUpperCase().matchAll(/\b[A-Z]\d{2}[A-Z]{2}\d{2}\b/g)) {
    if (isAtcCode(match[0], 5)) found.add(match[0]);
  }
  return [...found];
}

/** Names of the 14 anatomical main groups (level 1), in English and Dutch. */
export const ATC_CHAPTER_NAMES: Record<string, { en: string; nl: string }> = {
  A: { en: 'Alimentary tract and metabolism', nl: 'Maagdarmkanaal en metabolisme' },
  B: { en: 'Blood and blood forming organs', nl: 'Bloed en bloedvormende organen' },
  C: { en: 'Cardiovascular system', nl: 'Hart en bloedvaten' },
  D: { en: 'Dermatologicals', nl: 'Dermatologica' },
  G: {
    en: 'Genito-urinary system and sex hormones',
    nl: 'Urogenitaal stelsel en geslachtshormonen',
  },
  H: {
    en: 'Systemic hormonal preparations, excluding sex hormones and insulins',
    nl: 'Systemische hormoonpreparaten, exclusief geslachtshormonen en insulines',
  },
  J: {
    en: 'Antiinfectives for systemic use',
    nl: 'Antimicrobiële middelen voor systemisch gebruik',
  },
  L: { en: 'Antineoplastic and immunomodulating agents', nl: 'Oncolytica en immunomodulantia' },
  M: { en: 'Musculo-skeletal system', nl: 'Skeletspierstelsel' },
  N: { en: 'Nervous system', nl: 'Zenuwstelsel' },
  P: {
    en: 'Antiparasitic products, insecticides and repellents',
    nl: 'Antiparasitaire middelen, insecticiden en insectenwerende middelen',
  },
  R: { en: 'Respiratory system', nl: 'Ademhalingsstelsel' },
  S: { en: 'Sensory organs', nl: 'Zintuiglijke organen' },
  V: { en: 'Various', nl: 'Diverse middelen' },
};
