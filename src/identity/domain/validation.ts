/**
 * Rules for what organisations, users and tokens may look like. Each validator returns every
 * problem at once, located by a JSON pointer, so the API can answer one 400 that names them all.
 */
import type { Role } from '../../kernel/actor.ts';
import type { ProblemDetail } from '../../kernel/errors.ts';
import { roleFitsOrganisation, ROLE_ORGANISATION_KINDS } from './permissions.ts';
import type {
  ApiTokenInput,
  OrganisationChange,
  OrganisationInput,
  OrganisationKind,
  UserChange,
  UserInput,
} from './types.ts';

/** NIST SP 800-63B §5.1.1.2: at least 8; we ask 12 for accounts that see confidential stock. */
export const PASSWORD_MIN_LENGTH = 12;
/** Longer passwords only cost hashing time. */
export const PASSWORD_MAX_LENGTH = 1024;
export const NAME_MAX_LENGTH = 200;
export const EMAIL_MAX_LENGTH = 254;

/** The key an email address is matched by: trimmed and lower case. */
export function emailKey(email: string): string {
  return email.trim().toLowerCase();
}

// C0 and C1 control characters and DEL: PostgreSQL text cannot hold NUL, and none of them belongs
// in a name someone reads.
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f]/;

// Deliberately loose (RFC 5321 allows far more than any regex should judge): one @, something
// on both sides, a dot in the domain, no spaces.
const EMAIL_SHAPE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Length in Unicode code points, as people count characters (an emoji is one, not two). */
function codePoints(text: string): number {
  let count = 0;
  for (let index = 0; index < text.length; index++) {
    const unit = text.charCodeAt(index);
    // A high surrogate followed by a low one is one code point.
    if (unit >= 0xd800 && unit <= 0xdbff && index + 1 < text.length) {
      const next = text.charCodeAt(index + 1);
      if (next >= 0xdc00 && next <= 0xdfff) index++;
    }
    count++;
  }
  return count;
}

/** Problems with a required free-text field: empty, too long, or control characters. */
export function textProblems(
  value: string,
  pointer: string,
  label: string,
  maxLength = NAME_MAX_LENGTH,
): ProblemDetail[] {
  const problems: ProblemDetail[] = [];
  if (value.trim() === '') {
    problems.push({ pointer, code: 'MS_REQUEST_INVALID', detail: `${label} must not be empty` });
  } else if (codePoints(value) > maxLength) {
    problems.push({
      pointer,
      code: 'MS_REQUEST_INVALID',
      detail: `${label} must be at most ${maxLength} characters`,
    });
  }
  if (CONTROL_CHARACTERS.test(value)) {
    problems.push({
      pointer,
      code: 'MS_TEXT_CONTROL_CHARACTERS',
      detail: `${label} contains control characters (line breaks, tabs or NUL)`,
    });
  }
  return problems;
}

export function emailProblems(email: string, pointer: string): ProblemDetail[] {
  const trimmed = email.trim();
  if (trimmed.length > EMAIL_MAX_LENGTH || !EMAIL_SHAPE.test(trimmed)) {
    return [
      { pointer, code: 'MS_EMAIL_INVALID', detail: `"${trimmed}" is not a valid email address` },
    ];
  }
  return [];
}

export function passwordProblems(password: string, pointer: string): ProblemDetail[] {
  const length = codePoints(password);
  if (length < PASSWORD_MIN_LENGTH) {
    return [
      {
        pointer,
        code: 'MS_AUTH_PASSWORD_TOO_SHORT',
        detail: `password must be at least ${PASSWORD_MIN_LENGTH} characters (it has ${length})`,
      },
    ];
  }
  if (length > PASSWORD_MAX_LENGTH) {
    return [
      {
        pointer,
        code: 'MS_REQUEST_INVALID',
        detail: `password must be at most ${PASSWORD_MAX_LENGTH} characters`,
      },
    ];
  }
  return [];
}

/** The problem when a role does not fit the kind of organisation it is granted in. */
export function roleProblems(role: Role, kind: OrganisationKind, pointer: string): ProblemDetail[] {
  if (roleFitsOrganisation(role, kind)) return [];
  return [
    {
      pointer,
      code: 'MS_AUTH_ROLE_NOT_ALLOWED',
      detail: `role ${role} belongs in an organisation of kind ${ROLE_ORGANISATION_KINDS[role].join(' or ')}, not ${kind}`,
    },
  ];
}

function externalCodeProblems(code: string | null | undefined, pointer: string): ProblemDetail[] {
  if (code === undefined || code === null) return [];
  return textProblems(code, pointer, 'externalCode', 100);
}

