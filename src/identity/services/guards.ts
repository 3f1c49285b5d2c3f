/** Refusals shared by the identity services, as the errors the HTTP layer and CLI report. */
import type { Actor } from '../../kernel/actor.ts';
import { UserFacingError, type ProblemDetail } from '../../kernel/errors.ts';
import { canManageIdentities } from '../domain/permissions.ts';

export function assertIdentityAdmin(actor: Actor): void {
  if (!canManageIdentities(actor)) {
    throw new UserFacingError('MS_AUTH_FORBIDDEN', `role ${actor.role} may not manage identities`);
  }
}

/** One 400 naming every problem, or nothing when there is none. */
export function assertValid(problems: readonly ProblemDetail[]): void {
  if (problems.length === 0) return;
  throw new UserFacingError(
    'MS_REQUEST_INVALID',
    `${problems.length} invalid field${problems.length === 1 ? '' : 's'}`,
    problems,
  );
}

/** Whether a database error is a unique-constraint violation (a race lost to another writer). */
export function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === '23505';
}

export interface PageRequest {
  readonly page: number;
  readonly pageSize: number;
}

export function limitOffset(request: PageRequest): { limit: number; offset: number } {
  return { limit: request.pageSize, offset: (request.page - 1) * request.pageSize };
}
