/** Text clean-up shared by every importer. */

/** Collapses runs of white space (including line breaks and tabs) to one space and trims. */
export function collapseWhitespace(raw: string): string {
  return raw.replace(/\s+/g, ' ').trim();
}

/**
 * The key under which two spellings of one company name count as the same: collapsed white
 * space, lower case, no diacritics, no punctuation. "Pfizer  Ireland Pharmaceuticals." and
 * "PFIZER IRELAND PHARMACEUTICALS" give the same key.
 */
export function normalizeName(raw: string): string {
  return raw
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Splits a cell holding a list ("A, B" or "A | B") into trimmed, non-empty parts. */
export function splitList(raw: string, separator: string | RegExp): string[] {
  return raw
    .split(separator)
    .map((part) => collapseWhitespace(part))
    .filter((part) => part !== '');
}
