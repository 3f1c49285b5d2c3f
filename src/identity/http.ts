/**
 * Identity routes: sessions (web login), API tokens, users, organisations and the audit log.
 * Parse, call the service, map the result; authorisation happens in the services, and the route
 * guards (`authorise`) answer 401/403 before a body is even read.
 */
import type { FastifyInstance } from 'fastify';
import type pg from 'pg';
import { ROLES, type Role } from '../kernel/actor.ts';
import { UserFacingError } from '../kernel/errors.ts';
import {
  authorise,
  clearSessionCookie,
  readSessionCookie,
  requireActor,
  setSessionCookie,
  wantsSecureCookie,
} from '../platform/auth.ts';
import { pageSchema, pagingQuerySchema, problemSchema } from '../platform/http-server.ts';
import { AUDIT_LOG_READER_ROLES, IDENTITY_ADMIN_ROLES } from './domain/permissions.ts';
import { ORGANISATION_KINDS, type OrganisationKind } from './domain/types.ts';
import { parseTimestamp, PASSWORD_MIN_LENGTH } from './domain/validation.ts';
import { listAuditLog } from './services/audit.service.ts';
import { describeSession, login, LoginRateLimitedError, logout } from './services/auth.service.ts';
import {
  createOrganisation,
  getOrganisation,
  listOrganisationsFor,
  updateOrganisation,
} from './services/organisation.service.ts';
import { createApiToken, listApiTokensFor, revokeApiToken } from './services/token.service.ts';
import { createUser, getUser, listUsersFor, updateUser } from './services/user.service.ts';

export interface IdentityRouteOptions {
  /** Always mark the session cookie Secure (behind a TLS-terminating proxy). */
  readonly secureCookies: boolean;
}

const roleSchema = { type: 'string', enum: [...ROLES] } as const;
const kindSchema = { type: 'string', enum: [...ORGANISATION_KINDS] } as const;
const timestamp = { type: 'string', format: 'date-time' } as const;
const nullableTimestamp = { type: 'string', format: 'date-time', nullable: true } as const;

export const organisationSchema = {
  type: 'object',
  required: ['id', 'name', 'kind', 'externalCode', 'createdAt'],
  properties: {
    id: { type: 'integer' },
    name: { type: 'string' },
    kind: kindSchema,
    externalCode: {
      type: 'string',
      nullable: true,
      description: 'An outside identifier (KvK number, GLN, EMA organisation id)',
    },
    createdAt: timestamp,
  },
} as const;

export const userSchema = {
  type: 'object',
  required: [
    'id',
    'organisationId',
    'email',
    'displayName',
    'role',
    'disabled',
    'createdAt',
    'lastLoginAt',
  ],
  properties: {
    id: { type: 'integer' },
    organisationId: { type: 'integer' },
    email: { type: 'string' },
    displayName: { type: 'string' },
    role: roleSchema,
    disabled: { type: 'boolean' },
    createdAt: timestamp,
    lastLoginAt: nullableTimestamp,
  },
} as const;

const tokenProperties = {
  id: { type: 'integer' },
  organisationId: { type: 'integer' },
  role: roleSchema,
  name: { type: 'string' },
  prefix: { type: 'string', description: 'The first characters of the token' },
  createdBy: { type: 'string', description: '"user:<id>", "token:<id>" or a system name' },
  createdAt: timestamp,
  expiresAt: nullableTimestamp,
  lastUsedAt: nullableTimestamp,
  revokedAt: nullableTimestamp,
} as const;

export const apiTokenSchema = {
  type: 'object',
  required: Object.keys(tokenProperties),
  properties: tokenProperties,
} as const;

const sessionSchema = {
  type: 'object',
  required: ['user', 'organisation', 'csrfToken'],
  properties: {
    user: userSchema,
    organisation: organisationSchema,
    csrfToken: {
      type: 'string',
      description: 'Send as X-CSRF-Token with every POST, PUT, PATCH and DELETE of this session',
    },
    expiresAt: timestamp,
  },
} as const;

const auditEntrySchema = {
  type: 'object',
  required: ['id', 'at', 'actor', 'action', 'entity', 'entityId', 'before', 'after'],
  properties: {
    id: { type: 'integer' },
    at: timestamp,
    actor: {
      type: 'object',
      properties: {
        kind: { type: 'string', enum: ['user', 'token', 'system'] },
        id: { type: 'string', nullable: true },
        name: { type: 'string' },
        organisationId: { type: 'integer', nullable: true },
        role: { type: 'string', enum: [...ROLES], nullable: true },
      },
    },
    action: { type: 'string', example: 'create' },
    entity: { type: 'string', example: 'user' },
    entityId: { type: 'string', nullable: true },
    before: { description: 'The entity before the write (null for a creation)' },
    after: { description: 'The entity after the write' },
  },
} as const;

