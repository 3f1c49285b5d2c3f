import type { ReactNode } from 'react';
import type { NotificationStatus, RiskClass } from '../api/types.ts';
import { useI18n } from '../hooks/useI18n.ts';

/** The NL Design System data badge (CSS component; its React package lags React 19). */
export function DataBadge({
  children,
  tone = 'neutral',
  title,
}: {
  readonly children: ReactNode;
  readonly tone?: 'neutral' | 'accent' | 'ok' | 'warning' | 'danger';
  readonly title?: string;
}) {
  return (
    <span className={`nl-data-badge ms-badge ms-badge--${tone}`} title={title}>
      {children}
    </span>
  );
}

export type HhiBand = 'low' | 'moderate' | 'high';

/** HHI bands as the EU and competition authorities use them: < 1500, 1500–2500, > 2500. */
export function hhiBand(hhi: number): HhiBand {
  if (hhi > 2500) return 'high';
  if (hhi >= 1500) return 'moderate';
  return 'low';
}

export function CriticalBadge({ critical }: { readonly critical: boolean }) {
  const { t } = useI18n();
  return critical ? <DataBadge tone="accent">{t('common.critical')}</DataBadge> : null;
}

/** An HHI figure with a small bar and its band, so a column of them reads at a glance. */
export function HhiValue({ hhi }: { readonly hhi: number | null }) {
  const { hhi: format, t } = useI18n();
  if (hhi === null) return <span>{t('common.none')}</span>;
  const band = hhiBand(hhi);
  return (
    <span className="ms-hhi">
      <span className="ms-hhi__number">{format(hhi)}</span>
      <span className="ms-hhi__track" aria-hidden="true">
        <span
          className={`ms-hhi__bar ms-hhi__bar--${band}`}
          style={{ inlineSize: `${Math.max(2, Math.min(100, hhi / 100))}%` }}
        />
      </span>
      <span className="ms-visually-hidden">({t(`hhi.band.${band}Short`)})</span>
    </span>
  );
}

/** A yes/no flag that stands out only when it is a warning (one country, one site). */
export function FlagValue({ value }: { readonly value: boolean }) {
  const { yesNo } = useI18n();
  return value ? <DataBadge tone="danger">{yesNo(true)}</DataBadge> : <span>{yesNo(false)}</span>;
}

const STATUS_TONES = {
  submitted: 'neutral',
  triaged: 'accent',
  confirmed_shortage: 'danger',
  no_shortage: 'ok',
  withdrawn: 'neutral',
  resolved: 'ok',
} as const;

/** A notification's status, coloured by what it means for supply. */
export function StatusBadge({ status }: { readonly status: NotificationStatus }) {
  const { t } = useI18n();
  return (
    <span data-status={status}>
      <DataBadge tone={STATUS_TONES[status]}>{t(`status.${status}`)}</DataBadge>
    </span>
  );
}

const RISK_TONES = { high: 'danger', medium: 'warning', low: 'ok' } as const;

/** The triage score (0–100) with its class: "68,7 Hoog". */
export function RiskBadge({
  score,
  riskClass,
}: {
  readonly score: number | null;
  readonly riskClass: RiskClass | null;
}) {
  const { t, number } = useI18n();
  if (score === null || riskClass === null) return <span>{t('common.none')}</span>;
  return (
    <span className="ms-risk">
      <span className="ms-risk__score">{number(score, 1)}</span>
      <DataBadge tone={RISK_TONES[riskClass]}>{t(`risk.class.${riskClass}`)}</DataBadge>
    </span>
  );
}
