/** Product routes: the public catalogue, alternatives, and catalogue uploads by MAHs and admins. */
import type { FastifyInstance } from 'fastify';
import type pg from 'pg';
import { UserFacingError } from '../kernel/errors.ts';
import { authorise, requireActor } from '../platform/auth.ts';
import { pageSchema, paginate, pagingQuerySchema, problemSchema } from '../platform/http-server.ts';
import { withUploadedFile } from '../platform/upload.ts';
import { ALTERNATIVE_MATCHES, findAlternatives } from './domain/alternatives.ts';
import { doseFormByCode } from './domain/pharmaceutical-form.ts';
import { importProductCatalogue } from './service.ts';
import { findProduct, listProducts, type ProductRow } from './store/products.store.ts';
import { loadCatalogueAround } from '../notifications/store/notifications.store.ts';

const packSchema = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    gtin: { type: 'string', nullable: true },
    nationalCode: { type: 'string', nullable: true, description: 'Z-index number (ZI-nummer)' },
    description: { type: 'string' },
    packSize: { type: 'number' },
    packUnit: { type: 'string' },
    marketed: { type: 'boolean' },
  },
} as const;

export const productSchema = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    registrationNumber: { type: 'string' },
    name: { type: 'string' },
    mahOrganisationId: { type: 'integer' },
    mahName: { type: 'string' },
    atc: { type: 'string', nullable: true },
    substances: { type: 'array', items: { type: 'string' } },
    strength: { type: 'string' },
    doseForm: { type: 'string' },
    doseFormName: {
      type: 'object',
      properties: { en: { type: 'string' }, nl: { type: 'string' } },
    },
    route: { type: 'string' },
    hospitalOnly: { type: 'boolean' },
    packs: { type: 'array', items: packSchema },
  },
} as const;

/** A product of another company that can stand in (see findAlternatives for the rules). */
export const alternativeSchema = {
  type: 'object',
  required: [
    'productId',
    'name',
    'registrationNumber',
    'mahName',
    'atc',
    'strength',
    'doseForm',
    'match',
    'reportedShort',
  ],
  properties: {
    productId: { type: 'integer' },
    name: { type: 'string' },
    registrationNumber: { type: 'string' },
    mahName: { type: 'string' },
    atc: { type: 'string', nullable: true },
    strength: { type: 'string' },
    doseForm: { type: 'string', description: 'EDQM Standard Terms code' },
    match: {
      type: 'string',
      enum: [...ALTERNATIVE_MATCHES],
      description:
        'same substance, strength and form; same substance and form; or same ATC level-4 group and form',
    },
    reportedShort: {
      type: 'boolean',
      description: 'The alternative has an open notification itself',
    },
  },
} as const;

export const rowReportSchema = {
  type: 'object',
  properties: {
    file: { type: 'string' },
    rowsRead: { type: 'integer' },
    rowsImported: { type: 'integer' },
    rowsRejected: { type: 'integer' },
    rejected: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          file: { type: 'string' },
          line: { type: 'integer' },
          reason: { type: 'string' },
        },
      },
    },
  },
} as const;

const catalogueReportSchema = {
  ...rowReportSchema,
  properties: { ...rowReportSchema.properties, products: { type: 'integer' } },
} as const;

export function productView(row: ProductRow) {
  const form = doseFormByCode(row.dose_form);
  return {
    id: row.id,
    registrationNumber: row.registration_number,
    name: row.name,
    mahOrganisationId: row.mah_organisation_id,
    mahName: row.mah_name,
    atc: row.atc_code,
    substances: row.substances,
    strength: row.strength,
    doseForm: row.dose_form,
    doseFormName: { en: form?.en ?? row.dose_form, nl: form?.nl ?? row.dose_form },
    route: row.route,
    hospitalOnly: row.hospital_only,
    packs: row.packs,
  };
}