// Query text goes into SQL parameters; PostgreSQL text cannot hold NUL, so refuse control
// characters here rather than fail there.
const PLAIN_TEXT = '^[^\\u0000-\\u001f\\u007f]*$';
const queryText = (maxLength: number) =>
  ({ type: 'string', maxLength, pattern: PLAIN_TEXT }) as const;

const idParams = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'integer', minimum: 1 } },
} as const;

const errorResponses = {
  400: problemSchema,
  401: problemSchema,
  403: problemSchema,
  404: problemSchema,
} as const;

const SESSION_AUTH =
  'Needs a login (session cookie, with X-CSRF-Token on writes) or an API token (Authorization: Bearer).';

function created<T extends { id: number }>(
  reply: { status(code: number): unknown; header(name: string, value: string): unknown },
  path: string,
  body: T,
): T {
  reply.status(201);
  reply.header('location', `${path}/${body.id}`);
  return body;
}

export function registerIdentityRoutes(
  app: FastifyInstance,
  pool: pg.Pool,
  options: IdentityRouteOptions,
): void {
  const admin = authorise({ roles: IDENTITY_ADMIN_ROLES });
  const anyActor = authorise();

  // --- sessions -------------------------------------------------------------------------------

  app.post<{ Body: { email: string; password: string } }>(
    '/v1/sessions',
    {
      // The login has no CSRF token yet; SameSite=Strict keeps other sites' forms from using it.
      config: { csrf: false },
      schema: {
        tags: ['identity'],
        summary: 'Log in: sets the session cookie and returns the CSRF token',
        description:
          'The same 401 answers an unknown email and a wrong password. After 5 failed logins for an email, or 20 from one client address, within 15 minutes: 429 with Retry-After.',
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['email', 'password'],
          properties: {
            email: { type: 'string', maxLength: 254 },
            password: { type: 'string', maxLength: 1024 },
          },
        },
        response: {
          201: sessionSchema,
          400: problemSchema,
          401: problemSchema,
          429: problemSchema,
        },
      },
    },
    async (request, reply) => {
      const now = new Date();
      // The answer carries the CSRF token: no cache may keep it.
      reply.header('cache-control', 'no-store');
      try {
        const result = await login(pool, {
          email: request.body.email,
          password: request.body.password,
          clientIp: request.ip,
          now,
        });
        setSessionCookie(reply, result.sessionId, {
          secure: wantsSecureCookie(request, options.secureCookies),
          maxAgeSeconds: (result.expiresAt.getTime() - now.getTime()) / 1000,
        });
        reply.status(201);
        return {
          user: result.user,
          organisation: result.organisation,
          csrfToken: result.csrfToken,
          expiresAt: result.expiresAt.toISOString(),
        };
      } catch (error) {
        if (error instanceof LoginRateLimitedError) {
          reply.header('retry-after', String(error.retryAfterSeconds));
        }
        throw error;
      }
    },
  );

  app.get(
    '/v1/sessions/current',
    {
      schema: {
        tags: ['identity'],
        summary: 'The logged-in user, organisation and CSRF token of this session',
        description:
          'Without a live session (anonymous, expired or unknown cookie) the answer is 204 No Content: not being logged in is an ordinary state of a public page, not an error.',
        response: { 200: sessionSchema, 204: { type: 'null' } },
      },
    },
    async (request, reply) => {
      const sessionId = readSessionCookie(request);
      const session =
        sessionId === undefined || request.authentication !== 'session'
          ? undefined
          : await describeSession(pool, sessionId, new Date());
      if (session === undefined) return reply.status(204).send();
      return session;
    },
  );

  app.delete(
    '/v1/sessions/current',
    {
      schema: {
        tags: ['identity'],
        summary: 'Log out: ends the session and deletes the cookie',
        response: { 204: { type: 'null' }, 403: problemSchema },
      },
    },
    async (request, reply) => {
      const sessionId = readSessionCookie(request);
      if (sessionId !== undefined && request.authentication === 'session') {
        await logout(pool, sessionId, request.actor);
      }
      clearSessionCookie(reply, wantsSecureCookie(request, options.secureCookies));
      return reply.status(204).send();
    },
  );

  // --- API tokens -----------------------------------------------------------------------------

  app.post<{
    Body: { name: string; role?: Role; organisationId?: number; expiresAt?: string | null };
  }>(
    '/v1/api-tokens',
    {
      onRequest: anyActor,
      schema: {
        tags: ['identity'],
        summary: 'Create an API token; the secret is in this response only',
        description: `${SESSION_AUTH} A user creates tokens for its own organisation with its own role; the admin for any organisation, with a role that fits the organisation's kind. Tokens cannot create tokens.`,
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['name'],
          properties: {
            name: { type: 'string', maxLength: 100, description: 'What the token is for' },
            role: { ...roleSchema, description: "Default: the creator's role" },
            organisationId: {
              type: 'integer',
              minimum: 1,
              description: "Default: the creator's organisation",
            },
            expiresAt: { ...nullableTimestamp, description: 'Default: valid until revoked' },
          },
        },
        response: {
          201: {
            type: 'object',
            required: [...apiTokenSchema.required, 'secret'],
            properties: {
              ...tokenProperties,
              secret: {
                type: 'string',
                description:
                  'Send as "Authorization: Bearer <secret>". Shown once, stored nowhere.',
              },
            },
          },
          ...errorResponses,
        },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const result = await createApiToken(pool, actor, request.body, new Date());
      return created(reply, '/v1/api-tokens', { ...result.token, secret: result.secret });
    },
  );

  app.get<{ Querystring: { organisationId?: number; page: number; pageSize: number } }>(
    '/v1/api-tokens',
    {
      onRequest: anyActor,
      schema: {
        tags: ['identity'],
        summary: "API tokens of the caller's organisation (admin: all, or one organisation's)",
        description: SESSION_AUTH,
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            organisationId: { type: 'integer', minimum: 1 },
            ...pagingQuerySchema,
          },
        },
        response: { 200: pageSchema(apiTokenSchema), ...errorResponses },
      },
    },
    async (request) => listApiTokensFor(pool, requireActor(request), request.query),
  );

  app.delete<{ Params: { id: number } }>(
    '/v1/api-tokens/:id',
    {
      onRequest: anyActor,
      schema: {
        tags: ['identity'],
        summary:
          'Revoke an API token of your organisation (admin: any); it answers 401 from now on',
        description: SESSION_AUTH,
        params: idParams,
        response: { 204: { type: 'null' }, ...errorResponses },
      },
    },
    async (request, reply) => {
      await revokeApiToken(pool, requireActor(request), request.params.id, new Date());
      return reply.status(204).send();
    },
  );

  // --- users ----------------------------------------------------------------------------------

  app.get<{
    Querystring: { organisationId?: number; role?: Role; page: number; pageSize: number };
  }>(
    '/v1/users',
    {
      onRequest: admin,
      schema: {
        tags: ['identity'],
        summary: 'Users (admin)',
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            organisationId: { type: 'integer', minimum: 1 },
            role: roleSchema,
            ...pagingQuerySchema,
          },
        },
        response: { 200: pageSchema(userSchema), ...errorResponses },
      },
    },
    async (request) => listUsersFor(pool, requireActor(request), request.query),
  );

  app.post<{
    Body: {
      email: string;
      displayName: string;
      role: Role;
      organisationId: number;
      password: string;
    };
  }>(
    '/v1/users',
    {
      onRequest: admin,
      schema: {
        tags: ['identity'],
        summary: 'Create a user (admin)',
        description: `The role must fit the organisation: mah in a mah, wholesaler in a wholesaler, analyst, coordinator, policy and admin in an authority. Password at least ${PASSWORD_MIN_LENGTH} characters.`,
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['email', 'displayName', 'role', 'organisationId', 'password'],
          properties: {
            email: { type: 'string', maxLength: 254 },
            displayName: { type: 'string', maxLength: 200 },
            role: roleSchema,
            organisationId: { type: 'integer', minimum: 1 },
            password: { type: 'string', maxLength: 1024 },
          },
        },
        response: { 201: userSchema, 409: problemSchema, ...errorResponses },
      },
    },
    async (request, reply) =>
      created(reply, '/v1/users', await createUser(pool, requireActor(request), request.body)),
  );

  app.get<{ Params: { id: number } }>(
    '/v1/users/:id',
    {
      onRequest: anyActor,
      schema: {
        tags: ['identity'],
        summary: 'One user (admin: any; others: users of their own organisation)',
        params: idParams,
        response: { 200: userSchema, ...errorResponses },
      },
    },
    async (request) => getUser(pool, requireActor(request), request.params.id),
  );

  app.patch<{
    Params: { id: number };
    Body: { displayName?: string; role?: Role; disabled?: boolean; password?: string };
  }>(
    '/v1/users/:id',
    {
      onRequest: admin,
      schema: {
        tags: ['identity'],
        summary: 'Change a user: name, role, disabled, password (admin)',
        description:
          'Disabling, a new role or a new password ends the sessions of the user at once.',
        params: idParams,
        body: {
          type: 'object',
          additionalProperties: false,
          minProperties: 1,
          properties: {
            displayName: { type: 'string', maxLength: 200 },
            role: roleSchema,
            disabled: { type: 'boolean' },
            password: { type: 'string', maxLength: 1024 },
          },
        },
        response: { 200: userSchema, ...errorResponses },
      },
    },
    async (request) => updateUser(pool, requireActor(request), request.params.id, request.body),
  );

  // --- organisations --------------------------------------------------------------------------

  app.get<{
    Querystring: { kind?: OrganisationKind; query?: string; page: number; pageSize: number };
  }>(
    '/v1/organisations',
    {
      onRequest: anyActor,
      schema: {
        tags: ['identity'],
        summary: 'Organisations (authorities and admin: all; a company: its own)',
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            kind: kindSchema,
            query: { ...queryText(100), description: 'Part of the name' },
            ...pagingQuerySchema,
          },
        },
        response: { 200: pageSchema(organisationSchema), ...errorResponses },
      },
    },
    async (request) => listOrganisationsFor(pool, requireActor(request), request.query),
  );

  app.post<{ Body: { name: string; kind: OrganisationKind; externalCode?: string | null } }>(
    '/v1/organisations',
    {
      onRequest: admin,
      schema: {
        tags: ['identity'],
        summary: 'Create an organisation (admin)',
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['name', 'kind'],
          properties: {
            name: { type: 'string', maxLength: 200 },
            kind: kindSchema,
            externalCode: { type: 'string', maxLength: 100, nullable: true },
          },
        },
        response: { 201: organisationSchema, 409: problemSchema, ...errorResponses },
      },
    },
    async (request, reply) =>
      created(
        reply,
        '/v1/organisations',
        await createOrganisation(pool, requireActor(request), request.body),
      ),
  );

  app.get<{ Params: { id: number } }>(
    '/v1/organisations/:id',
    {
      onRequest: anyActor,
      schema: {
        tags: ['identity'],
        summary: 'One organisation (authorities and admin: any; a company: its own)',
        params: idParams,
        response: { 200: organisationSchema, ...errorResponses },
      },
    },
    async (request) => getOrganisation(pool, requireActor(request), request.params.id),
  );

  app.patch<{
    Params: { id: number };
    Body: { name?: string; kind?: OrganisationKind; externalCode?: string | null };
  }>(
    '/v1/organisations/:id',
    {
      onRequest: admin,
      schema: {
        tags: ['identity'],
        summary: 'Change an organisation: name, kind, external code (admin)',
        description: "The kind must fit the roles of the organisation's users and live tokens.",
        params: idParams,
        body: {
          type: 'object',
          additionalProperties: false,
          minProperties: 1,
          properties: {
            name: { type: 'string', maxLength: 200 },
            kind: kindSchema,
            externalCode: { type: 'string', maxLength: 100, nullable: true },
          },
        },
        response: { 200: organisationSchema, 409: problemSchema, ...errorResponses },
      },
    },
    async (request) =>
      updateOrganisation(pool, requireActor(request), request.params.id, request.body),
  );

  // --- audit log ------------------------------------------------------------------------------

  app.get<{
    Querystring: {
      entity?: string;
      entityId?: string;
      actor?: string;
      since?: string;
      page: number;
      pageSize: number;
    };
  }>(
    '/v1/audit-log',
    {
      onRequest: authorise({ roles: AUDIT_LOG_READER_ROLES }),
      schema: {
        tags: ['identity'],
        summary: 'The append-only audit log, newest first (analyst and admin)',
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            entity: { ...queryText(100), example: 'user' },
            entityId: queryText(200),
            actor: {
              ...queryText(200),
              description: '"user:<id>", "token:<id>", or a system actor\'s name ("cli:alice")',
            },
            since: {
              type: 'string',
              pattern:
                '^\\d{4}-\\d{2}-\\d{2}(T\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?(Z|[+-]\\d{2}:\\d{2}))?$',
              description: 'ISO 8601 date or date-time: entries at or after it',
            },
            ...pagingQuerySchema,
          },
        },
        response: { 200: pageSchema(auditEntrySchema), ...errorResponses },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const { since: sinceText, ...rest } = request.query;
      const since = sinceText === undefined ? undefined : parseTimestamp(sinceText);
      if (sinceText !== undefined && since === undefined) {
        throw new UserFacingError('MS_REQUEST_INVALID', '1 invalid parameter', [
          {
            pointer: '/querystring/since',
            code: 'MS_REQUEST_INVALID',
            detail: `since must be an ISO 8601 date or date-time, not "${sinceText}"`,
          },
        ]);
      }
      return listAuditLog(pool, actor, { ...rest, since });
    },
  );
}
