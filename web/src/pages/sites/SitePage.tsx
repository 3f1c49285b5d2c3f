import { Heading } from '@nl-design-system-candidate/heading-react';
import {
  DataList,
  DataListItem,
  DataListKey,
  DataListValue,
} from '@utrecht/component-library-react';
import { useMemo } from 'react';
import { useParams } from 'react-router';
import { api } from '../../api/client.ts';
import { AUTHORITY_ROLES, type Site, type SiteSupply } from '../../api/types.ts';
import { AppLink } from '../../components/AppLink.tsx';
import { CriticalBadge } from '../../components/Badges.tsx';
import { ClientDataTable, type Column } from '../../components/DataTable.tsx';
import { ImpactSection } from '../../components/ImpactSection.tsx';
import { paths } from '../../components/links.ts';
import { ErrorState, LoadingState } from '../../components/States.tsx';
import { useApi } from '../../hooks/useApi.ts';
import { useDocumentTitle } from '../../hooks/useDocumentTitle.ts';
import { useI18n } from '../../hooks/useI18n.ts';
import { useSession } from '../../hooks/useSession.ts';

export function SitePage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const site = useApi(`site:${id}`, (signal) => api.site(id, signal));
  useDocumentTitle(site.data?.name ?? t('site.title'));

  if (site.status === 'error') {
    return (
      <>
        <Heading level={1}>{t('site.title')}</Heading>
        <ErrorState
          error={site.error}
          onRetry={site.reload}
          notFound={t('site.notFound', { id })}
        />
      </>
    );
  }
  if (site.data === null) {
    return (
      <>
        <Heading level={1}>{t('site.title')}</Heading>
        <LoadingState />
      </>
    );
  }
  return <SiteDetail site={site.data} />;
}

function SiteDetail({ site }: { readonly site: Site }) {
  const i18n = useI18n();
  const { t, country, substanceName } = i18n;

  const columns = useMemo<Column<SiteSupply>[]>(
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
            {substanceName(row)} <CriticalBadge critical={row.critical} />
          </span>
        ),
      },
      {
        key: 'step',
        label: t('step.label'),
        facet: true,
        facetKey: (row) => String(row.step),
        facetLabel: (value) => i18n.step(value === '1' ? 1 : value === '2' ? 2 : null),
        value: (row) => i18n.step(row.step),
      },
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

  return (
    <>
      <p className="ms-eyebrow">{t('site.title')}</p>
      <Heading level={1}>{site.name}</Heading>
      <ScenarioLink siteId={site.id} />
      <section aria-labelledby="details-heading" className="ms-section ms-section--compact">
        <Heading level={2} id="details-heading" appearance="level-3">
          {t('site.details')}
        </Heading>
        <DataList appearance="rows" className="ms-datalist">
          {site.organisation !== undefined &&
          site.organisation !== null &&
          site.organisation !== site.name ? (
            <DataListItem>
              <DataListKey>{t('site.organisation')}</DataListKey>
              <DataListValue>{site.organisation}</DataListValue>
            </DataListItem>
          ) : null}
          <DataListItem>
            <DataListKey>{t('common.city')}</DataListKey>
            <DataListValue>{site.city ?? t('common.none')}</DataListValue>
          </DataListItem>
          <DataListItem>
            <DataListKey>{t('common.address')}</DataListKey>
            <DataListValue>{site.address ?? t('common.none')}</DataListValue>
          </DataListItem>
          <DataListItem>
            <DataListKey>{t('common.country')}</DataListKey>
            <DataListValue>
              <AppLink to={paths.country(site.country)}>{country(site.country)}</AppLink>
            </DataListValue>
          </DataListItem>
          <DataListItem>
            <DataListKey>{t('common.source')}</DataListKey>
            <DataListValue>{i18n.source(site.source)}</DataListValue>
          </DataListItem>
        </DataList>
      </section>

      <section aria-labelledby="supplies-heading" className="ms-section">
        <Heading level={2} id="supplies-heading">
          {t('site.supplies.heading')}
        </Heading>
        <ClientDataTable
          id="supplies"
          caption={t('site.supplies.caption', { name: site.name })}
          columns={columns}
          rows={site.supplies}
          rowKey={(row) => `${row.atc}-${String(row.step)}`}
          defaultSort="atc"
        />
      </section>

      <ImpactSection
        kind="site"
        id={String(site.id)}
        heading={t('impact.site.heading')}
        targetName={site.name}
      />
    </>
  );
}

/** For authorities: the site-failure scenario in time, which needs their stock figures. */
function ScenarioLink({ siteId }: { readonly siteId: number }) {
  const { t } = useI18n();
  const { state } = useSession();
  if (state.status !== 'authenticated' || !AUTHORITY_ROLES.includes(state.session.user.role)) {
    return null;
  }
  return (
    <p>
      <AppLink to={paths.siteFailureScenario(siteId)} data-testid="site-scenario-link">
        {t('site.scenarioLink')}
      </AppLink>
    </p>
  );
}
