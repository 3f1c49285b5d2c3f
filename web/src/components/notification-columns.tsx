import { useMemo } from 'react';
import type { NotificationSummary } from '../api/types.ts';
import { useI18n } from '../hooks/useI18n.ts';
import { AppLink } from './AppLink.tsx';
import { DataBadge, RiskBadge, StatusBadge } from './Badges.tsx';
import { paths } from './links.ts';
import { describeFactor, topFactors } from './risk-factors.ts';
import type { Column } from './table-model.ts';

export type NotificationColumnKey =
  | 'reference'
  | 'medicine'
  | 'medicineAndCompany'
  | 'company'
  | 'status'
  | 'riskScore'
  | 'reasons'
  | 'expectedStart'
  | 'expectedEnd'
  | 'daysLate'
  | 'firstReportedOn'
  | 'version';

/** Late, excepted or on time, with the days: the lateness cell of every notification table. */
export function LatenessValue({
  lateness,
  compact = false,
}: {
  readonly lateness: NotificationSummary['lateness'];
  /** In a table column headed "days late": the number of days without the words. */
  readonly compact?: boolean;
}) {
  const { t, number } = useI18n();
  const days = number(lateness.daysLate);
  if (lateness.late)
    return (
      <DataBadge tone="danger">
        {compact ? t('lateness.daysLateShort', { days }) : t('lateness.daysLate', { days })}
      </DataBadge>
    );
  if (lateness.excepted)
    return (
      <DataBadge tone="warning">
        {compact ? t('lateness.exceptedShort', { days }) : t('lateness.excepted', { days })}
      </DataBadge>
    );
  return <span>{t('lateness.onTime')}</span>;
}

/** The columns of a notification list; keys are the API's sort names where it sorts by them. */
export function useNotificationColumns(
  keys: readonly NotificationColumnKey[],
): Column<NotificationSummary>[] {
  const i18n = useI18n();
  const keyList = keys.join(',');
  return useMemo(() => {
    const { t, date, number } = i18n;
    const firstProduct = (row: NotificationSummary) => row.products[0];
    const all: Record<NotificationColumnKey, Column<NotificationSummary>> = {
      reference: {
        key: 'reference',
        label: t('notification.reference'),
        rowHeader: true,
        sortable: false,
        value: (row) => row.reference,
        render: (row) => (
          <AppLink to={paths.notification(row.id)} className="ms-code">
            {row.reference}
          </AppLink>
        ),
      },
      medicine: {
        key: 'medicine',
        label: t('notification.medicine'),
        sortable: false,
        value: (row) => [...new Set(row.products.map((product) => product.name))].join('; '),
        render: (row) => {
          const product = firstProduct(row);
          const others = new Set(row.products.map((p) => p.productId)).size - 1;
          return (
            <span className="ms-cell-stack ms-medicine-cell">
              <span className="ms-cell-list__title">{product?.name ?? t('common.none')}</span>
              <span className="ms-cell-list__meta">
                {product?.atc ?? ''}
                {others > 0
                  ? ` · ${t('notification.moreProducts', { count: number(others) })}`
                  : ''}
                {row.report.kind !== 'shortage' ? ` · ${t(`kind.${row.report.kind}`)}` : ''}
              </span>
            </span>
          );
        },
      },
      medicineAndCompany: {
        key: 'medicine',
        label: t('notification.medicineAndCompany'),
        sortable: false,
        value: (row) =>
          `${[...new Set(row.products.map((product) => product.name))].join('; ')} (${row.organisationName})`,
        render: (row) => {
          const product = firstProduct(row);
          const others = new Set(row.products.map((p) => p.productId)).size - 1;
          return (
            <span className="ms-cell-stack ms-medicine-cell">
              <span className="ms-cell-list__title">{product?.name ?? t('common.none')}</span>
              <span className="ms-cell-list__meta">
                {row.organisationName}
                {product?.atc == null ? '' : ` · ${product.atc}`}
                {others > 0
                  ? ` · ${t('notification.moreProducts', { count: number(others) })}`
                  : ''}
                {row.report.kind !== 'shortage' ? ` · ${t(`kind.${row.report.kind}`)}` : ''}
              </span>
            </span>
          );
        },
      },
      company: {
        key: 'company',
        label: t('notification.company'),
        sortable: false,
        value: (row) => row.organisationName,
      },
      status: {
        key: 'status',
        label: t('notification.status'),
        sortable: false,
        value: (row) => t(`status.${row.status}`),
        render: (row) => <StatusBadge status={row.status} />,
      },
      riskScore: {
        key: 'riskScore',
        label: t('notification.risk'),
        numeric: true,
        value: (row) => row.risk.score,
        csv: (row) =>
          row.risk.score === null
            ? null
            : `${String(row.risk.score)} (${row.risk.riskClass === null ? '' : t(`risk.class.${row.risk.riskClass}`)})`,
        render: (row) => <RiskBadge score={row.risk.score} riskClass={row.risk.riskClass} />,
      },
      reasons: {
        key: 'reasons',
        label: t('notification.reasons'),
        sortable: false,
        value: (row) =>
          topFactors(row.risk.factors)
            .map((factor) => describeFactor(factor, i18n))
            .join('; '),
        render: (row) => {
          const factors = topFactors(row.risk.factors);
          if (factors.length === 0) return <span>{t('common.none')}</span>;
          return (
            <ul className="ms-reasons">
              {factors.map((factor) => (
                <li key={factor.key}>
                  {describeFactor(factor, i18n)}{' '}
                  <span className="ms-reasons__points">
                    ({t('risk.points', { points: number(factor.points, 1) })})
                  </span>
                </li>
              ))}
            </ul>
          );
        },
      },
      expectedStart: {
        key: 'expectedStart',
        label: t('report.expectedStart'),
        value: (row) => row.report.expectedStart,
        render: (row) => <span className="ms-nowrap">{date(row.report.expectedStart)}</span>,
      },
      expectedEnd: {
        key: 'expectedEnd',
        label: t('report.expectedEnd'),
        sortable: false,
        value: (row) => row.report.expectedEnd,
        render: (row) => (
          <span className="ms-nowrap">
            {row.report.expectedEnd === null
              ? t('shortages.endUnknown')
              : date(row.report.expectedEnd)}
          </span>
        ),
      },
      daysLate: {
        key: 'daysLate',
        label: t('lateness.column'),
        numeric: true,
        value: (row) => row.lateness.daysLate,
        render: (row) => <LatenessValue lateness={row.lateness} compact />,
      },
      firstReportedOn: {
        key: 'firstReportedOn',
        label: t('notification.firstReportedOn'),
        value: (row) => row.firstReportedOn,
        render: (row) => <span className="ms-nowrap">{date(row.firstReportedOn)}</span>,
      },
      version: {
        key: 'version',
        label: t('notification.version'),
        numeric: true,
        sortable: false,
        value: (row) => row.version,
      },
    };
    return keyList.split(',').map((key) => all[key as NotificationColumnKey]);
  }, [i18n, keyList]);
}
