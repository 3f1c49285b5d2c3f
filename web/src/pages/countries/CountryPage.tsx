import { Heading } from '@nl-design-system-candidate/heading-react';
import { useMemo } from 'react';
import { useParams } from 'react-router';
import { api } from '../../api/client.ts';
import { isSource, type CountryDetail } from '../../api/types.ts';
import { AppLink } from '../../components/AppLink.tsx';
import { ClientDataTable, type Column } from '../../components/DataTable.tsx';
import { ImpactSection } from '../../components/ImpactSection.tsx';
import { KeyFigures } from '../../components/KeyFigures.tsx';
import { paths } from '../../components/links.ts';
import { ErrorState, LoadingState } from '../../components/States.tsx';
import { useApi } from '../../hooks/useApi.ts';
import { useDocumentTitle } from '../../hooks/useDocumentTitle.ts';
import { useI18n } from '../../hooks/useI18n.ts';

type CountrySite = CountryDetail['sites'][number];

export function CountryPage() {
  const { iso2 = '' } = useParams();
  const code = iso2.toUpperCase();
  const i18n = useI18n();
  const { t, country, number } = i18n;
  const name = country(code);
  useDocumentTitle(name);
  const detail = useApi(`country:${code}`, (signal) => api.country(code, signal));

  const columns = useMemo<Column<CountrySite>[]>(
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
        key: 'source',
        label: t('common.source'),
        facet: true,
        facetKey: (row) => row.source,
        facetLabel: (value) => (isSource(value) ? i18n.source(value) : value),
        value: (row) => i18n.source(row.source),
      },
      { key: 'codes', label: t('common.codes'), numeric: true, value: (row) => row.codes },
    ],
    [t, i18n],
  );

  return (
    <>
      <p className="ms-eyebrow">{t('country.title')}</p>
      <Heading level={1}>{name}</Heading>
      {detail.status === 'error' ? (
        <ErrorState
          error={detail.error}
          onRetry={detail.reload}
          notFound={t('country.notFound', { country: name })}
        />
      ) : null}
      {detail.data === null && detail.status === 'loading' ? <LoadingState /> : null}
      {detail.data !== null ? (
        <>
          <section aria-labelledby="country-figures" className="ms-section ms-section--plain">
            <Heading level={2} id="country-figures" className="ms-visually-hidden">
              {t('country.figures')}
            </Heading>
            <KeyFigures
              figures={[
                {
                  id: 'country-sites',
                  label: t('common.sites'),
                  value: number(detail.data.sites.length),
                },
                { id: 'country-codes', label: t('common.codes'), value: number(detail.data.codes) },
              ]}
            />
          </section>
          <section aria-labelledby="country-sites-heading" className="ms-section">
            <Heading level={2} id="country-sites-heading">
              {t('country.sites.heading', { country: name })}
            </Heading>
            <ClientDataTable
              id="sites"
              caption={t('country.sites.caption', { country: name })}
              columns={columns}
              rows={detail.data.sites}
              rowKey={(row) => `${row.id}-${row.source}`}
              defaultSort="-codes"
            />
          </section>
          <ImpactSection
            kind="country"
            id={code}
            heading={t('impact.country.heading', { country: name })}
            targetName={name}
          />
        </>
      ) : null}
    </>
  );
}
