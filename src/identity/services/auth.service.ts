/**
 * Logging in and out, and recognising a session or token on each request. A failed login says
 * the same whether the email exists or not, and takes as long; five failures per email or twenty
 * per client address in 15 minutes lock further attempts until the window frees one.
 */
import type pg from 'pg';
import type { Actor } from '../../kernel/actor.ts';
import { UserFacingError } from '../../kernel/errors.ts';
import { appendAudit } from '../../platform/audit.ts';
import type { ActorResolver, ResolvedSession } from '../../platform/auth.ts';
import { inTransaction } from '../../platform/database.ts';
import {
  apiTokenHash,
  newCsrfToken,
  newSessionId,
  sessionIdHash,
  verifyAgainstNothing,
  verifyPassword,
} from '../credentials.ts';
import { decideLoginThrottle } from '../domain/login-throttle.ts';
import { sessionExpiry, sessionIsLive, sessionNeedsTouch } from '../domain/session-policy.ts';
import type { Organisation, User } from '../domain/types.ts';
import { emailKey } from '../domain/validation.ts';
import { findApiTokenByHash, touchApiToken } from '../store/api-token.store.ts';
import {
  pruneLoginAttempts,
  recentLoginFailures,
  recordLoginAttempt,
} from '../store/login-attempt.store.ts';
import { findOrganisation } from '../store/organisation.store.ts';
import {
  deleteExpiredSessions,
  deleteSession,
  findSession,
  insertSession,
  touchSession,
} from '../store/session.store.ts';
import { findCredentialsByEmail, findUser, recordLogin } from '../store/user.store.ts';

/** Too many failed logins: carries the seconds for the Retry-After header. */
export class LoginRateLimitedError extends UserFacingError {
  constructor(readonly retryAfterSeconds: number) {
    super(
      'MS_AUTH_RATE_LIMITED',
      `too many failed logins; try again in ${Math.ceil(retryAfterSeconds / 60)} minute${retryAfterSeconds > 60 ? 's' : ''}`,
    );
    this.name = 'LoginRateLimitedError';
  }
}

export function userActor(user: Pick<User, 'id' | 'email' | 'organisationId' | 'role'>): Actor {
  return {
    kind: 'user',
    id: String(user.id),
    name: user.email,
    organisationId: user.organisationId,
    role: user.role,
  };
}

export interface LoginInput {
  readonly email: string;
  readonly password: string;
  readonly clientIp: string;
  readonly now: Date;
}

export interface SessionView {
  readonly user: User;
  readonly organisation: Organisation;
  readonly csrfToken: string;
}

export interface LoginResult extends SessionView {
  /** The cookie value: shown to the browser once, stored only as its SHA-256. */
  readonly sessionId: string;
  readonly expiresAt: Date;
}

const INVALID_CREDENTIALS = 'the email address or the password is wrong';

