/**
 * How medicines of a substance are presented: plausible dose forms per ATC group, a strength
 * ladder per form and the usual pack sizes. Dose-form codes, Dutch terms and routes are those of
 * src/products (after the EDQM Standard Terms, https://standardterms.edqm.eu/); strength keys
 * follow its normalisation (masses in mg, per-volume per 1 unit: "10mg/ml").
 */

export interface FormSpec {
  readonly code: string;
  readonly nl: string;
  readonly route: 'oral' | 'parenteral' | 'inhalation' | 'ocular' | 'cutaneous' | 'rectal';
  readonly hospitalOnly: boolean;
  /** Strength ladder: amounts in `unit`, optionally per `per`. */
  readonly amounts: readonly number[];
  readonly unit: 'mg' | 'µg';
  readonly per: 'ml' | 'g' | 'dose' | null;
  readonly packs: readonly (readonly [size: number, unit: string])[];
}

const TABLET_PACKS = [
  [30, 'tablet'],
  [90, 'tablet'],
  [100, 'tablet'],
  [20, 'tablet'],
  [60, 'tablet'],
] as const;
const ORAL_MG = [1, 2.5, 5, 10, 20, 25, 40, 50, 100, 200, 250, 500, 1000];

export const FORMS = {
  tablet: {
    code: 'tablet',
    nl: 'tablet',
    route: 'oral',
    hospitalOnly: false,
    amounts: ORAL_MG,
    unit: 'mg',
    per: null,
    packs: TABLET_PACKS,
  },
  filmTablet: {
    code: 'film-coated-tablet',
    nl: 'filmomhulde tablet',
    route: 'oral',
    hospitalOnly: false,
    amounts: ORAL_MG,
    unit: 'mg',
    per: null,
    packs: TABLET_PACKS,
  },
  prolongedTablet: {
    code: 'prolonged-release-tablet',
    nl: 'tablet met verlengde afgifte',
    route: 'oral',
    hospitalOnly: false,
    amounts: ORAL_MG,
    unit: 'mg',
    per: null,
    packs: TABLET_PACKS,
  },
  capsule: {
    code: 'capsule',
    nl: 'capsule, hard',
    route: 'oral',
    hospitalOnly: false,
    amounts: ORAL_MG,
    unit: 'mg',
    per: null,
    packs: [
      [21, 'capsule'],
      [30, 'capsule'],
      [14, 'capsule'],
      [100, 'capsule'],
    ],
  },
  oralSuspension: {
    code: 'oral-suspension',
    nl: 'suspensie voor oraal gebruik',
    route: 'oral',
    hospitalOnly: false,
    amounts: [25, 50, 100],
    unit: 'mg',
    per: 'ml',
    packs: [
      [100, 'ml'],
      [150, 'ml'],
      [200, 'ml'],
    ],
  },
  oralSolution: {
    code: 'oral-solution',
    nl: 'drank',
    route: 'oral',
    hospitalOnly: false,
    amounts: [1, 2, 5, 10],
    unit: 'mg',
    per: 'ml',
    packs: [
      [150, 'ml'],
      [300, 'ml'],
    ],
  },
  injection: {
    code: 'solution-injection',
    nl: 'oplossing voor injectie',
    route: 'parenteral',
    hospitalOnly: true,
    amounts: [0.5, 1, 2, 5, 10, 20, 40, 50, 100],
    unit: 'mg',
    per: 'ml',
    packs: [
      [10, 'ampoule'],
      [5, 'ampoule'],
      [1, 'ampoule'],
    ],
  },
  powderInjection: {
    code: 'powder-injection',
    nl: 'poeder voor oplossing voor injectie of infusie',
    route: 'parenteral',
    hospitalOnly: true,
    amounts: [250, 500, 1000, 2000],
    unit: 'mg',
    per: null,
    packs: [
      [10, 'vial'],
      [1, 'vial'],
    ],
  },
  concentrate: {
    code: 'concentrate-infusion',
    nl: 'concentraat voor oplossing voor infusie',
    route: 'parenteral',
    hospitalOnly: true,
    amounts: [1, 2, 5, 10, 20, 25, 50],
    unit: 'mg',
    per: 'ml',
    packs: [
      [1, 'vial'],
      [5, 'vial'],
    ],
  },
  infusion: {
    code: 'solution-infusion',
    nl: 'oplossing voor infusie',
    route: 'parenteral',
    hospitalOnly: true,
    amounts: [1, 2, 5, 10],
    unit: 'mg',
    per: 'ml',
    packs: [
      [10, 'bag'],
      [20, 'bag'],
      [1, 'bag'],
    ],
  },
  inhaler: {
    code: 'inhalation',
    nl: 'aërosol of vernevelvloeistof',
    route: 'inhalation',
    hospitalOnly: false,
    amounts: [50, 100, 200, 250, 400],
    unit: 'µg',
    per: 'dose',
    packs: [
      [1, 'inhaler'],
      [3, 'inhaler'],
    ],
  },
  inhalationPowder: {
    code: 'inhalation-powder',
    nl: 'inhalatiepoeder',
    route: 'inhalation',
    hospitalOnly: false,
    amounts: [100, 200, 400],
    unit: 'µg',
    per: 'dose',
    packs: [
      [1, 'inhaler'],
      [3, 'inhaler'],
    ],
  },
  eyeDrops: {
    code: 'eye-drops',
    nl: 'oogdruppels of oogzalf',
    route: 'ocular',
    hospitalOnly: false,
    amounts: [1, 3, 5, 10],
    unit: 'mg',
    per: 'ml',
    packs: [
      [5, 'ml'],
      [10, 'ml'],
    ],
  },
  cream: {
    code: 'cutaneous',
    nl: 'crème, zalf, gel of pleister',
    route: 'cutaneous',
    hospitalOnly: false,
    amounts: [1, 5, 10, 20],
    unit: 'mg',
    per: 'g',
    packs: [
      [30, 'g'],
      [15, 'g'],
      [100, 'g'],
    ],
  },
  suppository: {
    code: 'suppository',
    nl: 'zetpil',
    route: 'rectal',
    hospitalOnly: false,
    amounts: [10, 125, 250, 500, 1000],
    unit: 'mg',
    per: null,
    packs: [
      [10, 'suppository'],
      [20, 'suppository'],
    ],
  },
} as const satisfies Record<string, FormSpec>;

