/** The identity commands (users, tokens, organisations, demo-users) on a test database. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCliContext, UsageError } from '../../src/platform/cli-kit.ts';
import {
  runDemoUsersCommand,
  runOrganisationsCommand,
  runTokensCommand,
  runUsersCommand,
} from '../../src/identity/cli.ts';
import { login, resolveToken } from '../../src/identity/index.ts';
import { createTestDatabase, type TestDatabase } from '../setup/database.ts';

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase('empty');
});
afterAll(async () => {
  await db.close();
});

type Command = typeof runTokensCommand;

async function run(
  command: Command,
  args: string[],
): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const context = createCliContext(
    {
      stdout: { write: (text: string) => (stdout += text) },
      stderr: { write: (text: string) => (stderr += text) },
      env: { DATABASE_URL: db.url },
    },
    'cli:test',
  );
  try {
    return { code: await command(context, args), stdout, stderr };
  } finally {
    await context.close();
  }
}

async function addOrganisation(name: string, kind: string): Promise<number> {
  const result = await run(runOrganisationsCommand, ['add', '--name', name, '--kind', kind]);
  const id = /^organisation (\d+) created/.exec(result.stdout)?.[1];
  expect(id, result.stdout).toBeDefined();
  return Number(id);
}

describe('medsupply users', () => {
  it('adds a user with a password from standard input, who can then log in', async () => {
    const organisation = await addOrganisation('CLI Farma B.V.', 'mah');
    let stdout = '';
    const context = createCliContext(
      {
        stdout: { write: (text: string) => (stdout += text) },
        stderr: { write: () => true },
        env: { DATABASE_URL: db.url },
      },
      'cli:test',
    );
    const code = await runUsersCommand(
      context,
      ['add', '--email', 'cli@farma.example', '--name', 'CLI', '--role', 'mah'].concat([
        '--organisation',
        String(organisation),
        '--password-stdin',
      ]),
      () => Promise.resolve('piped password 2026\n'),
    );
    await context.close();
    expect(code).toBe(0);
    expect(stdout).toMatch(/^user \d+ created: cli@farma\.example \(mah, organisation \d+\)\n$/);
    const session = await login(db.pool, {
      email: 'cli@farma.example',
      password: 'piped password 2026',
      clientIp: 'cli',
      now: new Date(),
    });
    expect(session.organisation.id).toBe(organisation);
  });

  it('generates and prints a password once when none is piped', async () => {
    const organisation = await addOrganisation('CLI Meldpunt', 'authority');
    const result = await run(runUsersCommand, [
      'add',
      '--email',
      'generated@meldpunt.example',
      '--name',
      'Generated',
      '--role',
      'analyst',
      '--organisation',
      String(organisation),
    ]);
    const password = /password \(shown once\): (\S+)/.exec(result.stdout)?.[1] ?? '';
    expect(password.length).toBeGreaterThanOrEqual(12);
    await login(db.pool, {
      email: 'generated@meldpunt.example',
      password,
      clientIp: 'cli',
      now: new Date(),
    });
    const list = await run(runUsersCommand, ['list', '--format', 'json']);
    const users = JSON.parse(list.stdout) as Record<string, unknown>[];
    expect(users.map((user) => user.email)).toContain('generated@meldpunt.example');
    expect(list.stdout).not.toContain(password);
    expect(list.stdout).not.toContain('$scrypt$');
  });

  it('refuses an unknown role as a usage error and a misfit role as a user-facing error', async () => {
    await expect(
      run(runUsersCommand, [
        'add',
        '--email',
        'x@y.example',
        '--name',
        'X',
        '--role',
        'emperor',
        '--organisation',
        '1',
      ]),
    ).rejects.toBeInstanceOf(UsageError);
    const organisation = await addOrganisation('Misfit Groothandel', 'wholesaler');
    await expect(
      run(runUsersCommand, [
        'add',
        '--email',
        'misfit@example.org',
        '--name',
        'Misfit',
        '--role',
        'admin',
        '--organisation',
        String(organisation),
      ]),
    ).rejects.toMatchObject({ code: 'MS_REQUEST_INVALID' });
  });
});

describe('medsupply tokens', () => {
  it('prints the secret alone on standard output, lists without it, and revokes', async () => {
    const organisation = await addOrganisation('Token Groothandel B.V.', 'wholesaler');
    const created = await run(runTokensCommand, [
      'create',
      '--organisation',
      String(organisation),
      '--role',
      'wholesaler',
      '--name',
      'WMS',
    ]);
    expect(created.code).toBe(0);
    expect(created.stdout).toMatch(/^mst_[A-Za-z0-9_-]{43}\n$/);
    const secret = created.stdout.trim();
    const id = Number(/^token (\d+)/.exec(created.stderr)?.[1]);
    expect(await resolveToken(db.pool, secret, new Date())).toMatchObject({
      kind: 'token',
      organisationId: organisation,
      role: 'wholesaler',
    });
    const list = await run(runTokensCommand, [
      'list',
      '--organisation',
      String(organisation),
      '--format',
      'csv',
    ]);
    expect(list.stdout.split('\r\n')[0]).toBe(
      'id,name,prefix,role,organisation,created,last used,expires,revoked',
    );
    expect(list.stdout).toContain('WMS');
    expect(list.stdout).not.toContain(secret);
    const revoked = await run(runTokensCommand, ['revoke', String(id)]);
    expect(revoked.stdout).toMatch(new RegExp(`^token ${id} "WMS" revoked at `));
    expect(await resolveToken(db.pool, secret, new Date())).toBeNull();
    const audit = await db.pool.query<{ actor: string; actor_kind: string; action: string }>(
      `select actor, actor_kind, action from audit_log where entity = 'api_token' and entity_id = $1
        order by id`,
      [String(id)],
    );
    expect(audit.rows).toEqual([
      { actor: 'cli:test', actor_kind: 'system', action: 'create' },
      { actor: 'cli:test', actor_kind: 'system', action: 'revoke' },
    ]);
  });
});

describe('medsupply demo-users', () => {
  it('seeds the demo identities once and lists them with their passwords', async () => {
    const first = await run(runDemoUsersCommand, ['--format', 'csv']);
    expect(first.stderr).toMatch(/7 users created/);
    expect(first.stdout).toContain('analyst,analyst@meldpunt.demo.example,demo-analyst-2026!');
    const second = await run(runDemoUsersCommand, []);
    expect(second.stderr).toMatch(
      /0 organisations created, 0 given their demo kind, 0 users created/,
    );
    expect(second.stdout).toMatch(/^role\s+email\s+password\s+organisation/);
  });
});
