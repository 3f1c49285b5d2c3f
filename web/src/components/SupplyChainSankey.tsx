import { sankey, sankeyLinkHorizontal, type SankeyLink, type SankeyNode } from 'd3-sankey';
import { useMemo } from 'react';
import type { ManufacturingStep, SupplyChain, SupplyChainSite } from '../api/types.ts';
import { useElementWidth } from '../hooks/useElementWidth.ts';
import { useI18n } from '../hooks/useI18n.ts';
import { LegendSwatch } from './ChartFigure.tsx';

/** Beyond this many sites the picture groups the rest per country, so it stays readable. */
const MAX_SITES_DRAWN = 24;
const ROW_HEIGHT = 24;

type NodeKind = 'country' | 'site' | 'others' | 'substance';
interface NodeData {
  readonly id: string;
  readonly kind: NodeKind;
  readonly label: string;
  readonly step: 'step1' | 'step2' | 'unknown';
  readonly counted: boolean;
}
interface LinkData {
  readonly step: 'step1' | 'step2' | 'unknown';
  readonly counted: boolean;
}

export const STEP_COLORS = {
  step1: 'var(--medsupply-chart-step-1-color)',
  step2: 'var(--medsupply-chart-step-2-color)',
  unknown: 'var(--medsupply-chart-step-unknown-color)',
} as const;

function primaryStep(steps: readonly ManufacturingStep[]): 'step1' | 'step2' | 'unknown' {
  if (steps.includes(1)) return 'step1';
  if (steps.includes(2)) return 'step2';
  return 'unknown';
}

function dominantStep(sites: readonly SupplyChainSite[]): 'step1' | 'step2' | 'unknown' {
  const counts = { step1: 0, step2: 0, unknown: 0 };
  for (const site of sites) counts[primaryStep(site.steps)]++;
  if (counts.step1 >= counts.step2 && counts.step1 >= counts.unknown) return 'step1';
  return counts.step2 >= counts.unknown ? 'step2' : 'unknown';
}

function shorten(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}

