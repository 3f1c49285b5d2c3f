/**
 * Product catalogue use cases: upload a catalogue CSV (per-row report, one transaction), list and
 * show products. A marketing-authorisation holder writes only its own products; an admin writes
 * any; every upload lands in the audit log.
 */
import { basename } from 'node:path';
import type pg from 'pg';
import type { Actor } from '../kernel/actor.ts';
import { UserFacingError } from '../kernel/errors.ts';
import { appendAudit } from '../platform/audit.ts';
import { readCsvRecords } from '../platform/csv-records.ts';
import { inTransaction } from '../platform/database.ts';
import { organisationNameKey } from '../registry/index.ts';
import type { PackInput } from './domain/types.ts';
import { mapProductRow, PRODUCT_CSV_COLUMNS } from './ingest/products-csv/products-csv.ingest.ts';
import {
  findOrganisationIdsByName,
  findPackOwners,
  findProductOwners,
  insertOrganisations,
  upsertPacks,
} from './store/products.store.ts';

export interface RowProblem {
  readonly file: string;
  readonly line: number;
  readonly reason: string;
}

export interface CatalogueReport {
  readonly file: string;
  readonly rowsRead: number;
  readonly rowsImported: number;
  readonly rowsRejected: number;
  readonly products: number;
  readonly rejected: readonly RowProblem[];
}

/** The key organisations are matched by: the same as the registry's (legal form dropped). */
export const organisationKey = organisationNameKey;

const PRODUCT_FIELDS: readonly (keyof PackInput)[] = [
  'productName',
  'mahName',
  'atc',
  'strengthKey',
  'doseForm',
];

function requireCatalogueWriter(actor: Actor): void {
  if (actor.role !== 'admin' && actor.role !== 'mah') {
    throw new UserFacingError(
      'MS_AUTH_FORBIDDEN',
      'only a marketing-authorisation holder or an admin uploads products',
    );
  }
}

export async function importProductCatalogue(
  pool: pg.Pool,
  actor: Actor,
  path: string,
  options: { displayName?: string } = {},
): Promise<CatalogueReport> {
  requireCatalogueWriter(actor);
  const file = options.displayName ?? basename(path);
  const packs: PackInput[] = [];
  const rejected: RowProblem[] = [];
  let rowsRead = 0;
  for await (const record of readCsvRecords(path, {
    delimiter: ',',
    requiredColumns: PRODUCT_CSV_COLUMNS,
    displayName: file,
  })) {
    rowsRead++;
    if (record.fieldCountProblem !== undefined) {
      rejected.push({ file, line: record.line, reason: `the row ${record.fieldCountProblem}` });
      continue;
    }
    const outcome = mapProductRow(record.fields, record.line);
    if (outcome.kind === 'rejected')
      rejected.push({ file, line: record.line, reason: outcome.reasons.join('; ') });
    else packs.push(outcome.pack);
  }
  if (rowsRead === 0) {
    throw new UserFacingError(
      'MS_IMPORT_NO_VALID_ROWS',
      `${file}:2: the file has a header but no data rows`,
    );
  }

  const accepted: (PackInput & { mahOrganisationId: number })[] = [];
  await inTransaction(pool, async (client) => {
    const ownOrganisation = actor.organisationId;
    const names = [...new Set(packs.map((p) => p.mahName))];
    if (actor.role === 'admin') {
      await insertOrganisations(
        client,
        names.map((name) => ({ name, nameKey: organisationKey(name) })),
      );
    }
    const organisationIds = await findOrganisationIdsByName(client, names.map(organisationKey));
    const owners = await findProductOwners(
      client,
      packs.map((p) => p.registrationNumber),
    );
    const packOwners = await findPackOwners(
      client,
      packs.flatMap((p) => (p.gtin === null ? [] : [p.gtin])),
      packs.flatMap((p) => (p.nationalCode === null ? [] : [p.nationalCode])),
    );
    const firstRowOfProduct = new Map<string, PackInput>();
    const seenGtins = new Map<string, number>();
    const seenCodes = new Map<string, number>();
    for (const pack of packs) {
      const reasons: string[] = [];
      const mahId = organisationIds.get(organisationKey(pack.mahName));
      if (mahId === undefined) reasons.push(`mah "${pack.mahName}" is not a known organisation`);
      else if (actor.role !== 'admin' && mahId !== ownOrganisation) {
        reasons.push(`mah "${pack.mahName}" is not your organisation`);
      }
      const owner = owners.get(pack.registrationNumber);
      if (owner !== undefined && mahId !== undefined && owner !== mahId) {
        reasons.push(
          `registration_number ${pack.registrationNumber} belongs to another organisation`,
        );
      }
      const first = firstRowOfProduct.get(pack.registrationNumber);
      if (first !== undefined) {
        const differing = PRODUCT_FIELDS.filter((field) => first[field] !== pack[field]);
        if (differing.length > 0) {
          reasons.push(
            `differs from line ${first.line} for the same registration_number in ${differing.join(', ')}`,
          );
        }
      }
      if (pack.gtin !== null) {
        const seen = seenGtins.get(pack.gtin);
        if (seen !== undefined) reasons.push(`gtin ${pack.gtin} is also on line ${seen}`);
        const holder = packOwners.byGtin.get(pack.gtin);
        if (holder !== undefined && holder !== pack.registrationNumber) {
          reasons.push(`gtin ${pack.gtin} is a pack of another product (${holder})`);
        }
      }
      if (pack.nationalCode !== null) {
        const seen = seenCodes.get(pack.nationalCode);
        if (seen !== undefined)
          reasons.push(`zi_number ${pack.nationalCode} is also on line ${seen}`);
        const holder = packOwners.byNationalCode.get(pack.nationalCode);
        if (holder !== undefined && holder !== pack.registrationNumber) {
          reasons.push(`zi_number ${pack.nationalCode} is a pack of another product (${holder})`);
        }
      }
      if (reasons.length > 0 || mahId === undefined) {
        rejected.push({ file, line: pack.line, reason: reasons.join('; ') });
        continue;
      }
      if (first === undefined) firstRowOfProduct.set(pack.registrationNumber, pack);
      if (pack.gtin !== null) seenGtins.set(pack.gtin, pack.line);
      if (pack.nationalCode !== null) seenCodes.set(pack.nationalCode, pack.line);
      accepted.push({ ...pack, mahOrganisationId: mahId });
    }
    if (accepted.length > 0) await upsertPacks(client, accepted, file);
    await appendAudit(client, {
      actor,
      action: 'import',
      entity: 'product_catalogue',
      entityId: file,
      after: {
        rowsRead,
        rowsImported: accepted.length,
        rowsRejected: rejected.length,
        registrationNumbers: [...new Set(accepted.map((p) => p.registrationNumber))],
      },
    });
  });
  rejected.sort((a, b) => a.line - b.line);
  return {
    file,
    rowsRead,
    rowsImported: accepted.length,
    rowsRejected: rejected.length,
    products: new Set(accepted.map((p) => p.registrationNumber)).size,
    rejected,
  };
}
