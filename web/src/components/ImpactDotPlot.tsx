import type { ImpactItem } from '../api/types.ts';
import { useElementWidth } from '../hooks/useElementWidth.ts';
import { useI18n } from '../hooks/useI18n.ts';
import { LegendSwatch } from './ChartFigure.tsx';

const ROW = 30;
const TICKS = [0, 2500, 5000, 7500, 10000];

export function ImpactLegend() {
  const { t } = useI18n();
  return (
    <ul className="ms-legend" aria-label={t('common.hhi')}>
      <LegendSwatch color="var(--medsupply-chart-before-color)" label={t('impact.before')} />
      <LegendSwatch color="var(--medsupply-chart-after-color)" label={t('impact.after')} />
    </ul>
  );
}

/** Dot plot of HHI before and after a loss, for the codes whose concentration rises most. */
export function ImpactDotPlot({ items }: { readonly items: readonly ImpactItem[] }) {
  const { t, hhi, substanceName } = useI18n();
  const [ref, width] = useElementWidth<HTMLDivElement>(800);
  const labelWidth = Math.min(300, Math.round(width * 0.36));
  const plotLeft = labelWidth + 12;
  const plotRight = width - 56;
  const top = 26;
  const height = top + items.length * ROW + 8;
  const x = (value: number) =>
    plotLeft + (Math.max(0, Math.min(10000, value)) / 10000) * (plotRight - plotLeft);
  const maxChars = Math.max(12, Math.floor(labelWidth / 7.2));

  return (
    <div className="ms-dotplot" ref={ref}>
      <svg
        width={width}
        height={height}
        viewBox={`0 0 ${width} ${height}`}
        role="img"
        aria-label={t('impact.chart.aria', { count: items.length })}
      >
        <rect
          x={x(2500)}
          y={top - 6}
          width={x(10000) - x(2500)}
          height={height - top}
          fill="var(--medsupply-danger-background-color)"
          opacity={0.55}
        />
        {TICKS.map((tick) => (
          <g key={tick}>
            <line
              x1={x(tick)}
              x2={x(tick)}
              y1={top - 6}
              y2={height - 4}
              stroke="var(--medsupply-chart-grid-color)"
            />
            <text x={x(tick)} y={12} textAnchor="middle" className="ms-dotplot__tick">
              {hhi(tick)}
            </text>
          </g>
        ))}
        {items.map((item, i) => {
          const y = top + i * ROW + ROW / 2;
          const before = item.before.hhi ?? 0;
          const after = item.after.hhi ?? before;
          const label = `${item.atc} ${substanceName(item)}`;
          return (
            <g key={item.atc}>
              <text x={labelWidth} y={y} dy="0.35em" textAnchor="end" className="ms-dotplot__label">
                {label.length > maxChars ? `${label.slice(0, maxChars - 1)}…` : label}
              </text>
              <line
                x1={x(before)}
                x2={x(after)}
                y1={y}
                y2={y}
                stroke="var(--medsupply-color-ink-500)"
                strokeWidth={2}
              />
              <circle cx={x(before)} cy={y} r={5.5} fill="var(--medsupply-chart-before-color)" />
              <circle cx={x(after)} cy={y} r={6.5} fill="var(--medsupply-chart-after-color)" />
              <text x={x(after) + 10} y={y} dy="0.35em" className="ms-dotplot__value">
                {hhi(after)}
              </text>
            </g>
          );
        })}
      </svg>
    </div>
  );
}
