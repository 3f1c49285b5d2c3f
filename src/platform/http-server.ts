/**
 * The HTTP frame shared by every capability, following the Dutch government's REST API Design
 * Rules (https://gitdocumentatie.logius.nl/publicatie/api/adr/): the major version in the path,
 * an API-Version header on every response, no trailing-slash redirects, errors as
 * application/problem+json (RFC 9457) listing every invalid field at once, the OpenAPI document
 * readable from any origin; plus security headers and a CORS origin allow-list.
 */
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply } from 'fastify';
import swagger from '@fastify/swagger';
import {
  ERROR_CATALOGUE,
  problemType,
  UserFacingError,
  type ErrorCode,
  type ProblemDetail,
} from '../kernel/errors.ts';

export const API_VERSION = '1.0.0';
/** The largest CSV upload accepted (bytes). */
export const CSV_UPLOAD_LIMIT = 10 * 1024 * 1024;
export const OPENAPI_PATH = '/v1/openapi.json';

export interface HttpServerOptions {
  /** Origins allowed to call the API from a browser (besides the server's own pages). */
  readonly corsOrigins?: readonly string[];
  readonly logger?: boolean;
  readonly bodyLimit?: number;
}

/**
 * Error answers are sent as application/problem+json (RFC 9457), but the route schemas can only
 * say "JSON": in the OpenAPI document every 4xx/5xx response's application/json becomes
 * application/problem+json, so clients generated from it expect what they get.
 */
export function declareProblemResponses<T>(document: T): T {
  const paths = (document as { paths?: Record<string, Record<string, unknown>> }).paths ?? {};
  for (const operations of Object.values(paths)) {
    for (const operation of Object.values(operations)) {
      const responses = (operation as { responses?: Record<string, { content?: object }> })
        .responses;
      for (const [status, response] of Object.entries(responses ?? {})) {
        const isError = status === 'default' || Number(status) >= 400;
        const content = response.content as Record<string, unknown> | undefined;
        if (!isError || content?.['application/json'] === undefined) continue;
        const { 'application/json': problem, ...others } = content;
        response.content = { 'application/problem+json': problem, ...others };
      }
    }
  }
  return document;
}

export function problemBody(
  code: ErrorCode,
  detail: string,
  instance: string,
  errors: readonly ProblemDetail[] = [],
) {
  const definition = ERROR_CATALOGUE[code];
  return {
    type: problemType(code),
    title: definition.title,
    status: definition.status,
    detail,
    instance,
    code,
    ...(errors.length > 0 ? { errors } : {}),
  };
}

export function sendProblem(
  reply: FastifyReply,
  code: ErrorCode,
  detail: string,
  errors: readonly ProblemDetail[] = [],
): FastifyReply {
  return reply
    .status(ERROR_CATALOGUE[code].status)
    .type('application/problem+json')
    .send(problemBody(code, detail, reply.request.url, errors));
}

interface AjvError {
  instancePath: string;
  keyword: string;
  message?: string;
  params: Record<string, unknown>;
}

