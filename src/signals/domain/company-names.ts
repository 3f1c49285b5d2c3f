/** Company names as the shortage registers write them, cleaned for display and grouping. */
import { collapseWhitespace, normalizeName } from '../../kernel/text.ts';

// Three or more single letters separated by single spaces: "H e x a l". Two ("1 A Pharma") are
// left alone, they are usually part of the name.
const LETTER_SPACED_RUN = /(?<!\S)\p{L}(?: \p{L}){2,}(?!\S)/gu;

/** Joins runs of letter-spaced text: "H e x a l  Aktiengesellschaft" -> "Hexal Aktiengesellschaft". */
export function collapseLetterSpacing(raw: string): string {
  return raw.replace(/\t/g, ' ').replace(LETTER_SPACED_RUN, (run) => run.replace(/ /g, ''));
}

/** A company name for display: letter spacing joined, white space collapsed, stray commas off. */
export function cleanShortageCompanyName(raw: string): string {
  return collapseWhitespace(collapseLetterSpacing(raw))
    .replace(/[,;]+$/, '')
    .trim();
}

/** The key under which two spellings of one company are counted as one. */
export function companyKey(name: string): string {
  return normalizeName(cleanShortageCompanyName(name));
}
