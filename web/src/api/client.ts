import type {
  Alternative,
  AuditEntry,
  BulkStatusResult,
  CountryDetail,
  CountrySites,
  Coverage,
  EsmpExport,
  ForeignShortagesOfSubstance,
  Health,
  Impact,
  LateReport,
  NotificationDetail,
  NotificationReport,
  NotificationStatus,
  NotificationSummary,
  Overview,
  Page,
  Problem,
  Product,
  PublicPhase,
  PublicShortage,
  RiskClass,
  Session,
  Site,
  SiteSummary,
  Source,
  Substance,
  SubstanceSummary,
  SupplyChain,
  VulnerabilityRow,
} from './types.ts';

/** An API answer that was not 2xx; carries the problem+json body when there was one. */
export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem | null;
  /** From a 429's Retry-After header: how long to wait before trying again. */
  readonly retryAfterSeconds: number | null;

  constructor(
    status: number,
    problem: Problem | null,
    message: string,
    retryAfterSeconds: number | null = null,
  ) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem;
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/** Query parameters: undefined, null and '' are left out. */
export type Query = object;

export function buildQuery(query: Query | undefined): string {
  if (query === undefined) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query) as [string, unknown][]) {
    if (typeof value === 'string' && value !== '') params.set(key, value);
    else if (typeof value === 'number' || typeof value === 'boolean')
      params.set(key, String(value));
  }
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}

function isProblem(value: unknown): value is Problem {
  return typeof value === 'object' && value !== null;
}

/*
 * The session's CSRF token, kept in memory only (never in storage, where a script injected into
 * another page of the origin could read it). The session provider sets it after a login or after
 * GET /v1/sessions/current on a reload; every cookie-authenticated write sends it back.
 */
let csrfToken: string | null = null;
let onUnauthorised: (() => void) | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called when the API answers 401 to a request made while logged in: the session has ended. */
export function setUnauthorisedHandler(handler: (() => void) | null): void {
  onUnauthorised = handler;
}

export interface RequestOptions {
  readonly method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  readonly query?: Query;
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
  readonly accept?: string;
  readonly signal?: AbortSignal | undefined;
}

async function problemOf(response: Response): Promise<ApiError> {
  let problem: Problem | null = null;
  try {
    const body: unknown = await response.json();
    problem = isProblem(body) ? body : null;
  } catch {
    problem = null;
  }
  const retryAfter = Number.parseInt(response.headers.get('retry-after') ?? '', 10);
  return new ApiError(
    response.status,
    problem,
    problem?.detail ?? problem?.title ?? `HTTP ${response.status}`,
    Number.isFinite(retryAfter) ? retryAfter : null,
  );
}

/** One call to /v1: JSON in and out, the CSRF header on writes, problem+json as ApiError. */
async function request(path: string, options: RequestOptions = {}): Promise<Response> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = {
    accept: options.accept ?? 'application/json, application/problem+json',
    ...options.headers,
  };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken !== null) headers['x-csrf-token'] = csrfToken;
  const response = await fetch(`/v1${path}${buildQuery(options.query)}`, {
    method,
    headers,
    ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
    ...(options.signal === undefined ? {} : { signal: options.signal }),
  });
  if (!response.ok) {
    if (response.status === 401 && csrfToken !== null && path !== '/sessions') onUnauthorised?.();
    throw await problemOf(response);
  }
  return response;
}

export async function getJson<T>(path: string, query?: Query, signal?: AbortSignal): Promise<T> {
  const response = await request(path, { query, signal });
  return (await response.json()) as T;
}

