import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor, type Actor } from '../../kernel/actor.ts';
import { UserFacingError } from '../../kernel/errors.ts';
import { appendAudit } from '../../platform/audit.ts';
import { createTestDatabase, type TestDatabase } from '../../../test/setup/database.ts';
import { listAuditLog } from './audit.service.ts';
import { login, LoginRateLimitedError, resolveSession, resolveToken } from './auth.service.ts';
import { DEMO_USERS, seedDemoIdentities } from './demo.service.ts';
import {
  createOrganisation,
  organisationNameKey,
  updateOrganisation,
} from './organisation.service.ts';
import { createApiToken, revokeApiToken } from './token.service.ts';
import { createUser, updateUser } from './user.service.ts';

let db: TestDatabase;
const operator = systemActor('test:operator');
const t0 = new Date('2026-03-02T08:00:00Z');
const at = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);

beforeAll(async () => {
  db = await createTestDatabase('empty');
});
afterAll(async () => {
  await db.close();
});

/** A fresh organisation and user of the given role, so tests do not share rows. */
async function freshUser(role: 'mah' | 'analyst' | 'admin', password = 'a good long password') {
  const unique = Math.random().toString(36).slice(2, 10);
  const organisation = await createOrganisation(db.pool, operator, {
    name: `Test ${role} ${unique}`,
    kind: role === 'mah' ? 'mah' : 'authority',
  });
  const user = await createUser(db.pool, operator, {
    organisationId: organisation.id,
    email: `${role}-${unique}@example.org`,
    displayName: `Test ${role}`,
    role,
    password,
  });
  return { organisation, user, password };
}

async function errorOf(promise: Promise<unknown>): Promise<UserFacingError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(UserFacingError);
  return error as UserFacingError;
}

describe('login rate limiting with a controlled clock', () => {
  it('locks an email after five failures until the oldest leaves the 15-minute window', async () => {
    const { user, password } = await freshUser('mah');
    const attempt = (minutes: number, pw: string) =>
      login(db.pool, { email: user.email, password: pw, clientIp: '192.0.2.1', now: at(minutes) });
    for (const minute of [0, 1, 2, 3, 4]) {
      expect((await errorOf(attempt(minute, 'wrong password!'))).code).toBe(
        'MS_AUTH_INVALID_CREDENTIALS',
      );
    }
    const locked = await errorOf(attempt(5, password));
    // The failure at minute 0 leaves the window at minute 15: ten minutes from minute 5.
    expect(locked instanceof LoginRateLimitedError && locked.retryAfterSeconds).toBe(600);
    const result = await attempt(15.01, password);
    expect(result.user.id).toBe(user.id);
  });

  it('starts counting afresh after a successful login', async () => {
    const { user, password } = await freshUser('mah');
    const attempt = (minutes: number, pw: string) =>
      login(db.pool, { email: user.email, password: pw, clientIp: '192.0.2.2', now: at(minutes) });
    for (const minute of [0, 1, 2, 3]) await errorOf(attempt(minute, 'wrong password!'));
    await attempt(4, password);
    for (const minute of [5, 6, 7, 8]) await errorOf(attempt(minute, 'wrong password!'));
    expect((await attempt(9, password)).user.id).toBe(user.id);
  });

  it('refuses a disabled user with the same answer as a wrong password', async () => {
    const { user, password } = await freshUser('mah');
    await updateUser(db.pool, operator, user.id, { disabled: true });
    const error = await errorOf(
      login(db.pool, { email: user.email, password, clientIp: '192.0.2.3', now: at(0) }),
    );
    expect(error.code).toBe('MS_AUTH_INVALID_CREDENTIALS');
    expect(error.message).toBe('the email address or the password is wrong');
  });

  it('matches the email whatever its capitals and surrounding spaces', async () => {
    const { user, password } = await freshUser('analyst');
    const result = await login(db.pool, {
      email: `  ${user.email.toUpperCase()} `,
      password,
      clientIp: '192.0.2.4',
      now: at(0),
    });
    expect(result.user.id).toBe(user.id);
  });
});

