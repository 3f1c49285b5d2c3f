import { Heading } from '@nl-design-system-candidate/heading-react';
import { Paragraph } from '@nl-design-system-candidate/paragraph-react';
import { useMemo } from 'react';
import { useParams } from 'react-router';
import { AUTHORITY_ROLES, type Session } from '../../api/types.ts';
import { AppLink } from '../../components/AppLink.tsx';
import { CriticalBadge, DataBadge } from '../../components/Badges.tsx';
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
import { useApi } from '../../hooks/useApi.ts';
import { useDocumentTitle } from '../../hooks/useDocumentTitle.ts';
import { useI18n } from '../../hooks/useI18n.ts';
import { weeklyStatusCounts, WEEK_PARTS, type WeekStatusCount } from './compliance-view-model.ts';
import { stockApi, type HolderCompliance, type HolderComplianceRow } from './stock-api.ts';

/** A holder's compliance with the stock obligation, product by product and week by week. */
export function HolderCompliancePage() {
  return <RequireSession>{(session) => <HolderComplianceView session={session} />}</RequireSession>;
}

function HolderComplianceView({ session }: { readonly session: Session }) {
  const { t } = useI18n();
  const { id = '' } = useParams();
  const today = localToday();
  const { period, invalidUrl, setPeriod } = useCompliancePeriod(today);
  const result = useApi(`holder-compliance:${id}:${period.from}:${period.to}`, (signal) =>
    stockApi.holderCompliance(id, period, signal),
  );
  const data = result.data;
  useDocumentTitle(
    data === null ? t('holder.title') : t('holder.titleOf', { holder: data.holder.name }),
  );
  const isAuthority = AUTHORITY_ROLES.includes(session.user.role);

  return (
    <>
      <Heading level={1}>
        {data === null ? t('holder.title') : t('holder.titleOf', { holder: data.holder.name })}
      </Heading>
      <Paragraph purpose="lead" className="ms-lead">
        {data === null
          ? t('holder.leadGeneric')
          : t('holder.lead', {
              kind: t(`holder.kind.${data.holder.kind}`),
              weeks: data.norms[data.holder.kind].weeks,
            })}
      </Paragraph>
      {isAuthority ? (
        <Paragraph>
          <AppLink to={paths.nonCompliance(period)}>{t('holder.link.report')}</AppLink>
        </Paragraph>
      ) : null}
      <CompliancePeriodForm
        key={`${period.from}:${period.to}`}
        period={period}
        today={today}
        invalidUrl={invalidUrl}
        onApply={setPeriod}
      />
      {result.status === 'error' ? (
        <ErrorState error={result.error} onRetry={result.reload} notFound={t('holder.notFound')} />
      ) : null}
      {data === null && result.status === 'loading' ? <LoadingState /> : null}
      {data !== null ? <HolderComplianceBody data={data} /> : null}
    </>
  );
}

