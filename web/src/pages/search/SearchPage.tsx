import { Heading } from '@nl-design-system-candidate/heading-react';
import { NumberBadge } from '@nl-design-system-candidate/number-badge-react';
import { Paragraph } from '@nl-design-system-candidate/paragraph-react';
import { useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { api } from '../../api/client.ts';
import {
  isSource,
  type CountrySites,
  type SiteSummary,
  type SubstanceSummary,
} from '../../api/types.ts';
import { AppLink } from '../../components/AppLink.tsx';
import { CriticalBadge } from '../../components/Badges.tsx';
import { ClientDataTable, type Column } from '../../components/DataTable.tsx';
import { paths } from '../../components/links.ts';
import { SearchForm } from '../../components/SearchForm.tsx';
import { ErrorState, LoadingState } from '../../components/States.tsx';
import { foldText } from '../../components/table-model.ts';
import { useApi } from '../../hooks/useApi.ts';
import { useDocumentTitle } from '../../hooks/useDocumentTitle.ts';
import { useI18n } from '../../hooks/useI18n.ts';

const FETCH_SIZE = 200;
const regionNames = ['nl', 'en', 'de'].map(
  (locale) => new Intl.DisplayNames([locale], { type: 'region' }),
);

/** Country names in Dutch, English and German, so "Duitsland", "Germany" and "DE" all match. */
function countryMatches(iso2: string, needle: string): boolean {
  if (foldText(iso2) === needle) return true;
  return regionNames.some((names) => {
    try {
      return foldText(names.of(iso2) ?? '').includes(needle);
    } catch {
      return false;
    }
  });
}

export function SearchPage() {
  const i18n = useI18n();
  const { t, number, country, substanceName } = i18n;
  const [params] = useSearchParams();
  const q = (params.get('q') ?? '').trim();
  useDocumentTitle(q === '' ? t('search.title') : t('search.resultsFor', { q }));

  const substances = useApi(`search-substances:${q}`, (signal) =>
    q === '' ? Promise.resolve(null) : api.substances({ query: q, pageSize: FETCH_SIZE }, signal),
  );
  const sites = useApi(`search-sites:${q}`, (signal) =>
    q === '' ? Promise.resolve(null) : api.sites({ query: q, pageSize: FETCH_SIZE }, signal),
  );
  const countries = useApi('countries', (signal) => api.countries(signal));
  const countryHits = useMemo(() => {
    const needle = foldText(q);
    if (needle === '' || countries.data === null) return [];
    return countries.data.items.filter((row) => countryMatches(row.country, needle));
  }, [countries.data, q]);

  const substanceColumns = useMemo<Column<SubstanceSummary>[]>(
    () => [
      {
        key: 'atc',
        label: t('common.atc'),
        rowHeader: true,
        value: (row) => row.atc,
        render: (row) => (
          <AppLink to={paths.substance(row.atc)} className="ms-code">
            {row.atc}
          </AppLink>
        ),
      },
      {
        key: 'name',
        label: t('common.name'),
        value: (row) => substanceName(row),
        render: (row) => (
          <span className="ms-name-cell">
            <AppLink to={paths.substance(row.atc)}>{substanceName(row)}</AppLink>{' '}
            <CriticalBadge critical={row.critical} />
          </span>
        ),
      },
      { key: 'nl', label: t('substance.name.nl'), value: (row) => row.names.nl ?? null },
      { key: 'en', label: t('substance.name.en'), value: (row) => row.names.en ?? null },
      { key: 'de', label: t('substance.name.de'), value: (row) => row.names.de ?? null },
      {
        key: 'critical',
        label: t('common.criticalList'),
        facet: true,
        facetKey: (row) => (row.critical ? 'yes' : 'no'),
        facetLabel: (value) => i18n.yesNo(value === 'yes'),
        value: (row) => row.critical,
      },
    ],
    [t, substanceName, i18n],
  );

  const siteColumns = useMemo<Column<SiteSummary>[]>(
    () => [
      {
        key: 'name',
        label: t('common.name'),
        rowHeader: true,
        value: (row) => row.name,
        render: (row) => <AppLink to={paths.site(row.id)}>{row.name}</AppLink>,
      },
      { key: 'city', label: t('common.city'), value: (row) => row.city },
      {
        key: 'country',
        label: t('common.country'),
        facet: true,
        facetKey: (row) => row.country,
        facetLabel: country,
        value: (row) => country(row.country),
      },
      {
        key: 'source',
        label: t('common.source'),
        facet: true,
        facetKey: (row) => row.source,
        facetLabel: (value) => (isSource(value) ? i18n.source(value) : value),
        value: (row) => i18n.source(row.source),
      },
      { key: 'codes', label: t('common.codes'), numeric: true, value: (row) => row.codes },
    ],
    [t, country, i18n],
  );

  const countryColumns = useMemo<Column<CountrySites>[]>(
    () => [
      {
        key: 'country',
        label: t('common.country'),
        rowHeader: true,
        value: (row) => country(row.country),
        render: (row) => <AppLink to={paths.country(row.country)}>{country(row.country)}</AppLink>,
      },
      { key: 'sites', label: t('common.sites'), numeric: true, value: (row) => row.sites },
      { key: 'codes', label: t('common.codes'), numeric: true, value: (row) => row.codes },
    ],
    [t, country],
  );

  const truncated = (shown: number, total: number) =>
    total > shown ? (
      <Paragraph className="ms-muted">
        {t('search.truncated', { shown: number(shown), total: number(total) })}
      </Paragraph>
    ) : null;

  return (
    <>
      <Heading level={1}>{q === '' ? t('search.title') : t('search.resultsFor', { q })}</Heading>
      <SearchForm variant="page" />
      {q === '' ? (
        <Paragraph>{t('search.empty')}</Paragraph>
      ) : (
        <>
          {substances.data !== null && sites.data !== null ? (
            <Paragraph className="ms-result-count" aria-live="polite">
              {t('search.summary', {
                substances: number(substances.data.total),
                sites: number(sites.data.total),
                countries: number(countryHits.length),
              })}
            </Paragraph>
          ) : null}
          <section aria-labelledby="substances-heading" className="ms-section">
            <Heading level={2} id="substances-heading">
              {t('search.substances')}{' '}
              {substances.data !== null ? (
                <NumberBadge value={substances.data.total}>
                  {number(substances.data.total)}
                </NumberBadge>
              ) : null}
            </Heading>
            {substances.status === 'error' ? (
              <ErrorState error={substances.error} onRetry={substances.reload} />
            ) : null}
            {substances.data === null && substances.status === 'loading' ? <LoadingState /> : null}
            {substances.data !== null ? (
              substances.data.items.length === 0 ? (
                <Paragraph>{t('search.none')}</Paragraph>
              ) : (
                <>
                  <ClientDataTable
                    id="substances"
                    caption={t('search.substances')}
                    columns={substanceColumns}
                    rows={substances.data.items}
                    rowKey={(row) => row.atc}
                  />
                  {truncated(substances.data.items.length, substances.data.total)}
                </>
              )
            ) : null}
          </section>
          <section aria-labelledby="sites-heading" className="ms-section">
            <Heading level={2} id="sites-heading">
              {t('search.sites')}{' '}
              {sites.data !== null ? (
                <NumberBadge value={sites.data.total}>{number(sites.data.total)}</NumberBadge>
              ) : null}
            </Heading>
            {sites.status === 'error' ? (
              <ErrorState error={sites.error} onRetry={sites.reload} />
            ) : null}
            {sites.data === null && sites.status === 'loading' ? <LoadingState /> : null}
            {sites.data !== null ? (
              sites.data.items.length === 0 ? (
                <Paragraph>{t('search.none')}</Paragraph>
              ) : (
                <>
                  <ClientDataTable
                    id="sites"
                    caption={t('search.sites')}
                    columns={siteColumns}
                    rows={sites.data.items}
                    rowKey={(row) => `${row.id}-${row.source}`}
                  />
                  {truncated(sites.data.items.length, sites.data.total)}
                </>
              )
            ) : null}
          </section>
          <section aria-labelledby="countries-heading" className="ms-section">
            <Heading level={2} id="countries-heading">
              {t('search.countries')}{' '}
              {countries.data !== null ? (
                <NumberBadge value={countryHits.length}>{number(countryHits.length)}</NumberBadge>
              ) : null}
            </Heading>
            {countries.status === 'error' ? (
              <ErrorState error={countries.error} onRetry={countries.reload} />
            ) : null}
            {countryHits.length === 0 ? (
              countries.data !== null ? (
                <Paragraph>{t('search.none')}</Paragraph>
              ) : null
            ) : (
              <ClientDataTable
                id="countries"
                caption={t('search.countries')}
                columns={countryColumns}
                rows={countryHits}
                rowKey={(row) => row.country}
                defaultSort="-sites"
              />
            )}
          </section>
        </>
      )}
    </>
  );
}
