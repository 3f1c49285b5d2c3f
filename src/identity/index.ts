/**
 * The identity capability: organisations, users, roles, sessions, API tokens and reading the
 * audit log. Other capabilities take an Actor (src/kernel/actor.ts) and use the guards in
 * src/platform/auth.ts; they import identity only through this file.
 */
export * from './domain/types.ts';
export {
  ROLE_ORGANISATION_KINDS,
  roleFitsOrganisation,
  canManageIdentities,
  canReadAuditLog,
  AUDIT_LOG_READER_ROLES,
  IDENTITY_ADMIN_ROLES,
} from './domain/permissions.ts';
export { PASSWORD_MIN_LENGTH, emailKey } from './domain/validation.ts';
export { hashPassword, verifyPassword } from './credentials.ts';
export {
  createActorResolver,
  login,
  logout,
  resolveSession,
  resolveToken,
  userActor,
  LoginRateLimitedError,
  type LoginInput,
  type LoginResult,
} from './services/auth.service.ts';
export {
  createOrganisation,
  getOrganisation,
  listOrganisationsFor,
  updateOrganisation,
} from './services/organisation.service.ts';
export { createUser, getUser, listUsersFor, updateUser } from './services/user.service.ts';
export {
  createApiToken,
  listApiTokensFor,
  revokeApiToken,
  type CreatedApiToken,
} from './services/token.service.ts';
export { listAuditLog } from './services/audit.service.ts';
export {
  seedDemoIdentities,
  DEMO_USERS,
  DEMO_ORGANISATIONS,
  type DemoSeedResult,
  type DemoUser,
} from './services/demo.service.ts';
