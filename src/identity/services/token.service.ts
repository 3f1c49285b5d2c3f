/** API tokens: created by a user for its organisation (the operator for any), listed, revoked. */
import type pg from 'pg';
import type { Actor } from '../../kernel/actor.ts';
import { UserFacingError } from '../../kernel/errors.ts';
import { appendAudit } from '../../platform/audit.ts';
import { sameOrganisationOr404 } from '../../platform/auth.ts';
import { inTransaction } from '../../platform/database.ts';
import type { Page } from '../../platform/http-server.ts';
import { newApiToken } from '../credentials.ts';
import {
  canManageIdentities,
  canSeeToken,
  decideTokenGrant,
  TOKEN_CROSS_ORGANISATION_ROLES,
} from '../domain/permissions.ts';
import type { ApiToken, ApiTokenInput } from '../domain/types.ts';
import { parseTimestamp, validateTokenInput } from '../domain/validation.ts';
import {
  findApiToken,
  insertApiToken,
  listApiTokens,
  revokeApiToken as revokeApiTokenRow,
} from '../store/api-token.store.ts';
import { findOrganisation } from '../store/organisation.store.ts';
import { assertValid, limitOffset, type PageRequest } from './guards.ts';

export interface CreatedApiToken {
  readonly token: ApiToken;
  /** The bearer secret: shown once, stored nowhere. */
  readonly secret: string;
}

function tokenNotFound(id: number): UserFacingError {
  return new UserFacingError('MS_TOKEN_NOT_FOUND', `no API token with id ${id}`);
}

function organisationNotFound(id: number): UserFacingError {
  return new UserFacingError('MS_ORGANISATION_NOT_FOUND', `no organisation with id ${id}`);
}

export async function createApiToken(
  pool: pg.Pool,
  actor: Actor,
  input: ApiTokenInput,
  now: Date,
): Promise<CreatedApiToken> {
  const organisationId = input.organisationId ?? actor.organisationId;
  if (organisationId === null) {
    throw new UserFacingError('MS_REQUEST_INVALID', 'name the organisation of the token', [
      {
        pointer: '/body/organisationId',
        code: 'MS_REQUEST_INVALID',
        detail: 'organisationId is required for an actor without an organisation',
      },
    ]);
  }
  const role = input.role ?? actor.role;
  const decision = decideTokenGrant(actor, { organisationId, role });
  if (!decision.allowed) {
    switch (decision.reason) {
      case 'token-actor':
        throw new UserFacingError(
          'MS_AUTH_FORBIDDEN',
          'an API token cannot create tokens; log in as a user',
        );
      case 'not-found':
        throw organisationNotFound(organisationId);
      case 'role':
        throw new UserFacingError(
          'MS_AUTH_FORBIDDEN',
          `you may create tokens with your own role (${actor.role}) only, not ${role}`,
        );
      default: {
        const unexpected: never = decision.reason;
        throw new Error(`unknown refusal ${String(unexpected)}`);
      }
    }
  }
  const organisation = await findOrganisation(pool, organisationId);
  if (organisation === undefined) throw organisationNotFound(organisationId);
  assertValid(validateTokenInput({ ...input, role }, organisation.kind, now));
  const expiresAt =
    input.expiresAt === undefined || input.expiresAt === null
      ? null
      : (parseTimestamp(input.expiresAt) ?? null);
  const secret = newApiToken();
  const token = await inTransaction(pool, async (client) => {
    const created = await insertApiToken(client, {
      organisationId,
      role,
      name: input.name.trim(),
      hash: secret.hash,
      prefix: secret.prefix,
      createdBy: actor.kind === 'system' ? actor.name : `${actor.kind}:${actor.id}`,
      expiresAt,
    });
    await appendAudit(client, {
      actor,
      action: 'create',
      entity: 'api_token',
      entityId: String(created.id),
      after: created,
    });
    return created;
  });
  return { token, secret: secret.token };
}

/**
 * The tokens an actor may see: its own organisation's, or (operator) all or one organisation's.
 * Asking for another organisation's list is answered as if that organisation did not exist.
 */
export async function listApiTokensFor(
  pool: pg.Pool,
  actor: Actor,
  query: PageRequest & { organisationId?: number | undefined },
): Promise<Page<ApiToken>> {
  let organisationId = query.organisationId;
  if (organisationId !== undefined) {
    sameOrganisationOr404(actor, organisationId, {
      crossOrganisationRoles: TOKEN_CROSS_ORGANISATION_ROLES,
      code: 'MS_ORGANISATION_NOT_FOUND',
      detail: `no organisation with id ${organisationId}`,
    });
  } else if (!canManageIdentities(actor)) {
    organisationId = actor.organisationId ?? -1;
  }
  const result = await listApiTokens(pool, { organisationId, ...limitOffset(query) });
  return { ...result, page: query.page, pageSize: query.pageSize };
}

/** Revokes a token (idempotent: revoking twice keeps the first time and writes one entry). */
export async function revokeApiToken(
  pool: pg.Pool,
  actor: Actor,
  id: number,
  now: Date,
): Promise<ApiToken> {
  return inTransaction(pool, async (client) => {
    const before = await findApiToken(client, id, { forUpdate: true });
    if (before === undefined || !canSeeToken(actor, before)) throw tokenNotFound(id);
    if (before.revokedAt !== null) return before;
    const after = await revokeApiTokenRow(client, id, now);
    await appendAudit(client, {
      actor,
      action: 'revoke',
      entity: 'api_token',
      entityId: String(id),
      before,
      after,
    });
    return after;
  });
}
