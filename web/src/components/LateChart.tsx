import type { LateByCompany } from '../api/types.ts';
import { useI18n } from '../hooks/useI18n.ts';
import { LegendSwatch } from './ChartFigure.tsx';

export interface LateCompanyRow extends LateByCompany {
  /** Late reports the analysts excepted (unforeseeable cause). */
  readonly excepted: number;
  readonly onTime: number;
}

const PARTS = ['late', 'excepted', 'onTime'] as const;
export const LATE_COLORS = {
  late: 'var(--medsupply-chart-late-color)',
  excepted: 'var(--medsupply-chart-excepted-color)',
  onTime: 'var(--medsupply-chart-on-time-color)',
} as const;

export function LateLegend() {
  const { t } = useI18n();
  return (
    <ul className="ms-legend" aria-label={t('late.chart.legend')}>
      {PARTS.map((part) => (
        <LegendSwatch key={part} color={LATE_COLORS[part]} label={t(`late.part.${part}`)} />
      ))}
    </ul>
  );
}

/** Stacked bars: per company, its notifications in the period split into late, excepted, on time. */
export function LateChart({ rows }: { readonly rows: readonly LateCompanyRow[] }) {
  const { t, number } = useI18n();
  const max = Math.max(1, ...rows.map((row) => row.notifications));
  return (
    <div className="ms-bars" role="img" aria-label={t('late.chart.aria', { count: rows.length })}>
      {rows.map((row) => (
        <div className="ms-bars__row" key={row.organisationId}>
          <div className="ms-bars__label">
            <span className="ms-bars__name ms-bars__name--strong">{row.organisationName}</span>
          </div>
          <div className="ms-bars__track">
            <div
              className="ms-bars__stack"
              style={{ inlineSize: `${(row.notifications / max) * 100}%` }}
            >
              {PARTS.map((part) => {
                const count = row[part];
                if (count === 0) return null;
                return (
                  <div
                    key={part}
                    className={`ms-bars__segment ms-bars__segment--${part}`}
                    style={{ flexGrow: count, background: LATE_COLORS[part] }}
                    title={t('late.chart.segment', {
                      company: row.organisationName,
                      count: number(count),
                      part: t(`late.part.${part}`),
                    })}
                  >
                    <span className="ms-bars__count">{number(count)}</span>
                  </div>
                );
              })}
            </div>
            <span className="ms-bars__total">
              {t('late.chart.total', { late: number(row.late), total: number(row.notifications) })}
            </span>
          </div>
        </div>
      ))}
    </div>
  );
}
