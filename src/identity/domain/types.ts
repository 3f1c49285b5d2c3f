/** Organisations, users, API tokens and audit entries as the rest of the product sees them. */
import type { Role } from '../../kernel/actor.ts';

export const ORGANISATION_KINDS = [
  'mah',
  'wholesaler',
  'authority',
  'pharmacy',
  'hospital',
  'manufacturer',
] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

export function isOrganisationKind(value: unknown): value is OrganisationKind {
  return typeof value === 'string' && (ORGANISATION_KINDS as readonly string[]).includes(value);
}

export interface Organisation {
  readonly id: number;
  readonly name: string;
  readonly kind: OrganisationKind;
  readonly externalCode: string | null;
  /** ISO 8601 timestamp. */
  readonly createdAt: string;
}

/** A user as shown: never the password hash. */
export interface User {
  readonly id: number;
  readonly organisationId: number;
  readonly email: string;
  readonly displayName: string;
  readonly role: Role;
  readonly disabled: boolean;
  readonly createdAt: string;
  readonly lastLoginAt: string | null;
}

/** An API token as shown: never the secret or its hash. */
export interface ApiToken {
  readonly id: number;
  readonly organisationId: number;
  readonly role: Role;
  readonly name: string;
  /** The first characters of the token, to tell tokens apart. */
  readonly prefix: string;
  readonly createdBy: string;
  readonly createdAt: string;
  readonly expiresAt: string | null;
  readonly lastUsedAt: string | null;
  readonly revokedAt: string | null;
}

export interface OrganisationInput {
  readonly name: string;
  readonly kind: OrganisationKind;
  readonly externalCode?: string | null;
}

export interface OrganisationChange {
  readonly name?: string;
  readonly kind?: OrganisationKind;
  readonly externalCode?: string | null;
}

export interface UserInput {
  readonly organisationId: number;
  readonly email: string;
  readonly displayName: string;
  readonly role: Role;
  readonly password: string;
}

export interface UserChange {
  readonly displayName?: string;
  readonly role?: Role;
  readonly disabled?: boolean;
  readonly password?: string;
}

export interface ApiTokenInput {
  readonly name: string;
  /** Default: the creating actor's role. */
  readonly role?: Role;
  /** Default: the creating actor's organisation. */
  readonly organisationId?: number;
  /** ISO 8601 timestamp; absent: valid until revoked. */
  readonly expiresAt?: string | null;
}

export interface AuditLogEntry {
  readonly id: number;
  readonly at: string;
  readonly actor: {
    readonly kind: 'user' | 'token' | 'system';
    readonly id: string | null;
    readonly name: string;
    readonly organisationId: number | null;
    readonly role: Role | null;
  };
  readonly action: string;
  readonly entity: string;
  readonly entityId: string | null;
  readonly before: unknown;
  readonly after: unknown;
}

export interface AuditLogFilter {
  readonly entity?: string | undefined;
  readonly entityId?: string | undefined;
  /** "user:12", "token:3", or the name of a system actor ("cli:alice"). */
  readonly actor?: string | undefined;
  readonly since?: Date | undefined;
}
