/**
 * Who is asking: resolves `request.actor` from a session cookie (web app) or an
 * `Authorization: Bearer` API token (machine to machine), enforces CSRF protection for
 * cookie-authenticated writes, and offers the guards routes use: `requireActor`, `authorise` and
 * `sameOrganisationOr404`. How sessions and tokens are looked up is the identity capability's
 * business; this adapter only receives a resolver.
 */
import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { canSeeOrganisation, type Actor, type Role } from '../kernel/actor.ts';
import { UserFacingError, type ErrorCode } from '../kernel/errors.ts';
import { OPENAPI_PATH } from './http-server.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The logged-in user or token; null for the public. */
    actor: Actor | null;
    /** How the actor was recognised. */
    authentication: 'session' | 'token' | null;
  }
  interface FastifyContextConfig {
    /**
     * false: a cookie-authenticated unsafe request needs no X-CSRF-Token. Only for the login
     * itself, which has no token to send yet.
     */
    csrf?: boolean;
  }
}

export const SESSION_COOKIE = 'medsupply_session';
export const CSRF_HEADER = 'x-csrf-token';
const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export interface ResolvedSession {
  readonly actor: Actor;
  readonly csrfToken: string;
}

/** The identity capability's lookups, given to installAuth by buildApp. */
export interface ActorResolver {
  /** The live session with this cookie value, or null (unknown, expired, user disabled). */
  resolveSession(sessionId: string, now: Date): Promise<ResolvedSession | null>;
  /** The actor of a live token, or null (malformed, unknown, expired, revoked). */
  resolveToken(token: string, now: Date): Promise<Actor | null>;
}

/** Cookie values by name from a Cookie header (RFC 6265 §5.4); the first of a name wins. */
export function parseCookies(header: string | undefined): Map<string, string> {
  const cookies = new Map<string, string>();
  if (header === undefined) return cookies;
  for (const part of header.split(';')) {
    const index = part.indexOf('=');
    if (index < 0) continue;
    const name = part.slice(0, index).trim();
    let value = part.slice(index + 1).trim();
    if (value.startsWith('"') && value.endsWith('"') && value.length >= 2) {
      value = value.slice(1, -1);
    }
    if (name !== '' && !cookies.has(name)) cookies.set(name, value);
  }
  return cookies;
}

export function readSessionCookie(request: FastifyRequest): string | undefined {
  return parseCookies(request.headers.cookie).get(SESSION_COOKIE);
}

/** Secure cookies over https, or always when the server is behind a TLS-terminating proxy. */
export function wantsSecureCookie(request: FastifyRequest, forceSecure: boolean): boolean {
  return forceSecure || request.protocol === 'https';
}

/**
 * The Set-Cookie value for a session: httpOnly (no script reads it), SameSite=Strict (no other
 * site's page sends it), Path=/, Secure over https; maxAgeSeconds 0 deletes it.
 */
export function sessionCookieHeader(
  value: string,
  options: { readonly secure: boolean; readonly maxAgeSeconds: number },
): string {
  return [
    `${SESSION_COOKIE}=${value}`,
    'Path=/',
    `Max-Age=${Math.max(0, Math.floor(options.maxAgeSeconds))}`,
    'HttpOnly',
    'SameSite=Strict',
    ...(options.secure ? ['Secure'] : []),
  ].join('; ');
}

export function setSessionCookie(
  reply: FastifyReply,
  value: string,
  options: { readonly secure: boolean; readonly maxAgeSeconds: number },
): void {
  reply.header('set-cookie', sessionCookieHeader(value, options));
}

export function clearSessionCookie(reply: FastifyReply, secure: boolean): void {
  reply.header('set-cookie', sessionCookieHeader('', { secure, maxAgeSeconds: 0 }));
}

function sameSecret(presented: string, expected: string): boolean {
  const a = Buffer.from(presented);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function bearerToken(header: string): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1];
}

/**
 * Installs the authentication hook on the root app: every /v1 request gets `request.actor`
 * (null for the public). A presented but unusable token is 401 (a client with a revoked token
 * should learn so, not silently read as the public); an unknown or expired session cookie is
 * simply no login. Requests with credentials are marked `Cache-Control: no-store`.
 */
