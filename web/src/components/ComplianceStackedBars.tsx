import type { ReactNode } from 'react';
import { useI18n } from '../hooks/useI18n.ts';
import { LegendSwatch } from './ChartFigure.tsx';

/** Below the norm red, not reported amber, compliant teal, norm not applying grey (≥ 3:1). */
export const COMPLIANCE_COLORS = {
  nonCompliant: '#b3261e',
  notReported: '#c98a1c',
  compliant: '#3a8f7e',
  other: '#8a94a3',
} as const;
export type CompliancePart = keyof typeof COMPLIANCE_COLORS;
/** The light fills carry dark figures (the HHI chart's "moderate" style) for contrast. */
const DARK_TEXT: ReadonlySet<CompliancePart> = new Set(['notReported', 'other']);

export interface StackedBarRow {
  readonly key: string;
  readonly label: ReactNode;
  /** Plain text of the label, for the segment titles. */
  readonly name: string;
  readonly parts: Partial<Readonly<Record<CompliancePart, number>>>;
  readonly total: string;
}

export function ComplianceLegend({
  parts,
  labels,
}: {
  readonly parts: readonly CompliancePart[];
  readonly labels: Readonly<Record<CompliancePart, string>>;
}) {
  const { t } = useI18n();
  return (
    <ul className="ms-legend" aria-label={t('compliance.chart.legend')}>
      {parts.map((part) => (
        <LegendSwatch key={part} color={COMPLIANCE_COLORS[part]} label={labels[part]} />
      ))}
    </ul>
  );
}

/**
 * Horizontal stacked bars, one row each (a week, or a holder), split by compliance: how much of
 * the row stood below the norm, went unreported, complied, or fell outside the norm.
 */
export function ComplianceStackedBars({
  rows,
  parts,
  labels,
  ariaLabel,
  testId,
}: {
  readonly rows: readonly StackedBarRow[];
  readonly parts: readonly CompliancePart[];
  readonly labels: Readonly<Record<CompliancePart, string>>;
  readonly ariaLabel: string;
  readonly testId: string;
}) {
  const { t, number } = useI18n();
  const sum = (row: StackedBarRow) =>
    parts.reduce((total, part) => total + (row.parts[part] ?? 0), 0);
  const max = Math.max(1, ...rows.map(sum));
  return (
    <div className="ms-bars" role="img" aria-label={ariaLabel} data-testid={testId}>
      {rows.map((row) => (
        <div className="ms-bars__row" key={row.key}>
          <div className="ms-bars__label">
            <span className="ms-bars__name ms-bars__name--strong">{row.label}</span>
          </div>
          <div className="ms-bars__track">
            <div className="ms-bars__stack" style={{ inlineSize: `${(sum(row) / max) * 100}%` }}>
              {parts.map((part) => {
                const count = row.parts[part] ?? 0;
                if (count === 0) return null;
                return (
                  <div
                    key={part}
                    className={`ms-bars__segment${DARK_TEXT.has(part) ? ' ms-bars__segment--moderate' : ''}`}
                    style={{ flexGrow: count, background: COMPLIANCE_COLORS[part] }}
                    title={t('compliance.chart.segment', {
                      name: row.name,
                      part: labels[part],
                      count: number(count),
                    })}
                  >
                    {count / max >= 0.06 ? (
                      <span className="ms-bars__count">{number(count)}</span>
                    ) : null}
                  </div>
                );
              })}
            </div>
            <span className="ms-bars__total">{row.total}</span>
          </div>
        </div>
      ))}
    </div>
  );
}
