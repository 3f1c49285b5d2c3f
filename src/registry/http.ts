/** Registry routes: substances search, sites, countries, registers (provenance). */
import type { FastifyInstance } from 'fastify';
import type pg from 'pg';
import { ALL_COUNTRY_CODES } from '../kernel/country.ts';
import { SUPPLY_SOURCES, type SupplySource } from '../kernel/supply.ts';
import { UserFacingError } from '../kernel/errors.ts';
import {
  pageSchema,
  paginate,
  pagingQuerySchema,
  problemSchema,
  sortRows,
} from '../platform/http-server.ts';
import {
  REGISTERS,
  displayName,
  findSite,
  listCountries,
  listImportRuns,
  listSiteSupplies,
  listSites,
  loadRegistrySnapshot,
  searchSubstances,
} from './index.ts';

export const namesSchema = {
  type: 'object',
  description: 'Names by language; nl is derived from the English name where no register has it',
  properties: { en: { type: 'string' }, de: { type: 'string' }, nl: { type: 'string' } },
} as const;

const substanceSummarySchema = {
  type: 'object',
  required: ['atc', 'name', 'names', 'critical'],
  properties: {
    atc: { type: 'string', example: 'J01CA04' },
    name: { type: 'string', nullable: true },
    names: namesSchema,
    critical: { type: 'boolean', description: 'On the current Union list of critical medicines' },
  },
} as const;

const siteSummarySchema = {
  type: 'object',
  required: ['id', 'name', 'city', 'country', 'source', 'codes'],
  properties: {
    id: { type: 'integer' },
    name: { type: 'string' },
    city: { type: 'string', nullable: true },
    country: { type: 'string', description: 'ISO 3166-1 alpha-2' },
    source: { type: 'string', enum: [...SUPPLY_SOURCES] },
    codes: { type: 'integer', description: 'Distinct ATC codes the site is linked to' },
  },
} as const;

export const sourceParam = {
  type: 'string',
  enum: [...SUPPLY_SOURCES],
  description: 'Register: epar, bfarm, hpra or cep',
} as const;

export const countryParam = {
  type: 'string',
  pattern: '^[A-Za-z]{2}$',
  description: 'ISO 3166-1 alpha-2 country code',
} as const;

export const siteIdParam = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'integer', minimum: 1 } },
} as const;

