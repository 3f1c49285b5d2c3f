/**
 * The watchlist's reasons in words. The server explains each reason in English; the page writes
 * the sentence itself from the factor and its figures, in the reader's language
 * (src/early-warning/domain/watchlist.ts, WatchReasonDetails, fixes the figures per factor).
 */
import type { Formatters } from '../../i18n/format.ts';
import { isWatchFactor, type WatchFactor, type WatchReason } from './early-warning-api.ts';

function numberDetail(reason: WatchReason, name: string): number | null {
  const value = reason.details[name];
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

function stringListDetail(reason: WatchReason, name: string): string[] {
  const value = reason.details[name];
  return Array.isArray(value)
    ? value.filter((item): item is string => typeof item === 'string')
    : [];
}

/** Weeks with one decimal only where it matters: "3" and "2,5", never "3,0". */
function weeks(value: number, i18n: Formatters): string {
  const rounded = Math.round(value * 10) / 10;
  return i18n.number(rounded, Number.isInteger(rounded) ? 0 : 1);
}

/** "Duitsland, Frankrijk en Ierland": the countries by name in the reader's language. */
function countryList(codes: readonly string[], i18n: Formatters): string {
  const names = codes.map((code) => i18n.country(code));
  return new Intl.ListFormat(i18n.locale, { style: 'long', type: 'conjunction' }).format(names);
}

/** The factor's short name ("Lage voorraad"); an unknown factor keeps its key. */
export function watchFactorName(factor: string, i18n: Formatters): string {
  return isWatchFactor(factor) ? i18n.t(`watch.factor.${factor}`) : factor;
}

/** What the factor measures, for the explanation of the score. */
export function watchFactorDescription(factor: WatchFactor, i18n: Formatters): string {
  return i18n.t(`watch.factor.${factor}.description`);
}

/** One sentence on what the reason found: "Landelijke voorraad dekt nog 1,5 week". */
export function describeWatchReason(reason: WatchReason, i18n: Formatters): string {
  const { t, number } = i18n;
  if (!isWatchFactor(reason.factor)) return reason.text;
  switch (reason.factor) {
    case 'lowCover': {
      const cover = numberDetail(reason, 'coverWeeks');
      if (cover === null) return t('watch.reason.lowCover.unknown');
      // Rounded to a tenth, as the page shows it: "0,0 weeks" reads as none left.
      if (Math.round(cover * 10) <= 0) return t('watch.reason.lowCover.none');
      return cover === 1
        ? t('watch.reason.lowCover.one')
        : t('watch.reason.lowCover', { weeks: weeks(cover, i18n) });
    }
    case 'fallingCover': {
      const from = numberDetail(reason, 'fromWeeks');
      const to = numberDetail(reason, 'toWeeks');
      const days = number(numberDetail(reason, 'days') ?? 28);
      if (from === null || to === null) return t('watch.reason.fallingCover.unknown', { days });
      return t('watch.reason.fallingCover', {
        from: weeks(from, i18n),
        to: weeks(to, i18n),
        days,
      });
    }
    case 'demandSpike': {
      const percentOfUsual = numberDetail(reason, 'percentOfUsual') ?? 100;
      return t('watch.reason.demandSpike', {
        percent: i18n.percent(percentOfUsual / 100),
        days: number(numberDetail(reason, 'windowDays') ?? 7),
      });
    }
    case 'notification': {
      const riskClass = reason.details.riskClass;
      if (riskClass === 'low' || riskClass === 'medium' || riskClass === 'high')
        return t(`watch.reason.notification.${riskClass}`);
      return t('watch.reason.notification.untriaged');
    }
    case 'shortAbroad': {
      const countries = stringListDetail(reason, 'countries');
      return countries.length === 0
        ? t('watch.reason.shortAbroad.unnamed')
        : t('watch.reason.shortAbroad', { countries: countryList(countries, i18n) });
    }
    case 'competitorShortage': {
      const companies = numberDetail(reason, 'companies') ?? 0;
      return companies === 1
        ? t('watch.reason.competitorShortage.one')
        : t('watch.reason.competitorShortage', { count: number(companies) });
    }
    case 'concentration': {
      const hhi = numberDetail(reason, 'hhi');
      return hhi === null
        ? t('watch.reason.concentration.unknown')
        : t('watch.reason.concentration', { hhi: i18n.hhi(hhi) });
    }
    case 'siteFailure': {
      const stopped = numberDetail(reason, 'stoppedSites') ?? 0;
      const sites = numberDetail(reason, 'sites') ?? 0;
      if (sites > 0 && stopped >= sites)
        return sites === 1
          ? t('watch.reason.siteFailure.onlySite')
          : t('watch.reason.siteFailure.all', { sites: number(sites) });
      return t(stopped === 1 ? 'watch.reason.siteFailure.one' : 'watch.reason.siteFailure.some', {
        stopped: number(stopped),
        sites: number(sites),
      });
    }
  }
}
