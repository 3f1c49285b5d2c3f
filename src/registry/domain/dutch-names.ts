/**
 * Dutch names for substances, derived from the English INN by the regular differences of Dutch
 * pharmaceutical spelling (amoxicillin -> amoxicilline, prednisolone -> prednisolon, morphine ->
 * morfine, lidocaine -> lidocaïne). None of the registers we ship has Dutch names; these let
 * Dutch users search in their own spelling. They are marked as derived, not official: a
 * deployment with the G-Standaard's names imports those instead.
 */

const WORD_RULES: readonly [RegExp, string][] = [
  [/ph/g, 'f'],
  [/caine$/, 'caïne'],
  [/azole$/, 'azol'],
  [/one$/, 'on'],
  [/ate$/, 'aat'],
  // -in endings take an e: heparin, insulin, vancomycin, amoxicillin, rifampicin, digoxin.
  [/([^aeiou])in$/, '$1ine'],
];

function dutchWord(word: string): string {
  if (word.length <= 3 || /\d/.test(word)) return word;
  let result = word;
  for (const [pattern, replacement] of WORD_RULES) result = result.replace(pattern, replacement);
  return result;
}

/** The derived Dutch name of an English substance name (lower case, like the Dutch spelling). */
export function deriveDutchName(english: string): string {
  return english
    .toLowerCase()
    .split(/(\s+|-|\/|,)/)
    .map((part) => (/^[a-z]+$/.test(part) ? dutchWord(part) : part))
    .join('')
    .replace(/\bacid\b/, 'zuur');
}