describe('sessions', () => {
  it('lasts while used, ends after two idle hours, and never outlives twelve hours', async () => {
    const { user, password } = await freshUser('mah');
    const session = await login(db.pool, {
      email: user.email,
      password,
      clientIp: '192.0.2.10',
      now: at(0),
    });
    expect((await resolveSession(db.pool, session.sessionId, at(60)))?.actor).toEqual({
      kind: 'user',
      id: String(user.id),
      name: user.email,
      organisationId: user.organisationId,
      role: 'mah',
    });
    // Used every 100 minutes: each use restarts the idle clock, until the 12-hour end.
    for (let minute = 160; minute < 720; minute += 100) {
      expect(await resolveSession(db.pool, session.sessionId, at(minute)), `${minute}`).not.toBe(
        null,
      );
    }
    expect(await resolveSession(db.pool, session.sessionId, at(721))).toBeNull();

    const idle = await login(db.pool, {
      email: user.email,
      password,
      clientIp: '192.0.2.10',
      now: at(0),
    });
    expect(await resolveSession(db.pool, idle.sessionId, at(121))).toBeNull();
    // An expired session is gone, not merely refused.
    expect(await resolveSession(db.pool, idle.sessionId, at(1))).toBeNull();
  });

  it('ends when the user is disabled or gets a new password', async () => {
    const { user, password } = await freshUser('mah');
    const first = await login(db.pool, { email: user.email, password, clientIp: 'x', now: at(0) });
    await updateUser(db.pool, operator, user.id, { password: 'a brand new password' });
    expect(await resolveSession(db.pool, first.sessionId, at(1))).toBeNull();
    const second = await login(db.pool, {
      email: user.email,
      password: 'a brand new password',
      clientIp: 'x',
      now: at(2),
    });
    await updateUser(db.pool, operator, user.id, { disabled: true });
    expect(await resolveSession(db.pool, second.sessionId, at(3))).toBeNull();
  });

  it('stores only the hash of the session id', async () => {
    const { user, password } = await freshUser('mah');
    const session = await login(db.pool, { email: user.email, password, clientIp: 'y', now: t0 });
    const stored = await db.pool.query<{ row: string }>(
      `select s::text as row from user_session s join app_user u on u.id = s.user_id
        where u.id = $1`,
      [user.id],
    );
    expect(stored.rows).toHaveLength(1);
    expect(stored.rows[0]?.row).not.toContain(session.sessionId);
  });
});

describe('API tokens', () => {
  it('resolve to their organisation and role until revoked or expired', async () => {
    const { organisation } = await freshUser('mah');
    const created = await createApiToken(
      db.pool,
      operator,
      { name: 'ERP koppeling', role: 'mah', organisationId: organisation.id },
      t0,
    );
    const actor = await resolveToken(db.pool, created.secret, at(1));
    expect(actor).toEqual({
      kind: 'token',
      id: String(created.token.id),
      name: 'ERP koppeling',
      organisationId: organisation.id,
      role: 'mah',
    });
    const used = await db.pool.query<{ last_used_at: Date }>(
      'select last_used_at from api_token where id = $1',
      [created.token.id],
    );
    expect(used.rows[0]?.last_used_at.toISOString()).toBe(at(1).toISOString());

    await revokeApiToken(db.pool, operator, created.token.id, at(2));
    expect(await resolveToken(db.pool, created.secret, at(3))).toBeNull();

    const expiring = await createApiToken(
      db.pool,
      operator,
      {
        name: 'short',
        role: 'mah',
        organisationId: organisation.id,
        expiresAt: at(60).toISOString(),
      },
      t0,
    );
    expect(await resolveToken(db.pool, expiring.secret, at(59))).not.toBeNull();
    expect(await resolveToken(db.pool, expiring.secret, at(60))).toBeNull();
    expect(await resolveToken(db.pool, 'mst_' + 'A'.repeat(43), t0)).toBeNull();
  });

  it('refuses a role that does not fit the organisation, naming the field', async () => {
    const { organisation } = await freshUser('mah');
    const error = await errorOf(
      createApiToken(
        db.pool,
        operator,
        { name: 'x', role: 'analyst', organisationId: organisation.id },
        t0,
      ),
    );
    expect(error.errors.map((e) => [e.pointer, e.code])).toEqual([
      ['/body/role', 'MS_AUTH_ROLE_NOT_ALLOWED'],
    ]);
  });
});

