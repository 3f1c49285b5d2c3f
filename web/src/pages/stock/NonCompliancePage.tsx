import { Button } from '@nl-design-system-candidate/button-react';
import { Heading } from '@nl-design-system-candidate/heading-react';
import { Paragraph } from '@nl-design-system-candidate/paragraph-react';
import { Alert } from '@utrecht/component-library-react';
import { useMemo, useState, type ReactNode } from 'react';
import { AUTHORITY_ROLES } from '../../api/types.ts';
import { AppLink } from '../../components/AppLink.tsx';
import { CriticalBadge } from '../../components/Badges.tsx';
import { ChartFigure } from '../../components/ChartFigure.tsx';
import {
  CompliancePeriodForm,
  useCompliancePeriod,
} from '../../components/CompliancePeriodForm.tsx';
import {
  ComplianceLegend,
  ComplianceStackedBars,
  type CompliancePart,
} from '../../components/ComplianceStackedBars.tsx';
import { ComplianceStatusBadge, complianceLabel } from '../../components/ComplianceStatusBadge.tsx';
import { ClientDataTable, type Column } from '../../components/DataTable.tsx';
import { complianceFigureColumns } from './compliance-columns.ts';
import { localToday } from '../../components/dates.ts';
import { KeyFigures } from '../../components/KeyFigures.tsx';
import { paths } from '../../components/links.ts';
import { RequireSession } from '../../components/RequireSession.tsx';
import { ErrorState, LoadingState } from '../../components/States.tsx';
import { downloadText } from '../../components/table-model.ts';
import { useApi } from '../../hooks/useApi.ts';
import { useDocumentTitle } from '../../hooks/useDocumentTitle.ts';
import { useI18n } from '../../hooks/useI18n.ts';
import { holderSummaries, type HolderSummary } from './compliance-view-model.ts';
import { stockApi, type ComplianceRow, type NonComplianceReport } from './stock-api.ts';

/** How many holders the chart shows; the table below lists them all. */
const CHART_HOLDERS = 15;
const CHART_PARTS: readonly CompliancePart[] = ['nonCompliant', 'notReported'];

/** The inspectorate's list: every holder and product below the stock obligation in a period. */
export function NonCompliancePage() {
  return <RequireSession roles={AUTHORITY_ROLES}>{() => <NonCompliance />}</RequireSession>;
}

function NonCompliance() {
  const { t } = useI18n();
  useDocumentTitle(t('nonCompliance.title'));
  const today = localToday();
  const { period, invalidUrl, setPeriod } = useCompliancePeriod(today);
  const result = useApi(`non-compliance:${period.from}:${period.to}`, (signal) =>
    stockApi.nonCompliance(period, signal),
  );
  const [downloading, setDownloading] = useState(false);

  const downloadOfficial = () => {
    if (downloading) return;
    setDownloading(true);
    stockApi
      .nonComplianceCsv(period)
      .then(
        (text) => {
          downloadText(`non-compliance-${period.from}-${period.to}.csv`, text);
        },
        () => undefined,
      )
      .finally(() => {
        setDownloading(false);
      });
  };

  return (
    <>
      <Heading level={1}>{t('nonCompliance.heading')}</Heading>
      <Paragraph purpose="lead" className="ms-lead">
        {t('nonCompliance.lead')}
      </Paragraph>
      <Paragraph>
        <AppLink to={paths.stockCover()}>{t('policy.link.cover')}</AppLink>
        {' · '}
        <AppLink to={paths.policy()}>{t('cover.link.policy')}</AppLink>
      </Paragraph>
      <CompliancePeriodForm
        key={`${period.from}:${period.to}`}
        period={period}
        today={today}
        invalidUrl={invalidUrl}
        onApply={setPeriod}
      />
      {result.status === 'error' ? (
        <ErrorState error={result.error} onRetry={result.reload} />
      ) : null}
      {result.data === null && result.status === 'loading' ? <LoadingState /> : null}
      {result.data !== null ? (
        <NonComplianceBody
          report={result.data}
          csvButton={
            <Button
              purpose="secondary"
              disabled={downloading}
              onClick={downloadOfficial}
              data-testid="non-compliance-csv"
            >
              {t('nonCompliance.downloadOfficial')}
            </Button>
          }
        />
      ) : null}
    </>
  );
}

