/**
 * Daily demand forecasts for one pack, chosen automatically per pack by their error on held-out
 * data. Every method is written out here so a figure can be checked by hand:
 *
 * - `ses`: simple exponential smoothing. The level starts at the mean of the first week (or of
 *   all days when there are fewer); for each day, error e = y - level, level += alpha * e. The
 *   forecast is the last level, flat. Hyndman & Athanasopoulos, Forecasting: Principles and
 *   Practice (3rd ed.), section 8.1, https://otexts.com/fpp3/ses.html
 * - `holt-winters-weekly`: additive Holt-Winters with a damped additive trend (phi = 0.98) and a
 *   7-day season (fpp3 section 8.3, https://otexts.com/fpp3/holt-winters.html). Start: level =
 *   mean of week 1, trend = (mean of week 2 - mean of week 1) / 7, season[i] = y[i] - level for
 *   the days of week 1; then from day 7 on: forecast f = level + phi*trend + season[t mod 7],
 *   newLevel = alpha*(y - season) + (1-alpha)*(level + phi*trend),
 *   trend = beta*(newLevel - level) + (1-beta)*phi*trend,
 *   season[t mod 7] = gamma*(y - newLevel) + (1-gamma)*season[t mod 7].
 *   h days ahead: level + (phi + ... + phi^h)*trend + season[(last day + h) mod 7], at least 0.
 * - `holt-winters-weekly-yearly`: the same on demand divided by a yearly index, multiplied back.
 *   The index needs a year of history: the last 364 days (52 whole weeks, so weekdays line up)
 *   are cut into 13 periods of 28 days; a period's index is its mean demand over the mean of its
 *   364-day cycle, averaged over up to 3 such cycles counted back from the last day; the index of
 *   a day is interpolated linearly between the periods' midpoints around the cycle (at least 0.1).
 * - `croston`: Croston's method for intermittent demand (Croston 1972). From the first day with
 *   demand: size z = that demand, interval x = its day number (from 1). On each later day with
 *   demand, q days after the previous one: z += alpha*(y - z), x += alpha*(q - x). Forecast z / x
 *   per day. `sba`: the same times (1 - alpha/2), Syntetos & Boylan's bias correction (2005).
 * - `tsb`: Teunter, Syntetos & Babai (2011). From the first day with demand: z = that demand,
 *   p = 1 / its day number; on every later day p += beta*((y > 0 ? 1 : 0) - p), and on a day
 *   with demand z += alpha*(y - z). Forecast p * z per day: unlike Croston it decays when demand
 *   stops.
 *
 * Parameters are picked per method from a small grid by the least squared one-day-ahead error on
 * the training days. The choice between methods: the last 56 days (8 weeks) are held out, each
 * method is fitted on the days before and forecasts those 56 days from there, and the method
 * with the lowest MASE wins (ties: the simpler, in the order of FORECAST_METHODS). MASE (Hyndman
 * & Koehler 2006) is the mean absolute error over the held-out days divided by the in-sample mean
 * absolute error of the seasonal naive forecast (same weekday last week) on the training days;
 * below 1 beats that naive forecast. The winner is then refitted on all days.
 */

export const FORECAST_METHODS = [
  'ses',
  'croston',
  'sba',
  'tsb',
  'holt-winters-weekly',
  'holt-winters-weekly-yearly',
] as const;
export type ForecastMethod = (typeof FORECAST_METHODS)[number];

/** Days held out to choose the method: the last 8 weeks. */
export const HELD_OUT_DAYS = 56;
/** The fewest training days before the held-out part for a choice to be made. */
export const MIN_TRAINING_DAYS = 28;
export const WEEK_DAYS = 7;
/** 52 whole weeks: the yearly cycle, so weekdays line up from one year to the next. */
export const YEAR_CYCLE_DAYS = 364;
const YEAR_PERIODS = 13;
const PERIOD_DAYS = YEAR_CYCLE_DAYS / YEAR_PERIODS;
const MIN_YEARLY_INDEX = 0.1;
export const DAMPING = 0.98;

