/**
 * BfArM's register of products, roles and sites (long format: one row per product x role x
 * company). The MAH (Zulassungsinhaber) is not a manufacturer; Wirkstoffherstellung is step 1,
 * Hersteller/Endfreigabe step 2. A row belongs to the product's own ATC code (atc_code), not the
 * critical code that was searched (search_atc). See data/reference/PROVENANCE.md.
 */
import { parseAtcCode } from '../../../kernel/atc.ts';
import { collapseWhitespace } from '../../../kernel/text.ts';
import {
  linksOutcome,
  rejected,
  skipped,
  type ManufacturingStep,
  type RegisterFormat,
  type RowOutcome,
} from '../../domain/types.ts';
import {
  buildSite,
  cityFromPostcodeAndTown,
  cleanCompanyName,
  parseCountryCell,
} from '../site-fields.ts';

const STEP_BY_ROLE: Record<string, ManufacturingStep | 'mah'> = {
  Zulassungsinhaber: 'mah',
  'Hersteller/Endfreigabe': 2,
  Wirkstoffherstellung: 1,
};

export const bfarmRegisterFormat: RegisterFormat = {
  source: 'bfarm',
  delimiter: ',',
  requiredColumns: [
    'search_atc',
    'atc_code',
    'atc_text',
    'eingangsnummer',
    'arzneimittel',
    'role',
    'name',
    'pu_nummer',
    'plz_ort',
    'land',
  ],
  mapRow(fields, line): RowOutcome {
    const role = collapseWhitespace(fields.role ?? '');
    const step = STEP_BY_ROLE[role];
    if (step === 'mah') return skipped('marketing-authorisation holder, not a manufacturer');
    const problems: string[] = [];
    if (step === undefined) problems.push(`unknown role "${role}" in column role`);
    const atcText = collapseWhitespace(fields.atc_code ?? '');
    const atc = parseAtcCode(atcText, 5);
    if (atc === undefined) problems.push(`invalid ATC code "${atcText}" in column atc_code`);
    const country = parseCountryCell(fields.land ?? '', 'land');
    if ('problem' in country) problems.push(country.problem);
    const name = cleanCompanyName(fields.name ?? '');
    if (name === '') problems.push('no company name in column name');
    const siteNumber = collapseWhitespace(fields.pu_nummer ?? '');
    if (siteNumber === '') problems.push('no site number in column pu_nummer');
    if (problems.length > 0 || step === undefined || atc === undefined || 'problem' in country) {
      return rejected(problems.join('; '));
    }
    const registration = collapseWhitespace(fields.eingangsnummer ?? '');
    const product = collapseWhitespace(fields.arzneimittel ?? '');
    const substance = collapseWhitespace(fields.atc_text ?? '');
    return linksOutcome(
      [
        {
          line,
          atc,
          step,
          site: buildSite(
            { name, key: siteNumber, city: cityFromPostcodeAndTown(fields.plz_ort ?? '') },
            country.country,
          ),
          productRef: registration === '' ? null : registration,
          productName: product === '' ? null : product,
          certificateStatus: null,
          isCurrent: true,
        },
      ],
      substance === '' ? [] : [{ atc, lang: 'de', name: substance }],
    );
  },
};
