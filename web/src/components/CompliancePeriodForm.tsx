import { useI18n } from '../hooks/useI18n.ts';
import { twelveWeeksUpTo } from '../pages/stock/compliance-view-model.ts';
import { PeriodForm, usePeriodParam, type Period } from './PeriodForm.tsx';

export type { Period } from './PeriodForm.tsx';

const DAY_MS = 86_400_000;

function daysBefore(iso: string, days: number): string {
  return new Date(Date.parse(`${iso}T00:00:00Z`) - days * DAY_MS).toISOString().slice(0, 10);
}

/** Periods people ask for: the last 4 or 12 weeks, and this year so far; all end today. */
export function compliancePresets(
  today: string,
): readonly { key: 'last4' | 'last12' | 'thisYear'; from: string; to: string }[] {
  return [
    { key: 'last4', from: daysBefore(today, 27), to: today },
    { key: 'last12', from: daysBefore(today, 83), to: today },
    { key: 'thisYear', from: `${today.slice(0, 4)}-01-01`, to: today },
  ];
}

/** The period of a compliance view, which cannot end after today (no reports yet). */
export function CompliancePeriodForm({
  period,
  today,
  invalidUrl,
  onApply,
}: {
  readonly period: Period;
  readonly today: string;
  readonly invalidUrl: boolean;
  readonly onApply: (period: Period) => void;
}) {
  const { t } = useI18n();
  return (
    <PeriodForm
      messages="compliance.period"
      idPrefix="compliance-period"
      period={period}
      presets={compliancePresets(today).map((preset) => ({
        ...preset,
        label: t(`compliance.period.${preset.key}`),
      }))}
      latest={today}
      invalidUrl={invalidUrl}
      onApply={onApply}
    />
  );
}

/** The period in the URL, or the 12 weeks up to today when it is missing or unusable. */
export function useCompliancePeriod(today: string) {
  return usePeriodParam(twelveWeeksUpTo(today), today);
}