function NonComplianceBody({
  report,
  csvButton,
}: {
  readonly report: NonComplianceReport;
  readonly csvButton: ReactNode;
}) {
  const { t, number, date } = useI18n();
  const holders = useMemo(() => holderSummaries(report.items), [report.items]);
  const period = { from: report.from, to: report.to };
  const belowRows = report.items.filter((row) => row.daysNonCompliant > 0).length;
  const notReportedRows = report.items.filter((row) => row.daysNotReported > 0).length;
  const byKind = (kind: 'mah' | 'wholesaler') =>
    holders.filter((holder) => holder.holderKind === kind && holder.productsBelowNorm > 0).length;
  const partLabels: Record<CompliancePart, string> = {
    nonCompliant: t('nonCompliance.part.belowDays'),
    notReported: t('nonCompliance.part.notReportedDays'),
    compliant: t('compliance.status.compliant'),
    other: t('holder.part.other'),
  };
  const charted = holders.slice(0, CHART_HOLDERS);

  return (
    <>
      {report.warnings.length > 0 ? (
        <Alert type="warning">
          <Paragraph>{t('nonCompliance.warnings')}</Paragraph>
          <ul>
            {report.warnings.map((warning) => (
              <li key={warning}>{warning}</li>
            ))}
          </ul>
        </Alert>
      ) : null}
      <section aria-labelledby="nc-figures" className="ms-section ms-section--plain">
        <Heading level={2} id="nc-figures" className="ms-visually-hidden">
          {t('nonCompliance.figures')}
        </Heading>
        <KeyFigures
          figures={[
            {
              id: 'nc-rows',
              label: t('nonCompliance.figure.rows'),
              value: number(report.items.length),
              note: t('nonCompliance.figure.rowsNote', {
                from: date(report.from),
                to: date(report.to),
              }),
            },
            {
              id: 'nc-below',
              label: t('nonCompliance.figure.below'),
              value: number(belowRows),
              tone: belowRows > 0 ? 'danger' : 'neutral',
              note: t('nonCompliance.figure.belowNote', {
                mah: number(byKind('mah')),
                wholesalers: number(byKind('wholesaler')),
              }),
            },
            {
              id: 'nc-not-reported',
              label: t('nonCompliance.figure.notReported'),
              value: number(notReportedRows),
              tone: notReportedRows > 0 ? 'warning' : 'neutral',
              note: t('nonCompliance.figure.notReportedNote'),
            },
            {
              id: 'nc-holders',
              label: t('nonCompliance.figure.holders'),
              value: number(holders.length),
              note: t('nonCompliance.figure.norms', {
                mah: number(report.norms.mah.weeks),
                wholesaler: number(report.norms.wholesaler.weeks),
                extra: number(report.norms.wholesaler.criticalListExtraWeeks),
              }),
            },
          ]}
        />
      </section>

      <section aria-labelledby="nc-chart-heading" className="ms-section">
        <Heading level={2} id="nc-chart-heading">
          {t('nonCompliance.chart.heading')}
        </Heading>
        <Paragraph className="ms-muted">
          {t('nonCompliance.chart.lead', {
            count: number(Math.min(CHART_HOLDERS, holders.length)),
          })}
        </Paragraph>
        {holders.length === 0 ? (
          <Paragraph data-testid="nc-none">{t('nonCompliance.none')}</Paragraph>
        ) : (
          <ChartFigure
            legend={<ComplianceLegend parts={CHART_PARTS} labels={partLabels} />}
            chart={
              <ComplianceStackedBars
                testId="nc-chart"
                parts={CHART_PARTS}
                labels={partLabels}
                ariaLabel={t('nonCompliance.chart.aria', {
                  count: number(charted.length),
                  first: charted[0]?.holderName ?? '',
                  days: number(charted[0]?.productDaysBelowNorm ?? 0),
                })}
                rows={charted.map((holder) => ({
                  key: String(holder.holderId),
                  label: holder.holderName,
                  name: holder.holderName,
                  parts: {
                    nonCompliant: holder.productDaysBelowNorm,
                    notReported: holder.productDaysNotReported,
                  },
                  total: t('nonCompliance.chart.total', {
                    days: number(holder.productDaysBelowNorm),
                    products: number(holder.productsBelowNorm),
                  }),
                }))}
              />
            }
            table={<HolderTable holders={charted} period={period} id="nc-chart-table" />}
          />
        )}
      </section>

      <section aria-labelledby="nc-holders-heading" className="ms-section">
        <Heading level={2} id="nc-holders-heading">
          {t('nonCompliance.holders.heading')}
        </Heading>
        <HolderTable holders={holders} period={period} id="nc-holders" />
      </section>

      <section aria-labelledby="nc-rows-heading" className="ms-section">
        <Heading level={2} id="nc-rows-heading">
          {t('nonCompliance.rows.heading')}
        </Heading>
        <RowTable report={report} csvButton={csvButton} />
      </section>
    </>
  );
}

