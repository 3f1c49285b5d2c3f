/** The app's routes, in one place so links and the router agree. */
export const paths = {
  overview: () => '/',
  vulnerability: () => '/vulnerability',
  search: (q?: string) =>
    q === undefined || q === '' ? '/search' : `/search?q=${encodeURIComponent(q)}`,
  substance: (atc: string) => `/substances/${encodeURIComponent(atc)}`,
  site: (id: number | string) => `/sites/${encodeURIComponent(String(id))}`,
  country: (iso2: string) => `/countries/${encodeURIComponent(iso2.toUpperCase())}`,
} as const;
