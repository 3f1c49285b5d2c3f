/**
 * Demo organisations and one user per role with published passwords, for the demo behind the
 * start command. Never run it on a deployment reachable by others: the passwords are in the
 * README.
 */
import type pg from 'pg';
import { systemActor, type Role } from '../../kernel/actor.ts';
import { appendAudit } from '../../platform/audit.ts';
import { inTransaction } from '../../platform/database.ts';
import { hashPassword } from '../credentials.ts';
import type { OrganisationKind } from '../domain/types.ts';
import { emailKey } from '../domain/validation.ts';
import {
  findOrganisationByNameKey,
  insertOrganisation,
  updateOrganisation,
} from '../store/organisation.store.ts';
import { emailTaken, insertUser } from '../store/user.store.ts';
import { organisationNameKey } from './organisation.service.ts';

const DEMO_SEED_LOCK_ID = 727_002;

export interface DemoOrganisation {
  readonly name: string;
  readonly kind: OrganisationKind;
}

export interface DemoUser {
  readonly email: string;
  readonly password: string;
  readonly displayName: string;
  readonly role: Role;
  readonly organisation: string;
}

export const DEMO_ORGANISATIONS: readonly DemoOrganisation[] = [
  { name: 'CBG/IGJ Meldpunt', kind: 'authority' },
  { name: 'Ministerie van VWS', kind: 'authority' },
  { name: 'Landelijk Coördinatiecentrum Geneesmiddelen', kind: 'authority' },
  { name: 'medsupply Beheer', kind: 'authority' },
  { name: 'Pharmacia Nederland B.V.', kind: 'mah' },
  { name: 'Generica Benelux B.V.', kind: 'mah' },
  { name: 'Groothandel Midden B.V.', kind: 'wholesaler' },
];

export const DEMO_USERS: readonly DemoUser[] = [
  {
    email: 'analyst@meldpunt.demo.example',
    password: 'demo-analyst-2026!',
    displayName: 'Anna Analist',
    role: 'analyst',
    organisation: 'CBG/IGJ Meldpunt',
  },
  {
    email: 'policy@vws.demo.example',
    password: 'demo-policy-2026!',
    displayName: 'Pieter Beleid',
    role: 'policy',
    organisation: 'Ministerie van VWS',
  },
  {
    email: 'coordinator@lcg.demo.example',
    password: 'demo-coordinator-2026!',
    displayName: 'Carla Coördinator',
    role: 'coordinator',
    organisation: 'Landelijk Coördinatiecentrum Geneesmiddelen',
  },
  {
    email: 'admin@beheer.demo.example',
    password: 'demo-admin-2026!',
    displayName: 'Bram Beheerder',
    role: 'admin',
    organisation: 'medsupply Beheer',
  },
  {
    email: 'mah@pharmacia.demo.example',
    password: 'demo-mah-2026!',
    displayName: 'Marieke Pharmacia',
    role: 'mah',
    organisation: 'Pharmacia Nederland B.V.',
  },
  {
    email: 'mah@generica.demo.example',
    password: 'demo-mah2-2026!',
    displayName: 'Gijs Generica',
    role: 'mah',
    organisation: 'Generica Benelux B.V.',
  },
  {
    email: 'wholesaler@midden.demo.example',
    password: 'demo-wholesaler-2026!',
    displayName: 'Wim Groothandel',
    role: 'wholesaler',
    organisation: 'Groothandel Midden B.V.',
  },
];

export interface DemoSeedResult {
  readonly organisationsCreated: number;
  readonly organisationsUpdated: number;
  readonly usersCreated: number;
}

/**
 * Creates what is missing of the demo organisations and users; running it again changes nothing.
 * An organisation a register or catalogue created first (as manufacturer) gets its demo kind;
 * an existing demo user keeps whatever password it has now.
 */
export async function seedDemoIdentities(
  pool: pg.Pool,
  options: { readonly actor?: string } = {},
): Promise<DemoSeedResult> {
  const actor = systemActor(options.actor ?? 'demo-seed');
  const missing: DemoUser[] = [];
  for (const user of DEMO_USERS) {
    if (!(await emailTaken(pool, emailKey(user.email)))) missing.push(user);
  }
  const hashes = await Promise.all(missing.map((user) => hashPassword(user.password)));
  return inTransaction(pool, async (client) => {
    // Two processes seeding at once (server and CLI) take turns instead of colliding.
    await client.query('select pg_advisory_xact_lock($1)', [DEMO_SEED_LOCK_ID]);
    let organisationsCreated = 0;
    let organisationsUpdated = 0;
    let usersCreated = 0;
    const ids = new Map<string, number>();
    for (const demo of DEMO_ORGANISATIONS) {
      const nameKey = organisationNameKey(demo.name);
      const existing = await findOrganisationByNameKey(client, nameKey);
      if (existing === undefined) {
        const created = await insertOrganisation(client, {
          name: demo.name,
          nameKey,
          kind: demo.kind,
          externalCode: null,
        });
        await appendAudit(client, {
          actor,
          action: 'create',
          entity: 'organisation',
          entityId: String(created.id),
          after: created,
        });
        organisationsCreated++;
        ids.set(demo.name, created.id);
      } else {
        if (existing.kind !== demo.kind) {
          const after = await updateOrganisation(client, existing.id, { kind: demo.kind });
          await appendAudit(client, {
            actor,
            action: 'update',
            entity: 'organisation',
            entityId: String(existing.id),
            before: existing,
            after,
          });
          organisationsUpdated++;
        }
        ids.set(demo.name, existing.id);
      }
    }
    for (const [index, demo] of missing.entries()) {
      // Another process may have seeded meanwhile.
      if (await emailTaken(client, emailKey(demo.email))) continue;
      const organisationId = ids.get(demo.organisation);
      const passwordHash = hashes[index];
      if (organisationId === undefined || passwordHash === undefined) {
        throw new Error(`demo user ${demo.email} names unknown organisation ${demo.organisation}`);
      }
      const user = await insertUser(client, {
        organisationId,
        email: demo.email,
        displayName: demo.displayName,
        role: demo.role,
        passwordHash,
      });
      await appendAudit(client, {
        actor,
        action: 'create',
        entity: 'user',
        entityId: String(user.id),
        after: user,
      });
      usersCreated++;
    }
    return { organisationsCreated, organisationsUpdated, usersCreated };
  });
}
