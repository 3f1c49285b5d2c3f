import type { Lang, ManufacturingStep, Names, Source } from '../api/types.ts';
import type { MessageKey, Messages } from './messages.ts';

export type Params = Readonly<Record<string, string | number>>;

export interface Formatters {
  readonly lang: Lang;
  readonly locale: string;
  /** The label for a key, with `{name}` placeholders filled in. */
  readonly t: (key: MessageKey, params?: Params) => string;
  readonly number: (value: number, fractionDigits?: number) => string;
  /** A share 0..1 as a percentage. */
  readonly percent: (share: number) => string;
  /** An HHI (0..10 000) as a whole number, or the empty mark. */
  readonly hhi: (value: number | null) => string;
  /** A country's name in the current language from its ISO 3166-1 alpha-2 code. */
  readonly country: (iso2: string) => string;
  /** A substance's name in the current language, falling back to English, then German. */
  readonly substanceName: (row: {
    readonly name?: string | null;
    readonly names?: Names | undefined;
  }) => string;
  readonly source: (source: Source) => string;
  readonly step: (step: ManufacturingStep) => string;
  readonly yesNo: (value: boolean) => string;
  /** A calendar date (YYYY-MM-DD) as "23 nov. 2026" / "23 Nov 2026"; null as the empty mark. */
  readonly date: (iso: string | null) => string;
  /** A moment (ISO 8601) in the reader's time zone, to the minute. */
  readonly dateTime: (iso: string) => string;
}

export const LOCALES: Readonly<Record<Lang, string>> = { nl: 'nl-NL', en: 'en-GB' };

function fill(template: string, params: Params | undefined): string {
  if (params === undefined) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    return value === undefined ? whole : String(value);
  });
}

export function createFormatters(lang: Lang, dictionary: Messages): Formatters {
  const locale = LOCALES[lang];
  const numberFormats = new Map<number, Intl.NumberFormat>();
  const numberFormat = (digits: number): Intl.NumberFormat => {
    let format = numberFormats.get(digits);
    if (format === undefined) {
      format = new Intl.NumberFormat(locale, {
        minimumFractionDigits: digits,
        maximumFractionDigits: digits,
      });
      numberFormats.set(digits, format);
    }
    return format;
  };
  const percentFormat = new Intl.NumberFormat(locale, {
    style: 'percent',
    maximumFractionDigits: 0,
  });
  // Calendar dates carry no time zone: format them as UTC so 2026-12-01 stays 1 December.
  const dateFormat = new Intl.DateTimeFormat(locale, {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  });
  const dateTimeFormat = new Intl.DateTimeFormat(locale, {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  });
  const regionNames = new Intl.DisplayNames([locale], { type: 'region', fallback: 'code' });
  const t = (key: MessageKey, params?: Params): string => fill(dictionary[key], params);

  return {
    lang,
    locale,
    t,
    number: (value, fractionDigits = 0) => numberFormat(fractionDigits).format(value),
    percent: (share) => percentFormat.format(share),
    hhi: (value) => (value === null ? t('common.none') : numberFormat(0).format(Math.round(value))),
    country: (iso2) => {
      try {
        return regionNames.of(iso2.toUpperCase()) ?? iso2;
      } catch {
        return iso2;
      }
    },
    substanceName: (row) => {
      const names = row.names;
      const name = names?.[lang] ?? names?.en ?? names?.de ?? row.name ?? '';
      return name === '' ? t('common.unknownName') : name;
    },
    source: (source) => t(`source.${source}`),
    step: (step) => (step === null ? t('step.unknown') : t(`step.${step}`)),
    yesNo: (value) => (value ? t('common.yes') : t('common.no')),
    date: (iso) => {
      if (iso === null || !/^\d{4}-\d{2}-\d{2}$/.test(iso)) return iso ?? t('common.none');
      return dateFormat.format(new Date(`${iso}T00:00:00Z`));
    },
    dateTime: (iso) => {
      const moment = new Date(iso);
      return Number.isNaN(moment.getTime()) ? iso : dateTimeFormat.format(moment);
    },
  };
}
