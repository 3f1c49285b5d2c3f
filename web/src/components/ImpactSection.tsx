import { Heading } from '@nl-design-system-candidate/heading-react';
import { Paragraph } from '@nl-design-system-candidate/paragraph-react';
import { useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { api } from '../api/client.ts';
import { isSource, type ImpactItem, type Source } from '../api/types.ts';
import { useApi } from '../hooks/useApi.ts';
import { useI18n } from '../hooks/useI18n.ts';
import { AppLink } from './AppLink.tsx';
import { DataBadge, HhiValue } from './Badges.tsx';
import { ClientDataTable, type Column } from './DataTable.tsx';
import { ImpactDotPlot, ImpactLegend } from './ImpactDotPlot.tsx';
import { KeyFigures } from './KeyFigures.tsx';
import { paths } from './links.ts';
import { SourceSelect } from './SourceSelect.tsx';
import { ErrorState, LoadingState } from './States.tsx';

const CHART_ITEMS = 12;

/** "What if it stops": the codes a site or country supplies, before and after losing it. */
export function ImpactSection({
  kind,
  id,
  heading,
  targetName,
}: {
  readonly kind: 'site' | 'country';
  readonly id: string;
  readonly heading: string;
  readonly targetName: string;
}) {
  const i18n = useI18n();
  const { t, number, substanceName } = i18n;
  const [params, setParams] = useSearchParams();
  const sourceParam = params.get('impactSource') ?? 'all';
  const source: Source = isSource(sourceParam) ? sourceParam : 'all';
  const impact = useApi(`impact:${kind}:${id}:${source}`, (signal) =>
    kind === 'site' ? api.siteImpact(id, source, signal) : api.countryImpact(id, source, signal),
  );

  const columns = useMemo<Column<ImpactItem>[]>(
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
        render: (row) => <span className="ms-name-cell">{substanceName(row)}</span>,
      },
      {
        key: 'sitesBefore',
        label: t('impact.sitesBefore'),
        numeric: true,
        value: (row) => row.before.sites,
      },
      {
        key: 'sitesAfter',
        label: t('impact.sitesAfter'),
        numeric: true,
        value: (row) => row.after.sites,
      },
      {
        key: 'countriesBefore',
        label: t('impact.countriesBefore'),
        numeric: true,
        value: (row) => row.before.countries,
      },
      {
        key: 'countriesAfter',
        label: t('impact.countriesAfter'),
        numeric: true,
        value: (row) => row.after.countries,
      },
      {
        key: 'hhiBefore',
        label: t('impact.hhiBefore'),
        numeric: true,
        value: (row) => row.before.hhi,
        render: (row) => i18n.hhi(row.before.hhi),
      },
      {
        key: 'hhiAfter',
        label: t('impact.hhiAfter'),
        numeric: true,
        value: (row) => (row.leftWithoutSite ? null : row.after.hhi),
        render: (row) =>
          row.leftWithoutSite ? t('common.none') : <HhiValue hhi={row.after.hhi} />,
      },
      {
        key: 'hhiChange',
        label: t('impact.hhiChange'),
        numeric: true,
        value: (row) => row.hhiChange,
        render: (row) =>
          row.hhiChange === null
            ? t('common.none')
            : `${row.hhiChange > 0 ? '+' : ''}${number(Math.round(row.hhiChange))}`,
      },
      {
        key: 'leftWithoutSite',
        label: t('impact.leftWithoutSite'),
        facet: true,
        facetKey: (row) => (row.leftWithoutSite ? 'yes' : 'no'),
        facetLabel: (value) => i18n.yesNo(value === 'yes'),
        value: (row) => row.leftWithoutSite,
        render: (row) =>
          row.leftWithoutSite ? (
            <DataBadge tone="danger">{i18n.yesNo(true)}</DataBadge>
          ) : (
            i18n.yesNo(false)
          ),
      },
    ],
    [t, number, substanceName, i18n],
  );

  const data = impact.data;
  // Codes left with no site first, then by how much their concentration rises.
  const rows = useMemo(
    () =>
      data === null
        ? []
        : [...data.items].sort(
            (a, b) =>
              Number(b.leftWithoutSite) - Number(a.leftWithoutSite) ||
              (b.hhiChange ?? 0) - (a.hhiChange ?? 0),
          ),
    [data],
  );
  const risers = useMemo(
    () =>
      rows
        .filter((row) => !row.leftWithoutSite && row.hhiChange !== null && row.hhiChange > 0)
        .sort((a, b) => (b.hhiChange ?? 0) - (a.hhiChange ?? 0))
        .slice(0, CHART_ITEMS),
    [rows],
  );
  const rising = rows.filter((row) => row.hhiChange !== null && row.hhiChange > 0).length;

  return (
    <section aria-labelledby="impact-heading" className="ms-section ms-section--impact">
      <Heading level={2} id="impact-heading">
        {heading}
      </Heading>
      <Paragraph className="ms-muted">{t('impact.lead')}</Paragraph>
      <div className="ms-controls">
        <SourceSelect
          value={source}
          onChange={(next) => {
            setParams(
              (current) => {
                const updated = new URLSearchParams(current);
                if (next === 'all') updated.delete('impactSource');
                else updated.set('impactSource', next);
                updated.delete('impact.page');
                return updated;
              },
              { preventScrollReset: true },
            );
          }}
        />
      </div>
      {impact.status === 'error' ? (
        <ErrorState error={impact.error} onRetry={impact.reload} />
      ) : null}
      {data === null && impact.status === 'loading' ? <LoadingState /> : null}
      {data !== null ? (
        <>
          <KeyFigures
            figures={[
              {
                id: 'impact-supplied',
                label: t('impact.codesSupplied'),
                value: number(data.codesSupplied),
              },
              {
                id: 'impact-left',
                label: t('impact.codesLeftWithoutSite'),
                value: number(data.codesLeftWithoutSite),
                tone: data.codesLeftWithoutSite > 0 ? 'danger' : 'neutral',
              },
              {
                id: 'impact-rising',
                label: t('impact.codesHigherHhi'),
                value: number(rising),
                tone: rising > 0 ? 'warning' : 'neutral',
              },
            ]}
          />
          {data.items.length === 0 ? (
            <Paragraph>{t('impact.none')}</Paragraph>
          ) : (
            <>
              <Heading level={3}>{t('impact.chart.heading')}</Heading>
              {risers.length === 0 ? (
                <Paragraph>{t('impact.chart.none')}</Paragraph>
              ) : (
                <figure className="ms-figure">
                  <ImpactLegend />
                  <div className="ms-figure__chart">
                    <ImpactDotPlot items={risers} />
                  </div>
                </figure>
              )}
              <ClientDataTable
                id="impact"
                caption={t('impact.caption', { target: targetName, source: i18n.source(source) })}
                columns={columns}
                rows={rows}
                rowKey={(row) => row.atc}
              />
            </>
          )}
        </>
      ) : null}
    </section>
  );
}
