/**
 * Demand of one pack per day, before anything moves to it from short competitors: the pack's
 * mean × weekday pattern × winter season × trend × demand shocks, drawn with noise. Regular packs
 * get Poisson counts around a log-normally disturbed mean (over-dispersed, as sales are);
 * rare packs get intermittent demand: most days none, now and then a small lump (the pattern
 * Croston's method and TSB are made for).
 */
import type { Calendar } from './calendar.ts';
import { poisson, standardNormal, type Random } from '../../kernel/random.ts';

/** Monday … Sunday, mean 1: pharmacies order on weekdays. */
export const PHARMACY_WEEK = [1.2, 1.2, 1.2, 1.2, 1.2, 0.6, 0.4] as const;
/** Hospitals use medicines every day; deliveries still dip at weekends. */
export const HOSPITAL_WEEK = [1.1, 1.1, 1.1, 1.1, 1.1, 0.75, 0.75] as const;

/** Spread of the day-to-day disturbance of the mean (log scale). */
const NOISE_SIGMA = 0.25;
/** Mean size of one order of a rare pack. */
const LUMP_MEAN = 1.6;

export interface DemandProfile {
  readonly meanDailyDemand: number;
  readonly intermittent: boolean;
  readonly hospital: boolean;
  readonly seasonalAmplitude: number;
  /** Growth per year (0.05 = 5% a year). */
  readonly trendPerYear: number;
}

export interface Shock {
  readonly startDay: number;
  readonly endDay: number;
  readonly multiplier: number;
}

/** The expected demand of a day, without noise. */
export function expectedDemand(
  profile: DemandProfile,
  calendar: Calendar,
  day: number,
  shocks: readonly Shock[],
): number {
  const week = profile.hospital ? HOSPITAL_WEEK : PHARMACY_WEEK;
  let mean =
    profile.meanDailyDemand *
    (week[calendar.weekday[day] ?? 0] ?? 1) *
    (1 + profile.seasonalAmplitude * (calendar.winter[day] ?? 0)) *
    Math.exp(profile.trendPerYear * (calendar.years[day] ?? 0));
  for (const shock of shocks) {
    if (shock.startDay <= day && day <= shock.endDay) mean *= shock.multiplier;
  }
  return mean;
}

/** Writes the pack's daily demand (whole units) into out[offset … offset + days). */
export function drawPackDemand(
  out: Float32Array,
  offset: number,
  profile: DemandProfile,
  calendar: Calendar,
  shocks: readonly Shock[],
  random: Random,
): void {
  const days = calendar.weekday.length;
  const logCorrection = (NOISE_SIGMA * NOISE_SIGMA) / 2;
  for (let day = 0; day < days; day++) {
    const mean = expectedDemand(profile, calendar, day, shocks);
    let units: number;
    if (profile.intermittent) {
      // An order with probability mean / LUMP_MEAN, of 1 + Poisson(LUMP_MEAN - 1) units: the
      // expected demand stays `mean`.
      const occurs = random() < Math.min(0.95, mean / LUMP_MEAN);
      const size = 1 + poisson(random, LUMP_MEAN - 1);
      units = occurs ? size : 0;
    } else {
      const disturbed = mean * Math.exp(NOISE_SIGMA * standardNormal(random) - logCorrection);
      units = poisson(random, disturbed);
    }
    out[offset + day] = units;
  }
}
