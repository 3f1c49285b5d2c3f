import { useI18n } from '../hooks/useI18n.ts';
import { COVER_BANDS, type CoverBand } from '../pages/stock/stock-view-model.ts';

/** Red for no cover, through amber, to teal for ample; grey where cover has no meaning. */
export const COVER_BAND_COLORS: Readonly<Record<CoverBand, string>> = {
  out: '#b3261e',
  under2: '#d4542b',
  from2to4: '#c98a1c',
  from4to8: '#8a9a2c',
  from8to13: '#3a8f7e',
  over13: '#11707d',
  noDemand: '#8a94a3',
  notReported: '#4d5b6b',
};

/** How many packs, products or substances fall in each cover band: one bar per band. */
export function CoverBandChart({
  counts,
  ariaLabel,
}: {
  readonly counts: Readonly<Record<CoverBand, number>>;
  readonly ariaLabel: string;
}) {
  const { t, number } = useI18n();
  const max = Math.max(1, ...COVER_BANDS.map((band) => counts[band]));
  return (
    <div className="ms-bars" role="img" aria-label={ariaLabel} data-testid="cover-chart">
      {COVER_BANDS.map((band) => (
        <div className="ms-bars__row" key={band}>
          <div className="ms-bars__label">
            <span className="ms-bars__name ms-bars__name--strong">{t(`cover.band.${band}`)}</span>
          </div>
          <div className="ms-bars__track">
            <div
              className="ms-bars__stack"
              style={{
                inlineSize: `${(counts[band] / max) * 100}%`,
                background: COVER_BAND_COLORS[band],
              }}
              title={t('cover.chart.segment', {
                band: t(`cover.band.${band}`),
                count: number(counts[band]),
              })}
            />
            <span className="ms-bars__total">{number(counts[band])}</span>
          </div>
        </div>
      ))}
    </div>
  );
}