export function installAuth(app: FastifyInstance, resolver: ActorResolver): void {
  app.decorateRequest('actor', null);
  app.decorateRequest('authentication', null);

  app.addHook('onRequest', async (request, reply) => {
    if (!request.url.startsWith('/v1/') || request.url.startsWith(OPENAPI_PATH)) return;
    const authorization = request.headers.authorization;
    if (authorization !== undefined) {
      reply.header('cache-control', 'no-store');
      const token = bearerToken(authorization);
      if (token === undefined) {
        reply.header('www-authenticate', 'Bearer');
        throw new UserFacingError(
          'MS_AUTH_TOKEN_INVALID',
          'the Authorization header must be "Bearer <token>"',
        );
      }
      const actor = await resolver.resolveToken(token, new Date());
      if (actor === null) {
        reply.header('www-authenticate', 'Bearer error="invalid_token"');
        throw new UserFacingError(
          'MS_AUTH_TOKEN_INVALID',
          'the API token is unknown, expired or revoked',
        );
      }
      request.actor = actor;
      request.authentication = 'token';
      return;
    }
    const sessionId = readSessionCookie(request);
    if (sessionId === undefined || sessionId === '') return;
    reply.header('cache-control', 'no-store');
    const session = await resolver.resolveSession(sessionId, new Date());
    if (session === null) return;
    if (UNSAFE_METHODS.has(request.method) && request.routeOptions.config.csrf !== false) {
      const presented = request.headers[CSRF_HEADER];
      if (typeof presented !== 'string' || !sameSecret(presented, session.csrfToken)) {
        throw new UserFacingError(
          'MS_AUTH_CSRF',
          `a ${request.method} with a session cookie needs the X-CSRF-Token header from the login response`,
        );
      }
    }
    request.actor = session.actor;
    request.authentication = 'session';
  });
}

export interface RequireActorOptions {
  /** Allowed roles; absent: any logged-in actor. */
  readonly roles?: readonly Role[];
}

/**
 * The request's actor, or a 401 problem (MS_AUTH_REQUIRED) when nobody is logged in and a 403
 * (MS_AUTH_FORBIDDEN) when the role is not among `roles`.
 */
export function requireActor(request: FastifyRequest, options: RequireActorOptions = {}): Actor {
  const actor = request.actor;
  if (actor === null) {
    throw new UserFacingError(
      'MS_AUTH_REQUIRED',
      'log in (POST /v1/sessions) or send an API token (Authorization: Bearer …)',
    );
  }
  if (options.roles !== undefined && !options.roles.includes(actor.role)) {
    throw new UserFacingError(
      'MS_AUTH_FORBIDDEN',
      `role ${actor.role} may not do this; allowed: ${options.roles.join(', ')}`,
    );
  }
  return actor;
}

/**
 * A route hook that runs requireActor, so a caller without the right role gets 401/403 before
 * its body is even read (no hints about the schema to the unauthorised):
 * `{ onRequest: authorise({ roles: ['admin'] }) }`. Route-level onRequest hooks run after the
 * app-level one installAuth adds, so `request.actor` is set by then.
 */
export function authorise(
  options: RequireActorOptions = {},
): (request: FastifyRequest) => Promise<void> {
  // A throw inside the executor rejects the promise, which Fastify answers as problem+json.
  return (request) =>
    new Promise((resolve) => {
      requireActor(request, options);
      resolve();
    });
}

export interface TenancyOptions {
  /** Roles that see every organisation; default the authority roles. */
  readonly crossOrganisationRoles?: readonly Role[];
  /** The not-found code and message, the same as for a resource that does not exist. */
  readonly code?: ErrorCode;
  readonly detail?: string;
}

/**
 * Tenancy guard: passes when the actor belongs to the organisation (or its role sees all), and
 * otherwise throws the same not-found a missing resource gives, so a company cannot learn that
 * another company's resource exists.
 */
export function sameOrganisationOr404(
  actor: Actor,
  organisationId: number | null,
  options: TenancyOptions = {},
): void {
  if (canSeeOrganisation(actor, organisationId, options.crossOrganisationRoles)) return;
  throw new UserFacingError(
    options.code ?? 'MS_REQUEST_NOT_FOUND',
    options.detail ?? 'no such resource',
  );
}