const SES_ALPHAS = [0.02, 0.05, 0.1, 0.2, 0.3, 0.5, 0.8];
const HW_ALPHAS = [0.05, 0.1, 0.2, 0.3, 0.5];
const HW_BETAS = [0, 0.01, 0.05];
const HW_GAMMAS = [0.05, 0.1, 0.2, 0.3];
const INTERMITTENT_ALPHAS = [0.05, 0.1, 0.2, 0.3];
const TSB_BETAS = [0.02, 0.05, 0.1, 0.2];

export type ForecastParameters = Readonly<Record<string, number>>;

export interface FittedForecast {
  readonly method: ForecastMethod;
  readonly parameters: ForecastParameters;
  /** Sum of squared one-day-ahead errors on the days it was fitted on. */
  readonly sse: number;
  /** Daily demand for the days after the last one, at least 0. */
  readonly forecast: Float64Array;
}

function at(values: ArrayLike<number>, index: number): number {
  return values[index] ?? 0;
}

function mean(values: ArrayLike<number>, from: number, to: number): number {
  if (to <= from) return 0;
  let sum = 0;
  for (let i = from; i < to; i++) sum += at(values, i);
  return sum / (to - from);
}

// ---------------------------------------------------------------- simple exponential smoothing

/** SES with a given alpha: see the module comment. */
export function simpleExponentialSmoothing(
  y: ArrayLike<number>,
  alpha: number,
  horizon: number,
): FittedForecast {
  let level = mean(y, 0, Math.min(WEEK_DAYS, y.length));
  let sse = 0;
  for (let t = 0; t < y.length; t++) {
    const error = at(y, t) - level;
    sse += error * error;
    level += alpha * error;
  }
  return {
    method: 'ses',
    parameters: { alpha },
    sse,
    forecast: new Float64Array(horizon).fill(Math.max(0, level)),
  };
}

// ------------------------------------------------------------------------------- Holt-Winters

export interface HoltWintersParameters {
  readonly alpha: number;
  readonly beta: number;
  readonly gamma: number;
  readonly phi: number;
}

/** Additive damped Holt-Winters with a 7-day season: see the module comment. Needs 14 days. */
export function holtWintersWeekly(
  y: ArrayLike<number>,
  parameters: HoltWintersParameters,
  horizon: number,
): FittedForecast {
  const n = y.length;
  if (n < 2 * WEEK_DAYS) throw new RangeError('Holt-Winters needs at least two weeks of days');
  const { alpha, beta, gamma, phi } = parameters;
  const firstWeek = mean(y, 0, WEEK_DAYS);
  let level = firstWeek;
  let trend = (mean(y, WEEK_DAYS, 2 * WEEK_DAYS) - firstWeek) / WEEK_DAYS;
  const season = new Float64Array(WEEK_DAYS);
  for (let i = 0; i < WEEK_DAYS; i++) season[i] = at(y, i) - level;
  let sse = 0;
  for (let t = WEEK_DAYS; t < n; t++) {
    const slot = t % WEEK_DAYS;
    const seasonal = season[slot] ?? 0;
    const value = at(y, t);
    const error = value - (level + phi * trend + seasonal);
    sse += error * error;
    const newLevel = alpha * (value - seasonal) + (1 - alpha) * (level + phi * trend);
    trend = beta * (newLevel - level) + (1 - beta) * phi * trend;
    season[slot] = gamma * (value - newLevel) + (1 - gamma) * seasonal;
    level = newLevel;
  }
  const forecast = new Float64Array(horizon);
  let damping = 0;
  let power = 1;
  for (let h = 1; h <= horizon; h++) {
    power *= phi;
    damping += power;
    const value = level + damping * trend + (season[(n - 1 + h) % WEEK_DAYS] ?? 0);
    forecast[h - 1] = Math.max(0, value);
  }
  return { method: 'holt-winters-weekly', parameters: { alpha, beta, gamma, phi }, sse, forecast };
}

