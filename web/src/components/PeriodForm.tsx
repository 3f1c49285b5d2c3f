import { Button } from '@nl-design-system-candidate/button-react';
import { Heading } from '@nl-design-system-candidate/heading-react';
import { useState, type SyntheticEvent } from 'react';
import { useSearchParams } from 'react-router';
import { useI18n } from '../hooks/useI18n.ts';
import { TextField } from './FormControls.tsx';
import { isIsoDate, type FieldError } from './notification-form-model.ts';

export interface Period {
  readonly from: string;
  readonly to: string;
}

export interface PeriodPreset extends Period {
  readonly key: string;
  readonly label: string;
}

/** Whose labels the form shows: each report words its period its own way. */
export type PeriodMessages = 'late.period' | 'compliance.period';

/**
 * A report's period: two dates checked here (valid, in order, and not after `latest` when given)
 * before the address changes, and buttons for the usual periods.
 */
export function PeriodForm({
  messages,
  idPrefix,
  period,
  presets,
  latest,
  invalidUrl,
  onApply,
}: {
  readonly messages: PeriodMessages;
  /** Prefix of the fields' ids and of the apply button's test id. */
  readonly idPrefix: string;
  readonly period: Period;
  readonly presets: readonly PeriodPreset[];
  /** The last day the period may end on (today, for data that cannot lie in the future). */
  readonly latest?: string;
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
    else if (latest !== undefined && to > latest) found.to = { key: 'stock.error.future' };
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
      aria-labelledby={`${idPrefix}-heading`}
    >
      <Heading level={2} id={`${idPrefix}-heading`} appearance="level-3">
        {t(`${messages}.heading`)}
      </Heading>
      <div className="ms-form__row ms-period__row">
        <TextField
          id={`${idPrefix}-from`}
          label={t(`${messages}.from`)}
          type="date"
          width="sm"
          value={fromText}
          onChange={setFromText}
          error={errors.from}
        />
        <TextField
          id={`${idPrefix}-to`}
          label={t(`${messages}.to`)}
          type="date"
          width="sm"
          value={toText}
          onChange={setToText}
          error={errors.to}
        />
        <div className="ms-period__submit">
          <Button type="submit" purpose="primary" data-testid={`${idPrefix}-apply`}>
            {t(`${messages}.apply`)}
          </Button>
        </div>
      </div>
      <p className="ms-period__presets">
        <span>{t(`${messages}.presets`)}</span>{' '}
        {presets.map((preset) => (
          <Button
            key={preset.key}
            purpose="subtle"
            pressed={preset.from === period.from && preset.to === period.to}
            onClick={() => {
              apply(preset.from, preset.to);
            }}
          >
            {preset.label}
          </Button>
        ))}
      </p>
      {invalidUrl ? (
        <p className="ms-field-hint" role="status">
          {t(`${messages}.invalidUrl`)}
        </p>
      ) : null}
    </form>
  );
}

/**
 * The period in the address (`from`, `to`), or `fallback` when it is missing or unusable (not
 * dates, out of order, or ending after `latest`); a new period resets the tables' pages.
 */
export function usePeriodParam(
  fallback: Period,
  latest?: string,
): {
  readonly period: Period;
  readonly invalidUrl: boolean;
  readonly setPeriod: (period: Period) => void;
} {
  const [params, setParams] = useSearchParams();
  const from = params.get('from');
  const to = params.get('to');
  const given = from !== null || to !== null;
  const valid =
    from !== null &&
    to !== null &&
    isIsoDate(from) &&
    isIsoDate(to) &&
    from <= to &&
    (latest === undefined || to <= latest);
  return {
    period: valid ? { from, to } : fallback,
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
