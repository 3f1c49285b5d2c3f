/**
 * medsupply's product catalogue template (CSV, comma, UTF-8, one row per pack):
 * registration_number, product_name, mah, atc_code, active_substances ("a; b"), strength
 * ("875 mg / 125 mg"), dose_form (a code of the dose-form vocabulary, or the term in English or
 * Dutch), route, hospital_only (yes/no), gtin, zi_number, pack_size, pack_unit, pack_description.
 * Each problem of a row is reported with its column, all at once.
 */
import { parseAtcCode } from '../../../kernel/atc.ts';
import { collapseWhitespace, splitList } from '../../../kernel/text.ts';
import { isValidGtin, isValidZiNumber, toGtin14 } from '../../domain/identifiers.ts';
import { DOSE_FORMS, doseFormFromName, type DoseForm } from '../../domain/pharmaceutical-form.ts';
import { parseStrength, strengthKey } from '../../domain/strength.ts';
import type { PackRowOutcome } from '../../domain/types.ts';

export const PRODUCT_CSV_COLUMNS = [
  'registration_number',
  'product_name',
  'mah',
  'atc_code',
  'active_substances',
  'strength',
  'dose_form',
  'route',
  'hospital_only',
  'gtin',
  'zi_number',
  'pack_size',
  'pack_unit',
  'pack_description',
] as const;

const REQUIRED = [
  'registration_number',
  'product_name',
  'mah',
  'strength',
  'dose_form',
  'pack_size',
  'pack_unit',
];

function findDoseForm(text: string): DoseForm | undefined {
  const key = text.toLowerCase();
  return (
    DOSE_FORMS.find((form) => form.code === key || form.en === key || form.nl === key) ??
    (doseFormFromName(text).code === 'other' ? undefined : doseFormFromName(text))
  );
}

export function mapProductRow(
  fields: Readonly<Record<string, string>>,
  line: number,
): PackRowOutcome {
  const value = (column: string) => collapseWhitespace(fields[column] ?? '');
  const reasons: string[] = [];
  for (const column of REQUIRED) if (value(column) === '') reasons.push(`${column} is empty`);

  const atcText = value('atc_code');
  const atc = atcText === '' ? null : (parseAtcCode(atcText, 5) ?? null);
  if (atcText !== '' && atc === null)
    reasons.push(`atc_code "${atcText}" is not an ATC level-5 code`);

  const strength = value('strength');
  const parts = parseStrength(strength);
  if (strength !== '' && parts.length === 0)
    reasons.push(`strength "${strength}" has no amount with a unit`);

  const formText = value('dose_form');
  const form = formText === '' ? undefined : findDoseForm(formText);
  if (formText !== '' && form === undefined)
    reasons.push(`dose_form "${formText}" is not a known dose form`);

  const hospitalText = value('hospital_only').toLowerCase();
  if (!['', 'yes', 'no', 'ja', 'nee', 'true', 'false'].includes(hospitalText)) {
    reasons.push(`hospital_only "${value('hospital_only')}" must be yes or no`);
  }

  const gtinText = value('gtin');
  if (gtinText !== '' && !isValidGtin(gtinText))
    reasons.push(`gtin "${gtinText}" is not a valid GTIN (length or check digit)`);
  const ziText = value('zi_number');
  if (ziText !== '' && !isValidZiNumber(ziText))
    reasons.push(`zi_number "${ziText}" must be 8 digits`);
  if (gtinText === '' && ziText === '') reasons.push('a pack needs a gtin or a zi_number');

  const sizeText = value('pack_size').replace(',', '.');
  const packSize = Number(sizeText);
  if (sizeText !== '' && (!Number.isFinite(packSize) || packSize <= 0)) {
    reasons.push(`pack_size "${value('pack_size')}" must be a positive number`);
  }

  if (reasons.length > 0 || form === undefined) return { kind: 'rejected', reasons };
  const route = value('route') === '' ? form.route : value('route').toLowerCase();
  return {
    kind: 'pack',
    pack: {
      line,
      registrationNumber: value('registration_number'),
      productName: value('product_name'),
      mahName: value('mah'),
      atc,
      substances: splitList(fields.active_substances ?? '', ';'),
      strength,
      strengthKey: strengthKey(parts),
      doseForm: form.code,
      route,
      hospitalOnly: ['yes', 'ja', 'true'].includes(hospitalText),
      gtin: gtinText === '' ? null : toGtin14(gtinText),
      nationalCode: ziText === '' ? null : ziText,
      packSize,
      packUnit: value('pack_unit'),
      description:
        value('pack_description') === ''
          ? `${value('pack_size')} ${value('pack_unit')}`
          : value('pack_description'),
    },
  };
}