/**
 * The yearly index per 28-day period of the 364-day cycle that ends on the last day, averaged over
 * up to 3 cycles; null with less than a year of days or no demand in any cycle.
 */
export function yearlyProfile(y: ArrayLike<number>): Float64Array | null {
  const n = y.length;
  const cycles = Math.min(3, Math.floor(n / YEAR_CYCLE_DAYS));
  const profile = new Float64Array(YEAR_PERIODS);
  let used = 0;
  for (let c = 0; c < cycles; c++) {
    const start = n - YEAR_CYCLE_DAYS * (c + 1);
    const cycleMean = mean(y, start, start + YEAR_CYCLE_DAYS);
    if (cycleMean <= 0) continue;
    used++;
    for (let k = 0; k < YEAR_PERIODS; k++) {
      const from = start + k * PERIOD_DAYS;
      profile[k] = (profile[k] ?? 0) + mean(y, from, from + PERIOD_DAYS) / cycleMean;
    }
  }
  if (used === 0) return null;
  for (let k = 0; k < YEAR_PERIODS; k++) {
    profile[k] = Math.max(MIN_YEARLY_INDEX, (profile[k] ?? 0) / used);
  }
  return profile;
}

/**
 * The yearly index of a day, `position` days into the cycle (0 = the first day of the last full
 * cycle), interpolated between the midpoints of the 28-day periods around the cycle.
 */
export function yearlyIndexAt(profile: Float64Array, position: number): number {
  const q = ((position % YEAR_CYCLE_DAYS) + YEAR_CYCLE_DAYS) % YEAR_CYCLE_DAYS;
  const x = (q - (PERIOD_DAYS - 1) / 2) / PERIOD_DAYS;
  const k0 = Math.floor(x);
  const fraction = x - k0;
  const i0 = ((k0 % YEAR_PERIODS) + YEAR_PERIODS) % YEAR_PERIODS;
  const i1 = (i0 + 1) % YEAR_PERIODS;
  return Math.max(
    MIN_YEARLY_INDEX,
    (1 - fraction) * (profile[i0] ?? 1) + fraction * (profile[i1] ?? 1),
  );
}

/** Holt-Winters (weekly) on demand divided by the yearly index; null without a year of days. */
export function holtWintersWeeklyYearly(
  y: ArrayLike<number>,
  parameters: HoltWintersParameters,
  horizon: number,
  profile: Float64Array | null = yearlyProfile(y),
): FittedForecast | null {
  if (profile === null) return null;
  const n = y.length;
  const anchor = n - YEAR_CYCLE_DAYS;
  const adjusted = new Float64Array(n);
  for (let t = 0; t < n; t++) adjusted[t] = at(y, t) / yearlyIndexAt(profile, t - anchor);
  // Grid points are compared by their squared errors on the adjusted days.
  const fitted = holtWintersWeekly(adjusted, parameters, horizon);
  const forecast = new Float64Array(horizon);
  for (let h = 1; h <= horizon; h++) {
    forecast[h - 1] = (fitted.forecast[h - 1] ?? 0) * yearlyIndexAt(profile, n - 1 + h - anchor);
  }
  return {
    method: 'holt-winters-weekly-yearly',
    parameters: fitted.parameters,
    sse: fitted.sse,
    forecast,
  };
}

// ------------------------------------------------------------------- intermittent demand

function firstDemand(y: ArrayLike<number>): number {
  for (let t = 0; t < y.length; t++) if (at(y, t) > 0) return t;
  return -1;
}

