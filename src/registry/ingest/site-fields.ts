/** Field clean-up shared by the manufacturer-register importers. */
import { toCountryCode, type CountryCode } from '../../kernel/country.ts';
import { collapseWhitespace, normalizeName } from '../../kernel/text.ts';
import type { SiteInput } from '../domain/types.ts';

/** A company name with white space collapsed and stray trailing commas or semicolons removed. */
export function cleanCompanyName(raw: string): string {
  return collapseWhitespace(raw)
    .replace(/[,;]+$/, '')
    .trim();
}

// Legal forms dropped from the identity key, so "Valneva Scotland Ltd." and "Valneva Scotland
// Limited" are one site. Only whole trailing words are dropped; the displayed name keeps them.
const LEGAL_FORM_WORDS = new Set(
  (
    'ltd limited plc llc lp inc incorporated corp corporation co company gmbh ag kg kgaa mbh sa sas ' +
    'sarl sàrl srl spa sl slu bv nv ab as asa aps oy oyj kft doo dd sro sp zoo spolka akcyjna ' +
    'uc unlimited pte bhd sdn pvt private single member se'
  ).split(' '),
);

/** The key under which a register without site numbers identifies a manufacturer's site. */
export function siteKeyFromName(name: string): string {
  const words = normalizeName(name).split(' ');
  while (words.length > 1 && LEGAL_FORM_WORDS.has(words[words.length - 1] ?? '')) words.pop();
  return words.join(' ');
}

const NOT_A_COMPANY =
  /\b(conditions|restrictions? regarding|responsible for|batch release|page \d+ of \d+|leaflet (was )?(last )?revised|distributed by|alternate manufacturer|marketing authori[sz]ation holder|manufacturer of the)\b/i;

/**
 * Why a "manufacturer name" is text the PDF extraction picked up instead of a company (a heading,
 * a sentence, a bare country), or undefined when it looks like a name.
 */
export function implausibleManufacturerName(name: string): string | undefined {
  if (name === '') return 'no manufacturer name';
  if (toCountryCode(name) !== undefined) return `manufacturer name "${name}" is a country name`;
  // "B. CONDITIONS" is an Annex II heading; "B. Braun Melsungen AG" is a company.
  if (/^[A-Z]\.\s+[A-Z][A-Z\s]+$/.test(name) || NOT_A_COMPANY.test(name)) {
    return `manufacturer name "${name}" is document text, not a company`;
  }
  return undefined;
}

/**
 * The town from a multi-line address: the text after the postcode on the last line that has
 * one ("D-63303 Dreieich" -> "Dreieich"), or null when no line has a postcode.
 */
export function cityFromAddress(address: string): string | null {
  const lines = address
    .split(/\r?\n|,/)
    .map((line) => collapseWhitespace(line))
    .filter((line) => line !== '');
  for (let index = lines.length - 1; index >= 0; index--) {
    const match = /^(?:[A-Z]{1,2}-)?\d{4,6}(?:\s?[A-Z]{2})?\s+(.+)$/.exec(lines[index] ?? '');
    if (match?.[1] !== undefined) return match[1];
  }
  return null;
}

/** The town from BfArM's "plz_ort" ("28850 TORREJON DE ARDOZ, MADRID" -> "TORREJON DE ARDOZ, MADRID"). */
export function cityFromPostcodeAndTown(raw: string): string | null {
  const text = collapseWhitespace(raw);
  if (text === '') return null;
  const withoutPostcode = text.replace(/^(?:[A-Z]{1,2}-)?[0-9][0-9A-Z-]*\s+/, '');
  return withoutPostcode === '' ? text : withoutPostcode;
}

export type CountryResult = { country: CountryCode } | { problem: string };

/** A register's country cell as ISO-2, or the problem with it naming the column. */
export function parseCountryCell(raw: string, column: string): CountryResult {
  const text = collapseWhitespace(raw);
  if (text === '') return { problem: `no country in column ${column}` };
  const country = toCountryCode(text);
  return country === undefined
    ? { problem: `unknown country "${text}" in column ${column}` }
    : { country };
}

export function buildSite(
  fields: { name: string; key?: string; city?: string | null; address?: string | null },
  country: CountryCode,
): SiteInput {
  return {
    key: fields.key ?? siteKeyFromName(fields.name),
    name: fields.name,
    city: fields.city ?? null,
    address: fields.address ?? null,
    country,
  };
}
