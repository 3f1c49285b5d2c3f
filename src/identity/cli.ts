/**
 * `medsupply users`, `medsupply tokens`, `medsupply organisations` and `medsupply demo-users`:
 * the operator's identity administration. The CLI acts as the system actor named by the context
 * (`cli:<user>`), with the admin role: whoever can reach the database is the operator.
 */
import { isRole, ROLES, systemActor, type Actor } from '../kernel/actor.ts';
import {
  parseCommandArgs,
  parseFormat,
  parsePositiveInteger,
  UsageError,
  type CliContext,
} from '../platform/cli-kit.ts';
import type { Page } from '../platform/http-server.ts';
import { type Column, type OutputFormat, formatListing } from '../platform/output.ts';
import { generatePassword } from './credentials.ts';
import {
  isOrganisationKind,
  ORGANISATION_KINDS,
  type ApiToken,
  type Organisation,
  type User,
} from './domain/types.ts';
import { DEMO_USERS, seedDemoIdentities, type DemoUser } from './services/demo.service.ts';
import { createOrganisation, listOrganisationsFor } from './services/organisation.service.ts';
import { createApiToken, listApiTokensFor, revokeApiToken } from './services/token.service.ts';
import { createUser, listUsersFor } from './services/user.service.ts';

export const USERS_USAGE = `usage: medsupply users add --email E --name N --role ${ROLES.join('|')} --organisation ID [--password-stdin]
       medsupply users list [--organisation ID] [--role R] [--format table|json|csv]
Without --password-stdin a password is generated and printed once.`;

export const TOKENS_USAGE = `usage: medsupply tokens create --organisation ID --role R --name LABEL [--expires DATE]
       medsupply tokens list [--organisation ID] [--format table|json|csv]
       medsupply tokens revoke ID
create prints the secret once, alone on standard output; the rest goes to standard error.`;

export const ORGANISATIONS_USAGE = `usage: medsupply organisations add --name N --kind ${ORGANISATION_KINDS.join('|')} [--external-code C]
       medsupply organisations list [--kind K] [--query TEXT] [--format table|json|csv]`;

/** Reads all of standard input (the password for --password-stdin). */
export async function readStandardInput(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) {
    chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  }
  return Buffer.concat(chunks).toString('utf8');
}

function cliActor(context: CliContext): Actor {
  return systemActor(context.actor);
}

function required(value: string | undefined, flag: string, usage: string): string {
  if (value === undefined || value === '') throw new UsageError(`${flag} is required\n${usage}`);
  return value;
}

function parseRole(value: string | undefined): (typeof ROLES)[number] | undefined {
  if (value === undefined) return undefined;
  if (!isRole(value)) {
    throw new UsageError(`--role must be one of ${ROLES.join(', ')}, not "${value}"`);
  }
  return value;
}

/** Every page of a listing, for output that has no paging. */
async function allPages<T>(fetch: (page: number, pageSize: number) => Promise<Page<T>>) {
  const items: T[] = [];
  for (let page = 1; ; page++) {
    const result = await fetch(page, 500);
    items.push(...result.items);
    if (items.length >= result.total || result.items.length === 0) return items;
  }
}

function emit<T>(
  context: CliContext,
  format: OutputFormat,
  rows: readonly T[],
  columns: readonly Column<T>[],
): void {
  context.stdout.write(formatListing(format, rows, columns));
}

const USER_COLUMNS: readonly Column<User>[] = [
  { header: 'id', value: (u) => u.id, numeric: true },
  { header: 'email', value: (u) => u.email },
  { header: 'name', value: (u) => u.displayName },
  { header: 'role', value: (u) => u.role },
  { header: 'organisation', value: (u) => u.organisationId, numeric: true },
  { header: 'disabled', value: (u) => u.disabled },
  { header: 'last login', value: (u) => u.lastLoginAt },
];

