import { useI18n } from '../hooks/useI18n.ts';
import { useElementWidth } from '../hooks/useElementWidth.ts';
import { ValueGridLines } from './ValueGridLines.tsx';
import {
  addDays,
  linePath,
  monthTicks,
  type PackChartModel,
} from '../pages/stock/stock-view-model.ts';

/** Each colour at least 3:1 on white (WCAG 1.4.11); expectations are dashed, so colour is not
 * the only difference between what was and what is expected. */
export const STOCK_COLORS = {
  stock: '#11707d',
  demand: '#4d5b6b',
  forecast: '#9a6a0c',
  incoming: '#7a5aa6',
  stockOut: '#b3261e',
  grid: 'var(--medsupply-chart-grid-color)',
  text: 'var(--medsupply-color-ink-700)',
} as const;

const LEGEND = [
  { key: 'stock', color: STOCK_COLORS.stock, dash: undefined },
  { key: 'projected', color: STOCK_COLORS.stock, dash: '6 4' },
  { key: 'demand', color: STOCK_COLORS.demand, dash: undefined },
  { key: 'forecast', color: STOCK_COLORS.forecast, dash: '6 4' },
  { key: 'incoming', color: STOCK_COLORS.incoming, dash: undefined },
  { key: 'stockOut', color: STOCK_COLORS.stockOut, dash: '2 3' },
] as const;

export function StockLegend() {
  const { t } = useI18n();
  return (
    <ul className="ms-legend" aria-label={t('pack.chart.legend')}>
      {LEGEND.map((item) => (
        <li key={item.key} className="ms-legend__item">
          <svg width="26" height="10" aria-hidden="true" focusable="false">
            <line
              x1="1"
              x2="25"
              y1="5"
              y2="5"
              style={{ stroke: item.color }}
              strokeWidth={item.key === 'incoming' ? 8 : 3}
              strokeDasharray={item.dash}
            />
          </svg>
          {t(`pack.chart.${item.key}`)}
        </li>
      ))}
    </ul>
  );
}

const STOCK_PANEL = 230;
const DEMAND_PANEL = 110;
const GAP = 34;
// Room above the plot for two rows: the axis title, then the as-of label.
const TOP = 44;
const BOTTOM = 30;
const RIGHT = 16;
/** A white outline under a label, so it stays legible where it crosses a line. */
const HALO = { stroke: '#ffffff', strokeWidth: 4, paintOrder: 'stroke' } as const;

/**
 * One pack over time, in two panels on one time axis: national stock (reported, then projected,
 * with expected deliveries and the projected stock-out day) above, daily demand (reported, then
 * forecast) below — their scales differ by orders of magnitude, so they do not share an axis.
 */
