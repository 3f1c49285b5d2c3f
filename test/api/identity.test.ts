/**
 * Identity, access and audit through the whole API in-process: logins and their cookies, CSRF,
 * rate limiting, API tokens, tenancy between companies, the admin endpoints denied to every other
 * role, the audit log, and hostile input.
 */
import { createHash } from 'node:crypto';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.ts';
import { systemActor, type Role } from '../../src/kernel/actor.ts';
import { createApiToken, DEMO_USERS, seedDemoIdentities } from '../../src/identity/index.ts';
import { createTestDatabase, type TestDatabase } from '../setup/database.ts';

let db: TestDatabase;
let app: FastifyInstance;
/** Organisation ids of the demo organisations by name. */
const organisations = new Map<string, number>();
/** One bearer token per demo role (the second MAH company under "mah2"). */
const tokens = new Map<Role | 'mah2', string>();
const userIds = new Map<string, number>();

const PHARMACIA = 'Pharmacia Nederland B.V.';
const GENERICA = 'Generica Benelux B.V.';

function demo(role: Role, organisation?: string) {
  const user = DEMO_USERS.find(
    (u) => u.role === role && (organisation === undefined || u.organisation === organisation),
  );
  if (user === undefined) throw new Error(`no demo user ${role}`);
  return user;
}

function organisationId(name: string): number {
  const id = organisations.get(name);
  if (id === undefined) throw new Error(`no organisation ${name}`);
  return id;
}

function bearer(role: Role | 'mah2'): Record<string, string> {
  const token = tokens.get(role);
  if (token === undefined) throw new Error(`no token for ${role}`);
  return { authorization: `Bearer ${token}` };
}

beforeAll(async () => {
  db = await createTestDatabase('empty');
  app = await buildApp({ pool: db.pool });
  await seedDemoIdentities(db.pool);
  const orgs = await db.pool.query<{ id: number; name: string }>(
    'select id, name from organisation',
  );
  for (const row of orgs.rows) organisations.set(row.name, row.id);
  const users = await db.pool.query<{ id: number; email: string }>(
    'select id, email from app_user',
  );
  for (const row of users.rows) userIds.set(row.email, row.id);
  const operator = systemActor('test:setup');
  for (const user of DEMO_USERS) {
    const key = user.organisation === GENERICA ? 'mah2' : user.role;
    const created = await createApiToken(
      db.pool,
      operator,
      {
        name: `${key} test token`,
        role: user.role,
        organisationId: organisationId(user.organisation),
      },
      new Date(),
    );
    tokens.set(key, created.secret);
  }
});

afterAll(async () => {
  await app.close();
  await db.close();
});

interface Problem {
  status: number;
  code: string;
  title: string;
  detail: string;
  errors?: { pointer: string; code: string; detail: string }[];
}

interface Session {
  cookie: string;
  csrfToken: string;
  setCookie: string;
  response: LightMyRequestResponse;
}

function setCookieOf(response: LightMyRequestResponse): string {
  const header = response.headers['set-cookie'];
  return Array.isArray(header) ? header.join('\n') : (header ?? '');
}

async function loginAs(
  email: string,
  password: string,
  remoteAddress = '127.0.0.1',
  target: FastifyInstance = app,
): Promise<Session> {
  const response = await target.inject({
    method: 'POST',
    url: '/v1/sessions',
    payload: { email, password },
    remoteAddress,
  });
  expect(response.statusCode, response.body).toBe(201);
  const setCookie = setCookieOf(response);
  const cookie = /^(medsupply_session=[^;]+)/.exec(setCookie)?.[1] ?? '';
  return {
    cookie,
    csrfToken: response.json<{ csrfToken: string }>().csrfToken,
    setCookie,
    response,
  };
}

async function call(options: InjectOptions): Promise<LightMyRequestResponse> {
  return app.inject(options);
}

function problemOf(response: LightMyRequestResponse): Problem {
  expect(response.headers['content-type']).toContain('application/problem+json');
  return response.json<Problem>();
}