type FormName = keyof typeof FORMS;

/** Forms by ATC prefix, most specific first; the first form of a list is the main one. */
const FORMS_BY_ATC: readonly (readonly [prefix: string, forms: readonly FormName[]])[] = [
  ['A10A', ['injection']],
  ['B05', ['infusion']],
  ['J01', ['capsule', 'filmTablet', 'oralSuspension', 'powderInjection']],
  ['J02', ['tablet', 'infusion']],
  ['J04', ['tablet', 'capsule']],
  ['J05', ['filmTablet', 'capsule', 'oralSuspension', 'infusion']],
  ['J06', ['injection']],
  ['J07', ['injection']],
  ['L01', ['concentrate', 'powderInjection', 'filmTablet']],
  ['L', ['filmTablet', 'injection']],
  ['B01', ['injection', 'tablet']],
  ['B02', ['injection']],
  ['B03', ['tablet', 'injection']],
  ['C01', ['tablet', 'injection']],
  ['C', ['tablet', 'filmTablet', 'prolongedTablet']],
  ['D', ['cream']],
  ['H01', ['injection']],
  ['H02', ['tablet', 'injection']],
  ['H', ['tablet', 'injection']],
  ['M01', ['tablet', 'injection', 'suppository']],
  ['M03', ['injection', 'tablet']],
  ['N01', ['injection']],
  ['N02', ['tablet', 'injection', 'suppository', 'oralSolution']],
  ['N03', ['filmTablet', 'oralSolution', 'injection', 'prolongedTablet']],
  ['N05', ['tablet', 'oralSolution', 'injection']],
  ['N', ['tablet', 'filmTablet', 'oralSolution']],
  ['P', ['tablet', 'oralSuspension']],
  ['R03', ['inhaler', 'inhalationPowder', 'tablet']],
  ['R', ['oralSolution', 'tablet']],
  ['S01', ['eyeDrops']],
  ['V', ['injection']],
  ['', ['tablet', 'filmTablet', 'capsule', 'injection']],
];

export function formsForAtc(atc: string): readonly FormSpec[] {
  for (const [prefix, forms] of FORMS_BY_ATC) {
    if (atc.startsWith(prefix)) return forms.map((name) => FORMS[name]);
  }
  return [FORMS.tablet];
}

function formatAmount(amount: number): string {
  return Number.isInteger(amount) ? String(amount) : String(Math.round(amount * 1000) / 1000);
}

/** The strength as written and its comparable key (src/products' normalisation). */
export function strengthOf(form: FormSpec, amount: number): { text: string; key: string } {
  const perText = form.per === null ? '' : `/${form.per}`;
  const mg = form.unit === 'µg' ? amount / 1000 : amount;
  return {
    text: `${formatAmount(amount)} ${form.unit}${perText}`,
    key: `${formatAmount(mg)}mg${perText}`,
  };
}

/**
 * Seasonal amplitude of a substance's demand: antibiotics (J01) and respiratory medicines (R,
 * influenza antivirals J05AH) peak in winter; others barely move.
 */
export function seasonalAmplitudeForAtc(atc: string): number {
  if (atc.startsWith('J01')) return 0.4;
  if (atc.startsWith('J05AH') || atc.startsWith('R05') || atc.startsWith('R06')) return 0.35;
  if (atc.startsWith('R')) return 0.2;
  return 0;
}