export function registerProductRoutes(app: FastifyInstance, pool: pg.Pool): void {
  app.get<{
    Querystring: {
      query?: string;
      atc?: string;
      organisationId?: number;
      page: number;
      pageSize: number;
    };
  }>(
    '/v1/products',
    {
      schema: {
        tags: ['products'],
        summary: 'Medicinal products and their packs (public register)',
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            query: {
              type: 'string',
              maxLength: 100,
              description: 'Name, registration number, GTIN or ZI number',
            },
            atc: {
              type: 'string',
              pattern: '^[A-Za-z][0-9A-Za-z]{0,6}$',
              description: 'ATC code or prefix',
            },
            organisationId: {
              type: 'integer',
              minimum: 1,
              description: 'Marketing-authorisation holder',
            },
            ...pagingQuerySchema,
          },
        },
        response: { 200: pageSchema(productSchema), 400: problemSchema },
      },
    },
    async (request) => {
      const rows = await listProducts(pool, {
        query: request.query.query,
        atc: request.query.atc?.toUpperCase(),
        organisationId: request.query.organisationId,
      });
      return paginate(rows.map(productView), request.query.page, request.query.pageSize);
    },
  );

  app.get<{ Params: { id: number } }>(
    '/v1/products/:id',
    {
      schema: {
        tags: ['products'],
        summary: 'One product with its packs',
        params: {
          type: 'object',
          required: ['id'],
          properties: { id: { type: 'integer', minimum: 1 } },
        },
        response: { 200: productSchema, 400: problemSchema, 404: problemSchema },
      },
    },
    async (request) => {
      const row = await findProduct(pool, request.params.id);
      if (row === undefined)
        throw new UserFacingError(
          'MS_PRODUCT_NOT_FOUND',
          `no product with id ${request.params.id}`,
        );
      return productView(row);
    },
  );

  app.get<{ Params: { id: number } }>(
    '/v1/products/:id/alternatives',
    {
      schema: {
        tags: ['products'],
        summary:
          'Products of other companies that can stand in: same substance and form (same strength first), else same ATC level-4 group and form',
        params: {
          type: 'object',
          required: ['id'],
          properties: { id: { type: 'integer', minimum: 1 } },
        },
        response: {
          200: {
            type: 'object',
            required: ['items', 'total'],
            properties: {
              items: { type: 'array', description: 'Best match first', items: alternativeSchema },
              total: { type: 'integer' },
            },
          },
          400: problemSchema,
          404: problemSchema,
        },
      },
    },
    async (request) => {
      const row = await findProduct(pool, request.params.id);
      if (row === undefined)
        throw new UserFacingError(
          'MS_PRODUCT_NOT_FOUND',
          `no product with id ${request.params.id}`,
        );
      const items = await alternativesFor(pool, row);
      return { items, total: items.length };
    },
  );

  app.post(
    '/v1/product-imports',
    {
      preValidation: authorise({ roles: ['mah', 'admin'] }),
      schema: {
        tags: ['products'],
        summary:
          'Upload a product catalogue (CSV, one row per pack); answers with a per-row report',
        description:
          'Columns: registration_number, product_name, mah, atc_code, active_substances, strength, dose_form, route, hospital_only, gtin, zi_number, pack_size, pack_unit, pack_description. A marketing-authorisation holder may only upload its own products.',
        consumes: ['text/csv'],
        response: {
          200: catalogueReportSchema,
          201: catalogueReportSchema,
          400: problemSchema,
          401: problemSchema,
          403: problemSchema,
        },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request, { roles: ['mah', 'admin'] });
      const report = await withUploadedFile(request.body, (path) =>
        importProductCatalogue(pool, actor, path, { displayName: 'upload.csv' }),
      );
      return reply.status(report.rowsImported > 0 ? 201 : 200).send(report);
    },
  );
}

export async function alternativesFor(pool: pg.Pool, row: ProductRow) {
  if (row.atc_code === null) return [];
  const catalogue = await loadCatalogueAround(pool, [row.atc_code]);
  const products = catalogue.map((c) => ({
    id: c.id,
    mahOrganisationId: c.mah_organisation_id,
    atc: c.atc_code,
    doseForm: c.dose_form,
    strengthKey: c.strength_key,
    marketedPacks: c.marketed_packs,
    name: c.name,
    registrationNumber: c.registration_number,
    strength: c.strength,
    mahName: c.mah_name,
    reportedShort: c.has_open_notification,
  }));
  const self = {
    id: row.id,
    mahOrganisationId: row.mah_organisation_id,
    atc: row.atc_code,
    doseForm: row.dose_form,
    strengthKey: row.strength_key,
    marketedPacks: 1,
  };
  return findAlternatives(self, products).map(({ product, match }) => ({
    productId: product.id,
    name: product.name,
    registrationNumber: product.registrationNumber,
    mahName: product.mahName,
    atc: product.atc,
    strength: product.strength,
    doseForm: product.doseForm,
    match,
    reportedShort: product.reportedShort,
  }));
}
