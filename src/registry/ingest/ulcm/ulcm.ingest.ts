/**
 * The Union list of critical medicines as published in critical.csv: one column "ATC level 5",
 * codes separated by empty lines (skipped, not missing values). The file carries no version, so
 * the version is given at import (default: the first 12 hex digits of the file's SHA-256).
 */
import { parseAtcCode, type AtcCode } from '../../../kernel/atc.ts';
import { collapseWhitespace } from '../../../kernel/text.ts';

export const ULCM_DELIMITER = ',';
export const ULCM_COLUMN = 'ATC level 5';

export type CriticalListRowOutcome =
  | { readonly kind: 'code'; readonly atc: AtcCode; readonly line: number }
  | { readonly kind: 'rejected'; readonly reason: string };

/** Maps one row; `seen` holds the codes of the rows before it, to report repeats. */
export function mapCriticalListRow(
  fields: Readonly<Record<string, string>>,
  line: number,
  seen: ReadonlySet<string>,
): CriticalListRowOutcome {
  const text = collapseWhitespace(fields[ULCM_COLUMN] ?? '');
  const atc = parseAtcCode(text, 5);
  if (atc === undefined) {
    return {
      kind: 'rejected',
      reason: `invalid ATC level-5 code "${text}" in column ${ULCM_COLUMN}`,
    };
  }
  if (seen.has(atc)) return { kind: 'rejected', reason: `ATC code ${atc} is listed twice` };
  return { kind: 'code', atc, line };
}