export function validateOrganisationInput(
  input: OrganisationInput,
  base = '/body',
): ProblemDetail[] {
  return [
    ...textProblems(input.name, `${base}/name`, 'name'),
    ...externalCodeProblems(input.externalCode, `${base}/externalCode`),
  ];
}

/**
 * Problems with a change to an organisation. `roles` are the roles of its users and tokens: the
 * kind may change only to one that fits all of them.
 */
export function validateOrganisationChange(
  change: OrganisationChange,
  roles: readonly Role[],
  base = '/body',
): ProblemDetail[] {
  const problems = [
    ...(change.name === undefined ? [] : textProblems(change.name, `${base}/name`, 'name')),
    ...externalCodeProblems(change.externalCode, `${base}/externalCode`),
  ];
  const kind = change.kind;
  if (kind !== undefined) {
    const misfits = [...new Set(roles)].filter((role) => !roleFitsOrganisation(role, kind));
    if (misfits.length > 0) {
      problems.push({
        pointer: `${base}/kind`,
        code: 'MS_AUTH_ROLE_NOT_ALLOWED',
        detail: `the organisation has users or tokens with role ${misfits.join(', ')}, which do not fit kind ${kind}`,
      });
    }
  }
  return problems;
}

/** `kind` is the kind of the organisation named by input.organisationId (undefined: none). */
export function validateUserInput(
  input: UserInput,
  kind: OrganisationKind | undefined,
  base = '/body',
): ProblemDetail[] {
  const problems = [
    ...emailProblems(input.email, `${base}/email`),
    ...textProblems(input.displayName, `${base}/displayName`, 'displayName'),
    ...passwordProblems(input.password, `${base}/password`),
  ];
  if (kind === undefined) {
    problems.push({
      pointer: `${base}/organisationId`,
      code: 'MS_ORGANISATION_NOT_FOUND',
      detail: `no organisation with id ${input.organisationId}`,
    });
  } else {
    problems.push(...roleProblems(input.role, kind, `${base}/role`));
  }
  return problems;
}

export function validateUserChange(
  change: UserChange,
  kind: OrganisationKind,
  options: { readonly self: boolean },
  base = '/body',
): ProblemDetail[] {
  const problems: ProblemDetail[] = [];
  if (change.displayName !== undefined) {
    problems.push(...textProblems(change.displayName, `${base}/displayName`, 'displayName'));
  }
  if (change.password !== undefined) {
    problems.push(...passwordProblems(change.password, `${base}/password`));
  }
  if (change.role !== undefined) problems.push(...roleProblems(change.role, kind, `${base}/role`));
  // An operator who disables or demotes themselves could leave nobody to undo it.
  if (options.self && change.disabled === true) {
    problems.push({
      pointer: `${base}/disabled`,
      code: 'MS_REQUEST_INVALID',
      detail: 'you cannot disable your own account',
    });
  }
  if (options.self && change.role !== undefined && change.role !== 'admin') {
    problems.push({
      pointer: `${base}/role`,
      code: 'MS_REQUEST_INVALID',
      detail: 'you cannot take the admin role from your own account',
    });
  }
  return problems;
}

export function validateTokenInput(
  input: ApiTokenInput & { readonly role: Role },
  kind: OrganisationKind,
  now: Date,
  base = '/body',
): ProblemDetail[] {
  const problems = [
    ...textProblems(input.name, `${base}/name`, 'name', 100),
    ...roleProblems(input.role, kind, `${base}/role`),
  ];
  if (input.expiresAt !== undefined && input.expiresAt !== null) {
    const expires = parseTimestamp(input.expiresAt);
    if (expires === undefined || expires.getTime() <= now.getTime()) {
      problems.push({
        pointer: `${base}/expiresAt`,
        code: 'MS_REQUEST_INVALID',
        detail: 'expiresAt must be a date-time in the future',
      });
    }
  }
  return problems;
}

/**
 * An ISO 8601 date (midnight UTC) or date-time with a time zone, as query parameters and bodies
 * carry them; undefined when it is neither.
 */
export function parseTimestamp(text: string): Date | undefined {
  const date = /^\d{4}-\d{2}-\d{2}$/.test(text)
    ? new Date(`${text}T00:00:00Z`)
    : /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(text)
      ? new Date(text)
      : undefined;
  if (date === undefined || Number.isNaN(date.getTime())) return undefined;
  // 2026-02-30 rolls over to March: refuse rather than guess.
  if (date.toISOString().slice(0, 10) !== text.slice(0, 10) && !/[+-]\d{2}:\d{2}$/.test(text)) {
    return undefined;
  }
  return date;
}