export function StockHistoryChart({
  model,
  ariaLabel,
}: {
  readonly model: PackChartModel;
  readonly ariaLabel: string;
}) {
  const { t, number, date } = useI18n();
  const [ref, width] = useElementWidth<HTMLDivElement>(800);
  const { days, stockScale, demandScale, asOfIndex, stockOutIndex } = model;
  const labelChars = Math.max(
    ...stockScale.ticks.map((tick) => number(tick).length),
    ...demandScale.ticks.map((tick) => number(tick).length),
  );
  const left = Math.max(40, labelChars * 7.5 + 14);
  const plotWidth = Math.max(160, width - left - RIGHT);
  const height = TOP + STOCK_PANEL + GAP + DEMAND_PANEL + BOTTOM;
  const span = Math.max(1, days.length - 1);
  const x = (i: number) => left + (i / span) * plotWidth;
  const stockY = (value: number) =>
    TOP + STOCK_PANEL - (Math.max(0, value) / stockScale.max) * STOCK_PANEL;
  const demandTop = TOP + STOCK_PANEL + GAP;
  const demandY = (value: number) =>
    demandTop + DEMAND_PANEL - (Math.max(0, value) / demandScale.max) * DEMAND_PANEL;
  const first = days[0]?.date ?? '';
  const ticks = monthTicks(first, days.length, Math.max(3, Math.floor(plotWidth / 90)));
  const largestIncoming = Math.max(1, ...days.map((day) => day.incoming));
  // At least a few pixels wide: a single day is under 3 px on a year-long axis.
  const barWidth = Math.max(6, plotWidth / span - 1);

  const asOfLabel = t('pack.chart.asOf', { date: date(days[asOfIndex]?.date ?? null) });
  const stockOutLabel =
    stockOutIndex === null
      ? ''
      : t('pack.chart.stockOutLabel', { date: date(days[stockOutIndex]?.date ?? null) });
  // A label right of its line, or left of it where it would run off the plot (about 7 px a
  // character at 12 px bold).
  const labelBeside = (lineX: number, text: string) =>
    lineX + 6 + text.length * 7 > left + plotWidth
      ? { x: lineX - 6, textAnchor: 'end' as const }
      : { x: lineX + 6, textAnchor: 'start' as const };

  const path = (pick: (i: number) => number | null, y: (value: number) => number) =>
    linePath(
      days.map((_, i) => {
        const value = pick(i);
        return { x: x(i), y: value === null ? null : y(value) };
      }),
    );

  return (
    <div ref={ref} className="ms-stock-chart">
      <svg
        width={width}
        height={height}
        viewBox={`0 0 ${String(width)} ${String(height)}`}
        role="img"
        aria-label={ariaLabel}
        data-testid="pack-chart"
      >
        <text x={0} y={14} fontSize="12" style={{ fill: STOCK_COLORS.text }}>
          {t('pack.chart.stockAxis')}
        </text>
        <text x={0} y={demandTop - 12} fontSize="12" style={{ fill: STOCK_COLORS.text }}>
          {t('pack.chart.demandAxis')}
        </text>
        <ValueGridLines
          ticks={stockScale.ticks}
          y={stockY}
          left={left}
          plotWidth={plotWidth}
          format={number}
          gridColor={STOCK_COLORS.grid}
          textColor={STOCK_COLORS.text}
          labelGap={6}
          keyPrefix="s"
        />
        <ValueGridLines
          ticks={demandScale.ticks}
          y={demandY}
          left={left}
          plotWidth={plotWidth}
          format={number}
          gridColor={STOCK_COLORS.grid}
          textColor={STOCK_COLORS.text}
          labelGap={6}
          keyPrefix="d"
        />
        {ticks.map((i) => (
          <text
            key={`m${String(i)}`}
            x={x(i)}
            y={height - 8}
            textAnchor="middle"
            fontSize="12"
            style={{ fill: STOCK_COLORS.text }}
          >
            {date(addDays(first, i)).replace(/^1 /, '')}
          </text>
        ))}

        {/* Expected deliveries: bars rising from the stock panel's floor. */}
        {days.map((day, i) =>
          day.incoming > 0 ? (
            <rect
              key={`in${String(i)}`}
              x={x(i) - barWidth / 2}
              y={TOP + STOCK_PANEL - (day.incoming / largestIncoming) * (STOCK_PANEL * 0.25)}
              width={barWidth}
              height={(day.incoming / largestIncoming) * (STOCK_PANEL * 0.25)}
              style={{ fill: STOCK_COLORS.incoming }}
              opacity="0.8"
            >
              <title>
                {t('pack.chart.incomingTitle', {
                  date: date(day.date),
                  quantity: number(day.incoming),
                })}
              </title>
            </rect>
          ) : null,
        )}

        <path
          d={path((i) => days[i]?.stock ?? null, stockY)}
          fill="none"
          style={{ stroke: STOCK_COLORS.stock }}
          strokeWidth="2.5"
        />
        <path
          d={path((i) => days[i]?.projectedStock ?? null, stockY)}
          fill="none"
          style={{ stroke: STOCK_COLORS.stock }}
          strokeWidth="2.5"
          strokeDasharray="6 4"
        />
        <path
          d={path((i) => days[i]?.demand ?? null, demandY)}
          fill="none"
          style={{ stroke: STOCK_COLORS.demand }}
          strokeWidth="1.5"
        />
        <path
          d={path((i) => days[i]?.forecast ?? null, demandY)}
          fill="none"
          style={{ stroke: STOCK_COLORS.forecast }}
          strokeWidth="2.5"
          strokeDasharray="6 4"
        />

        {/* The as-of day: left of it what was reported, right of it what is expected. */}
        <line
          x1={x(asOfIndex)}
          x2={x(asOfIndex)}
          y1={TOP - 4}
          y2={demandTop + DEMAND_PANEL}
          style={{ stroke: STOCK_COLORS.text }}
          strokeWidth="1"
        />
        <text
          {...labelBeside(x(asOfIndex), asOfLabel)}
          y={TOP - 8}
          {...HALO}
          fontSize="12"
          fontWeight="600"
          style={{ fill: STOCK_COLORS.text }}
        >
          {asOfLabel}
        </text>

        {stockOutIndex !== null && stockOutIndex < days.length ? (
          <g data-testid="pack-chart-stock-out">
            <line
              x1={x(stockOutIndex)}
              x2={x(stockOutIndex)}
              y1={TOP + 12}
              y2={TOP + STOCK_PANEL}
              style={{ stroke: STOCK_COLORS.stockOut }}
              strokeWidth="2.5"
              strokeDasharray="2 3"
            />
            <text
              {...labelBeside(x(stockOutIndex), stockOutLabel)}
              y={TOP + 16}
              {...HALO}
              fontSize="12"
              fontWeight="700"
              style={{ fill: STOCK_COLORS.stockOut }}
            >
              {stockOutLabel}
            </text>
          </g>
        ) : null}
      </svg>
    </div>
  );
}
