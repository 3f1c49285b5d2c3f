/**
 * The catalogue of stable error codes. Every problem the product reports to a user carries one of
 * these codes; docs/errors.md lists them and a test keeps the two in step.
 */

export interface ErrorDefinition {
  readonly title: string;
  readonly status: number;
}

export const ERROR_CATALOGUE = {
  MS_REQUEST_INVALID: { title: 'The request has invalid parameters', status: 400 },
  MS_REQUEST_NOT_FOUND: { title: 'No such resource', status: 404 },
  MS_REQUEST_METHOD_NOT_ALLOWED: { title: 'Method not allowed', status: 405 },
  MS_REQUEST_TOO_LARGE: { title: 'The request body is too large', status: 413 },
  MS_INTERNAL: { title: 'Internal error', status: 500 },
  MS_ATC_INVALID: { title: 'Not a valid ATC code', status: 400 },
  MS_ATC_NOT_FOUND: { title: 'No substance with this ATC code', status: 404 },
  MS_SITE_NOT_FOUND: { title: 'No manufacturing site with this id', status: 404 },
  MS_COUNTRY_INVALID: { title: 'Not an ISO 3166-1 alpha-2 country code', status: 400 },
  MS_IMPORT_FILE_NOT_FOUND: { title: 'The import file cannot be read', status: 400 },
  MS_IMPORT_EMPTY_FILE: { title: 'The import file is empty', status: 400 },
  MS_IMPORT_BINARY_FILE: { title: 'The import file is not a text CSV file', status: 400 },
  MS_IMPORT_WRONG_DELIMITER: { title: 'The import file uses another delimiter', status: 400 },
  MS_IMPORT_MISSING_COLUMNS: { title: 'The import file lacks required columns', status: 400 },
  MS_IMPORT_MALFORMED_CSV: { title: 'The import file is not well-formed CSV', status: 400 },
  MS_IMPORT_TRUNCATED: { title: 'The import file ends in the middle of a record', status: 400 },
  MS_IMPORT_NO_VALID_ROWS: { title: 'The import file has no usable row', status: 400 },
  MS_IMPORT_BAD_ROW: { title: 'A row of the import file was skipped', status: 400 },
  MS_IMPORT_UNKNOWN_REGISTER: { title: 'Unknown register', status: 400 },
  MS_IMPORT_FOLDER_INCOMPLETE: { title: 'The import folder lacks a register file', status: 400 },
} as const satisfies Record<string, ErrorDefinition>;

export type ErrorCode = keyof typeof ERROR_CATALOGUE;

export const PROBLEM_TYPE_BASE = 'https://medsupply.eu/problems/';

export function problemType(code: ErrorCode): string {
  return PROBLEM_TYPE_BASE + code.toLowerCase().replace(/_/g, '-');
}

/** One thing wrong with an input, located by a JSON pointer (or file:line for imports). */
export interface ProblemDetail {
  readonly pointer: string;
  readonly code: ErrorCode;
  readonly detail: string;
}

/**
 * An expected failure that reaches the user: services throw it, the HTTP layer and the CLI turn it
 * into a problem+json response or a one-line message. Bugs stay ordinary errors.
 */
export class UserFacingError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly errors: readonly ProblemDetail[] = [],
  ) {
    super(message);
    this.name = 'UserFacingError';
  }

  get status(): number {
    return ERROR_CATALOGUE[this.code].status;
  }
}

export type Result<T, E = ProblemDetail> = { ok: true; value: T } | { ok: false; error: E };

export const ok = <T>(value: T): Result<T, never> => ({ ok: true, value });
export const fail = <E>(error: E): Result<never, E> => ({ ok: false, error });
