import { describe, expect, it } from 'vitest';
import { countExactAlternatives, findAlternatives } from './alternatives.ts';
import { mapProductRow } from '../ingest/products-csv/products-csv.ingest.ts';
import { gs1CheckDigit, isValidGtin } from './identifiers.ts';
import { doseFormFromName } from './pharmaceutical-form.ts';
import { formatStrength, parseStrength, strengthKey } from './strength.ts';

describe('strength', () => {
  it.each([
    ['Amoxicillin 500 mg capsules', '500mg'],
    ['Azactam 1 g Powder for Solution', '1000mg'],
    ['Co-amoxiclav Bluefish 875 mg / 125 mg film- coated tablets', '875mg+125mg'],
    ['Rifinah 150 / 100 mg Film- Coated Tablets', '150mg+100mg'],
    ['Gemcitabine 100 mg / ml Concentrate for Solution for Infusion', '100mg/ml'],
    ['Paracetamol 120 mg / 5 ml Oral Suspension', '24mg/ml'],
    ['Noqturina 50 microgram oral lyophilisate', '0.05mg'],
    ['Hepatect CP 50 IU / ml solution for infusion', '50IU/ml'],
  ])('reads "%s" as %s', (name, key) => {
    expect(strengthKey(parseStrength(name))).toBe(key);
  });

  it('makes 1 g and 1000 mg the same strength', () => {
    expect(strengthKey(parseStrength('1 g'))).toBe(strengthKey(parseStrength('1000 mg')));
  });

  it('formats a strength for display', () => {
    expect(formatStrength(parseStrength('10 mg / ml'))).toBe('10 mg/ml');
  });
});

describe('dose forms', () => {
  it.each([
    ['Olanzapine 7.5mg Film-coated Tablets', 'film-coated-tablet', 'oral'],
    ['Epanutin 100 mg Hard Capsules', 'capsule', 'oral'],
    [
      'Esomeprazole Pinewood 20 mg hard gastro-resistant capsules',
      'gastro-resistant-capsule',
      'oral',
    ],
    ['Tegretol SR 400mg prolonged release tablets', 'prolonged-release-tablet', 'oral'],
    ['Azactam 1 g Powder for Solution for Injection or Infusion', 'powder-injection', 'parenteral'],
    [
      'Oxaliplatin 5 mg / ml concentrate for solution for infusion',
      'concentrate-infusion',
      'parenteral',
    ],
    [
      'Ventolin Diskus 200 micrograms Inhalation Powder, pre-dispensed',
      'inhalation-powder',
      'inhalation',
    ],
  ])('reads the form of "%s"', (name, code, route) => {
    const form = doseFormFromName(name);
    expect([form.code, form.route]).toEqual([code, route]);
  });
});

describe('GTIN', () => {
  it('checks the GS1 check digit', () => {
    // 8712345678906: GS1's own worked example computes check digit 6 for 871234567890.
    expect(gs1CheckDigit('871234567890')).toBe(6);
    expect(isValidGtin('8712345678906')).toBe(true);
    expect(isValidGtin('8712345678907')).toBe(false);
    expect(isValidGtin('87123456789')).toBe(false);
  });
});

describe('product catalogue rows', () => {
  const row = {
    registration_number: 'RVG 12345',
    product_name: 'Amoxicilline Generica 500 mg, capsules',
    mah: 'Generica Benelux B.V.',
    atc_code: 'J01CA04',
    active_substances: 'amoxicilline',
    strength: '500 mg',
    dose_form: 'capsule',
    route: '',
    hospital_only: 'no',
    gtin: '8712345678906',
    zi_number: '12345678',
    pack_size: '20',
    pack_unit: 'capsule',
    pack_description: '',
  };

  it('maps a row to a pack with a 14-digit GTIN and the route of its form', () => {
    const outcome = mapProductRow(row, 2);
    expect(outcome).toMatchObject({
      kind: 'pack',
      pack: {
        gtin: '08712345678906',
        route: 'oral',
        strengthKey: '500mg',
        description: '20 capsule',
      },
    });
  });

  it('names every problem of a row at once', () => {
    const outcome = mapProductRow(
      { ...row, atc_code: 'J01', gtin: '8712345678907', pack_size: '-3', dose_form: 'magic beans' },
      3,
    );
    expect(outcome).toEqual({
      kind: 'rejected',
      reasons: [
        'atc_code "J01" is not an ATC level-5 code',
        'dose_form "magic beans" is not a known dose form',
        'gtin "8712345678907" is not a valid GTIN (length or check digit)',
        'pack_size "-3" must be a positive number',
      ],
    });
  });
});

describe('alternatives', () => {
  const base = { marketedPacks: 1, strengthKey: '500mg', doseForm: 'capsule' };
  const short = { ...base, id: 1, mahOrganisationId: 10, atc: 'J01CA04' };
  const catalogue = [
    short,
    { ...base, id: 2, mahOrganisationId: 10, atc: 'J01CA04' }, // same company: no alternative
    { ...base, id: 3, mahOrganisationId: 20, atc: 'J01CA04', doseForm: 'film-coated-tablet' }, // same group
    { ...base, id: 4, mahOrganisationId: 30, atc: 'J01CA04', strengthKey: '250mg' },
    { ...base, id: 5, mahOrganisationId: 40, atc: 'J01CA04', doseForm: 'solution-injection' }, // other group
    { ...base, id: 6, mahOrganisationId: 50, atc: 'J01CA01' }, // same level 4, other substance
    { ...base, id: 7, mahOrganisationId: 60, atc: 'J01CA04', marketedPacks: 0 }, // not marketed
  ];

  it('offers the same substance and form from other companies, same strength first', () => {
    expect(findAlternatives(short, catalogue).map((a) => [a.product.id, a.match])).toEqual([
      [3, 'same-substance-strength-form'],
      [4, 'same-substance-form'],
    ]);
    expect(countExactAlternatives(short, catalogue)).toBe(1);
  });

  it('falls back to the same ATC level-4 group only when no company has the substance', () => {
    const lonely = { ...short, atc: 'J01CA01', id: 99, mahOrganisationId: 99 };
    expect(
      findAlternatives(
        lonely,
        catalogue.filter((p) => p.atc !== 'J01CA01' || p.id === 6),
      ).map((a) => a.product.id),
    ).toEqual([6]);
    const noSubstance = { ...short, atc: 'J01CA99', id: 98, mahOrganisationId: 98 };
    expect(findAlternatives(noSubstance, catalogue).map((a) => a.match)).toEqual(
      Array(5).fill('same-atc4-form'),
    );
  });
});
