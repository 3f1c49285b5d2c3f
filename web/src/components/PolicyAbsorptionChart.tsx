import { useElementWidth } from '../hooks/useElementWidth.ts';
import { useI18n } from '../hooks/useI18n.ts';
import { ValueGridLines } from './ValueGridLines.tsx';
import type { PolicyChartModel } from '../pages/policy/policy-view-model.ts';

export const POLICY_COLORS = {
  curve: '#11707d',
  expectation: '#b3261e',
  needed: '#7a5aa6',
  grid: 'var(--medsupply-chart-grid-color)',
  text: 'var(--medsupply-color-ink-700)',
} as const;

const HEIGHT = 360;
const TOP = 28;
const BOTTOM = 48;
const LEFT = 52;
const RIGHT = 20;
/** A white outline under a label, so it stays legible where it crosses a line. */
const HALO = { stroke: '#ffffff', strokeWidth: 4, paintOrder: 'stroke' } as const;

export function PolicyLegend() {
  const { t } = useI18n();
  const items = [
    { key: 'curve', color: POLICY_COLORS.curve, dash: undefined, label: t('policy.chart.curve') },
    {
      key: 'expectation',
      color: POLICY_COLORS.expectation,
      dash: '6 4',
      label: t('policy.chart.expectation'),
    },
    { key: 'needed', color: POLICY_COLORS.needed, dash: '2 3', label: t('policy.chart.needed') },
  ];
  return (
    <ul className="ms-legend" aria-label={t('policy.chart.legend')}>
      {items.map((item) => (
        <li key={item.key} className="ms-legend__item">
          <svg width="26" height="10" aria-hidden="true" focusable="false">
            <line
              x1="1"
              x2="25"
              y1="5"
              y2="5"
              style={{ stroke: item.color }}
              strokeWidth="3"
              strokeDasharray={item.dash}
            />
          </svg>
          {item.label}
        </li>
      ))}
    </ul>
  );
}

/**
 * The share of real shortages a stock of N weeks would have absorbed completely (the line), with
 * the policy's expectation beside it: a stock of five months is expected to absorb 85%. A dot
 * marks what five months absorbs in the data, and a second dashed line how many weeks 85% needs.
 */
export function PolicyAbsorptionChart({ model }: { readonly model: PolicyChartModel }) {
  const { t, number, percent } = useI18n();
  const [ref, width] = useElementWidth<HTMLDivElement>(800);
  const plotWidth = Math.max(160, width - LEFT - RIGHT);
  const plotHeight = HEIGHT - TOP - BOTTOM;
  const x = (weeks: number) => LEFT + (weeks / model.maxWeeks) * plotWidth;
  const y = (share: number) => TOP + plotHeight - Math.max(0, Math.min(1, share)) * plotHeight;
  const shareTicks = [0, 0.2, 0.4, 0.6, 0.8, 1];
  const path = model.points
    .map(
      (point, i) =>
        `${i === 0 ? 'M' : 'L'}${x(point.weeks).toFixed(1)} ${y(point.share).toFixed(1)}`,
    )
    .join('');
  const expectedX = x(model.expectedWeeks);
  const needed = model.weeksNeeded;
  const aria = t('policy.chart.aria', {
    from: number(model.points[0]?.weeks ?? 0),
    to: number(model.points.at(-1)?.weeks ?? 0),
    observed: percent(model.observedShare),
    expected: percent(model.expectedShare),
    needed: needed === null ? t('policy.neverReached') : number(needed),
  });

  return (
    <div ref={ref} className="ms-policy-chart">
      <svg
        width={width}
        height={HEIGHT}
        viewBox={`0 0 ${String(width)} ${String(HEIGHT)}`}
        role="img"
        aria-label={aria}
        data-testid="policy-chart"
      >
        <ValueGridLines
          ticks={shareTicks}
          y={y}
          left={LEFT}
          plotWidth={plotWidth}
          format={percent}
          gridColor={POLICY_COLORS.grid}
          textColor={POLICY_COLORS.text}
        />
        {model.weekTicks.map((tick) => (
          <text
            key={`x${String(tick)}`}
            x={x(tick)}
            y={TOP + plotHeight + 18}
            textAnchor="middle"
            fontSize="12"
            style={{ fill: POLICY_COLORS.text }}
          >
            {number(tick)}
          </text>
        ))}
        <text
          x={LEFT + plotWidth / 2}
          y={HEIGHT - 6}
          textAnchor="middle"
          fontSize="12"
          style={{ fill: POLICY_COLORS.text }}
        >
          {t('policy.chart.xAxis')}
        </text>
        <text x={0} y={14} fontSize="12" style={{ fill: POLICY_COLORS.text }}>
          {t('policy.chart.yAxis')}
        </text>

        {/* The expectation: 85% at five months. */}
        <line
          x1={LEFT}
          x2={LEFT + plotWidth}
          y1={y(model.expectedShare)}
          y2={y(model.expectedShare)}
          style={{ stroke: POLICY_COLORS.expectation }}
          strokeWidth="2"
          strokeDasharray="6 4"
        />
        <line
          x1={expectedX}
          x2={expectedX}
          y1={TOP}
          y2={TOP + plotHeight}
          style={{ stroke: POLICY_COLORS.expectation }}
          strokeWidth="2"
          strokeDasharray="6 4"
        />
        <text
          x={expectedX - 6}
          y={TOP + 12}
          textAnchor="end"
          fontSize="12"
          fontWeight="600"
          {...HALO}
          style={{ fill: POLICY_COLORS.expectation }}
        >
          {t('policy.chart.fiveMonths')}
        </text>
        <circle
          cx={expectedX}
          cy={y(model.expectedShare)}
          r="6"
          style={{ fill: '#ffffff', stroke: POLICY_COLORS.expectation }}
          strokeWidth="3"
        />

        {needed !== null ? (
          <g>
            <line
              x1={x(needed)}
              x2={x(needed)}
              y1={y(model.expectedShare)}
              y2={TOP + plotHeight}
              style={{ stroke: POLICY_COLORS.needed }}
              strokeWidth="2"
              strokeDasharray="2 3"
            />
            <circle
              cx={x(needed)}
              cy={y(model.expectedShare)}
              r="5"
              style={{ fill: POLICY_COLORS.needed }}
            />
            <text
              x={x(needed) - 6}
              y={y(model.expectedShare) - 10}
              textAnchor="end"
              fontSize="12"
              fontWeight="600"
              {...HALO}
              style={{ fill: POLICY_COLORS.needed }}
            >
              {t('policy.chart.neededLabel', { weeks: number(needed) })}
            </text>
          </g>
        ) : null}

        <path d={path} fill="none" style={{ stroke: POLICY_COLORS.curve }} strokeWidth="3" />
        {model.points.map((point) => (
          <circle
            key={point.weeks}
            cx={x(point.weeks)}
            cy={y(point.share)}
            r="3"
            style={{ fill: POLICY_COLORS.curve }}
          >
            <title>
              {t('policy.chart.point', { weeks: number(point.weeks), share: percent(point.share) })}
            </title>
          </circle>
        ))}
        <circle
          cx={expectedX}
          cy={y(model.observedShare)}
          r="6"
          style={{ fill: POLICY_COLORS.curve, stroke: '#ffffff' }}
          strokeWidth="2"
        />
        <text
          x={expectedX + 10}
          y={y(model.observedShare) + 18}
          fontSize="12"
          fontWeight="600"
          {...HALO}
          style={{ fill: POLICY_COLORS.curve }}
        >
          {t('policy.chart.observedLabel', { share: percent(model.observedShare) })}
        </text>
      </svg>
    </div>
  );
}
