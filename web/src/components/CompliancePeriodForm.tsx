import { Button } from '@nl-design-system-candidate/button-react';
import { Heading } from '@nl-design-system-candidate/heading-react';
import { useState, type SyntheticEvent } from 'react';
import { useSearchParams } from 'react-router';
import { useI18n } from '../hooks/useI18n.ts';
import { TextField } from './FormControls.tsx';
import { twelveWeeksUpTo } from '../pages/stock/compliance-view-model.ts';
import { isIsoDate, type FieldError } from './notification-form-model.ts';

export interface Period {
  readonly from: string;
  readonly to: string;
}

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

/**
 * The period of a compliance view: two dates checked here (valid, in order, not after today)
 * before the URL changes, and presets for the usual periods.
 */
export function CompliancePeriodForm({
  period,
  today,
  invalidUrl,
  onApply,
}: {
  readonly period: Period;
  readonly today: string;
  /** The address held a period that could not be used; the default is shown instead. */
  readonly invalidUrl: boolean;
  readonly onApply: (period: Period) => void;
}) {
  const { t } = useI18n();
  const [fromText, setFromText] = useState(period.from);
  const [toText, setToText] = useState(period.to);
  const [errors, setErrors] = useState<{ from?: FieldError; to?: FieldError }>({});

  const apply = (from: string, to: string) => {
    const found: { from?: FieldError; to?: FieldError } = {};
    if (!isIsoDate(from)) found.from = { key: 'form.error.date' };
    if (!isIsoDate(to)) found.to = { key: 'form.error.date' };
    else if (to > today) found.to = { key: 'stock.error.future' };
    else if (found.from === undefined && to < from) found.to = { key: 'late.error.order' };
    setErrors(found);
    if (found.from !== undefined || found.to !== undefined) return;
    setFromText(from);
    setToText(to);
    onApply({ from, to });
  };

  const submit = (event: SyntheticEvent<HTMLFormElement>) => {
    event.preventDefault();
    apply(fromText, toText);
  };

  return (
    <form
      className="ms-section ms-period"
      onSubmit={submit}
      noValidate
      aria-labelledby="compliance-period-heading"
    >
      <Heading level={2} id="compliance-period-heading" appearance="level-3">
        {t('compliance.period.heading')}
      </Heading>
      <div className="ms-form__row ms-period__row">
        <TextField
          id="compliance-from"
          label={t('compliance.period.from')}
          type="date"
          width="sm"
          value={fromText}
          onChange={setFromText}
          error={errors.from}
        />
        <TextField
          id="compliance-to"
          label={t('compliance.period.to')}
          type="date"
          width="sm"
          value={toText}
          onChange={setToText}
          error={errors.to}
        />
        <div className="ms-period__submit">
          <Button type="submit" purpose="primary" data-testid="compliance-period-apply">
            {t('stock.apply')}
          </Button>
        </div>
      </div>
      <p className="ms-period__presets">
        <span>{t('compliance.period.presets')}</span>{' '}
        {compliancePresets(today).map((preset) => (
          <Button
            key={preset.key}
            purpose="subtle"
            pressed={preset.from === period.from && preset.to === period.to}
            onClick={() => {
              apply(preset.from, preset.to);
            }}
          >
            {t(`compliance.period.${preset.key}`)}
          </Button>
        ))}
      </p>
      {invalidUrl ? (
        <p className="ms-field-hint" role="status">
          {t('compliance.period.invalidUrl')}
        </p>
      ) : null}
    </form>
  );
}

/** The period in the URL, or the default when it is missing or unusable. */
export function useCompliancePeriod(today: string): {
  readonly period: Period;
  readonly invalidUrl: boolean;
  readonly setPeriod: (period: Period) => void;
} {
  const [params, setParams] = useSearchParams();
  const fallback = twelveWeeksUpTo(today);
  const from = params.get('from');
  const to = params.get('to');
  const given = from !== null || to !== null;
  const valid =
    from !== null && to !== null && isIsoDate(from) && isIsoDate(to) && from <= to && to <= today;
  const period = valid ? { from, to } : fallback;
  return {
    period,
    invalidUrl: given && !valid,
    setPeriod: (next) => {
      setParams(
        (current) => {
          const updated = new URLSearchParams(current);
          updated.set('from', next.from);
          updated.set('to', next.to);
          for (const key of [...updated.keys()]) if (key.endsWith('.page')) updated.delete(key);
          return updated;
        },
        { preventScrollReset: true },
      );
    },
  };
}
