/**
 * Pharmaceutical dose forms, as a small vocabulary after the EDQM Standard Terms
 * (https://standardterms.edqm.eu/): each with its English and Dutch term, the route it implies and
 * a group. Two packs are interchangeable alternatives only within one group (a film-coated tablet
 * can stand in for a tablet; a solution for injection cannot stand in for a tablet).
 */

export type Route =
  | 'oral'
  | 'parenteral'
  | 'inhalation'
  | 'cutaneous'
  | 'ocular'
  | 'vaginal'
  | 'rectal'
  | 'nasal'
  | 'other';

export interface DoseForm {
  readonly code: string;
  readonly en: string;
  readonly nl: string;
  readonly route: Route;
  /** Forms in one group can replace each other for the same substance and strength. */
  readonly group: string;
}

/** Most specific first: the first form whose pattern matches a product name wins. */
const FORMS: readonly (DoseForm & { readonly pattern: RegExp })[] = [
  {
    code: 'powder-solvent-injection',
    en: 'powder and solvent for solution for injection',
    nl: 'poeder en oplosmiddel voor oplossing voor injectie',
    route: 'parenteral',
    group: 'injection',
    pattern: /powder and solvent for solution for (injection|infusion)/i,
  },
  {
    code: 'powder-concentrate-infusion',
    en: 'powder for concentrate for solution for infusion',
    nl: 'poeder voor concentraat voor oplossing voor infusie',
    route: 'parenteral',
    group: 'injection',
    pattern: /powder for concentrate/i,
  },
  {
    code: 'powder-injection',
    en: 'powder for solution for injection or infusion',
    nl: 'poeder voor oplossing voor injectie of infusie',
    route: 'parenteral',
    group: 'injection',
    pattern: /powder for (solution|suspension) for (injection|infusion)/i,
  },
  {
    code: 'concentrate-infusion',
    en: 'concentrate for solution for infusion',
    nl: 'concentraat voor oplossing voor infusie',
    route: 'parenteral',
    group: 'injection',
    pattern: /concentrate for solution/i,
  },
  {
    code: 'emulsion-injection',
    en: 'emulsion for injection or infusion',
    nl: 'emulsie voor injectie of infusie',
    route: 'parenteral',
    group: 'injection',
    pattern: /emulsion for (injection|infusion)/i,
  },
  {
    code: 'suspension-injection',
    en: 'suspension for injection',
    nl: 'suspensie voor injectie',
    route: 'parenteral',
    group: 'injection',
    pattern: /suspension for injection/i,
  },
  {
    code: 'solution-infusion',
    en: 'solution for infusion',
    nl: 'oplossing voor infusie',
    route: 'parenteral',
    group: 'injection',
    pattern: /solution for infusion/i,
  },
  {
    code: 'solution-injection',
    en: 'solution for injection',
    nl: 'oplossing voor injectie',
    route: 'parenteral',
    group: 'injection',
    pattern: /(solution for injection|injection)/i,
  },
  {
    code: 'inhalation-powder',
    en: 'inhalation powder',
    nl: 'inhalatiepoeder',
    route: 'inhalation',
    group: 'inhalation',
    pattern: /inhalation powder/i,
  },
  {
    code: 'inhalation',
    en: 'pressurised inhalation or nebuliser solution',
    nl: 'aërosol of vernevelvloeistof',
    route: 'inhalation',
    group: 'inhalation',
    pattern: /(inhal|nebuli[sz]er|inhaler)/i,
  },
  {
    code: 'gastro-resistant-capsule',
    en: 'gastro-resistant capsule, hard',
    nl: 'maagsapresistente capsule, hard',
    route: 'oral',
    group: 'oral-solid-gastro',
    pattern: /gastro-resistant[^,]*capsule|capsule[^,]*gastro-resistant/i,
  },
  {
    code: 'gastro-resistant-tablet',
    en: 'gastro-resistant tablet',
    nl: 'maagsapresistente tablet',
    route: 'oral',
    group: 'oral-solid-gastro',
    pattern: /gastro-resistant|enteric/i,
  },
  {
    code: 'prolonged-release-tablet',
    en: 'prolonged-release tablet',
    nl: 'tablet met verlengde afgifte',
    route: 'oral',
    group: 'oral-solid-prolonged',
    pattern: /(prolonged|modified|extended|sustained)[- ]release|\bSR\b|\bXL\b|\bretard\b/i,
  },
  {
    code: 'orodispersible-tablet',
    en: 'orodispersible tablet',
    nl: 'orodispergeerbare tablet',
    route: 'oral',
    group: 'oral-solid',
    pattern: /orodispersible|oral lyophilisate|melt/i,
  },
  {
    code: 'effervescent-tablet',
    en: 'soluble or effervescent tablet',
    nl: 'oplosbare of bruistablet',
    route: 'oral',
    group: 'oral-solid',
    pattern: /(soluble|effervescent|dispersible) tablet/i,
  },
  {
    code: 'film-coated-tablet',
    en: 'film-coated tablet',
    nl: 'filmomhulde tablet',
    route: 'oral',
    group: 'oral-solid',
    pattern: /film-\s?coated|coated tablet/i,
  },
  {
    code: 'capsule',
    en: 'capsule, hard',
    nl: 'capsule, hard',
    route: 'oral',
    group: 'oral-solid',
    pattern: /capsule/i,
  },
  {
    code: 'tablet',
    en: 'tablet',
    nl: 'tablet',
    route: 'oral',
    group: 'oral-solid',
    pattern: /tablet/i,
  },
  {
    code: 'oral-suspension',
    en: 'oral suspension or powder for oral suspension',
    nl: 'suspensie voor oraal gebruik',
    route: 'oral',
    group: 'oral-liquid',
    pattern: /oral suspension|suspension/i,
  },
  {
    code: 'oral-solution',
    en: 'oral solution or syrup',
    nl: 'drank',
    route: 'oral',
    group: 'oral-liquid',
    pattern: /oral solution|oral drops|syrup|oral liquid|elixir/i,
  },
  {
    code: 'granules',
    en: 'granules',
    nl: 'granulaat',
    route: 'oral',
    group: 'oral-liquid',
    pattern: /granules|sachet/i,
  },
  {
    code: 'eye-drops',
    en: 'eye drops or eye ointment',
    nl: 'oogdruppels of oogzalf',
    route: 'ocular',
    group: 'ocular',
    pattern: /eye|ophthalmic/i,
  },
  {
    code: 'nasal-spray',
    en: 'nasal spray',
    nl: 'neusspray',
    route: 'nasal',
    group: 'nasal',
    pattern: /nasal/i,
  },
  {
    code: 'vaginal',
    en: 'vaginal cream, tablet or pessary',
    nl: 'vaginale crème, tablet of ovule',
    route: 'vaginal',
    group: 'vaginal',
    pattern: /vaginal|pessar/i,
  },
  {
    code: 'suppository',
    en: 'suppository',
    nl: 'zetpil',
    route: 'rectal',
    group: 'rectal',
    pattern: /suppositor|rectal/i,
  },
  {
    code: 'cutaneous',
    en: 'cream, ointment, gel or patch',
    nl: 'crème, zalf, gel of pleister',
    route: 'cutaneous',
    group: 'cutaneous',
    pattern: /cream|ointment|gel\b|patch|cutaneous|transdermal/i,
  },
];

const UNKNOWN: DoseForm = {
  code: 'other',
  en: 'other form',
  nl: 'andere vorm',
  route: 'other',
  group: 'other',
};

export const DOSE_FORMS: readonly DoseForm[] = [
  ...FORMS.map(({ pattern: _pattern, ...form }) => form),
  UNKNOWN,
];

/** The dose form a product name states ("Amoxicillin 500 mg film-coated tablets"), or "other". */
export function doseFormFromName(name: string): DoseForm {
  const form = FORMS.find((candidate) => candidate.pattern.test(name));
  if (form === undefined) return UNKNOWN;
  const { pattern: _pattern, ...rest } = form;
  return rest;
}

export function doseFormByCode(code: string): DoseForm | undefined {
  return DOSE_FORMS.find((form) => form.code === code);
}
