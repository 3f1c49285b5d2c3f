import { Button } from '@nl-design-system-candidate/button-react';
import { Heading } from '@nl-design-system-candidate/heading-react';
import { Paragraph } from '@nl-design-system-candidate/paragraph-react';
import { useMemo, useState } from 'react';
import { api } from '../../api/client.ts';
import type { LateNotification, Role } from '../../api/types.ts';
import { AppLink } from '../../components/AppLink.tsx';
import { DataBadge } from '../../components/Badges.tsx';
import { ChartFigure } from '../../components/ChartFigure.tsx';
import { ClientDataTable, type Column } from '../../components/DataTable.tsx';
import { localToday } from '../../components/dates.ts';
import { KeyFigures } from '../../components/KeyFigures.tsx';
import { LateChart, LateLegend, type LateCompanyRow } from '../../components/LateChart.tsx';
import { paths } from '../../components/links.ts';
import { PeriodForm, usePeriodParam } from '../../components/PeriodForm.tsx';
import { RequireSession } from '../../components/RequireSession.tsx';
import { ErrorState, LoadingState } from '../../components/States.tsx';
import { downloadText } from '../../components/table-model.ts';
import { useApi } from '../../hooks/useApi.ts';
import { useDocumentTitle } from '../../hooks/useDocumentTitle.ts';
import { useI18n } from '../../hooks/useI18n.ts';

const LATE_REPORT_ROLES: readonly Role[] = ['analyst', 'policy', 'admin'];

export function LateReportPage() {
  return <RequireSession roles={LATE_REPORT_ROLES}>{() => <LateReport />}</RequireSession>;
}

/** The default period: this calendar year up to today. */
function defaultPeriod(today: string): { from: string; to: string } {
  return { from: `${today.slice(0, 4)}-01-01`, to: today };
}

function presets(
  today: string,
): readonly { key: 'thisYear' | 'lastYear' | 'last12'; from: string; to: string }[] {
  const year = Number(today.slice(0, 4));
  const yearAgo = new Date(`${today}T00:00:00Z`);
  yearAgo.setUTCFullYear(yearAgo.getUTCFullYear() - 1);
  yearAgo.setUTCDate(yearAgo.getUTCDate() + 1);
  return [
    { key: 'thisYear', from: `${String(year)}-01-01`, to: today },
    { key: 'lastYear', from: `${String(year - 1)}-01-01`, to: `${String(year - 1)}-12-31` },
    { key: 'last12', from: yearAgo.toISOString().slice(0, 10), to: today },
  ];
}

/**
 * Late notifications per company over a period (first reported between from and to): the input
 * for the fine policy. The rule: at least two months' notice before the expected start, unless
 * the analysts mark the cause unforeseeable.
 */
