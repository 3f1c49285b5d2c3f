/**
 * The demo product catalogue: Dutch-market-like products derived deterministically from the real
 * HPRA register rows (product names, strengths, forms, ATC codes, licence holders), with demo
 * registration numbers, GTINs (prefix 87, valid check digits) and Z-index numbers. Part of the
 * products are given to the two demo MAH companies so their demo users have packs to report on.
 * Clearly demo data: the registration numbers and codes are invented.
 */
import { parseAtcCode } from '../kernel/atc.ts';
import { csvField } from '../platform/output.ts';
import { deriveDutchName } from '../registry/domain/dutch-names.ts';
import { namesFromAtcText } from '../registry/ingest/hpra/hpra.ingest.ts';
import { gs1CheckDigit } from './domain/identifiers.ts';
import { doseFormFromName } from './domain/pharmaceutical-form.ts';
import { formatStrength, parseStrength } from './domain/strength.ts';
import { PRODUCT_CSV_COLUMNS } from './ingest/products-csv/products-csv.ingest.ts';

export const DEMO_MAHS = ['Pharmacia Nederland B.V.', 'Generica Benelux B.V.'] as const;

/** FNV-1a: a small stable hash, so the same input always gives the same catalogue. */
export function stableHash(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

const PACK_SIZES: Record<string, readonly [number, string][]> = {
  'oral-solid': [
    [30, 'tablet'],
    [90, 'tablet'],
  ],
  'oral-solid-gastro': [
    [28, 'tablet'],
    [56, 'tablet'],
  ],
  'oral-solid-prolonged': [
    [30, 'tablet'],
    [100, 'tablet'],
  ],
  'oral-liquid': [[100, 'ml']],
  injection: [
    [1, 'vial'],
    [10, 'vial'],
  ],
  inhalation: [[1, 'inhaler']],
};

export interface HpraProductRow {
  readonly licenceNumber: string;
  readonly productName: string;
  readonly licenceHolder: string;
  readonly atcText: string;
  readonly matchedAtc: string;
}

/** CSV text of the demo catalogue in the product upload template. */
export function buildDemoCatalogue(rows: readonly HpraProductRow[]): string {
  const lines = [PRODUCT_CSV_COLUMNS.join(',')];
  const seen = new Set<string>();
  const sorted = [...rows].sort((a, b) => a.licenceNumber.localeCompare(b.licenceNumber));
  let serial = 0;
  let productIndex = 0;
  for (const row of sorted) {
    if (seen.has(row.licenceNumber) || row.licenceNumber === '') continue;
    seen.add(row.licenceNumber);
    const atc = parseAtcCode(row.matchedAtc.split(',')[0] ?? '', 5);
    const parts = parseStrength(row.productName);
    const form = doseFormFromName(row.productName);
    if (atc === undefined || parts.length === 0 || form.code === 'other') continue;
    const hash = stableHash(row.licenceNumber);
    const english = namesFromAtcText(row.atcText).find((name) => name.atc === atc)?.name;
    const substance = english === undefined ? '' : deriveDutchName(english);
    const holder = row.licenceHolder.replace(/[,\s]+$/, '');
    const mah = hash % 10 < 1 ? DEMO_MAHS[0] : hash % 10 < 2 ? DEMO_MAHS[1] : holder;
    const strength = formatStrength(parts);
    // The demo companies sell generics under their own name, never a real company's brand.
    const ownBrand = (DEMO_MAHS as readonly string[]).includes(mah);
    const brand = ownBrand
      ? `${substance === '' ? atc : `${substance.charAt(0).toUpperCase()}${substance.slice(1)}`} ${mah.split(' ')[0] ?? ''}`
      : (row.productName.split(/\s\d/)[0]?.trim() ?? row.productName);
    const name = `${brand} ${strength}, ${form.nl}`;
    productIndex++;
    const registration = `RVG ${String(100_000 + productIndex * 37)}`;
    const sizes = (PACK_SIZES[form.group] ?? [[1, 'pack']]).map(
      ([size, unit]) => [size, form.code.includes('capsule') ? 'capsule' : unit] as const,
    );
    const hospitalOnly = form.route === 'parenteral' ? 'yes' : 'no';
    sizes.forEach(([size, unit]) => {
      serial++;
      const body = `87${String(10_000_000 + serial * 7_919)
        .padStart(10, '0')
        .slice(-10)}`;
      const gtin = body + String(gs1CheckDigit(body));
      const zi = String(10_000_000 + serial * 4_099);
      lines.push(
        [
          registration,
          name,
          mah,
          atc,
          substance,
          strength,
          form.code,
          form.route,
          hospitalOnly,
          gtin,
          zi,
          String(size),
          unit,
          `${size} ${unit}`,
        ]
          .map(csvField)
          .join(','),
      );
    });
  }
  return lines.join('\n') + '\n';
}
