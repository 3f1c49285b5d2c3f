/**
 * The horizontal grid of a value axis in an SVG chart: a line across the plot at each tick, its
 * value written to the left of the plot.
 */
export function ValueGridLines({
  ticks,
  y,
  left,
  plotWidth,
  format,
  gridColor,
  textColor,
  textClassName,
  labelGap = 8,
  keyPrefix = 'y',
}: {
  readonly ticks: readonly number[];
  /** The vertical position of a value. */
  readonly y: (value: number) => number;
  /** Where the plot starts: the labels end `labelGap` before it. */
  readonly left: number;
  readonly plotWidth: number;
  readonly format: (value: number) => string;
  readonly gridColor: string;
  /** The labels' colour; without it, their class decides. */
  readonly textColor?: string;
  readonly textClassName?: string;
  readonly labelGap?: number;
  /** Keeps React keys apart when a chart has two value axes. */
  readonly keyPrefix?: string;
}) {
  return ticks.map((tick) => (
    <g key={`${keyPrefix}${String(tick)}`}>
      <line
        x1={left}
        x2={left + plotWidth}
        y1={y(tick)}
        y2={y(tick)}
        style={{ stroke: gridColor }}
      />
      <text
        x={left - labelGap}
        y={y(tick)}
        dy="0.35em"
        textAnchor="end"
        {...(textClassName === undefined ? { fontSize: 12 } : { className: textClassName })}
        {...(textColor === undefined ? {} : { style: { fill: textColor } })}
      >
        {format(tick)}
      </text>
    </g>
  ));
}