const TOKEN_COLUMNS: readonly Column<ApiToken>[] = [
  { header: 'id', value: (t) => t.id, numeric: true },
  { header: 'name', value: (t) => t.name },
  { header: 'prefix', value: (t) => t.prefix },
  { header: 'role', value: (t) => t.role },
  { header: 'organisation', value: (t) => t.organisationId, numeric: true },
  { header: 'created', value: (t) => t.createdAt },
  { header: 'last used', value: (t) => t.lastUsedAt },
  { header: 'expires', value: (t) => t.expiresAt },
  { header: 'revoked', value: (t) => t.revokedAt },
];

const ORGANISATION_COLUMNS: readonly Column<Organisation>[] = [
  { header: 'id', value: (o) => o.id, numeric: true },
  { header: 'name', value: (o) => o.name },
  { header: 'kind', value: (o) => o.kind },
  { header: 'external code', value: (o) => o.externalCode },
];

const DEMO_COLUMNS: readonly Column<DemoUser>[] = [
  { header: 'role', value: (u) => u.role },
  { header: 'email', value: (u) => u.email },
  { header: 'password', value: (u) => u.password },
  { header: 'organisation', value: (u) => u.organisation },
];

/** `medsupply users add|list`. */
export async function runUsersCommand(
  context: CliContext,
  args: readonly string[],
  readStdin: () => Promise<string> = readStandardInput,
): Promise<number> {
  const [subcommand, ...rest] = args;
  const { values, positionals } = parseCommandArgs(
    rest,
    {
      email: { type: 'string' },
      name: { type: 'string' },
      role: { type: 'string' },
      organisation: { type: 'string' },
      'password-stdin': { type: 'boolean' },
      format: { type: 'string' },
    },
    true,
  );
  if (positionals.length > 0) throw new UsageError(USERS_USAGE);
  if (subcommand === 'add') {
    const email = required(values.email, '--email', USERS_USAGE);
    const displayName = required(values.name, '--name', USERS_USAGE);
    const role = parseRole(required(values.role, '--role', USERS_USAGE));
    const organisationId = parsePositiveInteger(
      required(values.organisation, '--organisation', USERS_USAGE),
      '--organisation',
    );
    if (role === undefined || organisationId === undefined) throw new UsageError(USERS_USAGE);
    const generated = values['password-stdin'] !== true;
    // One trailing line break is the terminal's or echo's, not the password's.
    const password = generated ? generatePassword() : (await readStdin()).replace(/\r?\n$/, '');
    const database = await context.openDatabase();
    const user = await createUser(database.pool, cliActor(context), {
      email,
      displayName,
      role,
      organisationId,
      password,
    });
    context.stdout.write(
      `user ${user.id} created: ${user.email} (${user.role}, organisation ${user.organisationId})\n`,
    );
    if (generated) context.stdout.write(`password (shown once): ${password}\n`);
    return 0;
  }
  if (subcommand === 'list') {
    const format = parseFormat(values.format);
    const organisationId = parsePositiveInteger(values.organisation, '--organisation');
    const role = parseRole(values.role);
    const database = await context.openDatabase();
    const actor = cliActor(context);
    const users = await allPages((page, pageSize) =>
      listUsersFor(database.pool, actor, { organisationId, role, page, pageSize }),
    );
    emit(context, format, users, USER_COLUMNS);
    return 0;
  }
  throw new UsageError(USERS_USAGE);
}