/** Splits a name into lines of at most `max` characters, on spaces. */
function wrap(text: string, max: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line !== '' && (line + ' ' + word).length > max) {
      lines.push(line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  if (line !== '') lines.push(line);
  return lines.slice(0, 4);
}

export function SupplyChainLegend() {
  const { t } = useI18n();
  return (
    <div className="ms-legend-block">
      <ul className="ms-legend" aria-label={t('step.label')}>
        <LegendSwatch color={STEP_COLORS.step1} label={t('step.1')} />
        <LegendSwatch color={STEP_COLORS.step2} label={t('step.2')} />
        <LegendSwatch color={STEP_COLORS.unknown} label={t('step.unknown')} />
      </ul>
      <p className="ms-legend-block__note">{t('substance.chain.countedLegend')}</p>
    </div>
  );
}

/** Country → manufacturing site → substance, as a Sankey diagram (d3-sankey). */
export function SupplyChainSankey({
  chain,
  substanceName,
}: {
  readonly chain: SupplyChain;
  readonly substanceName: string;
}) {
  const { t, country, number } = useI18n();
  const [ref, width] = useElementWidth<HTMLDivElement>(900);

  const layout = useMemo(() => {
    const countrySize = new Map<string, number>();
    for (const site of chain.sites)
      countrySize.set(site.country, (countrySize.get(site.country) ?? 0) + 1);
    const countries = [...countrySize.keys()].sort(
      (a, b) => (countrySize.get(b) ?? 0) - (countrySize.get(a) ?? 0) || a.localeCompare(b),
    );
    // Share the rows out: every country gets one, the largest get the rest. A country with more
    // sites than rows shows its counted sites first and groups the remainder in one node.
    const slots = new Map<string, number>(countries.map((c) => [c, 0]));
    let budget = Math.max(MAX_SITES_DRAWN, countries.length);
    for (const code of countries) {
      if (budget === 0) break;
      slots.set(code, 1);
      budget--;
    }
    while (budget > 0) {
      const next = countries.find((c) => (slots.get(c) ?? 0) < (countrySize.get(c) ?? 0));
      if (next === undefined) break;
      // Largest remaining gap first, so big producers get their share.
      const target =
        [...countries].sort(
          (a, b) =>
            (countrySize.get(b) ?? 0) -
            (slots.get(b) ?? 0) -
            ((countrySize.get(a) ?? 0) - (slots.get(a) ?? 0)),
        )[0] ?? next;
      slots.set(target, (slots.get(target) ?? 0) + 1);
      budget--;
    }

    const nodes: NodeData[] = [];
    const links: {
      source: string;
      target: string;
      value: number;
      step: LinkData['step'];
      counted: boolean;
    }[] = [];
    const substanceId = `x:${chain.atc}`;
    for (const code of countries) {
      nodes.push({
        id: `c:${code}`,
        kind: 'country',
        label: country(code),
        step: 'unknown',
        counted: true,
      });
      const here = chain.sites
        .filter((site) => site.country === code)
        .sort((a, b) => Number(b.counted) - Number(a.counted) || a.name.localeCompare(b.name));
      const slot = slots.get(code) ?? 0;
      const shownCount = here.length <= slot ? here.length : Math.max(0, slot - 1);
      const seen = new Set<string>();
      for (const site of here.slice(0, shownCount)) {
        const step = primaryStep(site.steps);
        const id = `s:${String(site.id)}:${site.source}`;
        if (seen.has(id)) continue;
        seen.add(id);
        const city = site.city === null || site.city === '' ? '' : `, ${site.city}`;
        nodes.push({
          id,
          kind: 'site',
          label: shorten(`${site.name}${city}`, 42),
          step,
          counted: site.counted,
        });
        links.push({ source: `c:${code}`, target: id, value: 1, step, counted: site.counted });
        links.push({ source: id, target: substanceId, value: 1, step, counted: site.counted });
      }
      const rest = here.slice(shownCount);
      if (rest.length > 0) {
        const id = `o:${code}`;
        const counted = rest.some((site) => site.counted);
        const step = dominantStep(rest);
        nodes.push({
          id,
          kind: 'others',
          label:
            shownCount === 0
              ? t('substance.chain.sitesCount', { count: number(rest.length) })
              : t('substance.chain.otherSites', { count: number(rest.length) }),
          step,
          counted,
        });
        links.push({ source: `c:${code}`, target: id, value: rest.length, step, counted });
        links.push({ source: id, target: substanceId, value: rest.length, step, counted });
      }
    }
    nodes.push({
      id: substanceId,
      kind: 'substance',
      label: substanceName,
      step: 'step1',
      counted: true,
    });

    const middleCount = nodes.filter((n) => n.kind === 'site' || n.kind === 'others').length;
    const rows = Math.max(middleCount, countries.length);
    const padding = rows > 16 ? 5 : 10;
    // Node heights are proportional to sites; give one site about 9 px where that fits, so small
    // producers stay legible, within a height that still reads as one picture.
    const height = Math.round(
      Math.min(
        1400,
        Math.max(240, chain.sites.length * 9 + rows * padding + 20, rows * ROW_HEIGHT * 0.6),
      ),
    );
    const left = Math.min(150, Math.round(width * 0.17));
    const right = Math.min(170, Math.round(width * 0.2));
    const generator = sankey<NodeData, LinkData>()
      .nodeId((node) => node.id)
      .nodeWidth(10)
      .nodePadding(padding)
      .nodeSort(null)
      .linkSort(null)
      .extent([
        [left, 10],
        [width - right, height - 10],
      ]);
    const graph = generator({
      nodes: nodes.map((n) => ({ ...n })),
      links: links.map((l) => ({ ...l })),
    });
    return { graph, height };
  }, [chain, substanceName, width, country, number, t]);

  const path = sankeyLinkHorizontal<NodeData, LinkData>();
  const { graph, height } = layout;
  const countryCount = new Set(chain.sites.map((site) => site.country)).size;

  return (
    <div className="ms-sankey" ref={ref}>
      <svg
        width={width}
        height={height}
        viewBox={`0 0 ${width} ${height}`}
        role="img"
        aria-label={t('substance.chain.aria', {
          name: substanceName,
          sites: number(chain.sites.length),
          countries: number(countryCount),
        })}
      >
        <g fill="none">
          {graph.links.map((link: SankeyLink<NodeData, LinkData>, i) => (
            <path
              key={i}
              d={path(link) ?? ''}
              stroke={STEP_COLORS[link.step]}
              strokeOpacity={link.counted ? 0.42 : 0.14}
              strokeWidth={Math.max(1, link.width ?? 1)}
            />
          ))}
        </g>
        {graph.nodes.map((node: SankeyNode<NodeData, LinkData>) => {
          const x0 = node.x0 ?? 0;
          const x1 = node.x1 ?? 0;
          const y0 = node.y0 ?? 0;
          const y1 = node.y1 ?? 0;
          const mid = (y0 + y1) / 2;
          const fill =
            node.kind === 'country'
              ? 'var(--medsupply-color-ink-700)'
              : node.kind === 'substance'
                ? 'var(--medsupply-color-teal-900)'
                : STEP_COLORS[node.step];
          const lines = node.kind === 'substance' ? wrap(node.label, 20) : [node.label];
          // Too thin for its own label: the name is in the tooltip and the table.
          const labelled = node.kind === 'substance' || y1 - y0 >= 7;
          const textX = node.kind === 'country' ? x0 - 6 : x1 + 6;
          return (
            <g key={node.id}>
              <rect
                x={x0}
                y={y0}
                width={x1 - x0}
                height={Math.max(1, y1 - y0)}
                fill={fill}
                opacity={node.counted ? 1 : 0.45}
              >
                <title>{node.label}</title>
              </rect>
              {labelled ? (
                <text
                  x={textX}
                  y={mid - ((lines.length - 1) * 15) / 2}
                  textAnchor={node.kind === 'country' ? 'end' : 'start'}
                  className={`ms-sankey__label ms-sankey__label--${node.kind}`}
                >
                  {lines.map((line, i) => (
                    <tspan key={i} x={textX} dy={i === 0 ? '0.35em' : 15}>
                      {line}
                    </tspan>
                  ))}
                </text>
              ) : null}
            </g>
          );
        })}
      </svg>
    </div>
  );
}
