import { useMemo } from 'react';
import { useElementWidth } from '../hooks/useElementWidth.ts';
import { useI18n } from '../hooks/useI18n.ts';
import { ValueGridLines } from './ValueGridLines.tsx';
import type { ScenarioPack } from '../pages/early-warning/early-warning-api.ts';
import {
  linePath,
  niceScale,
  stockByDay,
  tableDays,
} from '../pages/early-warning/stock-chart-scale.ts';

/**
 * Line colours, each at least 3:1 on white (WCAG 1.4.11); after the first five the lines are also
 * dashed, so two packs never differ by colour alone.
 */
const LINE_COLORS = [
  '#11707d',
  '#b3261e',
  '#7a5aa6',
  '#9a6a0c',
  '#1f5fa8',
  '#2f7d4f',
  '#a3317a',
  '#4d5b6b',
  '#8a4f12',
  '#5b6f16',
] as const;

export function scenarioLineStyle(index: number): { color: string; dash: string | undefined } {
  return {
    color: LINE_COLORS[index % LINE_COLORS.length] ?? '#11707d',
    dash: index >= 5 ? '6 4' : undefined,
  };
}

/** The name of a pack in the chart and its legend: product, then pack. */
export function scenarioPackLabel(pack: ScenarioPack): string {
  return `${pack.productName} — ${pack.packDescription}`;
}

export function ScenarioStockLegend({ packs }: { readonly packs: readonly ScenarioPack[] }) {
  const { t } = useI18n();
  return (
    <ul className="ms-legend ms-scenario-legend" aria-label={t('scenario.chart.legend')}>
      {packs.map((pack, index) => {
        const style = scenarioLineStyle(index);
        return (
          <li key={pack.packId} className="ms-legend__item">
            <svg width="26" height="10" aria-hidden="true" focusable="false">
              <line
                x1="1"
                x2="25"
                y1="5"
                y2="5"
                stroke={style.color}
                strokeWidth="3"
                strokeDasharray={style.dash}
              />
            </svg>
            {scenarioPackLabel(pack)}
          </li>
        );
      })}
    </ul>
  );
}

const HEIGHT = 340;
const TOP = 30;
const BOTTOM = 44;
const RIGHT = 18;

/**
 * National stock of each affected pack from the failure date over the horizon: one line per pack,
 * the zero line, and a marker on the day each pack runs out. Drawn by hand in SVG so it needs no
 * chart library; the figures are also in the table beside it (ChartFigure).
 */
export function ScenarioStockChart({
  packs,
  horizonDays,
  failureDate,
  runningOut,
}: {
  /** The packs to draw, in legend order. */
  readonly packs: readonly ScenarioPack[];
  readonly horizonDays: number;
  readonly failureDate: string;
  /** How many of all affected packs run out, for the chart's text label. */
  readonly runningOut: number;
}) {
  const { t, number, date } = useI18n();
  const [ref, width] = useElementWidth<HTMLDivElement>(800);
  const largest = Math.max(0, ...packs.flatMap((pack) => stockByDay(pack)));
  const scale = niceScale(largest, 4);
  const labelChars = Math.max(...scale.ticks.map((tick) => number(tick).length));
  const left = Math.max(40, labelChars * 7.5 + 14);
  const days = Math.max(1, horizonDays);
  const plotWidth = Math.max(120, width - left - RIGHT);
  const plotHeight = HEIGHT - TOP - BOTTOM;
  const x = (day: number) => left + (Math.min(day, days) / days) * plotWidth;
  const y = (value: number) => TOP + plotHeight - (Math.max(0, value) / scale.max) * plotHeight;
  const xTicks = useMemo(() => tableDays(days, 8).days, [days]);

  return (
    <div className="ms-scenario-chart" ref={ref}>
      <svg
        width={width}
        height={HEIGHT}
        viewBox={`0 0 ${String(width)} ${String(HEIGHT)}`}
        role="img"
        aria-label={t('scenario.chart.aria', {
          count: number(packs.length),
          days: number(days),
          date: date(failureDate),
          out: number(runningOut),
        })}
        data-testid="scenario-chart"
      >
        <text x={0} y={12} className="ms-chart-axis-label">
          {t('scenario.chart.yAxis')}
        </text>
        <ValueGridLines
          ticks={scale.ticks}
          y={y}
          left={left}
          plotWidth={plotWidth}
          format={number}
          gridColor="var(--medsupply-chart-grid-color)"
          textClassName="ms-chart-tick"
        />
        {xTicks.map((day) => (
          <g key={`x${String(day)}`}>
            <line
              x1={x(day)}
              x2={x(day)}
              y1={TOP + plotHeight}
              y2={TOP + plotHeight + 5}
              stroke="var(--medsupply-color-ink-500)"
            />
            <text
              x={x(day)}
              y={TOP + plotHeight + 18}
              textAnchor="middle"
              className="ms-chart-tick"
            >
              {number(day)}
            </text>
          </g>
        ))}
        <text
          x={left + plotWidth / 2}
          y={HEIGHT - 6}
          textAnchor="middle"
          className="ms-chart-axis-label"
        >
          {t('scenario.chart.xAxis')}
        </text>
        {packs.map((pack, index) => {
          const style = scenarioLineStyle(index);
          return (
            <path
              key={pack.packId}
              d={linePath(stockByDay(pack).slice(0, days + 1), x, y)}
              fill="none"
              stroke={style.color}
              strokeWidth={2.25}
              strokeDasharray={style.dash}
              strokeLinejoin="round"
              data-pack={pack.packId}
            />
          );
        })}
        {/* The zero line over the lines: where a line meets it, the pack is out. */}
        <line
          x1={left}
          x2={left + plotWidth}
          y1={y(0)}
          y2={y(0)}
          stroke="var(--medsupply-color-ink-900)"
          strokeWidth={1.5}
        />
        {packs.map((pack, index) => {
          if (pack.daysUntilStockOut === null || pack.daysUntilStockOut > days) return null;
          const style = scenarioLineStyle(index);
          return (
            <circle
              key={`out${String(pack.packId)}`}
              cx={x(pack.daysUntilStockOut)}
              cy={y(0)}
              r={5.5}
              fill="var(--medsupply-surface-background-color)"
              stroke={style.color}
              strokeWidth={2.5}
              className="ms-scenario-chart__stock-out"
            >
              <title>
                {t('scenario.chart.stockOut', {
                  pack: scenarioPackLabel(pack),
                  days: number(pack.daysUntilStockOut),
                  date: date(pack.stockOutDate),
                })}
              </title>
            </circle>
          );
        })}
      </svg>
    </div>
  );
}
