import type { Alternative } from '../api/types.ts';
import { useI18n } from '../hooks/useI18n.ts';
import { DataBadge } from './Badges.tsx';

/**
 * Products of other companies that can stand in for a short one, best match first, behind a
 * disclosure so a row of the public list stays short.
 */
export function AlternativesList({
  alternatives,
  limit = 12,
}: {
  readonly alternatives: readonly Alternative[];
  readonly limit?: number;
}) {
  const { t, number } = useI18n();
  if (alternatives.length === 0)
    return <span className="ms-muted-text">{t('alternatives.none')}</span>;
  const shown = alternatives.slice(0, limit);
  const sameStrength = alternatives.filter(
    (alternative) => alternative.match === 'same-substance-strength-form',
  ).length;
  return (
    <details className="ms-alternatives">
      <summary className="ms-alternatives__summary">
        {alternatives.length === 1
          ? t('alternatives.countOne')
          : t('alternatives.count', { count: number(alternatives.length) })}
        {sameStrength > 0 && sameStrength < alternatives.length ? (
          <span className="ms-muted-text">
            {' '}
            {t('alternatives.sameStrength', { count: number(sameStrength) })}
          </span>
        ) : null}
      </summary>
      <ul className="ms-alternatives__list">
        {shown.map((alternative) => (
          <li key={alternative.productId} className="ms-alternatives__item">
            <span className="ms-alternatives__name">{alternative.name}</span>
            <span className="ms-alternatives__meta">
              {alternative.mahName} · {alternative.registrationNumber} ·{' '}
              {t(`alternatives.match.${alternative.match}`)}
            </span>
            {alternative.reportedShort ? (
              <DataBadge tone="warning">{t('alternatives.alsoShort')}</DataBadge>
            ) : null}
          </li>
        ))}
      </ul>
      {alternatives.length > shown.length ? (
        <p className="ms-note">
          {t('alternatives.more', { count: number(alternatives.length - shown.length) })}
        </p>
      ) : null}
    </details>
  );
}
