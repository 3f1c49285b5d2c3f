import type { ChapterHhi } from '../api/types.ts';
import { useI18n } from '../hooks/useI18n.ts';
import { LegendSwatch } from './ChartFigure.tsx';

const BANDS = ['low', 'moderate', 'high'] as const;
export const BAND_COLORS = {
  low: 'var(--medsupply-chart-hhi-low-color)',
  moderate: 'var(--medsupply-chart-hhi-moderate-color)',
  high: 'var(--medsupply-chart-hhi-high-color)',
} as const;

export function HhiBandLegend() {
  const { t } = useI18n();
  return (
    <ul className="ms-legend" aria-label={t('common.hhi')}>
      {BANDS.map((band) => (
        <LegendSwatch key={band} color={BAND_COLORS[band]} label={t(`hhi.band.${band}`)} />
      ))}
    </ul>
  );
}

/** Stacked bars: per ATC main group, how many critical medicines fall in each HHI band. */
export function HhiBandChart({ chapters }: { readonly chapters: readonly ChapterHhi[] }) {
  const { t, lang, number } = useI18n();
  const max = Math.max(1, ...chapters.map((c) => c.bands.low + c.bands.moderate + c.bands.high));
  return (
    <div className="ms-bars" role="img" aria-label={t('overview.hhiChart.aria')}>
      {chapters.map((chapter) => {
        const total = chapter.bands.low + chapter.bands.moderate + chapter.bands.high;
        const name = chapter.name[lang];
        return (
          <div className="ms-bars__row" key={chapter.chapter}>
            <div className="ms-bars__label">
              <span className="ms-bars__code">{chapter.chapter}</span>
              <span className="ms-bars__name">{name}</span>
            </div>
            <div className="ms-bars__track">
              <div className="ms-bars__stack" style={{ inlineSize: `${(total / max) * 100}%` }}>
                {BANDS.map((band) => {
                  const count = chapter.bands[band];
                  if (count === 0) return null;
                  return (
                    <div
                      key={band}
                      className={`ms-bars__segment ms-bars__segment--${band}`}
                      style={{ flexGrow: count, background: BAND_COLORS[band] }}
                      title={t('overview.hhiChart.segment', {
                        chapter: chapter.chapter,
                        name,
                        count: number(count),
                        band: t(`hhi.band.${band}Short`),
                      })}
                    >
                      {count / max >= 0.04 ? (
                        <span className="ms-bars__count">{number(count)}</span>
                      ) : null}
                    </div>
                  );
                })}
              </div>
              <span className="ms-bars__total">{number(total)}</span>
            </div>
          </div>
        );
      })}
    </div>
  );
}
