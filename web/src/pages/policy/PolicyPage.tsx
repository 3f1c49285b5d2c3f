import { Heading } from '@nl-design-system-candidate/heading-react';
import { Paragraph } from '@nl-design-system-candidate/paragraph-react';
import { useMemo } from 'react';
import { AUTHORITY_ROLES } from '../../api/types.ts';
import { AppLink } from '../../components/AppLink.tsx';
import { ChartFigure } from '../../components/ChartFigure.tsx';
import { ClientDataTable, type Column } from '../../components/DataTable.tsx';
import { KeyFigures } from '../../components/KeyFigures.tsx';
import { paths } from '../../components/links.ts';
import { PolicyAbsorptionChart, PolicyLegend } from '../../components/PolicyAbsorptionChart.tsx';
import { RequireSession } from '../../components/RequireSession.tsx';
import { ErrorState, LoadingState } from '../../components/States.tsx';
import { useApi } from '../../hooks/useApi.ts';
import { useDocumentTitle } from '../../hooks/useDocumentTitle.ts';
import { useI18n } from '../../hooks/useI18n.ts';
import {
  policyApi,
  type CompetitorCascades,
  type PolicyAnalysis,
  type SignalMetrics,
} from './policy-api.ts';
import { policyChartModel } from './policy-view-model.ts';

/** The ministry's page, and the analysts': the evidence behind the stock obligation's size. */
export function PolicyPage() {
  return <RequireSession roles={AUTHORITY_ROLES}>{() => <Policy />}</RequireSession>;
}

type CurvePoint = PolicyAnalysis['curve'][number];

function Policy() {
  const { t } = useI18n();
  useDocumentTitle(t('policy.title'));
  const analysis = useApi('policy-analysis', (signal) => policyApi.policyAnalysis(signal));
  const cascades = useApi('competitor-cascades', (signal) => policyApi.competitorCascades(signal));

  return (
    <>
      <Heading level={1}>{t('policy.heading')}</Heading>
      <Paragraph purpose="lead" className="ms-lead">
        {t('policy.lead')}
      </Paragraph>
      <Paragraph>
        <AppLink to={paths.stockCover()}>{t('policy.link.cover')}</AppLink>
        {' · '}
        <AppLink to={paths.nonCompliance()}>{t('policy.link.nonCompliance')}</AppLink>
      </Paragraph>

      {analysis.status === 'error' ? (
        <ErrorState error={analysis.error} onRetry={analysis.reload} />
      ) : null}
      {analysis.data === null && analysis.status === 'loading' ? <LoadingState /> : null}
      {analysis.data !== null ? <Absorption analysis={analysis.data} /> : null}

      <section aria-labelledby="cascades-heading" className="ms-section">
        <Heading level={2} id="cascades-heading">
          {t('policy.cascades.heading')}
        </Heading>
        <Paragraph>{t('policy.cascades.lead')}</Paragraph>
        {cascades.status === 'error' ? (
          <ErrorState error={cascades.error} onRetry={cascades.reload} />
        ) : null}
        {cascades.data === null && cascades.status === 'loading' ? <LoadingState /> : null}
        {cascades.data !== null ? <Cascades cascades={cascades.data} /> : null}
      </section>
    </>
  );
}

function Absorption({ analysis }: { readonly analysis: PolicyAnalysis }) {
  const { t, number, percent } = useI18n();
  const model = useMemo(() => policyChartModel(analysis), [analysis]);
  const { ironStock } = analysis;
  const months = Math.round(ironStock.days / 30.4);
  const columns = useMemo<Column<CurvePoint>[]>(
    () => [
      {
        key: 'weeks',
        label: t('policy.table.weeks'),
        rowHeader: true,
        numeric: true,
        value: (row) => row.weeks,
      },
      {
        key: 'share',
        label: t('policy.table.share'),
        numeric: true,
        value: (row) => row.share,
        render: (row) => percent(row.share),
        csv: (row) => Math.round(row.share * 1000) / 10,
      },
      {
        key: 'absorbed',
        label: t('policy.table.absorbed'),
        numeric: true,
        value: (row) => row.absorbed,
      },
    ],
    [t, percent],
  );

  return (
    <>
      <section aria-labelledby="policy-figures" className="ms-section ms-section--plain">
        <Heading level={2} id="policy-figures" className="ms-visually-hidden">
          {t('policy.figures')}
        </Heading>
        <KeyFigures
          figures={[
            {
              id: 'policy-observed',
              label: t('policy.figure.observed', { months: number(months) }),
              value: percent(ironStock.observedShare),
              tone: ironStock.observedShare < ironStock.expectedShare ? 'warning' : 'neutral',
              note: t('policy.figure.observedNote', {
                expected: percent(ironStock.expectedShare),
                days: number(ironStock.days),
              }),
            },
            {
              id: 'policy-needed',
              label: t('policy.figure.needed', { expected: percent(ironStock.expectedShare) }),
              value:
                ironStock.weeksNeededForExpectedShare === null
                  ? t('policy.neverReached')
                  : t('policy.figure.weeks', {
                      weeks: number(ironStock.weeksNeededForExpectedShare),
                    }),
              note: t('policy.figure.neededNote', {
                months: number((ironStock.weeksNeededForExpectedShare ?? 0) / 4.345, 1),
              }),
            },
            {
              id: 'policy-shortages',
              label: t('policy.figure.shortages'),
              value: number(analysis.shortages),
              note: analysis.source,
            },
          ]}
        />
      </section>

      <section aria-labelledby="policy-chart-heading" className="ms-section">
        <Heading level={2} id="policy-chart-heading">
          {t('policy.chart.heading')}
        </Heading>
        <Paragraph className="ms-muted">{t('policy.chart.lead')}</Paragraph>
        <ChartFigure
          legend={<PolicyLegend />}
          chart={<PolicyAbsorptionChart model={model} />}
          note={
            <Paragraph className="ms-muted" data-testid="policy-chart-note">
              {t('policy.chart.note', {
                observed: percent(ironStock.observedShare),
                expected: percent(ironStock.expectedShare),
                days: number(ironStock.days),
              })}
            </Paragraph>
          }
          table={
            <ClientDataTable
              id="policy-curve"
              caption={t('policy.table.caption', { shortages: number(analysis.shortages) })}
              fileName="stock-policy-absorption"
              columns={columns}
              rows={analysis.curve}
              rowKey={(row) => String(row.weeks)}
              textFilter={false}
              defaultPageSize={50}
            />
          }
        />
      </section>
    </>
  );
}