export async function login(pool: pg.Pool, input: LoginInput): Promise<LoginResult> {
  // No address has control characters, and a NUL cannot even reach PostgreSQL text: such an
  // email matches nobody, and its attempt is counted under the key without them.
  // eslint-disable-next-line no-control-regex
  const impossible = /[\u0000-\u001f\u007f]/.test(input.email);
  // eslint-disable-next-line no-control-regex
  const key = emailKey(input.email).replace(/[\u0000-\u001f\u007f]/g, '');
  const failures = await recentLoginFailures(pool, key, input.clientIp, input.now);
  const decision = decideLoginThrottle({ ...failures, now: input.now });
  if (!decision.allowed) throw new LoginRateLimitedError(decision.retryAfterSeconds);

  const credentials = impossible ? undefined : await findCredentialsByEmail(pool, key);
  const valid =
    credentials === undefined
      ? await verifyAgainstNothing(input.password)
      : await verifyPassword(input.password, credentials.passwordHash);
  if (credentials === undefined || !valid || credentials.user.disabled) {
    await recordLoginAttempt(pool, {
      at: input.now,
      emailKey: key,
      clientIp: input.clientIp,
      succeeded: false,
    });
    throw new UserFacingError('MS_AUTH_INVALID_CREDENTIALS', INVALID_CREDENTIALS);
  }

  const user = credentials.user;
  const organisation = await findOrganisation(pool, user.organisationId);
  if (organisation === undefined) throw new Error(`user ${user.id} has no organisation`);
  const session = newSessionId();
  const csrfToken = newCsrfToken();
  const expiresAt = sessionExpiry(input.now);
  await inTransaction(pool, async (client) => {
    await recordLoginAttempt(client, {
      at: input.now,
      emailKey: key,
      clientIp: input.clientIp,
      succeeded: true,
    });
    await insertSession(client, {
      idHash: session.hash,
      userId: user.id,
      csrfToken,
      createdAt: input.now,
      expiresAt,
      clientIp: input.clientIp,
    });
    await recordLogin(client, user.id, input.now);
    await appendAudit(client, {
      actor: userActor(user),
      action: 'login',
      entity: 'user',
      entityId: String(user.id),
    });
    await deleteExpiredSessions(client, input.now);
    await pruneLoginAttempts(client, input.now);
  });
  return {
    sessionId: session.id,
    csrfToken,
    expiresAt,
    user: { ...user, lastLoginAt: input.now.toISOString() },
    organisation,
  };
}

/** Ends the session with this cookie value; nothing happens for an unknown one. */
export async function logout(pool: pg.Pool, sessionId: string, actor: Actor | null): Promise<void> {
  const hash = sessionIdHash(sessionId);
  if (hash === undefined) return;
  await inTransaction(pool, async (client) => {
    await deleteSession(client, hash);
    if (actor !== null) {
      await appendAudit(client, {
        actor,
        action: 'logout',
        entity: 'user',
        entityId: actor.id,
      });
    }
  });
}

/** The live session behind a cookie value, with its user and organisation. */
export async function describeSession(
  pool: pg.Pool,
  sessionId: string,
  now: Date,
): Promise<SessionView | undefined> {
  const resolved = await resolveSession(pool, sessionId, now);
  if (resolved === null) return undefined;
  const user = await findUser(pool, Number(resolved.actor.id));
  const organisation = await findOrganisation(pool, resolved.actor.organisationId ?? -1);
  if (user === undefined || organisation === undefined) return undefined;
  return { user, organisation, csrfToken: resolved.csrfToken };
}

export async function resolveSession(
  pool: pg.Pool,
  sessionId: string,
  now: Date,
): Promise<ResolvedSession | null> {
  const hash = sessionIdHash(sessionId);
  if (hash === undefined) return null;
  const session = await findSession(pool, hash);
  if (session === undefined || session.disabled) return null;
  if (!sessionIsLive(session, now)) {
    await deleteSession(pool, hash);
    return null;
  }
  if (sessionNeedsTouch(session, now)) await touchSession(pool, hash, now);
  return {
    actor: userActor({
      id: session.userId,
      email: session.email,
      organisationId: session.organisationId,
      role: session.role,
    }),
    csrfToken: session.csrfToken,
  };
}

export async function resolveToken(pool: pg.Pool, token: string, now: Date): Promise<Actor | null> {
  const hash = apiTokenHash(token);
  if (hash === undefined) return null;
  const found = await findApiTokenByHash(pool, hash);
  if (found === undefined || found.revokedAt !== null) return null;
  if (found.expiresAt !== null && new Date(found.expiresAt).getTime() <= now.getTime()) return null;
  await touchApiToken(pool, found.id, now);
  return {
    kind: 'token',
    id: String(found.id),
    name: found.name,
    organisationId: found.organisationId,
    role: found.role,
  };
}

/** The resolver platform/auth.ts installs: sessions and tokens from this database. */
export function createActorResolver(pool: pg.Pool): ActorResolver {
  return {
    resolveSession: (sessionId, now) => resolveSession(pool, sessionId, now),
    resolveToken: (token, now) => resolveToken(pool, token, now),
  };
}
