import { geoEqualEarth, geoPath } from 'd3-geo';
import isoCodes from 'i18n-iso-countries/codes.json';
import { useMemo } from 'react';
import { useNavigate } from 'react-router';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import atlasUrl from 'world-atlas/countries-110m.json?url';
import type { CountrySites } from '../api/types.ts';
import { useApi } from '../hooks/useApi.ts';
import { useElementWidth } from '../hooks/useElementWidth.ts';
import { useI18n } from '../hooks/useI18n.ts';
import { LegendSwatch } from './ChartFigure.tsx';
import { paths } from './links.ts';

type CountriesTopology = Topology<{ countries: GeometryCollection<{ name: string }> }>;

/** ISO 3166-1 numeric (the atlas's feature ids) to alpha-2 (the API's country codes). */
const NUMERIC_TO_ALPHA2: ReadonlyMap<string, string> = new Map(
  (isoCodes as readonly (readonly string[])[]).map((entry) => [entry[2] ?? '', entry[0] ?? '']),
);

/** Class limits of the site counts; the colours are the theme's map scale 1..6. */
export const MAP_CLASSES = [1, 3, 10, 30, 100, 300] as const;

function mapClass(sites: number): number {
  let index = 0;
  MAP_CLASSES.forEach((limit, i) => {
    if (sites >= limit) index = i + 1;
  });
  return index;
}

const classColor = (index: number): string =>
  index === 0
    ? 'var(--medsupply-chart-map-empty-color)'
    : `var(--medsupply-chart-map-scale-${index})`;

async function loadAtlas(signal: AbortSignal): Promise<CountriesTopology> {
  const response = await fetch(atlasUrl, { signal });
  if (!response.ok) throw new Error(`map ${response.status}`);
  return (await response.json()) as CountriesTopology;
}

export function MapLegend() {
  const { t, number } = useI18n();
  const labels = MAP_CLASSES.map((limit, i) => {
    const next = MAP_CLASSES[i + 1];
    if (next === undefined) return `≥ ${number(limit)}`;
    return next - 1 === limit ? number(limit) : `${number(limit)}–${number(next - 1)}`;
  });
  return (
    <div className="ms-legend-block">
      <span className="ms-legend-block__title" id="map-legend-title">
        {t('overview.map.legend')}
      </span>
      <ul className="ms-legend" aria-labelledby="map-legend-title">
        {labels.map((label, i) => (
          <LegendSwatch key={label} color={classColor(i + 1)} label={label} />
        ))}
      </ul>
    </div>
  );
}

/**
 * A choropleth of manufacturing sites per country, drawn from Natural Earth's 1:110m shapes in
 * the world-atlas package (no tile server). Small countries that the 110m shapes leave out are
 * named below the map; every country is in the table alternative.
 */
export function WorldMap({ data }: { readonly data: readonly CountrySites[] }) {
  const { t, number, country } = useI18n();
  const navigate = useNavigate();
  const [ref, width] = useElementWidth<HTMLDivElement>(900);
  const atlas = useApi('world-atlas-110m', loadAtlas);
  const height = Math.round(width * 0.48);
  const byCountry = useMemo(() => new Map(data.map((row) => [row.country, row])), [data]);

  const shapes = useMemo(() => {
    if (atlas.data === null) return null;
    const collection = feature(atlas.data, atlas.data.objects.countries);
    // Antarctica (010) has no sites and takes a fifth of the height.
    const features = collection.features.filter((f) => f.id !== '010');
    const projection = geoEqualEarth().fitExtent(
      [
        [4, 4],
        [width - 4, height - 4],
      ],
      { type: 'FeatureCollection', features },
    );
    const path = geoPath(projection);
    return features.map((f) => ({
      id: String(f.id ?? f.properties.name),
      iso2: NUMERIC_TO_ALPHA2.get(String(f.id)) ?? null,
      d: path(f) ?? '',
    }));
  }, [atlas.data, width, height]);

  const drawn = useMemo(() => new Set((shapes ?? []).map((s) => s.iso2)), [shapes]);
  const notDrawn =
    shapes === null ? [] : data.filter((row) => row.sites > 0 && !drawn.has(row.country));
  const top = [...data]
    .sort((a, b) => b.sites - a.sites)
    .slice(0, 3)
    .map((row) => `${country(row.country)} (${number(row.sites)})`)
    .join(', ');

  return (
    <div className="ms-map" ref={ref}>
      <svg
        width={width}
        height={height}
        viewBox={`0 0 ${width} ${height}`}
        role="img"
        aria-label={t('overview.map.aria', { top })}
        className="ms-map__svg"
      >
        {shapes?.map((shape) => {
          const row = shape.iso2 === null ? undefined : byCountry.get(shape.iso2);
          const sites = row?.sites ?? 0;
          return (
            <path
              key={shape.id}
              d={shape.d}
              fill={classColor(mapClass(sites))}
              stroke="var(--medsupply-chart-map-border-color)"
              strokeWidth={0.6}
              className={
                row === undefined ? 'ms-map__country' : 'ms-map__country ms-map__country--data'
              }
              onClick={
                row === undefined
                  ? undefined
                  : () => {
                      void navigate(paths.country(row.country));
                    }
              }
            >
              {row === undefined ? null : (
                <title>
                  {t('overview.map.tooltip', {
                    country: country(row.country),
                    sites: number(row.sites),
                    codes: number(row.codes),
                  })}
                </title>
              )}
            </path>
          );
        })}
      </svg>
      {notDrawn.length > 0 ? (
        <p className="ms-map__note">
          {t('overview.map.notDrawn', {
            countries: notDrawn
              .map((row) => `${country(row.country)} (${number(row.sites)})`)
              .join(', '),
          })}
        </p>
      ) : null}
    </div>
  );
}
