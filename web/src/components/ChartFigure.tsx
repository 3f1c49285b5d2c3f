import type { ReactNode } from 'react';
import { useI18n } from '../hooks/useI18n.ts';

/**
 * A chart with its text alternative: the chart is an image with a label that says what it shows,
 * and the same figures follow as a table behind a disclosure (WCAG 1.1.1).
 */
export function ChartFigure({
  chart,
  legend,
  table,
  note,
  openTable = false,
}: {
  readonly chart: ReactNode;
  readonly legend?: ReactNode;
  readonly table: ReactNode;
  readonly note?: ReactNode;
  readonly openTable?: boolean;
}) {
  const { t } = useI18n();
  return (
    <figure className="ms-figure">
      {legend}
      <div className="ms-figure__chart">{chart}</div>
      {note}
      <details className="ms-figure__alternative" open={openTable}>
        <summary className="ms-figure__summary">{t('common.showTable')}</summary>
        <div className="ms-figure__table">{table}</div>
      </details>
    </figure>
  );
}

export function LegendSwatch({ color, label }: { readonly color: string; readonly label: string }) {
  return (
    <li className="ms-legend__item">
      <span className="ms-legend__swatch" style={{ background: color }} aria-hidden="true" />
      {label}
    </li>
  );
}