function HolderTable({
  holders,
  period,
  id,
}: {
  readonly holders: readonly HolderSummary[];
  readonly period: { readonly from: string; readonly to: string };
  readonly id: string;
}) {
  const { t, date } = useI18n();
  const columns = useMemo<Column<HolderSummary>[]>(
    () => [
      {
        key: 'holderName',
        label: t('nonCompliance.column.holder'),
        rowHeader: true,
        value: (row) => row.holderName,
        render: (row) => (
          <AppLink to={paths.holderCompliance(row.holderId, period)}>{row.holderName}</AppLink>
        ),
      },
      {
        key: 'holderKind',
        label: t('nonCompliance.column.kind'),
        facet: true,
        facetKey: (row) => row.holderKind,
        facetLabel: (value) =>
          value === 'mah' || value === 'wholesaler' ? t(`holder.kind.${value}`) : value,
        value: (row) => t(`holder.kind.${row.holderKind}`),
      },
      {
        key: 'productsBelowNorm',
        label: t('nonCompliance.column.productsBelow'),
        numeric: true,
        value: (row) => row.productsBelowNorm,
      },
      {
        key: 'productDaysBelowNorm',
        label: t('nonCompliance.part.belowDays'),
        numeric: true,
        value: (row) => row.productDaysBelowNorm,
      },
      {
        key: 'productsNotReported',
        label: t('nonCompliance.column.productsNotReported'),
        numeric: true,
        value: (row) => row.productsNotReported,
      },
      {
        key: 'productDaysNotReported',
        label: t('nonCompliance.part.notReportedDays'),
        numeric: true,
        value: (row) => row.productDaysNotReported,
      },
      {
        key: 'largestShortfallUnits',
        label: t('holder.column.shortfall'),
        numeric: true,
        value: (row) => Math.round(row.largestShortfallUnits),
      },
    ],
    [t, period],
  );
  return (
    <ClientDataTable
      id={id}
      caption={t('nonCompliance.holders.caption', {
        from: date(period.from),
        to: date(period.to),
      })}
      fileName={`${id}-${period.from}-${period.to}`}
      columns={columns}
      rows={holders}
      rowKey={(row) => String(row.holderId)}
      defaultSort="-productDaysBelowNorm"
      defaultPageSize={id === 'nc-chart-table' ? 25 : 10}
      textFilter={id !== 'nc-chart-table'}
    />
  );
}

function RowTable({
  report,
  csvButton,
}: {
  readonly report: NonComplianceReport;
  readonly csvButton: ReactNode;
}) {
  const { t, date } = useI18n();
  const columns = useMemo<Column<ComplianceRow>[]>(
    () => [
      {
        key: 'holderName',
        label: t('nonCompliance.column.holder'),
        rowHeader: true,
        value: (row) => row.holderName,
        render: (row) => (
          <AppLink to={paths.holderCompliance(row.holderId, { from: report.from, to: report.to })}>
            {row.holderName}
          </AppLink>
        ),
      },
      {
        key: 'holderKind',
        label: t('nonCompliance.column.kind'),
        facet: true,
        facetKey: (row) => row.holderKind,
        facetLabel: (value) =>
          value === 'mah' || value === 'wholesaler' ? t(`holder.kind.${value}`) : value,
        value: (row) => t(`holder.kind.${row.holderKind}`),
      },
      {
        key: 'productName',
        label: t('holder.column.product'),
        value: (row) => row.productName,
        render: (row) => (
          <>
            {row.productName} <CriticalBadge critical={row.onCriticalList} />
          </>
        ),
      },
      {
        key: 'atc',
        label: t('common.atc'),
        value: (row) => row.atc,
        render: (row) =>
          row.atc === null ? (
            t('common.none')
          ) : (
            <AppLink to={paths.substance(row.atc)} className="ms-code">
              {row.atc}
            </AppLink>
          ),
      },
      ...complianceFigureColumns<ComplianceRow>(t),
      {
        key: 'lastStatus',
        label: t('holder.column.lastStatus', { date: date(report.to) }),
        facet: true,
        facetKey: (row) => row.lastStatus,
        facetLabel: (value) => complianceLabel(t, value),
        value: (row) => complianceLabel(t, row.lastStatus),
        render: (row) => <ComplianceStatusBadge status={row.lastStatus} />,
      },
      {
        key: 'lastNonCompliantDate',
        label: t('nonCompliance.column.lastBelow'),
        value: (row) => row.lastNonCompliantDate,
        render: (row) => <span className="ms-nowrap">{date(row.lastNonCompliantDate)}</span>,
      },
      {
        key: 'largestShortfallUnits',
        label: t('holder.column.shortfall'),
        numeric: true,
        value: (row) => Math.round(row.largestShortfallUnits),
      },
    ],
    [t, date, report.from, report.to],
  );
  return (
    <ClientDataTable
      id="nc-rows"
      caption={t('nonCompliance.rows.caption', {
        from: date(report.from),
        to: date(report.to),
      })}
      fileName={`onder-de-norm-${report.from}-${report.to}`}
      columns={columns}
      rows={report.items}
      rowKey={(row) => `${String(row.holderId)}:${String(row.productId)}`}
      defaultSort="-daysNonCompliant"
      defaultPageSize={10}
      filters={csvButton}
    />
  );
}
