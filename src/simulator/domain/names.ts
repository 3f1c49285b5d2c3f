/**
 * Names of the simulated organisations: Dutch-looking and clearly fictional (landscape and bird
 * words with a pharmaceutical suffix). A name depends only on the organisation's number, not on
 * the seed, so loading markets of other seeds into one database keeps each organisation's name.
 */

const COMPANY_STEMS = [
  'Polder',
  'Kwelder',
  'Wadden',
  'Duinroos',
  'Terpen',
  'Molenwiek',
  'Grutto',
  'Kievit',
  'Tulpveld',
  'Klaproos',
  'Heidebloem',
  'Veenhof',
  'Dijkgraaf',
  'Zeedijk',
  'Hunebed',
  'Eendenkooi',
  'Vlietland',
  'Boterbloem',
  'Zwanenwater',
  'Ooievaar',
  'Lepelaar',
  'Korenbloem',
  'Brinkhof',
  'Waterlelie',
  'Berkenrode',
  'IJsvogel',
  'Hooiberg',
  'Slotgracht',
  'Vuurtoren',
  'Schelpenpad',
] as const;

const COMPANY_SUFFIXES = [
  'Farma B.V.',
  'Pharma B.V.',
  'Geneesmiddelen B.V.',
  'Medica B.V.',
  'Generiek B.V.',
  'Health B.V.',
  'Therapeutics B.V.',
  'Laboratoria B.V.',
] as const;

/** How many distinct company names there are. */
export const MAX_COMPANIES = COMPANY_STEMS.length * COMPANY_SUFFIXES.length;

/** The name of simulated company number `index` (0-based); each index its own name. */
export function companyName(index: number): string {
  const stem = index % COMPANY_STEMS.length;
  const round = Math.floor(index / COMPANY_STEMS.length);
  // Stem and suffix both vary from one company to the next; (round + stem) mod 8 is one-to-one in
  // round for a fixed stem, so no two indexes below MAX_COMPANIES share a name.
  const suffix = (round + stem) % COMPANY_SUFFIXES.length;
  const base = `${COMPANY_STEMS[stem] ?? 'Polder'} ${COMPANY_SUFFIXES[suffix] ?? 'Farma B.V.'}`;
  const generation = Math.floor(index / MAX_COMPANIES);
  return generation === 0 ? base : base.replace(' B.V.', ` ${generation + 1} B.V.`);
}

const WHOLESALER_NAMES = [
  'Noordzee Groothandel B.V.',
  'Rijndelta Farmaceutische Groothandel B.V.',
  'Veluwe Medicijnen Distributie B.V.',
  'Zuiderzee Apothekersgroothandel B.V.',
  'Maasvallei Pharma Logistiek B.V.',
  'Waddenkust Groothandel B.V.',
  'Betuwe Geneesmiddelen Distributie B.V.',
  'Kempen Farmaceutische Groothandel B.V.',
  'Twentse Apotheek Logistiek B.V.',
  'Hollandse Delta Groothandel B.V.',
  'Heuvelrug Medicijnen Distributie B.V.',
  'Drentse Aa Farma Logistiek B.V.',
] as const;

export function wholesalerName(index: number): string {
  return WHOLESALER_NAMES[index] ?? `Regio ${index + 1} Farmaceutische Groothandel B.V.`;
}

/**
 * Market shares of the full-line wholesalers: three large ones (as in the Netherlands, where three
 * serve most pharmacies) and a tail of smaller ones. Depends only on the number of wholesalers.
 */
export function wholesalerShares(count: number): number[] {
  const weights = Array.from({ length: count }, (_, index) =>
    index < 3 ? ([30, 26, 20][index] ?? 0) : 24 / (index - 1.5),
  );
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  return weights.map((weight) => weight / total);
}
