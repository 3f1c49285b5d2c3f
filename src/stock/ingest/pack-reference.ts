/** How every format names a pack: our pack id, or a GTIN with a correct check digit. */
import { isValidGtin, toGtin14 } from '../../products/domain/identifiers.ts';
import type { FieldResult, PackReference } from '../domain/reports.ts';

export function parsePackId(value: unknown, field: string): FieldResult<PackReference> {
  const number = typeof value === 'string' && /^\s*\d+\s*$/.test(value) ? Number(value) : value;
  if (typeof number === 'number' && Number.isSafeInteger(number) && number >= 1) {
    return { ok: true, value: { kind: 'id', id: number } };
  }
  return {
    ok: false,
    code: 'MS_STOCK_UNKNOWN_PACK',
    detail: `${field} ${JSON.stringify(value)} is not a pack id (a whole number from 1)`,
  };
}

export function parseGtin(value: unknown, field: string): FieldResult<PackReference> {
  // A GTIN sent as a JSON number has lost its leading zeros: text only.
  const text = typeof value === 'string' ? value.trim() : '';
  if (!isValidGtin(text)) {
    return {
      ok: false,
      code: 'MS_STOCK_UNKNOWN_PACK',
      detail: `${field} ${JSON.stringify(value)} is not a valid GTIN (8, 12, 13 or 14 digits with a correct check digit)`,
    };
  }
  return { ok: true, value: { kind: 'gtin', gtin: toGtin14(text) } };
}
