import { Heading } from '@nl-design-system-candidate/heading-react';
import { Paragraph } from '@nl-design-system-candidate/paragraph-react';
import {
  Checkbox,
  DataList,
  DataListItem,
  DataListKey,
  DataListValue,
  FormField,
  FormLabel,
} from '@utrecht/component-library-react';
import { useId, useMemo } from 'react';
import { useParams, useSearchParams } from 'react-router';
import { api, feeds } from '../../api/client.ts';
import {
  isSource,
  SOURCES,
  type AtcLineage,
  type Source,
  type SitesByCountryAndStep,
  type Substance,
  type SupplyChainSite,
  type VulnerabilityRow,
} from '../../api/types.ts';
import { AppLink } from '../../components/AppLink.tsx';
import { DataBadge } from '../../components/Badges.tsx';
import { ChartFigure } from '../../components/ChartFigure.tsx';
import { ClientDataTable, type Column } from '../../components/DataTable.tsx';
import { paths } from '../../components/links.ts';
import { SourceSelect } from '../../components/SourceSelect.tsx';
import { FeedLink } from '../../components/Feeds.tsx';
import { ForeignShortagesSection } from '../../components/ForeignShortagesSection.tsx';
import { ErrorState, LoadingState } from '../../components/States.tsx';
import { SubstanceShortagesSection } from '../../components/SubstanceShortagesSection.tsx';
import { SupplyChainLegend, SupplyChainSankey } from '../../components/SupplyChainSankey.tsx';
import { useVulnerabilityColumns } from '../../components/vulnerability-columns.tsx';
import { useApi } from '../../hooks/useApi.ts';
import { useDocumentTitle } from '../../hooks/useDocumentTitle.ts';
import { useI18n } from '../../hooks/useI18n.ts';

const sourceOrder = (source: Source) => SOURCES.indexOf(source);

const hasName = (level: AtcLineage): boolean =>
  (level.name ?? '') !== '' || Object.values(level.names ?? {}).some((name) => name !== '');

export function SubstancePage() {
  const { atc = '' } = useParams();
  const { t, substanceName } = useI18n();
  const substance = useApi(`substance:${atc}`, (signal) => api.substance(atc, signal));
  const title =
    substance.data === null
      ? t('substance.title', { atc })
      : `${substanceName(substance.data)} (${atc})`;
  useDocumentTitle(title);

  if (substance.status === 'error') {
    return (
      <>
        <Heading level={1}>{t('substance.title', { atc })}</Heading>
        <ErrorState
          error={substance.error}
          onRetry={substance.reload}
          notFound={t('substance.notFound', { atc })}
        />
      </>
    );
  }
  if (substance.data === null) {
    return (
      <>
        <Heading level={1}>{t('substance.title', { atc })}</Heading>
        <LoadingState />
      </>
    );
  }
  return <SubstanceDetail substance={substance.data} />;
}

