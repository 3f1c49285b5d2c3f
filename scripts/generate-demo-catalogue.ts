/** Writes data/demo/products.csv from the shipped HPRA register (deterministic). */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readCsvRecords } from '../src/platform/csv-records.ts';
import { buildDemoCatalogue, type HpraProductRow } from '../src/products/demo-catalogue.ts';
import { FOLDER_LAYOUT, REFERENCE_DATA_DIR } from '../src/registry/index.ts';

const rows: HpraProductRow[] = [];
for await (const record of readCsvRecords(join(REFERENCE_DATA_DIR, FOLDER_LAYOUT.hpra), {
  delimiter: ',',
  requiredColumns: [
    'licence_number',
    'product_name',
    'licence_holder',
    'atc_code',
    'matched_critical_atc',
  ],
})) {
  rows.push({
    licenceNumber: record.fields.licence_number ?? '',
    productName: (record.fields.product_name ?? '').replace(/\s+/g, ' ').trim(),
    licenceHolder: (record.fields.licence_holder ?? '').replace(/\s+/g, ' ').trim(),
    atcText: record.fields.atc_code ?? '',
    matchedAtc: record.fields.matched_critical_atc ?? '',
  });
}
writeFileSync('data/demo/products.csv', buildDemoCatalogue(rows));
process.stdout.write('wrote data/demo/products.csv\n');