/** `medsupply tokens create|list|revoke`. */
export async function runTokensCommand(
  context: CliContext,
  args: readonly string[],
): Promise<number> {
  const [subcommand, ...rest] = args;
  const { values, positionals } = parseCommandArgs(
    rest,
    {
      organisation: { type: 'string' },
      role: { type: 'string' },
      name: { type: 'string' },
      expires: { type: 'string' },
      format: { type: 'string' },
    },
    true,
  );
  if (subcommand === 'create') {
    if (positionals.length > 0) throw new UsageError(TOKENS_USAGE);
    const organisationId = parsePositiveInteger(
      required(values.organisation, '--organisation', TOKENS_USAGE),
      '--organisation',
    );
    const role = parseRole(required(values.role, '--role', TOKENS_USAGE));
    const name = required(values.name, '--name', TOKENS_USAGE);
    const database = await context.openDatabase();
    const result = await createApiToken(
      database.pool,
      cliActor(context),
      { name, role, organisationId, expiresAt: values.expires ?? null },
      new Date(),
    );
    const token = result.token;
    context.stderr.write(
      `token ${token.id} "${token.name}" created for organisation ${token.organisationId} with role ${token.role}` +
        `${token.expiresAt === null ? '' : `, expires ${token.expiresAt}`}; the secret below is shown once:\n`,
    );
    context.stdout.write(`${result.secret}\n`);
    return 0;
  }
  if (subcommand === 'list') {
    if (positionals.length > 0) throw new UsageError(TOKENS_USAGE);
    const format = parseFormat(values.format);
    const organisationId = parsePositiveInteger(values.organisation, '--organisation');
    const database = await context.openDatabase();
    const actor = cliActor(context);
    const tokens = await allPages((page, pageSize) =>
      listApiTokensFor(database.pool, actor, { organisationId, page, pageSize }),
    );
    emit(context, format, tokens, TOKEN_COLUMNS);
    return 0;
  }
  if (subcommand === 'revoke') {
    const [idText, ...extra] = positionals;
    if (extra.length > 0) throw new UsageError(TOKENS_USAGE);
    const id = parsePositiveInteger(required(idText, 'the token id', TOKENS_USAGE), 'the token id');
    if (id === undefined) throw new UsageError(TOKENS_USAGE);
    const database = await context.openDatabase();
    const token = await revokeApiToken(database.pool, cliActor(context), id, new Date());
    context.stdout.write(`token ${token.id} "${token.name}" revoked at ${token.revokedAt ?? ''}\n`);
    return 0;
  }
  throw new UsageError(TOKENS_USAGE);
}

/** `medsupply organisations add|list`. */
export async function runOrganisationsCommand(
  context: CliContext,
  args: readonly string[],
): Promise<number> {
  const [subcommand, ...rest] = args;
  const { values, positionals } = parseCommandArgs(
    rest,
    {
      name: { type: 'string' },
      kind: { type: 'string' },
      'external-code': { type: 'string' },
      query: { type: 'string' },
      format: { type: 'string' },
    },
    true,
  );
  if (positionals.length > 0) throw new UsageError(ORGANISATIONS_USAGE);
  const kindText = values.kind;
  if (kindText !== undefined && !isOrganisationKind(kindText)) {
    throw new UsageError(
      `--kind must be one of ${ORGANISATION_KINDS.join(', ')}, not "${kindText}"`,
    );
  }
  const kind = kindText !== undefined && isOrganisationKind(kindText) ? kindText : undefined;
  if (subcommand === 'add') {
    const name = required(values.name, '--name', ORGANISATIONS_USAGE);
    if (kind === undefined) throw new UsageError(`--kind is required\n${ORGANISATIONS_USAGE}`);
    const database = await context.openDatabase();
    const organisation = await createOrganisation(database.pool, cliActor(context), {
      name,
      kind,
      externalCode: values['external-code'] ?? null,
    });
    context.stdout.write(
      `organisation ${organisation.id} created: ${organisation.name} (${organisation.kind})\n`,
    );
    return 0;
  }
  if (subcommand === 'list') {
    const format = parseFormat(values.format);
    const database = await context.openDatabase();
    const actor = cliActor(context);
    const organisations = await allPages((page, pageSize) =>
      listOrganisationsFor(database.pool, actor, { kind, query: values.query, page, pageSize }),
    );
    emit(context, format, organisations, ORGANISATION_COLUMNS);
    return 0;
  }
  throw new UsageError(ORGANISATIONS_USAGE);
}

/** `medsupply demo-users`: creates the demo organisations and users, and lists them. */
export async function runDemoUsersCommand(
  context: CliContext,
  args: readonly string[],
): Promise<number> {
  const { values } = parseCommandArgs(args, { format: { type: 'string' } });
  const format = parseFormat(values.format);
  const database = await context.openDatabase();
  const result = await seedDemoIdentities(database.pool, { actor: context.actor });
  context.stderr.write(
    `demo identities: ${result.organisationsCreated} organisations created, ` +
      `${result.organisationsUpdated} given their demo kind, ${result.usersCreated} users created\n`,
  );
  emit(context, format, DEMO_USERS, DEMO_COLUMNS);
  return 0;
}