/** Croston's method, or its SBA correction: see the module comment. */
export function croston(
  y: ArrayLike<number>,
  alpha: number,
  horizon: number,
  variant: 'croston' | 'sba' = 'croston',
): FittedForecast {
  const factor = variant === 'sba' ? 1 - alpha / 2 : 1;
  const first = firstDemand(y);
  if (first < 0) {
    return { method: variant, parameters: { alpha }, sse: 0, forecast: new Float64Array(horizon) };
  }
  let size = at(y, first);
  let interval = first + 1;
  let sinceLast = 0;
  let sse = 0;
  for (let t = first + 1; t < y.length; t++) {
    const value = at(y, t);
    const error = value - (factor * size) / interval;
    sse += error * error;
    sinceLast++;
    if (value > 0) {
      size += alpha * (value - size);
      interval += alpha * (sinceLast - interval);
      sinceLast = 0;
    }
  }
  return {
    method: variant,
    parameters: { alpha },
    sse,
    forecast: new Float64Array(horizon).fill((factor * size) / interval),
  };
}

/** Teunter-Syntetos-Babai: see the module comment. */
export function tsb(
  y: ArrayLike<number>,
  alpha: number,
  beta: number,
  horizon: number,
): FittedForecast {
  const first = firstDemand(y);
  if (first < 0) {
    return {
      method: 'tsb',
      parameters: { alpha, beta },
      sse: 0,
      forecast: new Float64Array(horizon),
    };
  }
  let size = at(y, first);
  let probability = 1 / (first + 1);
  let sse = 0;
  for (let t = first + 1; t < y.length; t++) {
    const value = at(y, t);
    const error = value - probability * size;
    sse += error * error;
    if (value > 0) {
      probability += beta * (1 - probability);
      size += alpha * (value - size);
    } else {
      probability -= beta * probability;
    }
  }
  return {
    method: 'tsb',
    parameters: { alpha, beta },
    sse,
    forecast: new Float64Array(horizon).fill(probability * size),
  };
}

// ------------------------------------------------------------------------- fitting and choice

function best(fits: readonly (FittedForecast | null)[]): FittedForecast | null {
  let chosen: FittedForecast | null = null;
  for (const fit of fits)
    if (fit !== null && (chosen === null || fit.sse < chosen.sse)) chosen = fit;
  return chosen;
}

function nonZeroDays(y: ArrayLike<number>): number {
  let count = 0;
  for (let t = 0; t < y.length; t++) if (at(y, t) > 0) count++;
  return count;
}

/** The method fitted on y with its parameters from the grid; null when y is too short for it. */
export function fitMethod(
  method: ForecastMethod,
  y: ArrayLike<number>,
  horizon: number,
): FittedForecast | null {
  switch (method) {
    case 'ses':
      return y.length === 0
        ? null
        : best(SES_ALPHAS.map((alpha) => simpleExponentialSmoothing(y, alpha, horizon)));
    case 'croston':
    case 'sba':
      return nonZeroDays(y) < 2
        ? null
        : best(INTERMITTENT_ALPHAS.map((alpha) => croston(y, alpha, horizon, method)));
    case 'tsb':
      return nonZeroDays(y) < 2
        ? null
        : best(
            INTERMITTENT_ALPHAS.flatMap((alpha) =>
              TSB_BETAS.map((beta) => tsb(y, alpha, beta, horizon)),
            ),
          );
    case 'holt-winters-weekly':
    case 'holt-winters-weekly-yearly': {
      const yearly = method === 'holt-winters-weekly-yearly';
      if (y.length < (yearly ? YEAR_CYCLE_DAYS : 0) + MIN_TRAINING_DAYS) return null;
      const profile = yearly ? yearlyProfile(y) : null;
      if (yearly && profile === null) return null;
      const fits: (FittedForecast | null)[] = [];
      for (const alpha of HW_ALPHAS) {
        for (const beta of HW_BETAS) {
          for (const gamma of HW_GAMMAS) {
            const parameters = { alpha, beta, gamma, phi: DAMPING };
            fits.push(
              yearly
                ? holtWintersWeeklyYearly(y, parameters, horizon, profile)
                : holtWintersWeekly(y, parameters, horizon),
            );
          }
        }
      }
      return best(fits);
    }
  }
}

export interface ForecastError {
  /** Mean absolute error over the held-out days, in units per day. */
  readonly mae: number;
  /** MASE against the seasonal naive forecast (lag 7); null when that never errs (flat demand). */
  readonly mase: number | null;
}

