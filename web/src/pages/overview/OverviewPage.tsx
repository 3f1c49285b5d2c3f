import { Heading } from '@nl-design-system-candidate/heading-react';
import { Paragraph } from '@nl-design-system-candidate/paragraph-react';
import { useMemo } from 'react';
import { api } from '../../api/client.ts';
import type { ChapterHhi, CountrySites, Coverage } from '../../api/types.ts';
import { AppLink } from '../../components/AppLink.tsx';
import { ChartFigure } from '../../components/ChartFigure.tsx';
import { ClientDataTable, type Column } from '../../components/DataTable.tsx';
import { HhiBandChart, HhiBandLegend } from '../../components/HhiBandChart.tsx';
import { KeyFigures } from '../../components/KeyFigures.tsx';
import { paths } from '../../components/links.ts';
import { ErrorState, LoadingState } from '../../components/States.tsx';
import { useVulnerabilityColumns } from '../../components/vulnerability-columns.tsx';
import { MapLegend, WorldMap } from '../../components/WorldMap.tsx';
import { useApi } from '../../hooks/useApi.ts';
import { useDocumentTitle } from '../../hooks/useDocumentTitle.ts';
import { useI18n } from '../../hooks/useI18n.ts';

export function OverviewPage() {
  const i18n = useI18n();
  const { t, number, percent, country, lang } = i18n;
  useDocumentTitle(t('overview.title'));
  const overview = useApi('overview', (signal) => api.overview(signal));
  const coverage = useApi('coverage', (signal) => api.coverage(signal));

  const topColumns = useVulnerabilityColumns(
    [
      'atc',
      'name',
      'sites',
      'countries',
      'hhi',
      'shareChina',
      'shareIndia',
      'shareEuEea',
      'singleCountry',
      'singleSite',
    ],
    { criticalBadge: false },
  );

  const chapterColumns = useMemo<Column<ChapterHhi>[]>(
    () => [
      {
        key: 'chapter',
        label: t('overview.hhiChart.chapter'),
        value: (row) => row.chapter,
        rowHeader: true,
      },
      { key: 'name', label: t('common.name'), value: (row) => row.name[lang] },
      { key: 'low', label: t('hhi.band.low'), numeric: true, value: (row) => row.bands.low },
      {
        key: 'moderate',
        label: t('hhi.band.moderate'),
        numeric: true,
        value: (row) => row.bands.moderate,
      },
      { key: 'high', label: t('hhi.band.high'), numeric: true, value: (row) => row.bands.high },
      {
        key: 'codes',
        label: t('overview.hhiChart.total'),
        numeric: true,
        value: (row) => row.codes,
      },
      {
        key: 'medianHhi',
        label: t('overview.hhiChart.median'),
        numeric: true,
        value: (row) => (row.medianHhi === null ? null : Math.round(row.medianHhi)),
      },
    ],
    [t, lang],
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

  const coverageColumns = useMemo<Column<Coverage>[]>(
    () => [
      {
        key: 'source',
        label: t('common.source'),
        rowHeader: true,
        value: (row) => i18n.source(row.source),
      },
      { key: 'codes', label: t('common.codes'), numeric: true, value: (row) => row.codes },
      {
        key: 'manufacturers',
        label: t('overview.coverage.manufacturers'),
        numeric: true,
        value: (row) => row.manufacturers,
      },
      {
        key: 'countries',
        label: t('common.countries'),
        numeric: true,
        value: (row) => row.countries,
      },
    ],
    [t, i18n],
  );

  if (overview.status === 'error') {
    return (
      <>
        <Heading level={1}>{t('overview.heading')}</Heading>
        <ErrorState error={overview.error} onRetry={overview.reload} />
      </>
    );
  }
  const data = overview.data;
  const share = (part: number, whole: number) => percent(whole === 0 ? 0 : part / whole);

  return (
    <>
      <Heading level={1}>{t('overview.heading')}</Heading>
      {data === null ? (
        <LoadingState />
      ) : (
        <>
          <Paragraph purpose="lead" className="ms-lead">
            {data.criticalListVersion !== null && /^[\w.-]{1,24}$/.test(data.criticalListVersion)
              ? t('overview.lead', { version: data.criticalListVersion })
              : t('overview.leadUnversioned')}
          </Paragraph>

          <section aria-labelledby="figures-heading" className="ms-section ms-section--plain">
            <Heading level={2} id="figures-heading" className="ms-visually-hidden">
              {t('overview.figures')}
            </Heading>
            <KeyFigures
              figures={[
                {
                  id: 'critical',
                  label: t('overview.criticalCodes'),
                  value: number(data.criticalCodes),
                  note: t('overview.criticalCodesNote'),
                },
                {
                  id: 'analysed',
                  label: t('overview.analysedCodes'),
                  value: number(data.analysedCodes),
                  note: t('overview.analysedCodesNote', {
                    share: share(data.analysedCodes, data.criticalCodes),
                  }),
                },
                {
                  id: 'single-country',
                  label: t('overview.singleCountry'),
                  value: number(data.singleCountry),
                  tone: 'danger',
                  note: t('overview.singleCountryNote', {
                    share: share(data.singleCountry, data.analysedCodes),
                  }),
                },
                {
                  id: 'single-site',
                  label: t('overview.singleSite'),
                  value: number(data.singleSite),
                  tone: 'danger',
                  note: t('overview.singleSiteNote', {
                    share: share(data.singleSite, data.analysedCodes),
                  }),
                },
                {
                  id: 'without-sites',
                  label: t('overview.codesWithoutSites'),
                  value: number(data.codesWithoutSites.length),
                  tone: 'warning',
                  note: (
                    <>
                      {t('overview.codesWithoutSitesNote')}
                      {data.codesWithoutSites.length > 0 ? (
                        <span className="ms-figures__codes">
                          {data.codesWithoutSites.map((code) => (
                            <AppLink key={code} to={paths.substance(code)} className="ms-code">
                              {code}
                            </AppLink>
                          ))}
                        </span>
                      ) : null}
                    </>
                  ),
                },
              ]}
            />
          </section>

          <section aria-labelledby="hhi-heading" className="ms-section">
            <Heading level={2} id="hhi-heading">
              {t('overview.hhiChart.heading')}
            </Heading>
            <Paragraph className="ms-muted">{t('overview.hhiChart.lead')}</Paragraph>
            <ChartFigure
              legend={<HhiBandLegend />}
              chart={<HhiBandChart chapters={data.hhiByChapter} />}
              note={<p className="ms-note">{t('hhi.explained')}</p>}
              table={
                <ClientDataTable
                  id="chapters"
                  caption={t('overview.hhiChart.caption')}
                  columns={chapterColumns}
                  rows={data.hhiByChapter}
                  rowKey={(row) => row.chapter}
                  defaultPageSize={25}
                />
              }
            />
          </section>

          <section aria-labelledby="top-heading" className="ms-section">
            <Heading level={2} id="top-heading">
              {t('overview.top.heading')}
            </Heading>
            <ClientDataTable
              id="top"
              caption={t('overview.top.caption')}
              columns={topColumns}
              rows={data.mostConcentrated}
              rowKey={(row) => `${row.atc}-${row.source}`}
              defaultPageSize={10}
            />
            <Paragraph>
              <AppLink to={`${paths.vulnerability()}?critical=true`}>{t('common.viewAll')}</AppLink>
            </Paragraph>
          </section>
          <section aria-labelledby="map-heading" className="ms-section">
            <Heading level={2} id="map-heading">
              {t('overview.map.heading')}
            </Heading>
            <Paragraph className="ms-muted">{t('overview.map.lead')}</Paragraph>
            <ChartFigure
              legend={<MapLegend />}
              chart={<WorldMap data={data.sitesByCountry} />}
              table={
                <ClientDataTable
                  id="countries"
                  caption={t('overview.map.caption')}
                  columns={countryColumns}
                  rows={data.sitesByCountry}
                  rowKey={(row) => row.country}
                  defaultSort="-sites"
                />
              }
            />
          </section>

          {coverage.data !== null ? (
            <section aria-labelledby="coverage-heading" className="ms-section">
              <Heading level={2} id="coverage-heading">
                {t('overview.coverage.heading')}
              </Heading>
              <ClientDataTable
                id="coverage"
                caption={t('overview.coverage.caption')}
                columns={coverageColumns}
                rows={coverage.data}
                rowKey={(row) => row.source}
                textFilter={false}
              />
            </section>
          ) : null}
        </>
      )}
    </>
  );
}
