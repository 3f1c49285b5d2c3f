import type { Column } from '../../components/DataTable.tsx';
import type { Formatters } from '../../i18n/format.ts';

/** The figures every compliance table shows of a holder's product over the period. */
interface ComplianceFigures {
  readonly requiredWeeks: number;
  readonly minWeeksHeld: number | null;
  readonly daysNonCompliant: number;
  readonly daysNotReported: number;
}

/** The columns of those figures, the same in the holder's page and the non-compliance report. */
export function complianceFigureColumns<Row extends ComplianceFigures>(
  t: Formatters['t'],
): Column<Row>[] {
  return [
    {
      key: 'requiredWeeks',
      label: t('holder.column.requiredWeeks'),
      numeric: true,
      value: (row) => row.requiredWeeks,
    },
    {
      key: 'minWeeksHeld',
      label: t('holder.column.minWeeksHeld'),
      numeric: true,
      value: (row) => (row.minWeeksHeld === null ? null : Math.round(row.minWeeksHeld * 10) / 10),
    },
    {
      key: 'daysNonCompliant',
      label: t('holder.column.daysNonCompliant'),
      numeric: true,
      value: (row) => row.daysNonCompliant,
    },
    {
      key: 'daysNotReported',
      label: t('holder.column.daysNotReported'),
      numeric: true,
      value: (row) => row.daysNotReported,
    },
  ];
}
