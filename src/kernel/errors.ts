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
  MS_SIGNALS_SHORTAGE_NOT_FOUND: { title: 'No foreign shortage with this id', status: 404 },
  MS_SIGNALS_FDA_NOT_JSON: { title: 'The import file is not valid JSON', status: 400 },
  MS_SIGNALS_FDA_UNEXPECTED_FORMAT: {
    title: 'The JSON file is not an openFDA drug shortages document',
    status: 400,
  },
  MS_AUTH_REQUIRED: { title: 'Authentication required', status: 401 },
  MS_AUTH_FORBIDDEN: { title: 'Not allowed for this role', status: 403 },
  MS_AUTH_INVALID_CREDENTIALS: { title: 'Wrong email or password', status: 401 },
  MS_AUTH_TOKEN_INVALID: { title: 'Unknown, expired or revoked API token', status: 401 },
  MS_AUTH_RATE_LIMITED: { title: 'Too many failed logins; try again later', status: 429 },
  MS_AUTH_CSRF: { title: 'Missing or wrong X-CSRF-Token header', status: 403 },
  MS_AUTH_PASSWORD_TOO_SHORT: { title: 'The password is too short', status: 400 },
  MS_AUTH_ROLE_NOT_ALLOWED: { title: 'The role does not fit the organisation', status: 400 },
  MS_TEXT_CONTROL_CHARACTERS: { title: 'The text contains control characters', status: 400 },
  MS_EMAIL_INVALID: { title: 'Not a valid email address', status: 400 },
  MS_USER_NOT_FOUND: { title: 'No user with this id', status: 404 },
  MS_USER_EMAIL_TAKEN: { title: 'A user with this email address exists', status: 409 },
  MS_ORGANISATION_NOT_FOUND: { title: 'No organisation with this id', status: 404 },
  MS_ORGANISATION_EXISTS: { title: 'An organisation with this name or code exists', status: 409 },
  MS_TOKEN_NOT_FOUND: { title: 'No API token with this id', status: 404 },
  MS_NOTIFICATION_NOT_FOUND: { title: 'No such notification', status: 404 },
  MS_NOTIFICATION_CLOSED: { title: 'The notification is closed for updates', status: 409 },
  MS_NOTIFICATION_TRANSITION: { title: 'This status change is not possible', status: 409 },
  MS_IDEMPOTENCY_KEY_REUSED: { title: 'Idempotency-Key reused for another request', status: 422 },
  MS_PRODUCT_NOT_FOUND: { title: 'No such product', status: 404 },
  MS_NOTIFICATION_DUPLICATE: {
    title: 'A notification with this company reference exists',
    status: 409,
  },
  MS_WEBHOOK_URL_REFUSED: { title: 'This webhook address is not allowed', status: 400 },
  MS_UNSUPPORTED_MEDIA_TYPE: { title: 'Unsupported content type', status: 415 },
  MS_STOCK_IMPORT_REJECTED: {
    title: 'The stock or demand upload has rows with errors; nothing was loaded',
    status: 400,
  },
  MS_STOCK_QUANTITY_INVALID: {
    title: 'The quantity is not a whole number of 0 or more',
    status: 400,
  },
  MS_STOCK_DATE_INVALID: { title: 'The date is not valid for this report', status: 400 },
  MS_STOCK_UNKNOWN_PACK: { title: 'No pack with this identifier', status: 400 },
  MS_STOCK_UNKNOWN_HOLDER: { title: 'Not a stock holder you may report for', status: 400 },
  MS_STOCK_DUPLICATE_ROW: { title: 'The same report occurs twice in one upload', status: 400 },
  MS_STOCK_FHIR_WRONG_RESOURCE: { title: 'The resource is not an InventoryReport', status: 400 },
  MS_STOCK_FHIR_INVALID: { title: 'The InventoryReport cannot be loaded', status: 400 },
  MS_STOCK_PACK_NOT_FOUND: { title: 'No such pack', status: 404 },
  MS_STOCK_HOLDER_NOT_FOUND: { title: 'No such stock holder', status: 404 },
  MS_STOCK_PERIOD_INVALID: { title: 'The period is not valid', status: 400 },
  MS_SITE_STOPPAGE_NOT_FOUND: { title: 'No site stoppage with this id', status: 404 },
  MS_STOCK_OBLIGATION_CONFIG_INVALID: {
    title: 'The stock-obligation configuration is invalid',
    status: 500,
  },
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