async function sendJson<T>(
  method: 'POST' | 'PUT' | 'DELETE',
  path: string,
  body?: unknown,
  headers?: Readonly<Record<string, string>>,
): Promise<T> {
  const response = await request(path, {
    method,
    ...(body === undefined ? {} : { body }),
    ...(headers === undefined ? {} : { headers }),
  });
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

/** A CSV the API writes itself (Accept: text/csv), as text for downloadText. */
export async function getCsv(path: string, query?: Query): Promise<string> {
  const response = await request(path, { query, accept: 'text/csv' });
  return (await response.text()).replace(/^\uFEFF/, '');
}

const segment = (value: string): string => encodeURIComponent(value);

export interface ListQuery {
  readonly page?: number;
  readonly pageSize?: number;
  readonly sort?: string;
}

export interface VulnerabilityQuery extends ListQuery {
  readonly source?: Source;
  readonly critical?: boolean;
  readonly minHhi?: number;
}

/** The typed /v1 client: one function per endpoint the web app uses. */
export const api = {
  health: (signal?: AbortSignal) => getJson<Health>('/health', undefined, signal),
  overview: (signal?: AbortSignal) => getJson<Overview>('/overview', undefined, signal),
  substances: (
    query: ListQuery & { readonly query?: string; readonly critical?: boolean },
    signal?: AbortSignal,
  ) => getJson<Page<SubstanceSummary>>('/substances', query, signal),
  substance: (atc: string, signal?: AbortSignal) =>
    getJson<Substance>(`/substances/${segment(atc)}`, undefined, signal),
  supplyChain: (atc: string, source: Source, signal?: AbortSignal) =>
    getJson<SupplyChain>(`/substances/${segment(atc)}/supply-chain`, { source }, signal),
  vulnerability: (query: VulnerabilityQuery, signal?: AbortSignal) =>
    getJson<Page<VulnerabilityRow>>('/vulnerability', query, signal),
  sites: (
    query: ListQuery & {
      readonly query?: string;
      readonly country?: string;
      readonly source?: string;
    },
    signal?: AbortSignal,
  ) => getJson<Page<SiteSummary>>('/sites', query, signal),
  site: (id: string, signal?: AbortSignal) =>
    getJson<Site>(`/sites/${segment(id)}`, undefined, signal),
  siteImpact: (id: string, source: Source, signal?: AbortSignal) =>
    getJson<Impact>(`/sites/${segment(id)}/impact`, { source }, signal),
  countries: (signal?: AbortSignal) =>
    getJson<{ readonly items: readonly CountrySites[] }>('/countries', undefined, signal),
  country: (iso2: string, signal?: AbortSignal) =>
    getJson<CountryDetail>(`/countries/${segment(iso2)}`, undefined, signal),
  countryImpact: (iso2: string, source: Source, signal?: AbortSignal) =>
    getJson<Impact>(`/countries/${segment(iso2)}/impact`, { source }, signal),
  coverage: (signal?: AbortSignal) => getJson<readonly Coverage[]>('/coverage', undefined, signal),

  // Sessions
  login: (email: string, password: string) =>
    sendJson<Session>('POST', '/sessions', { email, password }),
  currentSession: (signal?: AbortSignal) =>
    request('/sessions/current', { signal }).then(async (response) =>
      // 204: nobody is logged in.
      response.status === 204 ? null : ((await response.json()) as Session),
    ),
  logout: () => sendJson<undefined>('DELETE', '/sessions/current'),

  // Notifications
  notifications: (query: NotificationQuery, signal?: AbortSignal) =>
    getJson<Page<NotificationSummary>>('/notifications', query, signal),
  notification: (id: string, signal?: AbortSignal) =>
    getJson<NotificationDetail>(`/notifications/${segment(id)}`, undefined, signal),
  submitNotification: (report: NotificationReport, idempotencyKey: string) =>
    sendJson<NotificationSummary>('POST', '/notifications', report, {
      'idempotency-key': idempotencyKey,
    }),
  updateNotification: (id: number, report: NotificationReport, idempotencyKey: string) =>
    sendJson<NotificationSummary>('POST', `/notifications/${String(id)}/versions`, report, {
      'idempotency-key': idempotencyKey,
    }),
  changeStatus: (id: number, status: NotificationStatus, comment: string) =>
    sendJson<NotificationSummary>('POST', `/notifications/${String(id)}/status-changes`, {
      status,
      ...(comment === '' ? {} : { comment }),
    }),
  bulkChangeStatus: (ids: readonly number[], status: NotificationStatus, comment: string) =>
    sendJson<{ readonly results: readonly BulkStatusResult[] }>(
      'POST',
      '/notifications/bulk-status-changes',
      { ids, status, ...(comment === '' ? {} : { comment }) },
    ),
  addComment: (id: number, kind: 'comment' | 'information_request', body: string) =>
    sendJson<NotificationSummary>('POST', `/notifications/${String(id)}/comments`, { kind, body }),
  setAdvice: (id: number, advice: string) =>
    sendJson<NotificationSummary>('PUT', `/notifications/${String(id)}/advice`, { advice }),
  setUnforeseeable: (id: number, unforeseeable: boolean, reason: string) =>
    sendJson<NotificationSummary>('PUT', `/notifications/${String(id)}/unforeseeable`, {
      unforeseeable,
      ...(reason === '' ? {} : { reason }),
    }),
  esmpExport: (id: number) => getJson<EsmpExport>(`/notifications/${String(id)}/esmp-export`),
  esmpExportCsv: (id: number) => getCsv(`/notifications/${String(id)}/esmp-export`),
  lateReport: (from: string, to: string, signal?: AbortSignal) =>
    getJson<LateReport>('/late-notifications', { from, to }, signal),
  lateReportCsv: (from: string, to: string) => getCsv('/late-notifications', { from, to }),
  auditLog: (entity: string, entityId: string, signal?: AbortSignal) =>
    getJson<Page<AuditEntry>>('/audit-log', { entity, entityId, pageSize: 500 }, signal),

  // Products
  products: (
    query: ListQuery & { readonly organisationId?: number; readonly query?: string },
    signal?: AbortSignal,
  ) => getJson<Page<Product>>('/products', query, signal),
  alternatives: (productId: number, signal?: AbortSignal) =>
    getJson<{ readonly items: readonly Alternative[]; readonly total: number }>(
      `/products/${String(productId)}/alternatives`,
      undefined,
      signal,
    ),

  // Public information and foreign registers
  shortages: (query: ShortageQuery, signal?: AbortSignal) =>
    getJson<Page<PublicShortage>>('/shortages', query, signal),
  shortagesCsv: (query: ShortageQuery) => getCsv('/shortages', query),
  foreignShortages: (atc: string, activeOn: string, signal?: AbortSignal) =>
    getJson<ForeignShortagesOfSubstance>(
      `/substances/${segment(atc)}/foreign-shortages`,
      { activeOn },
      signal,
    ),
};

export interface NotificationQuery extends ListQuery {
  readonly status?: NotificationStatus;
  readonly riskClass?: RiskClass;
  readonly atc?: string;
}

export interface ShortageQuery {
  readonly phase?: PublicPhase;
  readonly atc?: string;
  readonly query?: string;
  readonly page?: number;
  readonly pageSize?: number;
}

/** The Atom feeds of the public list, for <link rel="alternate"> and "follow" links. */
export const feeds = {
  product: (productId: number) => `/v1/feeds/products/${String(productId)}`,
  substance: (atc: string) => `/v1/feeds/substances/${encodeURIComponent(atc)}`,
} as const;
