/**
 * The triage factors in words. The server explains each factor in English; the app writes the
 * sentence itself from the factor's facts, in the reader's language (src/notifications/domain/
 * triage.ts defines the factors and their facts).
 */
import type { RiskFactor } from '../api/types.ts';
import type { Formatters } from '../i18n/format.ts';

const KNOWN_FACTORS = [
  'criticalList',
  'alternatives',
  'stockCover',
  'marketShare',
  'hospitalRelevance',
  'concentration',
  'shortAbroad',
] as const;
type KnownFactor = (typeof KNOWN_FACTORS)[number];

function isKnown(key: string): key is KnownFactor {
  return (KNOWN_FACTORS as readonly string[]).includes(key);
}

function numberFact(factor: RiskFactor, name: string): number {
  const value = factor.facts[name];
  return typeof value === 'number' ? value : 0;
}

/** The factor's name ("Alternatives"), or its key when the server added one we do not know. */
export function factorName(factor: RiskFactor, i18n: Formatters): string {
  return isKnown(factor.key) ? i18n.t(`risk.factor.${factor.key}`) : factor.key;
}

/** One sentence on what the factor found: "No alternative packs of other companies …". */
export function describeFactor(factor: RiskFactor, i18n: Formatters): string {
  const { t, number } = i18n;
  if (!isKnown(factor.key)) return factor.explanation;
  switch (factor.key) {
    case 'criticalList':
      return factor.facts.onCriticalList === true
        ? t('risk.explain.criticalList.yes')
        : t('risk.explain.criticalList.no');
    case 'alternatives': {
      const count = numberFact(factor, 'exactAlternatives');
      const alsoShort = numberFact(factor, 'alsoShort');
      const base =
        count === 0
          ? t('risk.explain.alternatives.none')
          : count === 1
            ? t('risk.explain.alternatives.one')
            : t('risk.explain.alternatives.many', { count: number(count) });
      return alsoShort > 0
        ? `${base}${t('risk.explain.alternatives.alsoShort', { count: number(alsoShort) })}`
        : base;
    }
    case 'stockCover': {
      const weeks = (value: number) => number(value, Number.isInteger(value) ? 0 : 1);
      const text = t('risk.explain.stockCover', {
        stock: weeks(numberFact(factor, 'stockWeeks')),
        duration: weeks(numberFact(factor, 'durationWeeks')),
      });
      return [
        text,
        factor.facts.durationAssumed === true ? t('risk.explain.stockCover.assumed') : '',
        factor.facts.partialSupply === true ? t('risk.explain.stockCover.partial') : '',
      ].join('');
    }
    case 'marketShare':
      return t('risk.explain.marketShare', {
        share: number(numberFact(factor, 'marketSharePercent'), 0),
      });
    case 'hospitalRelevance':
      return factor.facts.hospitalRelevant === true
        ? t('risk.explain.hospital.yes')
        : t('risk.explain.hospital.no');
    case 'concentration':
      return typeof factor.facts.hhi === 'number'
        ? t('risk.explain.concentration', { hhi: number(factor.facts.hhi) })
        : t('risk.explain.concentration.unknown');
    case 'shortAbroad': {
      const count = numberFact(factor, 'foreignShortages');
      return count === 0
        ? t('risk.explain.shortAbroad.none')
        : t('risk.explain.shortAbroad.some', { count: number(count) });
    }
  }
}

/** The factors that added to the score, largest first: the reasons a notification stands out. */
export function topFactors(factors: readonly RiskFactor[] | null, limit = 3): RiskFactor[] {
  return [...(factors ?? [])]
    .filter((factor) => factor.points > 0)
    .sort((a, b) => b.points - a.points)
    .slice(0, limit);
}