describe('web login', () => {
  it('logs in, sets a hardened session cookie and returns user, organisation and CSRF token', async () => {
    const analyst = demo('analyst');
    const session = await loginAs(analyst.email, analyst.password);
    const body = session.response.json<{
      user: Record<string, unknown>;
      organisation: { name: string; kind: string };
      csrfToken: string;
    }>();
    expect(body.user.email).toBe(analyst.email);
    expect(body.user.role).toBe('analyst');
    expect(body.user).not.toHaveProperty('passwordHash');
    expect(session.response.body).not.toContain('$scrypt$');
    expect(body.organisation).toMatchObject({ name: 'CBG/IGJ Meldpunt', kind: 'authority' });
    expect(body.csrfToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const attributes = session.setCookie.split(';').map((part) => part.trim());
    expect(attributes[0]).toMatch(/^medsupply_session=[A-Za-z0-9_-]{43}$/);
    expect(attributes).toEqual(
      expect.arrayContaining(['Path=/', 'HttpOnly', 'SameSite=Strict', 'Max-Age=43200']),
    );
    expect(attributes).not.toContain('Secure');
    expect(session.response.headers['cache-control']).toBe('no-store');
  });

  it('marks the cookie Secure when the server is told it runs behind https', async () => {
    const secureApp = await buildApp({ pool: db.pool, secureCookies: true });
    try {
      const policy = demo('policy');
      const session = await loginAs(policy.email, policy.password, '127.0.0.1', secureApp);
      expect(session.setCookie.split('; ')).toContain('Secure');
    } finally {
      await secureApp.close();
    }
  });

  it('answers an unknown email exactly as a wrong password, and sets no cookie', async () => {
    const wrongPassword = await call({
      method: 'POST',
      url: '/v1/sessions',
      payload: { email: demo('policy').email, password: 'not the password' },
      remoteAddress: '10.9.0.1',
    });
    const unknownEmail = await call({
      method: 'POST',
      url: '/v1/sessions',
      payload: { email: 'nobody@nowhere.example', password: 'not the password' },
      remoteAddress: '10.9.0.1',
    });
    for (const response of [wrongPassword, unknownEmail]) {
      expect(response.statusCode).toBe(401);
      expect(response.headers['set-cookie']).toBeUndefined();
    }
    const a = problemOf(wrongPassword);
    const b = problemOf(unknownEmail);
    expect(a.code).toBe('MS_AUTH_INVALID_CREDENTIALS');
    expect({ ...a, instance: undefined }).toEqual({ ...b, instance: undefined });
  });

  it('shows the current session, and answers 204 without one', async () => {
    const coordinator = demo('coordinator');
    const session = await loginAs(coordinator.email, coordinator.password);
    const current = await call({
      url: '/v1/sessions/current',
      headers: { cookie: session.cookie },
    });
    expect(current.statusCode).toBe(200);
    expect(current.json<{ user: { email: string }; csrfToken: string }>()).toMatchObject({
      user: { email: coordinator.email },
      csrfToken: session.csrfToken,
    });
    const anonymous = await call({ url: '/v1/sessions/current' });
    expect(anonymous.statusCode).toBe(204);
    expect(anonymous.body).toBe('');
    const forged = await call({
      url: '/v1/sessions/current',
      headers: { cookie: 'medsupply_session=' + 'A'.repeat(43) },
    });
    expect(forged.statusCode).toBe(204);
  });

  it('logs out: the cookie is deleted and no longer opens anything', async () => {
    const mah = demo('mah', PHARMACIA);
    const session = await loginAs(mah.email, mah.password);
    const logout = await call({
      method: 'DELETE',
      url: '/v1/sessions/current',
      headers: { cookie: session.cookie, 'x-csrf-token': session.csrfToken },
    });
    expect(logout.statusCode).toBe(204);
    expect(setCookieOf(logout)).toMatch(/^medsupply_session=; Path=\/; Max-Age=0; HttpOnly/);
    const after = await call({ url: '/v1/sessions/current', headers: { cookie: session.cookie } });
    expect(after.statusCode).toBe(204);
    const write = await call({
      method: 'POST',
      url: '/v1/api-tokens',
      headers: { cookie: session.cookie, 'x-csrf-token': session.csrfToken },
      payload: { name: 'after logout' },
    });
    expect(write.statusCode).toBe(401);
  });
});

describe('CSRF protection', () => {
  it('refuses a cookie-authenticated write without or with a wrong X-CSRF-Token', async () => {
    const mah = demo('mah', PHARMACIA);
    const session = await loginAs(mah.email, mah.password);
    const attempts: Record<string, string>[] = [
      { cookie: session.cookie },
      { cookie: session.cookie, 'x-csrf-token': 'wrong' },
      {
        cookie: session.cookie,
        'x-csrf-token': session.csrfToken.replace(/^./, (c) => (c === 'A' ? 'B' : 'A')),
      },
    ];
    for (const headers of attempts) {
      const response = await call({
        method: 'POST',
        url: '/v1/api-tokens',
        headers,
        payload: { name: 'csrf probe' },
      });
      expect(response.statusCode, JSON.stringify(headers)).toBe(403);
      expect(problemOf(response).code).toBe('MS_AUTH_CSRF');
    }
    const logout = await call({
      method: 'DELETE',
      url: '/v1/sessions/current',
      headers: { cookie: session.cookie },
    });
    expect(logout.statusCode).toBe(403);
    const count = await db.pool.query("select 1 from api_token where name = 'csrf probe'");
    expect(count.rowCount).toBe(0);
    const allowed = await call({
      method: 'POST',
      url: '/v1/api-tokens',
      headers: { cookie: session.cookie, 'x-csrf-token': session.csrfToken },
      payload: { name: 'csrf ok' },
    });
    expect(allowed.statusCode).toBe(201);
  });

  it('asks no CSRF token of a bearer-token request, even with a session cookie beside it', async () => {
    const mah = demo('mah', PHARMACIA);
    const session = await loginAs(mah.email, mah.password);
    for (const headers of [bearer('mah'), { ...bearer('mah'), cookie: session.cookie }]) {
      const response = await call({ method: 'DELETE', url: '/v1/api-tokens/999999', headers });
      // Past the CSRF check: the token simply does not exist.
      expect(problemOf(response).code).toBe('MS_TOKEN_NOT_FOUND');
    }
  });
});

describe('login rate limiting', () => {
  it('locks an email after five failures, even for the right password, with Retry-After', async () => {
    const email = 'ratelimited@pharmacia.demo.example';
    const created = await call({
      method: 'POST',
      url: '/v1/users',
      headers: bearer('admin'),
      payload: {
        email,
        displayName: 'Rate Limited',
        role: 'mah',
        organisationId: organisationId(PHARMACIA),
        password: 'the right password',
      },
    });
    expect(created.statusCode).toBe(201);
    for (let attempt = 1; attempt <= 5; attempt++) {
      const response = await call({
        method: 'POST',
        url: '/v1/sessions',
        payload: { email, password: `wrong password ${attempt}` },
        remoteAddress: `10.1.0.${attempt}`,
      });
      expect(response.statusCode, `attempt ${attempt}`).toBe(401);
    }
    const locked = await call({
      method: 'POST',
      url: '/v1/sessions',
      payload: { email: email.toUpperCase(), password: 'the right password' },
      remoteAddress: '10.1.0.99',
    });
    expect(locked.statusCode).toBe(429);
    expect(problemOf(locked).code).toBe('MS_AUTH_RATE_LIMITED');
    const retryAfter = Number(locked.headers['retry-after']);
    expect(Number.isInteger(retryAfter)).toBe(true);
    expect(retryAfter).toBeGreaterThan(880);
    expect(retryAfter).toBeLessThanOrEqual(900);
    expect(locked.headers['set-cookie']).toBeUndefined();
  });

  it('locks a client address after twenty failures across emails, and only that address', async () => {
    for (let attempt = 1; attempt <= 20; attempt++) {
      const response = await call({
        method: 'POST',
        url: '/v1/sessions',
        payload: { email: `guess${attempt}@example.org`, password: 'password123456' },
        remoteAddress: '10.2.0.2',
      });
      expect(response.statusCode, `attempt ${attempt}`).toBe(401);
    }
    const wholesaler = demo('wholesaler');
    const locked = await call({
      method: 'POST',
      url: '/v1/sessions',
      payload: { email: wholesaler.email, password: wholesaler.password },
      remoteAddress: '10.2.0.2',
    });
    expect(locked.statusCode).toBe(429);
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    await loginAs(wholesaler.email, wholesaler.password, '10.2.0.3');
  });
});

describe('API tokens', () => {
  it('shows the secret once, keeps only its hash, and lists the token without it', async () => {
    const mah = demo('mah', PHARMACIA);
    const session = await loginAs(mah.email, mah.password);
    const response = await call({
      method: 'POST',
      url: '/v1/api-tokens',
      headers: { cookie: session.cookie, 'x-csrf-token': session.csrfToken },
      payload: { name: 'ERP-koppeling' },
    });
    expect(response.statusCode).toBe(201);
    const created = response.json<{
      id: number;
      secret: string;
      role: string;
      organisationId: number;
    }>();
    expect(response.headers.location).toBe(`/v1/api-tokens/${created.id}`);
    expect(created).toMatchObject({ role: 'mah', organisationId: organisationId(PHARMACIA) });
    expect(created.secret).toMatch(/^mst_[A-Za-z0-9_-]{43}$/);

    const stored = await db.pool.query<{ secret_hash: Buffer; row: string }>(
      'select secret_hash, t::text as row from api_token t where id = $1',
      [created.id],
    );
    const expectedHash = createHash('sha256')
      .update(Buffer.from(created.secret.slice(4), 'base64url'))
      .digest();
    expect(stored.rows[0]?.secret_hash.equals(expectedHash)).toBe(true);
    expect(stored.rows[0]?.row).not.toContain(created.secret.slice(4));

    const list = await call({
      url: '/v1/api-tokens',
      headers: { authorization: `Bearer ${created.secret}` },
    });
    expect(list.statusCode).toBe(200);
    const page = list.json<{ items: Record<string, unknown>[] }>();
    expect(page.items.map((item) => item.id)).toContain(created.id);
    expect(page.items.every((item) => item.organisationId === organisationId(PHARMACIA))).toBe(
      true,
    );
    expect(list.body).not.toContain(created.secret);
    expect(page.items.every((item) => !('secret' in item))).toBe(true);
  });

  it('answers 401 to a revoked, unknown or malformed token, even on public routes', async () => {
    const admin = systemActor('test');
    const { token, secret } = await createApiToken(
      db.pool,
      admin,
      {
        name: 'to revoke',
        role: 'wholesaler',
        organisationId: organisationId('Groothandel Midden B.V.'),
      },
      new Date(),
    );
    const auth = { authorization: `Bearer ${secret}` };
    expect((await call({ url: '/v1/api-tokens', headers: auth })).statusCode).toBe(200);
    const revoke = await call({
      method: 'DELETE',
      url: `/v1/api-tokens/${token.id}`,
      headers: auth,
    });
    expect(revoke.statusCode).toBe(204);
    for (const headers of [
      auth,
      { authorization: `Bearer mst_${'x'.repeat(43)}` },
      { authorization: 'Bearer garbage' },
      { authorization: 'Basic dXNlcjpwYXNz' },
    ]) {
      for (const url of ['/v1/api-tokens', '/v1/health']) {
        const response = await call({ url, headers });
        expect(response.statusCode, `${url} ${headers.authorization}`).toBe(401);
        expect(problemOf(response).code).toBe('MS_AUTH_TOKEN_INVALID');
        expect(response.headers['www-authenticate']).toMatch(/^Bearer/);
      }
    }
    const listed = await call({
      url: '/v1/api-tokens?pageSize=500',
      headers: bearer('wholesaler'),
    });
    const item = listed
      .json<{ items: { id: number; revokedAt: string | null }[] }>()
      .items.find((t) => t.id === token.id);
    expect(item?.revokedAt).not.toBeNull();
  });

  it('keeps one company out of another company’s tokens, users and organisation', async () => {
    const generica = organisationId(GENERICA);
    const genericaToken = await createApiToken(
      db.pool,
      systemActor('test'),
      { name: 'generica erp', role: 'mah', organisationId: generica },
      new Date(),
    );
    const genericaUser = userIds.get(demo('mah', GENERICA).email);
    const colleague = userIds.get(demo('mah', PHARMACIA).email);
    const asPharmacia = bearer('mah');

    const otherList = await call({
      url: `/v1/api-tokens?organisationId=${generica}`,
      headers: asPharmacia,
    });
    expect(otherList.statusCode).toBe(404);
    const ownList = await call({ url: '/v1/api-tokens?pageSize=500', headers: asPharmacia });
    expect(ownList.json<{ items: { id: number }[] }>().items.map((t) => t.id)).not.toContain(
      genericaToken.token.id,
    );
    const revokeOther = await call({
      method: 'DELETE',
      url: `/v1/api-tokens/${genericaToken.token.id}`,
      headers: asPharmacia,
    });
    expect(revokeOther.statusCode).toBe(404);
    // The same answer as for a token that does not exist at all.
    const revokeNone = await call({
      method: 'DELETE',
      url: '/v1/api-tokens/987654',
      headers: asPharmacia,
    });
    expect(problemOf(revokeOther).code).toBe(problemOf(revokeNone).code);
    expect(
      (
        await call({
          url: '/v1/health',
          headers: { authorization: `Bearer ${genericaToken.secret}` },
        })
      ).statusCode,
    ).toBe(200);

    expect(
      (await call({ url: `/v1/users/${genericaUser}`, headers: asPharmacia })).statusCode,
    ).toBe(404);
    expect((await call({ url: `/v1/users/${colleague}`, headers: asPharmacia })).statusCode).toBe(
      200,
    );
    expect((await call({ url: '/v1/users', headers: asPharmacia })).statusCode).toBe(403);
    expect(
      (await call({ url: `/v1/organisations/${generica}`, headers: asPharmacia })).statusCode,
    ).toBe(404);
    const visible = await call({ url: '/v1/organisations', headers: asPharmacia });
    expect(visible.json<{ items: { name: string }[] }>().items.map((o) => o.name)).toEqual([
      PHARMACIA,
    ]);
    // An analyst works across companies, but another organisation's tokens are the admin's only.
    expect(
      (await call({ url: `/v1/organisations/${generica}`, headers: bearer('analyst') })).statusCode,
    ).toBe(200);
    expect(
      (await call({ url: `/v1/api-tokens?organisationId=${generica}`, headers: bearer('analyst') }))
        .statusCode,
    ).toBe(404);
    const adminList = await call({
      url: `/v1/api-tokens?organisationId=${generica}`,
      headers: bearer('admin'),
    });
    expect(adminList.json<{ items: { id: number }[] }>().items.map((t) => t.id)).toContain(
      genericaToken.token.id,
    );
  });

  it('refuses a company user a token with another role or for another organisation', async () => {
    const mah = demo('mah', PHARMACIA);
    const session = await loginAs(mah.email, mah.password);
    const headers = { cookie: session.cookie, 'x-csrf-token': session.csrfToken };
    const otherRole = await call({
      method: 'POST',
      url: '/v1/api-tokens',
      headers,
      payload: { name: 'escalate', role: 'admin' },
    });
    expect(otherRole.statusCode).toBe(403);
    const otherOrganisation = await call({
      method: 'POST',
      url: '/v1/api-tokens',
      headers,
      payload: { name: 'elsewhere', organisationId: organisationId(GENERICA) },
    });
    expect(otherOrganisation.statusCode).toBe(404);
    const byToken = await call({
      method: 'POST',
      url: '/v1/api-tokens',
      headers: bearer('mah'),
      payload: { name: 'token from token' },
    });
    expect(byToken.statusCode).toBe(403);
  });
});

describe('admin endpoints', () => {
  const NON_ADMIN: readonly (Role | 'mah2')[] = [
    'mah',
    'mah2',
    'wholesaler',
    'analyst',
    'coordinator',
    'policy',
  ];
  interface Endpoint {
    readonly method: 'GET' | 'POST' | 'PATCH';
    readonly path: string;
    readonly url: () => string;
    readonly payload?: object;
  }
  const endpoints: readonly Endpoint[] = [
    { method: 'GET', path: '/v1/users', url: () => '/v1/users' },
    {
      method: 'POST',
      path: '/v1/users',
      url: () => '/v1/users',
      payload: {
        email: 'intruder@example.org',
        displayName: 'Intruder',
        role: 'admin',
        organisationId: 1,
        password: 'intruder password',
      },
    },
    {
      method: 'PATCH',
      path: '/v1/users/{admin}',
      url: () => `/v1/users/${userIds.get(demo('admin').email) ?? 0}`,
      payload: { disabled: true },
    },
    {
      method: 'POST',
      path: '/v1/organisations',
      url: () => '/v1/organisations',
      payload: { name: 'Intruder B.V.', kind: 'authority' },
    },
    {
      method: 'PATCH',
      path: '/v1/organisations/{pharmacia}',
      url: () => `/v1/organisations/${organisationId(PHARMACIA)}`,
      payload: { kind: 'authority' },
    },
  ];
  const cases = endpoints.flatMap((endpoint) => NON_ADMIN.map((role) => ({ ...endpoint, role })));

  it.each(cases)(
    '$method $path denies role $role with 403 and writes nothing',
    async (endpoint) => {
      const before = await db.pool.query<{ n: number }>('select count(*)::int as n from audit_log');
      const response = await call({
        method: endpoint.method,
        url: endpoint.url(),
        headers: bearer(endpoint.role),
        ...(endpoint.payload === undefined ? {} : { payload: endpoint.payload }),
      });
      expect(response.statusCode).toBe(403);
      expect(problemOf(response).code).toBe('MS_AUTH_FORBIDDEN');
      const after = await db.pool.query<{ n: number }>('select count(*)::int as n from audit_log');
      expect(after.rows[0]?.n).toBe(before.rows[0]?.n);
    },
  );

  it('denies every admin endpoint to the public with 401', async () => {
    for (const endpoint of endpoints) {
      const response = await call({
        method: endpoint.method,
        url: endpoint.url(),
        ...(endpoint.payload === undefined ? {} : { payload: endpoint.payload }),
      });
      expect(response.statusCode, `${endpoint.method} ${endpoint.url()}`).toBe(401);
      expect(problemOf(response).code).toBe('MS_AUTH_REQUIRED');
    }
    const intruder = await db.pool.query(
      "select 1 from app_user where email = 'intruder@example.org'",
    );
    expect(intruder.rowCount).toBe(0);
    const kind = await db.pool.query<{ kind: string }>(
      'select kind from organisation where id = $1',
      [organisationId(PHARMACIA)],
    );
    expect(kind.rows[0]?.kind).toBe('mah');
  });

  it('keeps the public GET routes public', async () => {
    for (const url of ['/v1/health', '/v1/openapi.json', '/v1/countries']) {
      expect((await call({ url })).statusCode, url).toBe(200);
    }
  });
});

describe('users and organisations (admin)', () => {
  it('creates an organisation and a user who can then log in; disabling ends it', async () => {
    const admin = demo('admin');
    const session = await loginAs(admin.email, admin.password);
    const headers = { cookie: session.cookie, 'x-csrf-token': session.csrfToken };
    const organisation = await call({
      method: 'POST',
      url: '/v1/organisations',
      headers,
      payload: {
        name: 'Nieuwe Groothandel B.V.',
        kind: 'wholesaler',
        externalCode: 'KVK-12345678',
      },
    });
    expect(organisation.statusCode).toBe(201);
    const org = organisation.json<{ id: number; kind: string; externalCode: string }>();
    expect(org).toMatchObject({ kind: 'wholesaler', externalCode: 'KVK-12345678' });
    expect(organisation.headers.location).toBe(`/v1/organisations/${org.id}`);

    const user = await call({
      method: 'POST',
      url: '/v1/users',
      headers,
      payload: {
        email: 'Inkoop@Nieuwe-Groothandel.example',
        displayName: 'Inkoop',
        role: 'wholesaler',
        organisationId: org.id,
        password: 'nieuwe groothandel 2026',
      },
    });
    expect(user.statusCode).toBe(201);
    const created = user.json<{ id: number; disabled: boolean }>();
    expect(user.body).not.toContain('nieuwe groothandel 2026');
    const newcomer = await loginAs('inkoop@nieuwe-groothandel.example', 'nieuwe groothandel 2026');

    const twin = await call({
      method: 'POST',
      url: '/v1/users',
      headers,
      payload: {
        email: 'INKOOP@nieuwe-groothandel.example',
        displayName: 'Twin',
        role: 'wholesaler',
        organisationId: org.id,
        password: 'another password here',
      },
    });
    expect(twin.statusCode).toBe(409);
    expect(problemOf(twin).code).toBe('MS_USER_EMAIL_TAKEN');

    const disable = await call({
      method: 'PATCH',
      url: `/v1/users/${created.id}`,
      headers,
      payload: { disabled: true },
    });
    expect(disable.statusCode).toBe(200);
    expect(disable.json<{ disabled: boolean }>().disabled).toBe(true);
    const stale = await call({ url: '/v1/sessions/current', headers: { cookie: newcomer.cookie } });
    expect(stale.statusCode).toBe(204);
    const again = await call({
      method: 'POST',
      url: '/v1/sessions',
      payload: { email: 'inkoop@nieuwe-groothandel.example', password: 'nieuwe groothandel 2026' },
    });
    expect(problemOf(again).code).toBe('MS_AUTH_INVALID_CREDENTIALS');

    const self = await call({
      method: 'PATCH',
      url: `/v1/users/${userIds.get(admin.email) ?? 0}`,
      headers,
      payload: { disabled: true },
    });
    expect(self.statusCode).toBe(400);
  });

  it('lists every invalid field of a new user at once', async () => {
    const response = await call({
      method: 'POST',
      url: '/v1/users',
      headers: bearer('admin'),
      payload: {
        email: 'no-at-sign',
        displayName: 'Tab\tcharacter',
        role: 'mah',
        organisationId: organisationId('CBG/IGJ Meldpunt'),
        password: 'short',
      },
    });
    expect(response.statusCode).toBe(400);
    const problem = problemOf(response);
    expect(problem.errors?.map((e) => [e.pointer, e.code])).toEqual([
      ['/body/email', 'MS_EMAIL_INVALID'],
      ['/body/displayName', 'MS_TEXT_CONTROL_CHARACTERS'],
      ['/body/password', 'MS_AUTH_PASSWORD_TOO_SHORT'],
      ['/body/role', 'MS_AUTH_ROLE_NOT_ALLOWED'],
    ]);
    const shape = await call({
      method: 'POST',
      url: '/v1/users',
      headers: bearer('admin'),
      payload: { email: 42, role: 'emperor', colour: 'red' },
    });
    expect(shape.statusCode).toBe(400);
    expect(
      problemOf(shape)
        .errors?.map((e) => e.pointer)
        .sort(),
    ).toEqual([
      '/body/colour',
      '/body/displayName',
      '/body/organisationId',
      '/body/password',
      '/body/role',
    ]);
  });
});

describe('audit log', () => {
  it('is readable by analyst and admin and refused to every other role', async () => {
    for (const role of ['analyst', 'admin'] as const) {
      const response = await call({ url: '/v1/audit-log', headers: bearer(role) });
      expect(response.statusCode, role).toBe(200);
    }
    for (const role of ['mah', 'mah2', 'wholesaler', 'policy', 'coordinator'] as const) {
      const response = await call({ url: '/v1/audit-log', headers: bearer(role) });
      expect(response.statusCode, role).toBe(403);
      expect(problemOf(response).code).toBe('MS_AUTH_FORBIDDEN');
    }
    expect((await call({ url: '/v1/audit-log' })).statusCode).toBe(401);
  });

  it('records every write with who, what, before and after, and never a secret', async () => {
    const admin = demo('admin');
    const session = await loginAs(admin.email, admin.password);
    const headers = { cookie: session.cookie, 'x-csrf-token': session.csrfToken };
    const adminId = userIds.get(admin.email);
    const password = 'audit trail password';
    const org = (
      await call({
        method: 'POST',
        url: '/v1/organisations',
        headers,
        payload: { name: 'Audit Farma B.V.', kind: 'mah' },
      })
    ).json<{ id: number }>();
    const renamed = await call({
      method: 'PATCH',
      url: `/v1/organisations/${org.id}`,
      headers,
      payload: { name: 'Audit Farma Nederland B.V.' },
    });
    expect(renamed.statusCode).toBe(200);
    const user = (
      await call({
        method: 'POST',
        url: '/v1/users',
        headers,
        payload: {
          email: 'audit@audit-farma.example',
          displayName: 'Audit',
          role: 'mah',
          organisationId: org.id,
          password,
        },
      })
    ).json<{ id: number }>();
    const newPassword = 'a changed audit password';
    await call({
      method: 'PATCH',
      url: `/v1/users/${user.id}`,
      headers,
      payload: { password: newPassword, displayName: 'Audit Renamed' },
    });
    const token = (
      await call({
        method: 'POST',
        url: '/v1/api-tokens',
        headers,
        payload: { name: 'audit token', organisationId: org.id, role: 'mah' },
      })
    ).json<{ id: number; secret: string }>();
    await call({ method: 'DELETE', url: `/v1/api-tokens/${token.id}`, headers });
    const companySession = await loginAs('audit@audit-farma.example', newPassword);
    await call({
      method: 'DELETE',
      url: '/v1/sessions/current',
      headers: { cookie: companySession.cookie, 'x-csrf-token': companySession.csrfToken },
    });

    const read = await call({
      url: `/v1/audit-log?actor=user:${adminId}&pageSize=500`,
      headers: bearer('analyst'),
    });
    expect(read.statusCode).toBe(200);
    const entries = read.json<{
      items: {
        action: string;
        entity: string;
        entityId: string;
        actor: { kind: string; id: string; role: string; organisationId: number };
        before: Record<string, unknown> | null;
        after: Record<string, unknown> | null;
      }[];
    }>().items;
    const find = (action: string, entity: string, entityId: number) =>
      entries.find(
        (e) => e.action === action && e.entity === entity && e.entityId === String(entityId),
      );
    expect(find('create', 'organisation', org.id)?.after).toMatchObject({
      name: 'Audit Farma B.V.',
    });
    expect(find('update', 'organisation', org.id)).toMatchObject({
      before: { name: 'Audit Farma B.V.' },
      after: { name: 'Audit Farma Nederland B.V.' },
    });
    expect(find('create', 'user', user.id)?.after).toMatchObject({
      email: 'audit@audit-farma.example',
    });
    expect(find('update', 'user', user.id)).toMatchObject({
      before: { displayName: 'Audit' },
      after: { displayName: 'Audit Renamed', passwordChanged: true },
    });
    expect(find('create', 'api_token', token.id)?.after).toMatchObject({ name: 'audit token' });
    expect(find('revoke', 'api_token', token.id)?.before).toMatchObject({ revokedAt: null });
    expect(find('login', 'user', adminId ?? 0)).toBeDefined();
    for (const entry of entries) {
      expect(entry.actor).toEqual({
        kind: 'user',
        id: String(adminId),
        name: admin.email,
        role: 'admin',
        organisationId: organisationId('medsupply Beheer'),
      });
    }
    const company = await call({
      url: `/v1/audit-log?entity=user&entityId=${user.id}`,
      headers: bearer('admin'),
    });
    expect(company.json<{ items: { action: string }[] }>().items.map((e) => e.action)).toEqual([
      'logout',
      'login',
      'update',
      'create',
    ]);

    const everything = await db.pool.query<{ row: string }>(
      'select a::text as row from audit_log a',
    );
    const text = everything.rows.map((r) => r.row).join('\n');
    for (const secret of [
      password,
      newPassword,
      token.secret,
      token.secret.slice(4),
      '$scrypt$',
      session.csrfToken,
      session.cookie.split('=')[1] ?? 'missing',
      companySession.csrfToken,
    ]) {
      expect(text, secret).not.toContain(secret);
    }
  });

  it('filters by since and names every bad parameter at once', async () => {
    const future = await call({ url: '/v1/audit-log?since=2999-01-01', headers: bearer('admin') });
    expect(future.json<{ total: number }>().total).toBe(0);
    const bad = await call({
      url: '/v1/audit-log?since=yesterday&colour=red&entity=%00',
      headers: bearer('admin'),
    });
    expect(bad.statusCode).toBe(400);
    expect(
      problemOf(bad)
        .errors?.map((e) => e.pointer)
        .sort(),
    ).toEqual(['/querystring/colour', '/querystring/entity', '/querystring/since']);
    const impossible = await call({
      url: '/v1/audit-log?since=2026-02-30',
      headers: bearer('admin'),
    });
    expect(problemOf(impossible).errors?.map((e) => e.pointer)).toEqual(['/querystring/since']);
  });
});

describe('hostile input', () => {
  it('stores injection strings as text and returns them inert', async () => {
    const name = `Robert'); drop table app_user;-- <script>alert("x")</script> B.V.`;
    const displayName = `"><img src=x onerror=alert(1)> ' or '1'='1`;
    const organisation = await call({
      method: 'POST',
      url: '/v1/organisations',
      headers: bearer('admin'),
      payload: { name, kind: 'mah' },
    });
    expect(organisation.statusCode).toBe(201);
    expect(organisation.headers['content-type']).toContain('application/json');
    const org = organisation.json<{ id: number; name: string }>();
    expect(org.name).toBe(name);
    const user = await call({
      method: 'POST',
      url: '/v1/users',
      headers: bearer('admin'),
      payload: {
        email: `o'brien+test@example.org`,
        displayName,
        role: 'mah',
        organisationId: org.id,
        password: `'; select pg_sleep(10); --`,
      },
    });
    expect(user.statusCode).toBe(201);
    const id = user.json<{ id: number }>().id;
    const fetched = await call({ url: `/v1/users/${id}`, headers: bearer('admin') });
    expect(fetched.json<{ displayName: string; email: string }>()).toMatchObject({
      displayName,
      email: `o'brien+test@example.org`,
    });
    const search = await call({
      url: `/v1/organisations?query=${encodeURIComponent("'); drop table")}`,
      headers: bearer('admin'),
    });
    expect(search.json<{ items: { id: number }[] }>().items.map((o) => o.id)).toEqual([org.id]);
    const stillThere = await db.pool.query('select count(*) from app_user');
    expect(stillThere.rowCount).toBe(1);
    await loginAs(`O'Brien+test@example.org`, `'; select pg_sleep(10); --`, '10.3.0.1');
  });

  it('refuses NUL and control characters instead of failing on them', async () => {
    const response = await call({
      method: 'POST',
      url: '/v1/organisations',
      headers: bearer('admin'),
      payload: { name: 'Nul\u0000Byte B.V.', kind: 'mah', externalCode: 'line\nbreak' },
    });
    expect(response.statusCode).toBe(400);
    expect(problemOf(response).errors?.map((e) => [e.pointer, e.code])).toEqual([
      ['/body/name', 'MS_TEXT_CONTROL_CHARACTERS'],
      ['/body/externalCode', 'MS_TEXT_CONTROL_CHARACTERS'],
    ]);
    const login = await call({
      method: 'POST',
      url: '/v1/sessions',
      payload: { email: 'a\u0000@example.org', password: 'x\u0000y' },
      remoteAddress: '10.4.0.1',
    });
    expect(login.statusCode).toBe(401);
  });

  it('rejects an oversized login body before reading it', async () => {
    const response = await call({
      method: 'POST',
      url: '/v1/sessions',
      payload: { email: 'big@example.org', password: 'x'.repeat(2 * 1024 * 1024) },
      remoteAddress: '10.5.0.1',
    });
    expect(response.statusCode).toBe(413);
    expect(problemOf(response).code).toBe('MS_REQUEST_TOO_LARGE');
  });
});