/** Ajv's errors as problem details, pointing at the query parameter, path part or body field. */
function validationProblems(errors: readonly AjvError[], context: string): ProblemDetail[] {
  return errors.map((error) => {
    const field =
      error.keyword === 'required'
        ? `/${String(error.params.missingProperty)}`
        : error.keyword === 'additionalProperties'
          ? `/${String(error.params.additionalProperty)}`
          : error.instancePath;
    const name = field.replace(/^\//, '');
    let detail = `${name === '' ? context : name} ${error.message ?? 'is invalid'}`;
    if (error.keyword === 'additionalProperties') detail = `${name} is not a known parameter`;
    if (error.keyword === 'enum') {
      detail = `${name} must be one of ${(error.params.allowedValues as string[]).join(', ')}`;
    }
    return { pointer: `/${context}${field}`, code: 'MS_REQUEST_INVALID' as const, detail };
  });
}

export async function createHttpServer(options: HttpServerOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: options.bodyLimit ?? 1024 * 1024,
    // No redirects: /v1/health/ is simply not found (API Design Rules, API-48).
    routerOptions: { ignoreTrailingSlash: false },
    // removeAdditional off: an unknown parameter is an error to report, not to drop silently.
    ajv: {
      customOptions: {
        allErrors: true,
        coerceTypes: 'array',
        useDefaults: true,
        removeAdditional: false,
        // OpenAPI's documentation keyword, allowed in route schemas.
        keywords: ['example'],
      },
    },
  });
  const allowedOrigins = new Set(options.corsOrigins ?? []);

  // CSV uploads (catalogues, bulk notifications) arrive as text; larger than JSON bodies.
  app.addContentTypeParser(
    ['text/csv', 'text/plain'],
    { parseAs: 'string', bodyLimit: CSV_UPLOAD_LIMIT },
    (_request, body, done) => {
      done(null, body);
    },
  );

  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'medsupply API',
        version: API_VERSION,
        description:
          'Medicine supply security: the supply-chain registry, vulnerability analytics and impact of losing a site or a country.',
        contact: { name: 'medsupply', url: 'https://github.com/medsupply/medsupply' },
        license: { name: 'EUPL-1.2', url: 'https://eupl.eu/1.2/en/' },
      },
      servers: [{ url: '/' }],
      components: {
        securitySchemes: {
          sessionCookie: {
            type: 'apiKey',
            in: 'cookie',
            name: 'medsupply_session',
            description:
              'Web login (POST /v1/sessions); unsafe methods also need the X-CSRF-Token header from the login answer',
          },
          apiToken: {
            type: 'http',
            scheme: 'bearer',
            description:
              'An API token of one organisation (POST /v1/api-tokens), for machine-to-machine use',
          },
        },
      },
    },
    hideUntagged: false,
    transformObject: (documents) =>
      'openapiObject' in documents
        ? declareProblemResponses(documents.openapiObject)
        : documents.swaggerObject,
  });

  app.addHook('onRequest', async (request, reply) => {
    const origin = request.headers.origin;
    if (request.url.startsWith(OPENAPI_PATH)) {
      reply.header('access-control-allow-origin', '*');
    } else if (origin !== undefined && allowedOrigins.has(origin)) {
      reply.header('access-control-allow-origin', origin);
      reply.header('vary', 'Origin');
    }
  });

  // PostgreSQL text cannot hold NUL: refuse it in query and path parameters instead of failing
  // later with a 500. Bodies are checked by each capability's validator, field by field.
  app.addHook('preHandler', (request, _reply, done) => {
    const problems: ProblemDetail[] = [];
    const visit = (value: unknown, pointer: string): void => {
      if (typeof value === 'string') {
        if (value.includes('\u0000')) {
          problems.push({
            pointer,
            code: 'MS_REQUEST_INVALID',
            detail: `${pointer.split('/').pop() ?? 'value'} contains a NUL character`,
          });
        }
      } else if (Array.isArray(value)) {
        value.forEach((item, index) => {
          visit(item, `${pointer}/${index}`);
        });
      } else if (value !== null && typeof value === 'object') {
        for (const [key, item] of Object.entries(value)) visit(item, `${pointer}/${key}`);
      }
    };
    visit(request.query, '/querystring');
    visit(request.params, '/params');
    if (problems.length > 0) {
      done(
        new UserFacingError(
          'MS_REQUEST_INVALID',
          `${problems.length} invalid parameter${problems.length === 1 ? '' : 's'}`,
          problems,
        ),
      );
      return;
    }
    done();
  });

  app.addHook('onSend', async (request, reply, payload) => {
    reply.header('api-version', API_VERSION);
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'no-referrer');
    if (!reply.hasHeader('content-security-policy')) {
      reply.header('content-security-policy', "frame-ancestors 'none'");
    }
    reply.header('x-frame-options', 'DENY');
    if (request.url.startsWith('/v1/') && !reply.hasHeader('cache-control')) {
      reply.header('cache-control', 'no-cache');
    }
    return payload;
  });

  app.setErrorHandler(
    (
      error: FastifyError & { validation?: AjvError[]; validationContext?: string },
      request,
      reply,
    ) => {
      if (error.validation !== undefined) {
        const problems = validationProblems(error.validation, error.validationContext ?? 'query');
        return sendProblem(
          reply,
          'MS_REQUEST_INVALID',
          `${problems.length} invalid parameter${problems.length === 1 ? '' : 's'}`,
          problems,
        );
      }
      if (error instanceof UserFacingError) {
        return sendProblem(reply, error.code, error.message, error.errors);
      }
      if (error.statusCode === 413) {
        return sendProblem(reply, 'MS_REQUEST_TOO_LARGE', error.message);
      }
      if (error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500) {
        return sendProblem(reply, 'MS_REQUEST_INVALID', error.message);
      }
      request.log.error(error);
      return sendProblem(reply, 'MS_INTERNAL', 'an internal error occurred; it has been logged');
    },
  );

  return app;
}

/** Paging and sorting parameters shared by every list (camelCase, API Design Rules). */
export const pagingQuerySchema = {
  page: { type: 'integer', minimum: 1, default: 1, description: 'Page number, from 1' },
  pageSize: {
    type: 'integer',
    minimum: 1,
    maximum: 500,
    default: 50,
    description: 'Items per page (at most 500)',
  },
} as const;

export interface Page<T> {
  readonly items: T[];
  readonly total: number;
  readonly page: number;
  readonly pageSize: number;
}

export function paginate<T>(rows: readonly T[], page: number, pageSize: number): Page<T> {
  return {
    items: rows.slice((page - 1) * pageSize, page * pageSize),
    total: rows.length,
    page,
    pageSize,
  };
}

export function pageSchema(itemSchema: object) {
  return {
    type: 'object',
    required: ['items', 'total', 'page', 'pageSize'],
    properties: {
      items: { type: 'array', items: itemSchema },
      total: { type: 'integer' },
      page: { type: 'integer' },
      pageSize: { type: 'integer' },
    },
  } as const;
}

export const problemSchema = {
  type: 'object',
  description: 'RFC 9457 problem details',
  properties: {
    type: { type: 'string' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    instance: { type: 'string' },
    code: { type: 'string' },
    errors: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          pointer: { type: 'string' },
          code: { type: 'string' },
          detail: { type: 'string' },
        },
      },
    },
  },
} as const;

/** Sorts by a field name, "-" prefix for descending; unknown fields are rejected by the schema. */
export function sortRows<T>(
  rows: T[],
  sort: string,
  field: (row: T, name: string) => unknown,
): T[] {
  const descending = sort.startsWith('-');
  const name = descending ? sort.slice(1) : sort;
  const direction = descending ? -1 : 1;
  return rows.sort((a, b) => {
    const x = field(a, name);
    const y = field(b, name);
    if (x === y) return 0;
    if (x === null || x === undefined) return 1;
    if (y === null || y === undefined) return -1;
    if (typeof x === 'number' && typeof y === 'number') return (x - y) * direction;
    if (typeof x === 'boolean' && typeof y === 'boolean')
      return (Number(x) - Number(y)) * direction;
    return (typeof x === 'string' && typeof y === 'string' ? x.localeCompare(y) : 0) * direction;
  });
}
