/** Organisations: listed by who may see them, created and changed by the operator. */
import type pg from 'pg';
import { AUTHORITY_ROLES, canSeeOrganisation, type Actor } from '../../kernel/actor.ts';
import { UserFacingError } from '../../kernel/errors.ts';
import { appendAudit } from '../../platform/audit.ts';
import { inTransaction } from '../../platform/database.ts';
import type { Page } from '../../platform/http-server.ts';
// The registry's key for organisation names (legal form dropped), so a company created here and
// the same company named by a register are one row.
import { organisationNameKey as registryNameKey } from '../../registry/index.ts';
import type {
  Organisation,
  OrganisationChange,
  OrganisationInput,
  OrganisationKind,
} from '../domain/types.ts';
import { validateOrganisationChange, validateOrganisationInput } from '../domain/validation.ts';
import {
  findConflictingOrganisation,
  findOrganisation,
  insertOrganisation,
  listOrganisations,
  rolesInOrganisation,
  updateOrganisation as updateOrganisationRow,
} from '../store/organisation.store.ts';
import {
  assertIdentityAdmin,
  assertValid,
  isUniqueViolation,
  limitOffset,
  type PageRequest,
} from './guards.ts';

export const organisationNameKey = (name: string): string => registryNameKey(name.trim());

function notFound(id: number): UserFacingError {
  return new UserFacingError('MS_ORGANISATION_NOT_FOUND', `no organisation with id ${id}`);
}

function exists(existing: Organisation): UserFacingError {
  return new UserFacingError(
    'MS_ORGANISATION_EXISTS',
    `organisation ${existing.id} ("${existing.name}") already has this name or external code`,
  );
}

/**
 * Authorities and the operator see every organisation (they work across companies); a company
 * sees only its own.
 */
export async function listOrganisationsFor(
  pool: pg.Pool,
  actor: Actor,
  query: PageRequest & { kind?: OrganisationKind | undefined; query?: string | undefined },
): Promise<Page<Organisation>> {
  const seesAll = AUTHORITY_ROLES.includes(actor.role);
  const result = await listOrganisations(pool, {
    kind: query.kind,
    query: query.query,
    onlyId: seesAll ? undefined : (actor.organisationId ?? -1),
    ...limitOffset(query),
  });
  return { ...result, page: query.page, pageSize: query.pageSize };
}

export async function getOrganisation(
  pool: pg.Pool,
  actor: Actor,
  id: number,
): Promise<Organisation> {
  const organisation = await findOrganisation(pool, id);
  if (organisation === undefined || !canSeeOrganisation(actor, id)) throw notFound(id);
  return organisation;
}

export async function createOrganisation(
  pool: pg.Pool,
  actor: Actor,
  input: OrganisationInput,
): Promise<Organisation> {
  assertIdentityAdmin(actor);
  assertValid(validateOrganisationInput(input));
  const name = input.name.trim();
  const externalCode = input.externalCode?.trim() ?? null;
  const nameKey = organisationNameKey(name);
  try {
    return await inTransaction(pool, async (client) => {
      const existing = await findConflictingOrganisation(client, nameKey, externalCode);
      if (existing !== undefined) throw exists(existing);
      const organisation = await insertOrganisation(client, {
        name,
        nameKey,
        kind: input.kind,
        externalCode,
      });
      await appendAudit(client, {
        actor,
        action: 'create',
        entity: 'organisation',
        entityId: String(organisation.id),
        after: organisation,
      });
      return organisation;
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new UserFacingError(
        'MS_ORGANISATION_EXISTS',
        'an organisation with this name or external code was created at the same time',
      );
    }
    throw error;
  }
}

export async function updateOrganisation(
  pool: pg.Pool,
  actor: Actor,
  id: number,
  change: OrganisationChange,
): Promise<Organisation> {
  assertIdentityAdmin(actor);
  return inTransaction(pool, async (client) => {
    const before = await findOrganisation(client, id, { forUpdate: true });
    if (before === undefined) throw notFound(id);
    assertValid(validateOrganisationChange(change, await rolesInOrganisation(client, id)));
    const name = change.name?.trim();
    const externalCode =
      change.externalCode === undefined ? undefined : (change.externalCode?.trim() ?? null);
    const nameKey = name === undefined ? undefined : organisationNameKey(name);
    const existing = await findConflictingOrganisation(client, nameKey, externalCode, id);
    if (existing !== undefined) throw exists(existing);
    const after = await updateOrganisationRow(client, id, {
      name,
      nameKey,
      kind: change.kind,
      externalCode,
    });
    await appendAudit(client, {
      actor,
      action: 'update',
      entity: 'organisation',
      entityId: String(id),
      before,
      after,
    });
    return after;
  });
}