describe('organisations and users', () => {
  it('recognises a company under another spelling, as the registry does', async () => {
    await createOrganisation(db.pool, operator, { name: 'Voorbeeld Farma B.V.', kind: 'mah' });
    const error = await errorOf(
      createOrganisation(db.pool, operator, { name: 'VOORBEELD  FARMA b.v', kind: 'mah' }),
    );
    expect(error.code).toBe('MS_ORGANISATION_EXISTS');
  });

  it('refuses a second user with the same email in other capitals', async () => {
    const { user, organisation } = await freshUser('mah');
    const error = await errorOf(
      createUser(db.pool, operator, {
        organisationId: organisation.id,
        email: user.email.toUpperCase(),
        displayName: 'Twin',
        role: 'mah',
        password: 'another long password',
      }),
    );
    expect(error.code).toBe('MS_USER_EMAIL_TAKEN');
  });

  it('keeps an organisation from becoming a kind its users do not fit', async () => {
    const { organisation } = await freshUser('mah');
    const error = await errorOf(
      updateOrganisation(db.pool, operator, organisation.id, { kind: 'authority' }),
    );
    expect(error.errors.map((e) => e.pointer)).toEqual(['/body/kind']);
  });

  it('leaves identity management to the admin', async () => {
    const { user } = await freshUser('analyst');
    const analyst: Actor = {
      kind: 'user',
      id: String(user.id),
      name: user.email,
      organisationId: user.organisationId,
      role: 'analyst',
    };
    const error = await errorOf(
      createOrganisation(db.pool, analyst, { name: 'Sneaky B.V.', kind: 'mah' }),
    );
    expect(error.code).toBe('MS_AUTH_FORBIDDEN');
  });
});

describe('demo identities', () => {
  it('creates one user per role, gives a catalogue-made company its kind, and is idempotent', async () => {
    // A register or the product catalogue may have created the company first, as a manufacturer.
    await db.pool.query('insert into organisation (name, name_key) values ($1, $2)', [
      'Generica Benelux B.V.',
      organisationNameKey('Generica Benelux B.V.'),
    ]);
    const first = await seedDemoIdentities(db.pool);
    expect(first.usersCreated).toBe(DEMO_USERS.length);
    expect(first.organisationsCreated).toBe(6);
    expect(first.organisationsUpdated).toBe(1);
    const roles = await db.pool.query<{ role: string; kind: string }>(
      `select u.role, o.kind from app_user u join organisation o on o.id = u.organisation_id
        where u.email like '%.demo.example' order by u.role`,
    );
    expect(new Set(roles.rows.map((row) => row.role))).toEqual(
      new Set(['mah', 'wholesaler', 'analyst', 'coordinator', 'policy', 'admin']),
    );
    const auditBefore = await db.pool.query<{ n: number }>(
      'select count(*)::int as n from audit_log',
    );
    const second = await seedDemoIdentities(db.pool);
    expect(second).toEqual({ organisationsCreated: 0, organisationsUpdated: 0, usersCreated: 0 });
    const auditAfter = await db.pool.query<{ n: number }>(
      'select count(*)::int as n from audit_log',
    );
    expect(auditAfter.rows[0]?.n).toBe(auditBefore.rows[0]?.n);
    for (const demo of DEMO_USERS.filter((user) => user.role === 'mah')) {
      const result = await login(db.pool, {
        email: demo.email,
        password: demo.password,
        clientIp: '192.0.2.99',
        now: t0,
      });
      expect(result.organisation.kind).toBe('mah');
    }
  });
});

describe('audit log', () => {
  it('records a plain-named system actor as the registry imports write it', async () => {
    await appendAudit(db.pool, {
      actor: 'cli:legacy',
      action: 'import',
      entity: 'register',
      entityId: 'bfarm',
    });
    const page = await listAuditLog(db.pool, operator, {
      actor: 'cli:legacy',
      page: 1,
      pageSize: 10,
    });
    expect(page.items.map((entry) => entry.actor)).toEqual([
      { kind: 'system', id: 'cli:legacy', name: 'cli:legacy', organisationId: null, role: null },
    ]);
  });

  it('records the user, role and organisation behind a write and filters by them', async () => {
    const { user, organisation } = await freshUser('admin');
    const admin: Actor = {
      kind: 'user',
      id: String(user.id),
      name: user.email,
      organisationId: organisation.id,
      role: 'admin',
    };
    const created = await createOrganisation(db.pool, admin, {
      name: 'Audit Trail Pharma',
      kind: 'mah',
    });
    const page = await listAuditLog(db.pool, operator, {
      actor: `user:${user.id}`,
      entity: 'organisation',
      since: t0,
      page: 1,
      pageSize: 10,
    });
    expect(page.total).toBe(1);
    expect(page.items[0]).toMatchObject({
      action: 'create',
      entity: 'organisation',
      entityId: String(created.id),
      actor: { kind: 'user', id: String(user.id), organisationId: organisation.id, role: 'admin' },
      before: null,
      after: { name: 'Audit Trail Pharma', kind: 'mah' },
    });
  });

  it('cannot be changed or emptied', async () => {
    await expect(db.pool.query("update audit_log set actor = 'someone else'")).rejects.toThrow(
      /append-only/,
    );
    await expect(db.pool.query('delete from audit_log')).rejects.toThrow(/append-only/);
  });
});