function HolderComplianceBody({ data }: { readonly data: HolderCompliance }) {
  const { t, number, date } = useI18n();
  const weeks = useMemo(() => weeklyStatusCounts(data.items), [data.items]);
  const belowNow = data.items.filter((item) => item.lastStatus === 'non-compliant').length;
  const notReportedNow = data.items.filter((item) => item.lastStatus === 'not-reported').length;
  const everBelow = data.items.filter((item) => item.daysNonCompliant > 0).length;
  const partLabels: Record<CompliancePart, string> = {
    nonCompliant: t('compliance.status.non-compliant'),
    notReported: t('compliance.status.not-reported'),
    compliant: t('compliance.status.compliant'),
    other: t('holder.part.other'),
  };

  return (
    <>
      <section aria-labelledby="holder-figures" className="ms-section ms-section--plain">
        <Heading level={2} id="holder-figures" className="ms-visually-hidden">
          {t('holder.figures')}
        </Heading>
        <KeyFigures
          figures={[
            {
              id: 'holder-products',
              label: t('holder.figure.products'),
              value: number(data.items.length),
              note: t('holder.figure.productsNote', {
                from: date(data.from),
                to: date(data.to),
              }),
            },
            {
              id: 'holder-below-now',
              label: t('holder.figure.belowNow'),
              value: number(belowNow),
              tone: belowNow > 0 ? 'danger' : 'neutral',
              note: t('holder.figure.belowNowNote', { date: date(data.to) }),
            },
            {
              id: 'holder-ever-below',
              label: t('holder.figure.everBelow'),
              value: number(everBelow),
              tone: everBelow > 0 ? 'warning' : 'neutral',
              note: t('holder.figure.everBelowNote'),
            },
            {
              id: 'holder-not-reported',
              label: t('holder.figure.notReported'),
              value: number(notReportedNow),
              tone: notReportedNow > 0 ? 'warning' : 'neutral',
              note: t('holder.figure.belowNowNote', { date: date(data.to) }),
            },
          ]}
        />
      </section>

      <section aria-labelledby="holder-chart-heading" className="ms-section">
        <Heading level={2} id="holder-chart-heading">
          {t('holder.chart.heading')}
        </Heading>
        <Paragraph className="ms-muted">{t('holder.chart.lead')}</Paragraph>
        {weeks.length === 0 ? (
          <Paragraph>{t('holder.none')}</Paragraph>
        ) : (
          <ChartFigure
            legend={<ComplianceLegend parts={WEEK_PARTS} labels={partLabels} />}
            chart={
              <ComplianceStackedBars
                testId="holder-chart"
                parts={WEEK_PARTS}
                labels={partLabels}
                ariaLabel={t('holder.chart.aria', {
                  weeks: number(weeks.length),
                  worst: number(Math.max(0, ...weeks.map((week) => week.nonCompliant))),
                })}
                rows={weeks.map((week) => ({
                  key: week.date,
                  label: t('holder.chart.week', { date: date(week.date) }),
                  name: date(week.date),
                  parts: week,
                  total: t('holder.chart.total', {
                    below: number(week.nonCompliant),
                    products: number(week.products),
                  }),
                }))}
              />
            }
            table={<WeekTable weeks={weeks} />}
          />
        )}
      </section>

      <section aria-labelledby="holder-products-heading" className="ms-section">
        <Heading level={2} id="holder-products-heading">
          {t('holder.products.heading')}
        </Heading>
        <ProductTable data={data} />
      </section>

      <section aria-labelledby="holder-weekly-heading" className="ms-section">
        <Heading level={2} id="holder-weekly-heading">
          {t('holder.weekly.heading')}
        </Heading>
        <Paragraph className="ms-muted">{t('holder.weekly.lead')}</Paragraph>
        <WeeklyGrid data={data} />
      </section>
    </>
  );
}

function WeekTable({ weeks }: { readonly weeks: readonly WeekStatusCount[] }) {
  const { t, date } = useI18n();
  const columns = useMemo<Column<WeekStatusCount>[]>(
    () => [
      {
        key: 'date',
        label: t('holder.table.weekEnd'),
        rowHeader: true,
        value: (row) => row.date,
        render: (row) => <span className="ms-nowrap">{date(row.date)}</span>,
      },
      {
        key: 'nonCompliant',
        label: t('compliance.status.non-compliant'),
        numeric: true,
        value: (row) => row.nonCompliant,
      },
      {
        key: 'notReported',
        label: t('compliance.status.not-reported'),
        numeric: true,
        value: (row) => row.notReported,
      },
      {
        key: 'compliant',
        label: t('compliance.status.compliant'),
        numeric: true,
        value: (row) => row.compliant,
      },
      { key: 'other', label: t('holder.part.other'), numeric: true, value: (row) => row.other },
    ],
    [t, date],
  );
  return (
    <ClientDataTable
      id="holder-weeks"
      caption={t('holder.table.weeksCaption')}
      columns={columns}
      rows={weeks}
      rowKey={(row) => row.date}
      textFilter={false}
      defaultPageSize={25}
    />
  );
}