/**
 * MASE (Hyndman & Koehler 2006, https://robjhyndman.com/papers/mase.pdf): the mean absolute
 * error of `forecast` against `actual`, over the in-sample mean absolute error of the seasonal
 * naive forecast y[t - m] on `training` (m = 7; m = 1 when training has no more than 7 days).
 */
export function meanAbsoluteScaledError(
  actual: ArrayLike<number>,
  forecast: ArrayLike<number>,
  training: ArrayLike<number>,
  seasonalPeriod = WEEK_DAYS,
): ForecastError {
  let absolute = 0;
  for (let i = 0; i < actual.length; i++) absolute += Math.abs(at(actual, i) - at(forecast, i));
  const mae = actual.length === 0 ? 0 : absolute / actual.length;
  const m = training.length > seasonalPeriod ? seasonalPeriod : 1;
  let naive = 0;
  for (let t = m; t < training.length; t++) {
    naive += Math.abs(at(training, t) - at(training, t - m));
  }
  const scale = training.length > m ? naive / (training.length - m) : 0;
  return { mae, mase: scale > 0 ? mae / scale : null };
}

export interface CandidateResult {
  readonly method: ForecastMethod;
  readonly parameters: ForecastParameters;
  readonly mae: number;
  readonly mase: number | null;
}

export interface DemandForecast {
  readonly method: ForecastMethod;
  readonly parameters: ForecastParameters;
  /** The winner's error on the held-out days; null when the history was too short to hold out. */
  readonly heldOut: (ForecastError & { readonly days: number }) | null;
  /** Every method that could be fitted, with its held-out error. */
  readonly candidates: readonly CandidateResult[];
  /** Daily demand for the `horizon` days after the last day of the history. */
  readonly forecast: Float64Array;
}

/**
 * Forecasts daily demand `horizon` days ahead, choosing the method by MASE on the last 56 days
 * held out (see the module comment). With fewer than 56 + 28 days there is nothing to hold out:
 * simple exponential smoothing on all days, with no error reported.
 */
export function forecastDemand(
  history: ArrayLike<number>,
  horizon: number,
  options: { readonly heldOutDays?: number } = {},
): DemandForecast {
  const heldOutDays = options.heldOutDays ?? HELD_OUT_DAYS;
  const n = history.length;
  const values = Float64Array.from({ length: n }, (_, i) => at(history, i));
  if (n < heldOutDays + MIN_TRAINING_DAYS) {
    const fit = fitMethod('ses', values, horizon);
    return {
      method: 'ses',
      parameters: fit?.parameters ?? { alpha: 0 },
      heldOut: null,
      candidates: [],
      forecast: fit?.forecast ?? new Float64Array(horizon),
    };
  }
  const training = values.subarray(0, n - heldOutDays);
  const actual = values.subarray(n - heldOutDays);
  const candidates: CandidateResult[] = [];
  for (const method of FORECAST_METHODS) {
    const fit = fitMethod(method, training, heldOutDays);
    if (fit === null) continue;
    const error = meanAbsoluteScaledError(actual, fit.forecast, training);
    candidates.push({ method, parameters: fit.parameters, ...error });
  }
  let winner: CandidateResult | undefined;
  for (const candidate of candidates) {
    // Selecting by MASE equals selecting by MAE: the scale is the same for every candidate.
    if (winner === undefined || candidate.mae < winner.mae) winner = candidate;
  }
  const method = winner?.method ?? 'ses';
  const final = fitMethod(method, values, horizon) ?? fitMethod('ses', values, horizon);
  return {
    method: final?.method ?? 'ses',
    parameters: final?.parameters ?? { alpha: 0 },
    heldOut:
      winner === undefined ? null : { days: heldOutDays, mae: winner.mae, mase: winner.mase },
    candidates,
    forecast: final?.forecast ?? new Float64Array(horizon),
  };
}
