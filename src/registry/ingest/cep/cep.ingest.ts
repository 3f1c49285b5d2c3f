/**
 * EDQM certificates of suitability (CEP), with ATC codes attached through DrugBank. A CEP holder
 * makes the active substance (step 1); its country is the trailing ISO-2 code of the holder field
 * ("Glaxo Wellcome London GB"). Only a valid certificate is current supply; withdrawn, expired
 * and suspended ones are kept, marked not current. See data/reference/PROVENANCE.md.
 */
import { parseAtcCode, type AtcCode } from '../../../kernel/atc.ts';
import { isCountryCode, type CountryCode } from '../../../kernel/country.ts';
import { collapseWhitespace, splitList } from '../../../kernel/text.ts';
import {
  linksOutcome,
  rejected,
  skipped,
  type RegisterFormat,
  type RowOutcome,
} from '../../domain/types.ts';
import { buildSite, cleanCompanyName } from '../site-fields.ts';

const VALID_STATUS = 'Valid';

export function splitHolder(raw: string): { name: string; country: CountryCode } | undefined {
  const holder = cleanCompanyName(raw);
  const match = /^(.*\S)\s+([A-Z]{2})$/.exec(holder);
  if (match?.[1] === undefined || match[2] === undefined || !isCountryCode(match[2])) {
    return undefined;
  }
  return { name: match[1], country: match[2] };
}

export const cepFormat: RegisterFormat = {
  source: 'cep',
  delimiter: ',',
  requiredColumns: [
    'Substance',
    'Certificate (CEP) Holder',
    'Certificate (CEP) Number',
    'Status CEP',
    'atc_code',
  ],
  mapRow(fields, line): RowOutcome {
    const atcCell = collapseWhitespace(fields.atc_code ?? '');
    if (atcCell === '' || atcCell === 'NA') return skipped('no ATC code for the substance');
    const problems: string[] = [];
    const codes: AtcCode[] = [];
    for (const text of splitList(atcCell, ',')) {
      const atc = parseAtcCode(text, 5);
      if (atc === undefined) problems.push(`invalid ATC code "${text}" in column atc_code`);
      else codes.push(atc);
    }
    const holderText = collapseWhitespace(fields['Certificate (CEP) Holder'] ?? '');
    const holder = splitHolder(holderText);
    if (holder === undefined) {
      problems.push(
        `holder "${holderText}" does not end with an ISO 3166 country code in column Certificate (CEP) Holder`,
      );
    }
    const status = collapseWhitespace(fields['Status CEP'] ?? '');
    if (status === '') problems.push('no status in column Status CEP');
    if (problems.length > 0 || holder === undefined) return rejected(problems.join('; '));
    const certificate = collapseWhitespace(fields['Certificate (CEP) Number'] ?? '');
    const substance = collapseWhitespace(fields.Substance ?? '');
    const site = buildSite({ name: holder.name }, holder.country);
    return linksOutcome(
      codes.map((atc) => ({
        line,
        atc,
        step: 1 as const,
        site,
        productRef: certificate === '' ? null : certificate,
        productName: substance === '' ? null : substance,
        certificateStatus: status,
        isCurrent: status === VALID_STATUS,
      })),
      // A CEP names the substance with its salt ("Amoxicillin trihydrate"): only a fallback name.
      substance === '' ? [] : codes.map((atc) => ({ atc, lang: 'en' as const, name: substance })),
    );
  },
};