function LateReport() {
  const i18n = useI18n();
  const { t, number, percent, date } = i18n;
  useDocumentTitle(t('late.title'));
  const today = localToday();
  const { period, invalidUrl, setPeriod } = usePeriodParam(defaultPeriod(today));
  const { from, to } = period;
  const [downloading, setDownloading] = useState(false);

  const report = useApi(`late:${from}:${to}`, (signal) => api.lateReport(from, to, signal));

  const companies = useMemo<LateCompanyRow[]>(() => {
    const data = report.data;
    if (data === null) return [];
    const excepted = new Map<number, number>();
    for (const row of data.notifications) {
      if (row.excepted)
        excepted.set(row.organisationId, (excepted.get(row.organisationId) ?? 0) + 1);
    }
    return data.byCompany.map((row) => {
      const exceptedCount = excepted.get(row.organisationId) ?? 0;
      return {
        ...row,
        excepted: exceptedCount,
        onTime: Math.max(0, row.notifications - row.late - exceptedCount),
      };
    });
  }, [report.data]);

  const companyColumns = useMemo<Column<LateCompanyRow>[]>(
    () => [
      {
        key: 'organisationName',
        label: t('late.company'),
        rowHeader: true,
        value: (row) => row.organisationName,
      },
      {
        key: 'notifications',
        label: t('late.notifications'),
        numeric: true,
        value: (row) => row.notifications,
      },
      { key: 'late', label: t('late.part.late'), numeric: true, value: (row) => row.late },
      {
        key: 'excepted',
        label: t('late.part.excepted'),
        numeric: true,
        value: (row) => row.excepted,
      },
      { key: 'onTime', label: t('late.part.onTime'), numeric: true, value: (row) => row.onTime },
      {
        key: 'shareLate',
        label: t('late.shareLate'),
        numeric: true,
        value: (row) => row.shareLate,
        render: (row) => percent(row.shareLate),
        csv: (row) => Math.round(row.shareLate * 1000) / 10,
      },
      {
        key: 'medianDaysLate',
        label: t('late.medianDaysLate'),
        numeric: true,
        value: (row) => row.medianDaysLate,
      },
      {
        key: 'maxDaysLate',
        label: t('late.maxDaysLate'),
        numeric: true,
        value: (row) => row.maxDaysLate,
      },
    ],
    [t, percent],
  );

  const lateColumns = useMemo<Column<LateNotification>[]>(
    () => [
      {
        key: 'reference',
        label: t('notification.reference'),
        rowHeader: true,
        value: (row) => row.reference,
        render: (row) => (
          <AppLink to={paths.notification(row.id)} className="ms-code">
            {row.reference}
          </AppLink>
        ),
      },
      {
        key: 'organisationName',
        label: t('late.company'),
        facet: true,
        value: (row) => row.organisationName,
      },
      {
        key: 'firstReportedOn',
        label: t('notification.firstReportedOn'),
        value: (row) => row.firstReportedOn,
        render: (row) => <span className="ms-nowrap">{date(row.firstReportedOn)}</span>,
      },
      {
        key: 'expectedStart',
        label: t('report.expectedStart'),
        value: (row) => row.expectedStart,
        render: (row) => <span className="ms-nowrap">{date(row.expectedStart)}</span>,
      },
      {
        key: 'deadline',
        label: t('lateness.deadline'),
        value: (row) => row.deadline,
        render: (row) => <span className="ms-nowrap">{date(row.deadline)}</span>,
      },
      { key: 'daysLate', label: t('lateness.column'), numeric: true, value: (row) => row.daysLate },
      {
        key: 'assessment',
        label: t('late.assessment'),
        facet: true,
        facetKey: (row) => (row.excepted ? 'excepted' : 'late'),
        facetLabel: (value) =>
          value === 'excepted' ? t('late.part.excepted') : t('late.part.late'),
        value: (row) => (row.excepted ? t('late.part.excepted') : t('late.part.late')),
        render: (row) => (
          <DataBadge tone={row.excepted ? 'warning' : 'danger'}>
            {row.excepted ? t('late.part.excepted') : t('late.part.late')}
          </DataBadge>
        ),
      },
    ],
    [t, date],
  );

  const downloadOfficial = () => {
    if (downloading) return;
    setDownloading(true);
    api
      .lateReportCsv(from, to)
      .then(
        (text) => {
          downloadText(`late-notifications-${from}-${to}.csv`, text);
        },
        () => undefined,
      )
      .finally(() => {
        setDownloading(false);
      });
  };

  const data = report.data;
  const totals = companies.reduce(
    (sum, row) => ({
      notifications: sum.notifications + row.notifications,
      late: sum.late + row.late,
      excepted: sum.excepted + row.excepted,
    }),
    { notifications: 0, late: 0, excepted: 0 },
  );

  return (
    <>
      <Heading level={1}>{t('late.heading')}</Heading>
      <Paragraph purpose="lead" className="ms-lead">
        {t('late.lead', { months: data?.minimumNoticeMonths ?? 2 })}
      </Paragraph>

      <PeriodForm
        key={`${from}:${to}`}
        messages="late.period"
        idPrefix="period"
        period={period}
        presets={presets(today).map((preset) => ({
          ...preset,
          label: t(`late.period.${preset.key}`),
        }))}
        invalidUrl={invalidUrl}
        onApply={setPeriod}
      />

      {report.status === 'error' ? (
        <ErrorState error={report.error} onRetry={report.reload} />
      ) : null}
      {data === null && report.status === 'loading' ? <LoadingState /> : null}
      {data !== null ? (
        <>
          <section aria-labelledby="late-figures" className="ms-section ms-section--plain">
            <Heading level={2} id="late-figures" className="ms-visually-hidden">
              {t('late.figures')}
            </Heading>
            <KeyFigures
              figures={[
                {
                  id: 'late-notifications',
                  label: t('late.notifications'),
                  value: number(totals.notifications),
                  note: t('late.period.note', { from: date(data.from), to: date(data.to) }),
                },
                {
                  id: 'late-late',
                  label: t('late.part.late'),
                  value: number(totals.late),
                  tone: totals.late > 0 ? 'danger' : 'neutral',
                  note:
                    totals.notifications === 0
                      ? undefined
                      : t('late.shareNote', { share: percent(totals.late / totals.notifications) }),
                },
                {
                  id: 'late-excepted',
                  label: t('late.part.excepted'),
                  value: number(totals.excepted),
                  tone: totals.excepted > 0 ? 'warning' : 'neutral',
                  note: t('late.exceptedNote'),
                },
                {
                  id: 'late-companies',
                  label: t('late.companies'),
                  value: number(companies.length),
                  note: t('late.companiesNote', {
                    count: number(companies.filter((row) => row.late > 0).length),
                  }),
                },
              ]}
            />
          </section>

          <section aria-labelledby="late-chart-heading" className="ms-section">
            <Heading level={2} id="late-chart-heading">
              {t('late.chart.heading')}
            </Heading>
            <Paragraph className="ms-muted">{t('late.chart.lead')}</Paragraph>
            {companies.length === 0 ? (
              <Paragraph>{t('late.none')}</Paragraph>
            ) : (
              <ChartFigure
                legend={<LateLegend />}
                chart={<LateChart rows={companies} />}
                table={
                  <ClientDataTable
                    id="late-chart-table"
                    caption={t('late.chart.caption', { from: date(data.from), to: date(data.to) })}
                    columns={companyColumns.slice(0, 5)}
                    rows={companies}
                    rowKey={(row) => String(row.organisationId)}
                    textFilter={false}
                  />
                }
              />
            )}
          </section>

          <section aria-labelledby="late-companies-heading" className="ms-section">
            <Heading level={2} id="late-companies-heading">
              {t('late.byCompany.heading')}
            </Heading>
            <ClientDataTable
              id="companies"
              caption={t('late.byCompany.caption', { from: date(data.from), to: date(data.to) })}
              fileName={`te-late-meldingen-${data.from}-${data.to}`}
              columns={companyColumns}
              rows={companies}
              rowKey={(row) => String(row.organisationId)}
              defaultSort="-late"
              filters={
                <Button
                  purpose="secondary"
                  disabled={downloading}
                  onClick={downloadOfficial}
                  data-testid="late-csv-official"
                >
                  {t('late.downloadOfficial')}
                </Button>
              }
            />
          </section>

          <section aria-labelledby="late-list-heading" className="ms-section">
            <Heading level={2} id="late-list-heading">
              {t('late.list.heading')}
            </Heading>
            <ClientDataTable
              id="late"
              caption={t('late.list.caption', { from: date(data.from), to: date(data.to) })}
              columns={lateColumns}
              rows={data.notifications}
              rowKey={(row) => String(row.id)}
              defaultSort="-daysLate"
            />
          </section>
        </>
      ) : null}
    </>
  );
}
