/** Users: created, listed and changed (renamed, re-roled, disabled, new password) by the operator. */
import type pg from 'pg';
import type { Actor, Role } from '../../kernel/actor.ts';
import { UserFacingError } from '../../kernel/errors.ts';
import { appendAudit } from '../../platform/audit.ts';
import { inTransaction } from '../../platform/database.ts';
import type { Page } from '../../platform/http-server.ts';
import { hashPassword } from '../credentials.ts';
import { canSeeUser } from '../domain/permissions.ts';
import type { User, UserChange, UserInput } from '../domain/types.ts';
import { emailKey, validateUserChange, validateUserInput } from '../domain/validation.ts';
import { findOrganisation } from '../store/organisation.store.ts';
import { deleteUserSessions } from '../store/session.store.ts';
import {
  emailTaken,
  findUser,
  insertUser,
  listUsers,
  updateUser as updateUserRow,
} from '../store/user.store.ts';
import {
  assertIdentityAdmin,
  assertValid,
  isUniqueViolation,
  limitOffset,
  type PageRequest,
} from './guards.ts';

function notFound(id: number): UserFacingError {
  return new UserFacingError('MS_USER_NOT_FOUND', `no user with id ${id}`);
}

function emailInUse(email: string): UserFacingError {
  return new UserFacingError('MS_USER_EMAIL_TAKEN', `a user with email ${email} exists`, [
    { pointer: '/body/email', code: 'MS_USER_EMAIL_TAKEN', detail: `${email} is taken` },
  ]);
}

export async function listUsersFor(
  pool: pg.Pool,
  actor: Actor,
  query: PageRequest & { organisationId?: number | undefined; role?: Role | undefined },
): Promise<Page<User>> {
  assertIdentityAdmin(actor);
  const result = await listUsers(pool, {
    organisationId: query.organisationId,
    role: query.role,
    ...limitOffset(query),
  });
  return { ...result, page: query.page, pageSize: query.pageSize };
}

/** The operator sees every user; others see users of their own organisation, else not found. */
export async function getUser(pool: pg.Pool, actor: Actor, id: number): Promise<User> {
  const user = await findUser(pool, id);
  if (user === undefined || !canSeeUser(actor, user)) throw notFound(id);
  return user;
}

export async function createUser(pool: pg.Pool, actor: Actor, input: UserInput): Promise<User> {
  assertIdentityAdmin(actor);
  const organisation = await findOrganisation(pool, input.organisationId);
  assertValid(validateUserInput(input, organisation?.kind));
  const email = input.email.trim();
  if (await emailTaken(pool, emailKey(email))) throw emailInUse(email);
  // Hash outside the transaction: ~100 ms of CPU need not hold a connection in a transaction.
  const passwordHash = await hashPassword(input.password);
  try {
    return await inTransaction(pool, async (client) => {
      const user = await insertUser(client, {
        organisationId: input.organisationId,
        email,
        displayName: input.displayName.trim(),
        role: input.role,
        passwordHash,
      });
      await appendAudit(client, {
        actor,
        action: 'create',
        entity: 'user',
        entityId: String(user.id),
        after: user,
      });
      return user;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw emailInUse(email);
    throw error;
  }
}

/**
 * Changes a user. Disabling, a new password or a new role ends the user's sessions, so the change
 * holds from the next request on.
 */
export async function updateUser(
  pool: pg.Pool,
  actor: Actor,
  id: number,
  change: UserChange,
): Promise<User> {
  assertIdentityAdmin(actor);
  const current = await findUser(pool, id);
  if (current === undefined) throw notFound(id);
  const organisation = await findOrganisation(pool, current.organisationId);
  if (organisation === undefined) throw new Error(`user ${id} has no organisation`);
  const self = actor.kind === 'user' && actor.id === String(id);
  assertValid(validateUserChange(change, organisation.kind, { self }));
  const passwordHash =
    change.password === undefined ? undefined : await hashPassword(change.password);
  return inTransaction(pool, async (client) => {
    const before = await findUser(client, id, { forUpdate: true });
    if (before === undefined) throw notFound(id);
    const after = await updateUserRow(client, id, {
      displayName: change.displayName?.trim(),
      role: change.role,
      disabled: change.disabled,
      passwordHash,
    });
    const endsSessions = passwordHash !== undefined || after.disabled || after.role !== before.role;
    const sessionsEnded = endsSessions ? await deleteUserSessions(client, id) : 0;
    await appendAudit(client, {
      actor,
      action: after.disabled && !before.disabled ? 'disable' : 'update',
      entity: 'user',
      entityId: String(id),
      before,
      // Only that the password changed: never the password or its hash.
      after: { ...after, passwordChanged: passwordHash !== undefined, sessionsEnded },
    });
    return after;
  });
}