function ProductTable({ data }: { readonly data: HolderCompliance }) {
  const { t, date } = useI18n();
  const columns = useMemo<Column<HolderComplianceRow>[]>(
    () => [
      {
        key: 'productName',
        label: t('holder.column.product'),
        rowHeader: true,
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
      {
        key: 'lastStatus',
        label: t('holder.column.lastStatus', { date: date(data.to) }),
        facet: true,
        facetKey: (row) => row.lastStatus,
        facetLabel: (value) => complianceLabel(t, value),
        value: (row) => complianceLabel(t, row.lastStatus),
        render: (row) => <ComplianceStatusBadge status={row.lastStatus} />,
      },
      {
        key: 'lastWeeksHeld',
        label: t('holder.column.lastWeeksHeld'),
        numeric: true,
        value: (row) =>
          row.lastWeeksHeld === null ? null : Math.round(row.lastWeeksHeld * 10) / 10,
      },
      ...complianceFigureColumns<HolderComplianceRow>(t),
      {
        key: 'largestShortfallUnits',
        label: t('holder.column.shortfall'),
        numeric: true,
        value: (row) => Math.round(row.largestShortfallUnits),
      },
      {
        key: 'exemptions',
        label: t('holder.column.exemptions'),
        sortable: false,
        value: (row) => row.exemptions.map((exemption) => exemption.reason).join('; ') || null,
        render: (row) =>
          row.exemptions.length === 0
            ? t('common.none')
            : row.exemptions.map((exemption) => (
                <DataBadge key={`${exemption.from}:${String(exemption.packId)}`}>
                  {exemption.reason}
                </DataBadge>
              )),
      },
    ],
    [t, date, data.to],
  );
  return (
    <ClientDataTable
      id="holder-products"
      caption={t('holder.products.caption', {
        holder: data.holder.name,
        from: date(data.from),
        to: date(data.to),
      })}
      fileName={`naleving-${String(data.holder.id)}-${data.from}-${data.to}`}
      columns={columns}
      rows={data.items}
      rowKey={(row) => String(row.productId)}
      defaultSort="-daysNonCompliant"
      defaultPageSize={25}
    />
  );
}

/** Product x week: the weeks held on each week's last day, coloured by status. */
function WeeklyGrid({ data }: { readonly data: HolderCompliance }) {
  const { t, number, date } = useI18n();
  const weekDates = useMemo(
    () => [...new Set(data.items.flatMap((item) => item.weekly.map((week) => week.date)))].sort(),
    [data.items],
  );
  const columns = useMemo<Column<HolderComplianceRow>[]>(
    () => [
      {
        key: 'productName',
        label: t('holder.column.product'),
        rowHeader: true,
        value: (row) => row.productName,
      },
      ...weekDates.map<Column<HolderComplianceRow>>((weekDate) => {
        const week = (row: HolderComplianceRow) => row.weekly.find((w) => w.date === weekDate);
        return {
          key: `w${weekDate}`,
          label: date(weekDate),
          numeric: true,
          value: (row) => {
            const held = week(row)?.weeksHeld;
            return held === undefined || held === null ? null : Math.round(held * 10) / 10;
          },
          csv: (row) => {
            const found = week(row);
            if (found === undefined) return null;
            return found.weeksHeld === null
              ? found.status
              : `${String(Math.round(found.weeksHeld * 10) / 10)} (${found.status})`;
          },
          render: (row) => {
            const found = week(row);
            if (found === undefined) return t('common.none');
            const label =
              found.weeksHeld === null
                ? complianceLabel(t, found.status)
                : number(found.weeksHeld, 1);
            const tone =
              found.status === 'non-compliant'
                ? 'danger'
                : found.status === 'not-reported'
                  ? 'warning'
                  : 'neutral';
            return tone === 'neutral' ? (
              <span title={complianceLabel(t, found.status)}>{label}</span>
            ) : (
              <DataBadge tone={tone} title={complianceLabel(t, found.status)}>
                {label}
              </DataBadge>
            );
          },
        };
      }),
    ],
    [t, number, date, weekDates],
  );
  return (
    <ClientDataTable
      id="holder-weekly"
      caption={t('holder.weekly.caption', { holder: data.holder.name })}
      fileName={`naleving-per-week-${String(data.holder.id)}-${data.from}-${data.to}`}
      columns={columns}
      rows={data.items}
      rowKey={(row) => String(row.productId)}
      defaultPageSize={25}
    />
  );
}