interface MetricRow {
  readonly period: 'train' | 'test';
  readonly metrics: SignalMetrics;
}

function Cascades({ cascades }: { readonly cascades: CompetitorCascades }) {
  const { t, number, percent, date } = useI18n();
  const { followOn, signal } = cascades;
  const share = (value: number | null) => (value === null ? t('common.none') : percent(value));
  const columns = useMemo<Column<MetricRow>[]>(() => {
    const shareOrNone = (value: number | null) =>
      value === null ? t('common.none') : percent(value);
    return [
      {
        key: 'period',
        label: t('policy.cascades.period'),
        rowHeader: true,
        value: (row) =>
          row.period === 'train'
            ? t('policy.cascades.train', { date: date(signal.splitDate) })
            : t('policy.cascades.test', { date: date(signal.splitDate) }),
      },
      {
        key: 'cases',
        label: t('policy.cascades.cases'),
        numeric: true,
        value: (row) => row.metrics.cases,
      },
      {
        key: 'alerts',
        label: t('policy.cascades.alerts'),
        numeric: true,
        value: (row) => row.metrics.alerts,
      },
      {
        key: 'precision',
        label: t('policy.cascades.precision'),
        numeric: true,
        value: (row) => row.metrics.precision,
        render: (row) => shareOrNone(row.metrics.precision),
      },
      {
        key: 'recall',
        label: t('policy.cascades.recall'),
        numeric: true,
        value: (row) => row.metrics.recall,
        render: (row) => shareOrNone(row.metrics.recall),
      },
      {
        key: 'baseRate',
        label: t('policy.cascades.baseRate'),
        numeric: true,
        value: (row) => row.metrics.baseRate,
        render: (row) => percent(row.metrics.baseRate),
      },
      {
        key: 'lift',
        label: t('policy.cascades.lift'),
        numeric: true,
        value: (row) => row.metrics.lift,
        render: (row) =>
          row.metrics.lift === null ? t('common.none') : `${number(row.metrics.lift, 2)}×`,
      },
    ];
  }, [t, number, percent, date, signal.splitDate]);

  return (
    <>
      <KeyFigures
        figures={[
          {
            id: 'cascade-follow-on',
            label: t('policy.cascades.followOn', { days: number(followOn.windowDays) }),
            value: percent(followOn.share),
            note: t('policy.cascades.followOnNote', {
              followed: number(followOn.followed),
              reports: number(followOn.reports),
            }),
          },
          {
            id: 'cascade-precision',
            label: t('policy.cascades.testPrecision'),
            value: share(signal.test.precision),
            note: t('policy.cascades.testPrecisionNote', {
              base: percent(signal.test.baseRate),
              lift: signal.test.lift === null ? t('common.none') : number(signal.test.lift, 2),
            }),
          },
          {
            id: 'cascade-recall',
            label: t('policy.cascades.testRecall'),
            value: share(signal.test.recall),
            note: t('policy.cascades.testRecallNote', {
              lookback: number(signal.lookbackDays),
              horizon: number(signal.horizonDays),
            }),
          },
        ]}
      />
      <ClientDataTable
        id="cascade-signal"
        caption={t('policy.cascades.caption', { date: date(signal.splitDate) })}
        fileName="competitor-cascade-signal"
        columns={columns}
        rows={[
          { period: 'train', metrics: signal.train },
          { period: 'test', metrics: signal.test },
        ]}
        rowKey={(row) => row.period}
        textFilter={false}
      />
      <Paragraph className="ms-muted">{cascades.source}</Paragraph>
    </>
  );
}
