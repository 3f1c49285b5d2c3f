import type {
  CountryDetail,
  CountrySites,
  Coverage,
  Health,
  Impact,
  Overview,
  Page,
  Problem,
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

  constructor(status: number, problem: Problem | null, message: string) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem;
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

async function getJson<T>(path: string, query?: Query, signal?: AbortSignal): Promise<T> {
  const response = await fetch(`/v1${path}${buildQuery(query)}`, {
    headers: { accept: 'application/json, application/problem+json' },
    ...(signal === undefined ? {} : { signal }),
  });
  if (!response.ok) {
    let problem: Problem | null = null;
    try {
      const body: unknown = await response.json();
      problem = isProblem(body) ? body : null;
    } catch {
      problem = null;
    }
    throw new ApiError(
      response.status,
      problem,
      problem?.detail ?? problem?.title ?? `HTTP ${response.status}`,
    );
  }
  return (await response.json()) as T;
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
};
