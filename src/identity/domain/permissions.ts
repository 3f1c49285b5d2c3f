/**
 * Who may do what with identities, tokens and the audit log. Pure rules over an Actor; services
 * call them and turn a refusal into MS_AUTH_FORBIDDEN or a not-found.
 */
import { canSeeOrganisation, type Actor, type Role } from '../../kernel/actor.ts';
import type { OrganisationKind } from './types.ts';

/**
 * The organisation kinds each role may belong to. A company role in an authority (or the other way
 * round) would let a company read across companies, so the pairing is enforced on every user and
 * token.
 */
export const ROLE_ORGANISATION_KINDS: Readonly<Record<Role, readonly OrganisationKind[]>> = {
  mah: ['mah'],
  wholesaler: ['wholesaler'],
  analyst: ['authority'],
  coordinator: ['authority'],
  policy: ['authority'],
  admin: ['authority'],
};

export function roleFitsOrganisation(role: Role, kind: OrganisationKind): boolean {
  return ROLE_ORGANISATION_KINDS[role].includes(kind);
}

/** Users and organisations are managed by the operator only. */
export const IDENTITY_ADMIN_ROLES: readonly Role[] = ['admin'];

/** The audit log is read by the notification centre's analysts and the operator. */
export const AUDIT_LOG_READER_ROLES: readonly Role[] = ['analyst', 'admin'];

/** Only the operator sees other organisations' API tokens; analysts see only their own. */
export const TOKEN_CROSS_ORGANISATION_ROLES: readonly Role[] = ['admin'];

export function canManageIdentities(actor: Actor): boolean {
  return IDENTITY_ADMIN_ROLES.includes(actor.role);
}

export function canReadAuditLog(actor: Actor): boolean {
  return AUDIT_LOG_READER_ROLES.includes(actor.role);
}

/** A user record is visible to the operator and to users of the same organisation. */
export function canSeeUser(actor: Actor, user: { readonly organisationId: number }): boolean {
  return canSeeOrganisation(actor, user.organisationId, IDENTITY_ADMIN_ROLES);
}

export function canSeeToken(actor: Actor, token: { readonly organisationId: number }): boolean {
  return canSeeOrganisation(actor, token.organisationId, TOKEN_CROSS_ORGANISATION_ROLES);
}

export type TokenGrantDecision =
  | { readonly allowed: true }
  | { readonly allowed: false; readonly reason: 'token-actor' | 'not-found' | 'role' };

/**
 * Whether an actor may create a token for an organisation with a role: a logged-in user (not
 * another token, so a leaked token cannot mint successors) for its own organisation and with its
 * own role; the operator for any organisation and role.
 */
export function decideTokenGrant(
  actor: Actor,
  target: { readonly organisationId: number; readonly role: Role },
): TokenGrantDecision {
  if (actor.kind === 'token') return { allowed: false, reason: 'token-actor' };
  if (!canSeeToken(actor, target)) return { allowed: false, reason: 'not-found' };
  if (!canManageIdentities(actor) && target.role !== actor.role) {
    return { allowed: false, reason: 'role' };
  }
  return { allowed: true };
}
