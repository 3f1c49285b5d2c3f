import { describe, expect, it } from 'vitest';
import {
  canSeeOrganisation,
  ROLES,
  systemActor,
  type Actor,
  type Role,
} from '../../kernel/actor.ts';
import {
  canReadAuditLog,
  canSeeToken,
  canSeeUser,
  decideTokenGrant,
  roleFitsOrganisation,
} from './permissions.ts';
import { ORGANISATION_KINDS, type OrganisationKind } from './types.ts';

const actor = (role: Role, organisationId: number, kind: Actor['kind'] = 'user'): Actor => ({
  kind,
  id: '1',
  name: `${role}@example.org`,
  organisationId,
  role,
});

describe('roles and organisation kinds', () => {
  it('pairs each role with exactly the kinds worked out from who does the job', () => {
    const expected: Record<Role, OrganisationKind[]> = {
      mah: ['mah'],
      wholesaler: ['wholesaler'],
      analyst: ['authority'],
      coordinator: ['authority'],
      policy: ['authority'],
      admin: ['authority'],
    };
    for (const role of ROLES) {
      const fits = ORGANISATION_KINDS.filter((kind) => roleFitsOrganisation(role, kind));
      expect(fits, role).toEqual(expected[role]);
    }
  });

  it('lets no role into a manufacturer, pharmacy or hospital organisation yet', () => {
    for (const kind of ['manufacturer', 'pharmacy', 'hospital'] as const) {
      expect(ROLES.filter((role) => roleFitsOrganisation(role, kind))).toEqual([]);
    }
  });
});

describe('tenancy', () => {
  it('lets a company see only its own organisation and authorities see all', () => {
    expect(canSeeOrganisation(actor('mah', 1), 1)).toBe(true);
    expect(canSeeOrganisation(actor('mah', 1), 2)).toBe(false);
    expect(canSeeOrganisation(actor('wholesaler', 3), 1)).toBe(false);
    expect(canSeeOrganisation(actor('mah', 1), null)).toBe(false);
    for (const role of ['analyst', 'coordinator', 'policy', 'admin'] as const) {
      expect(canSeeOrganisation(actor(role, 9), 1), role).toBe(true);
    }
  });

  it('shows users and tokens of other organisations to the admin only', () => {
    expect(canSeeUser(actor('analyst', 9), { organisationId: 1 })).toBe(false);
    expect(canSeeUser(actor('analyst', 9), { organisationId: 9 })).toBe(true);
    expect(canSeeUser(actor('admin', 9), { organisationId: 1 })).toBe(true);
    expect(canSeeToken(actor('policy', 9), { organisationId: 1 })).toBe(false);
    expect(canSeeToken(actor('mah', 1), { organisationId: 1 })).toBe(true);
    expect(canSeeToken(systemActor('cli:test'), { organisationId: 1 })).toBe(true);
  });

  it('opens the audit log to analysts and the admin only', () => {
    expect(ROLES.filter((role) => canReadAuditLog(actor(role, 1)))).toEqual(['analyst', 'admin']);
  });
});

describe('who may create which token', () => {
  it('lets a user create a token for its own organisation with its own role', () => {
    expect(decideTokenGrant(actor('mah', 1), { organisationId: 1, role: 'mah' })).toEqual({
      allowed: true,
    });
  });

  it('refuses another role, another organisation (as not found) and tokens making tokens', () => {
    expect(decideTokenGrant(actor('mah', 1), { organisationId: 1, role: 'admin' })).toEqual({
      allowed: false,
      reason: 'role',
    });
    expect(decideTokenGrant(actor('mah', 1), { organisationId: 2, role: 'mah' })).toEqual({
      allowed: false,
      reason: 'not-found',
    });
    expect(decideTokenGrant(actor('analyst', 5), { organisationId: 1, role: 'analyst' })).toEqual({
      allowed: false,
      reason: 'not-found',
    });
    expect(
      decideTokenGrant(actor('admin', 5, 'token'), { organisationId: 5, role: 'admin' }),
    ).toEqual({ allowed: false, reason: 'token-actor' });
  });

  it('lets the admin and the CLI create a token for any organisation and role', () => {
    expect(decideTokenGrant(actor('admin', 5), { organisationId: 1, role: 'mah' })).toEqual({
      allowed: true,
    });
    expect(
      decideTokenGrant(systemActor('cli:root'), { organisationId: 1, role: 'wholesaler' }),
    ).toEqual({ allowed: true });
  });
});