export function registerRegistryRoutes(app: FastifyInstance, pool: pg.Pool): void {
  app.get<{ Querystring: { query?: string; critical?: boolean; page: number; pageSize: number } }>(
    '/v1/substances',
    {
      schema: {
        tags: ['registry'],
        summary: 'Search substances by ATC code or name (English, German, Dutch)',
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            query: { type: 'string', maxLength: 100 },
            critical: { type: 'boolean' },
            ...pagingQuerySchema,
          },
        },
        response: { 200: pageSchema(substanceSummarySchema), 400: problemSchema },
      },
    },
    async (request) => {
      const snapshot = await loadRegistrySnapshot(pool);
      const rows = searchSubstances(snapshot, request.query.query, request.query.critical);
      return paginate(rows, request.query.page, request.query.pageSize);
    },
  );

  app.get<{
    Querystring: {
      query?: string;
      country?: string;
      source?: SupplySource;
      sort: string;
      page: number;
      pageSize: number;
    };
  }>(
    '/v1/sites',
    {
      schema: {
        tags: ['registry'],
        summary: 'Manufacturing sites, by name or town, country and register',
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            query: { type: 'string', maxLength: 100 },
            country: countryParam,
            source: sourceParam,
            sort: {
              type: 'string',
              enum: ['name', '-name', 'country', '-country', 'codes', '-codes'],
              default: 'name',
            },
            ...pagingQuerySchema,
          },
        },
        response: { 200: pageSchema(siteSummarySchema), 400: problemSchema },
      },
    },
    async (request) => {
      const rows = await listSites(pool, {
        query: request.query.query,
        country: request.query.country?.toUpperCase(),
        source: request.query.source,
      });
      const items = rows.map((row) => ({
        id: row.id,
        name: row.name,
        city: row.city,
        country: row.country,
        source: row.source,
        codes: row.codes,
      }));
      sortRows(items, request.query.sort, (row, field) => row[field as keyof typeof row]);
      return paginate(items, request.query.page, request.query.pageSize);
    },
  );

  app.get<{ Params: { id: number } }>(
    '/v1/sites/:id',
    {
      schema: {
        tags: ['registry'],
        summary: 'One manufacturing site and what it supplies',
        params: siteIdParam,
        response: {
          200: {
            type: 'object',
            properties: {
              id: { type: 'integer' },
              name: { type: 'string' },
              city: { type: 'string', nullable: true },
              address: { type: 'string', nullable: true },
              country: { type: 'string' },
              source: { type: 'string' },
              organisation: { type: 'string', nullable: true },
              supplies: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: {
                    atc: { type: 'string' },
                    name: { type: 'string', nullable: true },
                    names: namesSchema,
                    step: { type: 'integer', nullable: true },
                    critical: { type: 'boolean' },
                    products: { type: 'integer' },
                    current: {
                      type: 'boolean',
                      description: 'False when only withdrawn, expired or suspended CEPs link it',
                    },
                  },
                },
              },
            },
          },
          400: problemSchema,
          404: problemSchema,
        },
      },
    },
    async (request) => {
      const site = await findSite(pool, request.params.id);
      if (site === undefined) {
        throw new UserFacingError(
          'MS_SITE_NOT_FOUND',
          `no manufacturing site with id ${request.params.id}`,
        );
      }
      const [supplies, snapshot] = await Promise.all([
        listSiteSupplies(pool, site.id),
        loadRegistrySnapshot(pool),
      ]);
      return {
        id: site.id,
        name: site.name,
        city: site.city,
        address: site.address,
        country: site.country,
        source: site.source,
        organisation: site.organisation,
        supplies: supplies.map((supply) => {
          const names = snapshot.names.get(supply.atc_code) ?? {};
          return {
            atc: supply.atc_code,
            name: displayName(names),
            names,
            step: supply.step,
            critical: snapshot.critical.codes.has(supply.atc_code),
            products: supply.products,
            current: supply.is_current,
          };
        }),
      };
    },
  );

  app.get(
    '/v1/countries',
    {
      schema: {
        tags: ['registry'],
        summary: 'Countries with manufacturing sites: sites and ATC codes per country',
        response: {
          200: {
            type: 'object',
            properties: {
              items: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: {
                    country: { type: 'string' },
                    sites: { type: 'integer' },
                    codes: { type: 'integer' },
                  },
                },
              },
              total: { type: 'integer' },
            },
          },
        },
      },
    },
    async () => {
      const items = await listCountries(pool);
      return { items, total: items.length };
    },
  );

  app.get<{ Params: { iso2: string } }>(
    '/v1/countries/:iso2',
    {
      schema: {
        tags: ['registry'],
        summary: 'The manufacturing sites in one country',
        params: {
          type: 'object',
          required: ['iso2'],
          properties: { iso2: countryParam },
        },
        response: {
          200: {
            type: 'object',
            properties: {
              country: { type: 'string' },
              codes: { type: 'integer' },
              sites: { type: 'array', items: siteSummarySchema },
            },
          },
          400: problemSchema,
        },
      },
    },
    async (request) => {
      const country = request.params.iso2.toUpperCase();
      if (!ALL_COUNTRY_CODES.includes(country)) {
        throw new UserFacingError(
          'MS_COUNTRY_INVALID',
          `"${request.params.iso2}" is not an ISO 3166-1 alpha-2 country code`,
        );
      }
      const rows = await listSites(pool, { country });
      const snapshot = await loadRegistrySnapshot(pool);
      const codes = new Set(
        snapshot.observations.filter((o) => o.country === country).map((o) => o.atc),
      );
      return {
        country,
        codes: codes.size,
        sites: rows.map((row) => ({
          id: row.id,
          name: row.name,
          city: row.city,
          country: row.country,
          source: row.source,
          codes: row.codes,
        })),
      };
    },
  );

  app.get(
    '/v1/registers',
    {
      schema: {
        tags: ['registry'],
        summary: 'The imported registers and their provenance (file, hash, rows)',
        response: {
          200: {
            type: 'object',
            required: ['items'],
            properties: {
              items: {
                type: 'array',
                description: 'The latest import of each register',
                items: {
                  type: 'object',
                  required: [
                    'register',
                    'file',
                    'sha256',
                    'importedAt',
                    'rowsRead',
                    'rowsImported',
                    'rowsSkipped',
                    'rowsRejected',
                  ],
                  properties: {
                    register: {
                      type: 'string',
                      enum: [...REGISTERS],
                      description: 'ulcm is the EU Union list of critical medicines',
                    },
                    file: { type: 'string' },
                    sha256: { type: 'string', description: 'SHA-256 of the imported file, hex' },
                    importedAt: { type: 'string', format: 'date-time' },
                    rowsRead: { type: 'integer' },
                    rowsImported: { type: 'integer' },
                    rowsSkipped: { type: 'integer' },
                    rowsRejected: { type: 'integer' },
                  },
                },
              },
            },
          },
        },
      },
    },
    async () => {
      const runs = await listImportRuns(pool);
      return {
        items: runs.map((run) => ({
          register: run.source,
          file: run.file_name,
          sha256: run.file_sha256,
          importedAt: run.imported_at.toISOString(),
          rowsRead: run.rows_read,
          rowsImported: run.rows_imported,
          rowsSkipped: run.rows_skipped,
          rowsRejected: run.rows_rejected,
        })),
      };
    },
  );
}
