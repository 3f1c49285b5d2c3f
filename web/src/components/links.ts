/** The app's routes, in one place so links and the router agree. */
export const paths = {
  overview: () => '/',
  vulnerability: () => '/vulnerability',
  search: (q?: string) =>
    q === undefined || q === '' ? '/search' : `/search?q=${encodeURIComponent(q)}`,
  substance: (atc: string) => `/substances/${encodeURIComponent(atc)}`,
  site: (id: number | string) => `/sites/${encodeURIComponent(String(id))}`,
  country: (iso2: string) => `/countries/${encodeURIComponent(iso2.toUpperCase())}`,
  login: (next?: string, expired = false) => {
    const params = new URLSearchParams();
    if (next !== undefined && next !== '' && next !== '/login') params.set('next', next);
    if (expired) params.set('expired', 'true');
    const query = params.toString();
    return query === '' ? '/login' : `/login?${query}`;
  },
  shortages: (filters: { readonly atc?: string; readonly q?: string } = {}) => {
    const params = new URLSearchParams();
    if (filters.atc !== undefined) params.set('atc', filters.atc);
    if (filters.q !== undefined) params.set('q', filters.q);
    const query = params.toString();
    return query === '' ? '/shortages' : `/shortages?${query}`;
  },
  triage: () => '/notifications',
  notification: (id: number | string) => `/notifications/${encodeURIComponent(String(id))}`,
  newNotification: () => '/notifications/new',
  updateNotification: (id: number | string) =>
    `/notifications/${encodeURIComponent(String(id))}/update`,
  myNotifications: () => '/my-notifications',
  lateReport: (from?: string, to?: string) =>
    from === undefined || to === undefined
      ? '/late-notifications'
      : `/late-notifications?from=${from}&to=${to}`,
  stockCover: (level?: 'pack' | 'product' | 'substance') =>
    level === undefined || level === 'pack' ? '/stock' : `/stock?level=${level}`,
  holderCompliance: (
    id: number | string,
    period?: { readonly from: string; readonly to: string },
  ) =>
    `/holders/${encodeURIComponent(String(id))}/compliance${
      period === undefined ? '' : `?from=${period.from}&to=${period.to}`
    }`,
  nonCompliance: (period?: { readonly from: string; readonly to: string }) =>
    period === undefined
      ? '/stock-obligation'
      : `/stock-obligation?from=${period.from}&to=${period.to}`,
  policy: () => '/policy',
  pack: (id: number | string) => `/packs/${encodeURIComponent(String(id))}`,
  watchlist: () => '/watchlist',
  siteFailureScenario: (siteId?: number) =>
    siteId === undefined
      ? '/scenarios/site-failure'
      : `/scenarios/site-failure?siteId=${String(siteId)}`,
} as const;

/**
 * Where to go after the login: the `next` address if it is a path inside this app (never another
 * site: "//evil.example" and "/\\evil.example" are refused), else the role's home page.
 */
export function safeNextPath(next: string | null): string | null {
  if (next === null || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\'))
    return null;
  if (next.startsWith('/login')) return null;
  return next;
}
