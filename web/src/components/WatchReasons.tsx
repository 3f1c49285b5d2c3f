import type { WatchReason } from '../pages/early-warning/early-warning-api.ts';
import { describeWatchReason, watchFactorName } from '../pages/early-warning/watch-reasons.ts';
import { useI18n } from '../hooks/useI18n.ts';

function ReasonItem({ reason }: { readonly reason: WatchReason }) {
  const i18n = useI18n();
  const { t, number } = i18n;
  const points = number(reason.points, Number.isInteger(reason.points) ? 0 : 1);
  return (
    <li className="ms-watch-reasons__item" data-factor={reason.factor}>
      <span className="ms-watch-reasons__points" title={watchFactorName(reason.factor, i18n)}>
        <span aria-hidden="true">{t('watch.reasons.points', { points })}</span>
        <span className="ms-visually-hidden">
          {t('watch.reasons.pointsDescription', { points })}:
        </span>
      </span>{' '}
      <span className="ms-watch-reasons__text">{describeWatchReason(reason, i18n)}</span>
    </li>
  );
}

/**
 * A pack's reasons in words, heaviest first: the top few always visible, the rest behind a
 * disclosure (a native details element, which keyboards and screen readers operate as a button).
 */
export function WatchReasons({
  reasons,
  visible = 2,
  label,
}: {
  readonly reasons: readonly WatchReason[];
  readonly visible?: number;
  /** Names the list for screen readers ("Reasons for Amoxicilline 500 mg"). */
  readonly label: string;
}) {
  const { t, number } = useI18n();
  if (reasons.length === 0) return <span>{t('common.none')}</span>;
  const shown = reasons.slice(0, visible);
  const rest = reasons.slice(visible);
  return (
    <div className="ms-watch-reasons">
      <ul className="ms-watch-reasons__list" aria-label={label}>
        {shown.map((reason) => (
          <ReasonItem key={reason.factor} reason={reason} />
        ))}
      </ul>
      {rest.length > 0 ? (
        <details className="ms-watch-reasons__more">
          <summary className="ms-watch-reasons__summary">
            {rest.length === 1
              ? t('watch.reasons.moreOne')
              : t('watch.reasons.more', { count: number(rest.length) })}
          </summary>
          <ul className="ms-watch-reasons__list">
            {rest.map((reason) => (
              <ReasonItem key={reason.factor} reason={reason} />
            ))}
          </ul>
        </details>
      ) : null}
    </div>
  );
}

/** The score 0-100 with a small bar, so a column of them reads at a glance. */
export function WatchScore({ score }: { readonly score: number }) {
  const { number, t } = useI18n();
  const tone = score >= 60 ? 'high' : score >= 40 ? 'moderate' : 'low';
  return (
    <span className="ms-watch-score">
      <span className="ms-watch-score__number" aria-hidden="true">
        {number(score, 1)}
      </span>
      <span className="ms-watch-score__track" aria-hidden="true">
        <span
          className={`ms-watch-score__bar ms-watch-score__bar--${tone}`}
          style={{ inlineSize: `${String(Math.max(2, Math.min(100, score)))}%` }}
        />
      </span>
      <span className="ms-visually-hidden">{t('watch.scoreOf', { score: number(score, 1) })}</span>
    </span>
  );
}
