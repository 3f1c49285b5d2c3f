/**
 * Countries as ISO 3166-1 alpha-2 codes, and the mapping of every spelling the registers use
 * (English, German, Dutch, French names, abbreviations, historic names) to that code.
 * Names come from the ICU data built into Node (Intl.DisplayNames), so a new register in another
 * language needs no new table; aliases cover the spellings ICU does not produce.
 */

export type CountryCode = string & { readonly __brand: 'CountryCode' };

/** The 249 officially assigned ISO 3166-1 alpha-2 codes. */
const ISO_3166_ALPHA2 =
  `AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN
BO BQ BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO
DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY
HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB
LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA
NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA
SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT
TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW`
    .split(/\s+/)
    .filter((code) => code !== '');

const ASSIGNED = new Set(ISO_3166_ALPHA2);

/** EU member states (27) plus the EEA members Iceland, Liechtenstein and Norway. */
export const EU_EEA: ReadonlySet<string> = new Set(
  'AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE IS LI NO'.split(
    ' ',
  ),
);

/** Spellings seen in the registers that ICU's display names do not produce. */
const ALIASES: Record<string, string> = {
  usa: 'US',
  'u.s.a': 'US',
  us: 'US',
  'united states of america': 'US',
  uk: 'GB',
  'great britain': 'GB',
  'united kingdom (northern ireland)': 'GB',
  'vereinigtes konigreich (nordirland)': 'GB',
  'northern ireland': 'GB',
  england: 'GB',
  scotland: 'GB',
  wales: 'GB',
  'republic of korea': 'KR',
  'korea, republic of': 'KR',
  'korea, republik': 'KR',
  korea: 'KR',
  'czech republic': 'CZ',
  'tschechische republik': 'CZ',
  'tsjechische republiek': 'CZ',
  turkey: 'TR',
  'the netherlands': 'NL',
  holland: 'NL',
  'people’s republic of china': 'CN',
  "people's republic of china": 'CN',
  'p.r. china': 'CN',
  'pr china': 'CN',
  'volksrepublik china': 'CN',
  'russian federation': 'RU',
  'slovak republic': 'SK',
  'republic of ireland': 'IE',
  macedonia: 'MK',
  swaziland: 'SZ',
};

/** Lower case, without diacritics, trailing full stops or a leading "the", single spaces. */
export function normalizeCountryName(raw: string): string {
  return raw
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/\.+$/, '')
    .trim();
}

function buildNameIndex(): Map<string, string> {
  const index = new Map<string, string>();
  for (const locale of ['en', 'de', 'nl', 'fr', 'es', 'it']) {
    const names = new Intl.DisplayNames([locale], { type: 'region' });
    for (const code of ISO_3166_ALPHA2) {
      const name = names.of(code);
      if (name !== undefined && name !== code) index.set(normalizeCountryName(name), code);
    }
  }
  for (const [alias, code] of Object.entries(ALIASES)) index.set(normalizeCountryName(alias), code);
  return index;
}

let nameIndex: Map<string, string> | undefined;

/** Maps a country name in any of the registers' spellings, or an ISO-2 code, to its ISO-2 code. */
export function toCountryCode(raw: string): CountryCode | undefined {
  const trimmed = raw.trim().replace(/\.+$/, '');
  if (/^[A-Za-z]{2}$/.test(trimmed) && ASSIGNED.has(trimmed.toUpperCase())) {
    // Two letters that are a code: "UK" and "US" are handled by the alias table before this.
    const alias = ALIASES[trimmed.toLowerCase()];
    return (alias ?? trimmed.toUpperCase()) as CountryCode;
  }
  nameIndex ??= buildNameIndex();
  return nameIndex.get(normalizeCountryName(trimmed)) as CountryCode | undefined;
}

export function isCountryCode(code: string): code is CountryCode {
  return ASSIGNED.has(code);
}

export function isEuEea(code: string): boolean {
  return EU_EEA.has(code);
}

/** The country's name in the given language (Dutch by default, as the interface). */
export function countryName(code: string, locale = 'nl'): string {
  return new Intl.DisplayNames([locale], { type: 'region' }).of(code) ?? code;
}

export const ALL_COUNTRY_CODES: readonly string[] = ISO_3166_ALPHA2;
