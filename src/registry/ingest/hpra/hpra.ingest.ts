/**
 * HPRA (Ireland): nationally authorised products on the critical list with the manufacturers
 * named in the package leaflet. Manufacturers, addresses and countries are parallel lists joined
 * with "|": they are paired element by element, and a row whose lists differ in length is
 * reported rather than guessed. The register has no step field. See data/reference/PROVENANCE.md.
 */
import { parseAtcCode, type AtcCode } from '../../../kernel/atc.ts';
import { collapseWhitespace, splitList } from '../../../kernel/text.ts';
import {
  linksOutcome,
  rejected,
  type RegisterFormat,
  type RowOutcome,
  type SubstanceNameInput,
  type SupplyLinkInput,
} from '../../domain/types.ts';
import {
  buildSite,
  cityFromAddress,
  cleanCompanyName,
  implausibleManufacturerName,
  parseCountryCell,
} from '../site-fields.ts';

/** Names from HPRA's ATC text: "J02AC Triazole derivatives, J02AC01 fluconazole". */
export function namesFromAtcText(text: string): SubstanceNameInput[] {
  const names: SubstanceNameInput[] = [];
  const pattern = /\b([A-Z]\d{2}[A-Z]{2}(?:\d{2})?)\s+(.+?)(?=,\s*[A-Z]\d{2}[A-Z]|$)/g;
  for (const match of collapseWhitespace(text).matchAll(pattern)) {
    const atc = parseAtcCode(match[1] ?? '');
    const name = collapseWhitespace(match[2] ?? '').replace(/[,.]$/, '');
    if (atc !== undefined && name !== '') names.push({ atc, lang: 'en', name });
  }
  return names;
}

export const hpraFormat: RegisterFormat = {
  source: 'hpra',
  delimiter: ',',
  requiredColumns: [
    'product_id',
    'product_name',
    'licence_number',
    'licence_holder',
    'atc_code',
    'matched_critical_atc',
    'mfr_company',
    'mfr_address',
    'mfr_country',
  ],
  mapRow(fields, line): RowOutcome {
    const problems: string[] = [];
    const codes: AtcCode[] = [];
    for (const text of splitList(fields.matched_critical_atc ?? '', ',')) {
      const atc = parseAtcCode(text, 5);
      if (atc === undefined)
        problems.push(`invalid ATC code "${text}" in column matched_critical_atc`);
      else codes.push(atc);
    }
    if (codes.length === 0 && problems.length === 0) {
      problems.push('no ATC code in column matched_critical_atc');
    }
    const companies = (fields.mfr_company ?? '').split('|').map(cleanCompanyName);
    const countries = (fields.mfr_country ?? '').split('|');
    const addresses = (fields.mfr_address ?? '').split('|');
    const companyCount = companies.filter((c) => c !== '').length;
    const countryCount = countries.filter((c) => collapseWhitespace(c) !== '').length;
    if (companyCount === 0 && countryCount === 0) {
      problems.push('no manufacturer in columns mfr_company and mfr_country');
    } else if (companies.length !== countries.length) {
      problems.push(
        `mfr_company lists ${companies.length} manufacturers but mfr_country lists ${countries.length} countries`,
      );
    }
    if (problems.length > 0) return rejected(problems.join('; '));

    const links: SupplyLinkInput[] = [];
    const licence = collapseWhitespace(fields.licence_number ?? '');
    const product = collapseWhitespace(fields.product_name ?? '');
    companies.forEach((name, index) => {
      const position = companies.length > 1 ? ` (manufacturer ${index + 1})` : '';
      const implausible = implausibleManufacturerName(name);
      if (implausible !== undefined) {
        problems.push(implausible + position);
        return;
      }
      const country = parseCountryCell(countries[index] ?? '', 'mfr_country');
      if ('problem' in country) {
        problems.push(country.problem + position);
        return;
      }
      const address =
        addresses.length === companies.length ? collapseWhitespace(addresses[index] ?? '') : '';
      for (const atc of codes) {
        links.push({
          line,
          atc,
          step: null,
          site: buildSite(
            {
              name,
              city: address === '' ? null : cityFromAddress(addresses[index] ?? ''),
              address: address === '' ? null : address,
            },
            country.country,
          ),
          productRef: licence === '' ? null : licence,
          productName: product === '' ? null : product,
          certificateStatus: null,
          isCurrent: true,
        });
      }
    });
    // One bad element makes the pairing of the others doubtful: report the row, guess nothing.
    if (problems.length > 0) return rejected(problems.join('; '));
    return linksOutcome(links, namesFromAtcText(fields.atc_code ?? ''));
  },
};
