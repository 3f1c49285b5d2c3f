/**
 * EMA EPAR Annex II section A: manufacturers of the biological active substance (step 1) and
 * manufacturers responsible for batch release (step 2) of centrally authorised medicines, as
 * extracted from the product-information PDFs. See data/reference/PROVENANCE.md.
 */
import { parseAtcCode } from '../../../kernel/atc.ts';
import { collapseWhitespace } from '../../../kernel/text.ts';
import {
  linksOutcome,
  rejected,
  type ManufacturingStep,
  type RegisterFormat,
  type RowOutcome,
  type SubstanceNameInput,
} from '../../domain/types.ts';
import {
  buildSite,
  cityFromAddress,
  cleanCompanyName,
  implausibleManufacturerName,
  parseCountryCell,
} from '../site-fields.ts';

function parseStep(raw: string): ManufacturingStep | null | 'invalid' {
  const text = raw.trim();
  if (text === '1') return 1;
  if (text === '2') return 2;
  // "NA" is R's null: the extraction could not tell the step.
  if (text === '' || text === 'NA') return null;
  return 'invalid';
}

export const eparFormat: RegisterFormat = {
  source: 'epar',
  delimiter: ',',
  requiredColumns: [
    'medicine_name',
    'active_substance',
    'atc_code',
    'manufacturer_name',
    'address',
    'country',
    'manufacturer_step',
  ],
  mapRow(fields, line): RowOutcome {
    const problems: string[] = [];
    const atcText = collapseWhitespace(fields.atc_code ?? '');
    const atc = parseAtcCode(atcText, 5);
    if (atc === undefined) problems.push(`invalid ATC code "${atcText}" in column atc_code`);
    const step = parseStep(fields.manufacturer_step ?? '');
    if (step === 'invalid') {
      problems.push(`invalid step "${fields.manufacturer_step ?? ''}" in column manufacturer_step`);
    }
    const country = parseCountryCell(fields.country ?? '', 'country');
    if ('problem' in country) problems.push(country.problem);
    const name = cleanCompanyName(fields.manufacturer_name ?? '');
    const implausible = implausibleManufacturerName(name);
    if (implausible !== undefined) problems.push(implausible);
    if (problems.length > 0 || atc === undefined || step === 'invalid' || 'problem' in country) {
      return rejected(problems.join('; '));
    }
    const address = fields.address?.trim() ?? '';
    const medicine = collapseWhitespace(fields.medicine_name ?? '');
    const substance = collapseWhitespace(fields.active_substance ?? '');
    const names: SubstanceNameInput[] =
      substance !== '' && !substance.includes(';') ? [{ atc, lang: 'en', name: substance }] : [];
    return linksOutcome(
      [
        {
          line,
          atc,
          step,
          site: buildSite(
            {
              name,
              city: address === '' ? null : cityFromAddress(address),
              address: address === '' ? null : collapseWhitespace(address),
            },
            country.country,
          ),
          productRef: medicine === '' ? null : medicine,
          productName: medicine === '' ? null : medicine,
          certificateStatus: null,
          isCurrent: true,
        },
      ],
      names,
    );
  },
};
