import type { Formatters } from '../i18n/format.ts';
import { useI18n } from '../hooks/useI18n.ts';
import { DataBadge } from './Badges.tsx';

const TONES = {
  compliant: 'ok',
  'non-compliant': 'danger',
  'not-reported': 'warning',
  'no-demand': 'neutral',
  exempt: 'neutral',
} as const;

function isKnownStatus(status: string): status is keyof typeof TONES {
  return Object.hasOwn(TONES, status);
}

/** A stock-obligation status in the reader's language; an unknown one as the API wrote it. */
export function complianceLabel(t: Formatters['t'], status: string): string {
  return isKnownStatus(status) ? t(`compliance.status.${status}`) : status;
}

/** A holder's standing against the stock obligation on a day, as a coloured badge with words. */
export function ComplianceStatusBadge({ status }: { readonly status: string }) {
  const { t } = useI18n();
  return (
    <DataBadge tone={isKnownStatus(status) ? TONES[status] : 'neutral'}>
      {complianceLabel(t, status)}
    </DataBadge>
  );
}
