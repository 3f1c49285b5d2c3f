/** Pack identifiers: GTIN (GS1) and the Dutch Z-index article number (ZI-nummer). */

/** GS1 check digit: weights 3 and 1 from the right, excluding the check digit itself. */
export function gs1CheckDigit(digitsWithoutCheck: string): number {
  let sum = 0;
  for (let index = 0; index < digitsWithoutCheck.length; index++) {
    const digit = Number(digitsWithoutCheck.charAt(digitsWithoutCheck.length - 1 - index));
    sum += digit * (index % 2 === 0 ? 3 : 1);
  }
  return (10 - (sum % 10)) % 10;
}

/** A GTIN-8, -12, -13 or -14 with a correct check digit (https://www.gs1.org/services/how-calculate-check-digit-manually). */
export function isValidGtin(gtin: string): boolean {
  if (!/^(\d{8}|\d{12}|\d{13}|\d{14})$/.test(gtin)) return false;
  return gs1CheckDigit(gtin.slice(0, -1)) === Number(gtin.slice(-1));
}

/** Normalises a GTIN to 14 digits (GTIN-13 0871… becomes 00871…), the form we store. */
export function toGtin14(gtin: string): string {
  return gtin.padStart(14, '0');
}

/** The Z-index article number: 8 digits. */
export function isValidZiNumber(code: string): boolean {
  return /^\d{8}$/.test(code);
}
