/**
 * Who does something: a logged-in user, an API token, or the system (a CLI operator, a seed or an
 * import). Every service that reads private data or writes takes an Actor; every audit entry
 * records one.
 */

/** The roles of DESIGN.md, "Users and their jobs"; the public is not logged in (no actor). */
export const ROLES = ['mah', 'wholesaler', 'analyst', 'coordinator', 'policy', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Roles of the authorities and the operator: they may see data across companies. */
export const AUTHORITY_ROLES: readonly Role[] = ['analyst', 'coordinator', 'policy', 'admin'];

/** Roles of companies: they see and change only their own organisation's data. */
export const COMPANY_ROLES: readonly Role[] = ['mah', 'wholesaler'];

export interface Actor {
  readonly kind: 'user' | 'token' | 'system';
  /** The user's or token's id (as text); for the system, its name. */
  readonly id: string;
  /** For the audit log: the user's email, the token's label, or the system's name. */
  readonly name: string;
  /** The organisation the actor acts for; null for the system. */
  readonly organisationId: number | null;
  readonly role: Role;
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

export function isAuthorityRole(role: Role): boolean {
  return AUTHORITY_ROLES.includes(role);
}

export function hasRole(actor: Actor, roles: readonly Role[]): boolean {
  return roles.includes(actor.role);
}

/**
 * Whether the actor may see data of an organisation: its own, or any when its role is one of
 * `crossOrganisationRoles` (by default the authority roles; pass ['admin'] for data that even
 * the authorities see only for their own organisation, such as API tokens).
 */
export function canSeeOrganisation(
  actor: Actor,
  organisationId: number | null,
  crossOrganisationRoles: readonly Role[] = AUTHORITY_ROLES,
): boolean {
  if (crossOrganisationRoles.includes(actor.role)) return true;
  return organisationId !== null && actor.organisationId === organisationId;
}

/**
 * The actor for work done by the operator outside the API: a CLI command (`cli:alice`), a seed,
 * the start command. It has the admin role and no organisation.
 */
export function systemActor(name: string): Actor {
  return { kind: 'system', id: name, name, organisationId: null, role: 'admin' };
}