function SubstanceDetail({ substance }: { readonly substance: Substance }) {
  const i18n = useI18n();
  const { t, substanceName, country, source: sourceLabel } = i18n;
  const name = substanceName(substance);
  const [params, setParams] = useSearchParams();
  const chainParam = params.get('chain') ?? 'all';
  const available = useMemo(() => {
    const withData = new Set<Source>(substance.vulnerability.map((row) => row.source));
    withData.add('all');
    return SOURCES.filter((s) => withData.has(s));
  }, [substance]);
  const chainSource: Source =
    isSource(chainParam) && available.includes(chainParam) ? chainParam : 'all';
  const chain = useApi(`chain:${substance.atc}:${chainSource}`, (signal) =>
    api.supplyChain(substance.atc, chainSource, signal),
  );
  // By default the picture shows the sites the figures count; the rest on request.
  const showAllSites = params.get('chainAll') === 'true';
  const countedOnly =
    chain.data !== null && chain.data.sites.some((site) => site.counted) && !showAllSites;
  const pictured =
    chain.data === null
      ? null
      : countedOnly
        ? { ...chain.data, sites: chain.data.sites.filter((site) => site.counted) }
        : chain.data;
  const allSitesId = useId();

  const vulnerabilityColumns = useVulnerabilityColumns(
    [
      'source',
      'sites',
      'countries',
      'hhi',
      'effectiveCountries',
      'shareChina',
      'shareIndia',
      'shareEuEea',
      'singleCountry',
      'singleSite',
      'stepUsed',
    ],
    { rowHeader: 'source' },
  );
  const vulnerabilityRows = useMemo(
    () =>
      [...substance.vulnerability].sort((a, b) => sourceOrder(a.source) - sourceOrder(b.source)),
    [substance],
  );

  const siteColumns = useMemo<Column<SupplyChainSite>[]>(
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
        render: (row) => <AppLink to={paths.country(row.country)}>{country(row.country)}</AppLink>,
      },
      {
        key: 'source',
        label: t('common.source'),
        facet: true,
        facetKey: (row) => row.source,
        facetLabel: (value) => (isSource(value) ? sourceLabel(value) : value),
        value: (row) => sourceLabel(row.source),
      },
      {
        key: 'steps',
        label: t('step.label'),
        value: (row) => [...new Set(row.steps)].map((step) => i18n.step(step)).join(', '),
      },
      {
        key: 'counted',
        label: t('substance.chain.counted'),
        facet: true,
        facetKey: (row) => (row.counted ? 'yes' : 'no'),
        facetLabel: (value) => i18n.yesNo(value === 'yes'),
        value: (row) => i18n.yesNo(row.counted),
      },
    ],
    [t, country, sourceLabel, i18n],
  );

  const byCountryColumns = useMemo<Column<SitesByCountryAndStep>[]>(
    () => [
      {
        key: 'source',
        label: t('common.source'),
        facet: true,
        facetKey: (row) => row.source,
        facetLabel: (value) => (isSource(value) ? sourceLabel(value) : value),
        value: (row) => sourceLabel(row.source),
      },
      {
        key: 'country',
        label: t('common.country'),
        rowHeader: true,
        value: (row) => country(row.country),
        render: (row) => <AppLink to={paths.country(row.country)}>{country(row.country)}</AppLink>,
      },
      { key: 'step1', label: t('step.1'), numeric: true, value: (row) => row.step1 },
      { key: 'step2', label: t('step.2'), numeric: true, value: (row) => row.step2 },
      {
        key: 'unknownStep',
        label: t('step.unknown'),
        numeric: true,
        value: (row) => row.unknownStep,
      },
    ],
    [t, country, sourceLabel],
  );

  const lineage = [...substance.lineage].sort((a, b) => a.level - b.level);
  const names: { key: 'nl' | 'en' | 'de'; value: string | undefined }[] = [
    { key: 'nl', value: substance.names.nl },
    { key: 'en', value: substance.names.en },
    { key: 'de', value: substance.names.de },
  ];

  return (
    <>
      <nav aria-label={t('substance.lineage')} className="ms-lineage">
        <ol className="ms-lineage__list">
          {lineage.map((level) => (
            <li key={level.code} className="ms-lineage__item">
              <span className="ms-code">{level.code}</span>
              {hasName(level) ? (
                <span className="ms-lineage__name"> {substanceName(level)}</span>
              ) : null}
            </li>
          ))}
        </ol>
      </nav>
      <div className="ms-page-title">
        <Heading level={1}>{name}</Heading>
        <div className="ms-page-title__badges">
          <DataBadge>{substance.atc}</DataBadge>
          {substance.critical ? (
            <DataBadge tone="accent">
              {substance.criticalListVersion !== null &&
              /^[\w.-]{1,24}$/.test(substance.criticalListVersion)
                ? t('substance.onList', { version: substance.criticalListVersion })
                : t('substance.onListUnversioned')}
            </DataBadge>
          ) : (
            <DataBadge>{t('substance.notOnList')}</DataBadge>
          )}
          <FeedLink href={feeds.substance(substance.atc)} subject={`${name} (${substance.atc})`} />
        </div>
      </div>

      <section aria-labelledby="names-heading" className="ms-section ms-section--compact">
        <Heading level={2} id="names-heading" appearance="level-3">
          {t('substance.names')}
        </Heading>
        <DataList appearance="rows" className="ms-datalist">
          {names.map((entry) => (
            <DataListItem key={entry.key}>
              <DataListKey>{t(`substance.name.${entry.key}`)}</DataListKey>
              <DataListValue lang={entry.key}>{entry.value ?? t('common.none')}</DataListValue>
            </DataListItem>
          ))}
        </DataList>
      </section>

      <SubstanceShortagesSection atc={substance.atc} name={name} />
      <ForeignShortagesSection atcCodes={[substance.atc]} id="abroad" />

      <section aria-labelledby="vulnerability-heading" className="ms-section">
        <Heading level={2} id="vulnerability-heading">
          {t('substance.vulnerability.heading')}
        </Heading>
        <Paragraph className="ms-muted">{t('substance.vulnerability.lead')}</Paragraph>
        {vulnerabilityRows.length === 0 ? (
          <Paragraph>{t('substance.vulnerability.none')}</Paragraph>
        ) : (
          <ClientDataTable<VulnerabilityRow>
            id="by-source"
            caption={t('substance.vulnerability.caption', { name })}
            columns={vulnerabilityColumns}
            rows={vulnerabilityRows}
            rowKey={(row) => row.source}
            textFilter={false}
          />
        )}
      </section>

      <section aria-labelledby="chain-heading" className="ms-section">
        <Heading level={2} id="chain-heading">
          {t('substance.chain.heading')}
        </Heading>
        <Paragraph className="ms-muted">{t('substance.chain.lead')}</Paragraph>
        <div className="ms-controls">
          <SourceSelect
            value={chainSource}
            available={available}
            onChange={(next) => {
              setParams(
                (current) => {
                  const updated = new URLSearchParams(current);
                  if (next === 'all') updated.delete('chain');
                  else updated.set('chain', next);
                  updated.delete('chain-sites.page');
                  return updated;
                },
                { preventScrollReset: true },
              );
            }}
          />
          <FormField type="checkbox" className="ms-checkbox-field">
            <Checkbox
              id={allSitesId}
              appearance="custom"
              checked={showAllSites}
              onChange={(event) => {
                const checked = event.target.checked;
                setParams(
                  (current) => {
                    const updated = new URLSearchParams(current);
                    if (checked) updated.set('chainAll', 'true');
                    else updated.delete('chainAll');
                    return updated;
                  },
                  { preventScrollReset: true, replace: true },
                );
              }}
            />
            <FormLabel htmlFor={allSitesId} type="checkbox">
              {t('substance.chain.showAll')}
            </FormLabel>
          </FormField>
          {chain.data !== null ? (
            <p className="ms-controls__note">
              {chain.data.stepUsed === null
                ? t('step.used.none')
                : t(`step.used.${chain.data.stepUsed}`)}
            </p>
          ) : null}
        </div>
        {chain.status === 'error' ? (
          <ErrorState error={chain.error} onRetry={chain.reload} />
        ) : null}
        {chain.data === null && chain.status === 'loading' ? <LoadingState /> : null}
        {chain.data !== null && chain.data.sites.length === 0 ? (
          <Paragraph>{t('substance.chain.none')}</Paragraph>
        ) : null}
        {chain.data !== null && chain.data.sites.length > 0 ? (
          <ChartFigure
            legend={<SupplyChainLegend />}
            chart={<SupplyChainSankey chain={pictured ?? chain.data} substanceName={name} />}
            table={
              <ClientDataTable
                id="chain-sites"
                caption={t('substance.chain.caption', { name, source: sourceLabel(chainSource) })}
                columns={siteColumns}
                rows={chain.data.sites}
                rowKey={(row) => `${row.id}-${row.source}`}
                defaultSort="country"
              />
            }
          />
        ) : null}
      </section>

      <section aria-labelledby="by-country-heading" className="ms-section">
        <Heading level={2} id="by-country-heading">
          {t('substance.byCountry.heading')}
        </Heading>
        <ClientDataTable
          id="by-country"
          caption={t('substance.byCountry.caption', { name })}
          columns={byCountryColumns}
          rows={substance.sitesByCountry}
          rowKey={(row) => `${row.source}-${row.country}`}
          defaultSort="-step1"
        />
      </section>
    </>
  );
}
