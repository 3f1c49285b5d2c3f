import { describe, expect, it } from 'vitest';
import {
  croston,
  DAMPING,
  forecastDemand,
  holtWintersWeekly,
  meanAbsoluteScaledError,
  simpleExponentialSmoothing,
  tsb,
  yearlyIndexAt,
  yearlyProfile,
} from './forecast.ts';

describe('simple exponential smoothing', () => {
  it('follows the level step by step (worked by hand)', () => {
    // Level starts at the mean 10; errors 0, 2, -3, 0.5 move it to 10, 11, 9.5, 9.75.
    const fit = simpleExponentialSmoothing([10, 12, 8, 10], 0.5, 2);
    expect(Array.from(fit.forecast)).toEqual([9.75, 9.75]);
    expect(fit.sse).toBe(0 + 4 + 9 + 0.25);
  });
});

describe('Holt-Winters with a weekly season', () => {
  it('reproduces a clean weekly pattern exactly', () => {
    const week = [10, 10, 10, 10, 10, 20, 20];
    const y = [...week, ...week, ...week];
    const fit = holtWintersWeekly(y, { alpha: 0.3, beta: 0.05, gamma: 0.2, phi: DAMPING }, 7);
    expect(fit.sse).toBeCloseTo(0, 10);
    fit.forecast.forEach((value, i) => {
      expect(value).toBeCloseTo(week[i] ?? 0, 10);
    });
  });

  it('updates level and season after a surprise (worked by hand)', () => {
    // Two flat weeks of 10, then 17 on day 14 (weekday slot 0): forecast 10, error 7.
    // level = 0.5 x (17 - 0) + 0.5 x 10 = 13.5; season[0] = 0.5 x (17 - 13.5) = 1.75.
    const y = [...Array<number>(14).fill(10), 17];
    const fit = holtWintersWeekly(y, { alpha: 0.5, beta: 0, gamma: 0.5, phi: DAMPING }, 7);
    expect(fit.sse).toBeCloseTo(49, 10);
    expect(fit.forecast[0]).toBeCloseTo(13.5, 10); // day 15, slot 1
    expect(fit.forecast[6]).toBeCloseTo(15.25, 10); // day 21, slot 0
  });

  it('never forecasts negative demand', () => {
    const y = [...Array<number>(14).fill(10), ...Array<number>(14).fill(0)];
    const fit = holtWintersWeekly(y, { alpha: 0.5, beta: 0.05, gamma: 0.1, phi: DAMPING }, 30);
    expect(Math.min(...fit.forecast)).toBeGreaterThanOrEqual(0);
  });
});

describe('yearly index', () => {
  it('is each 28-day period over the mean of its 364-day cycle', () => {
    // Period k holds k + 1 every day: cycle mean 7, index (k + 1) / 7.
    const y = Array.from({ length: 364 }, (_, t) => Math.floor(t / 28) + 1);
    const profile = yearlyProfile(y);
    expect(profile).not.toBeNull();
    expect(profile?.[0]).toBeCloseTo(1 / 7, 10);
    expect(profile?.[12]).toBeCloseTo(13 / 7, 10);
  });

  it('interpolates between period midpoints, around the cycle', () => {
    const profile = Float64Array.from({ length: 13 }, (_, k) => (k + 1) / 7);
    // Day 27 lies 13.5 days after period 0's midpoint (13.5), 14.5 before period 1's (41.5).
    expect(yearlyIndexAt(profile, 27)).toBeCloseTo(((14.5 / 28) * 1 + (13.5 / 28) * 2) / 7, 10);
    // Day 0 lies between period 12 (midpoint -14.5) and period 0 (13.5).
    expect(yearlyIndexAt(profile, 0)).toBeCloseTo(((13.5 / 28) * 13 + (14.5 / 28) * 1) / 7, 10);
  });

  it('needs a year of history', () => {
    expect(yearlyProfile(Array<number>(300).fill(5))).toBeNull();
  });
});

describe('intermittent demand', () => {
  const y = [0, 0, 6, 0, 4, 0, 0, 0, 8];

  it('Croston: smoothed size over smoothed interval (worked by hand)', () => {
    // Start: size 6, interval 3 (day 3). Day 5 (4, 2 days later): size 5, interval 2.5.
    // Day 9 (8, 4 days later): size 6.5, interval 3.25: 2 a day.
    const fit = croston(y, 0.5, 3);
    expect(Array.from(fit.forecast)).toEqual([2, 2, 2]);
    // One-day-ahead errors: -2, 2, -2, -2, -2, 6.
    expect(fit.sse).toBe(56);
  });

  it('SBA takes off alpha / 2', () => {
    expect(croston(y, 0.5, 1, 'sba').forecast[0]).toBe(1.5);
  });

  it('TSB: probability of demand times its size, decaying on empty days (worked by hand)', () => {
    // p: 1/3, then x0.8 on empty days and +0.2(1-p) on demand days; size 6, 5, 6.5.
    // p ends at 17311/46875, so the forecast is 17311/46875 x 6.5.
    const fit = tsb(y, 0.5, 0.2, 1);
    expect(fit.forecast[0]).toBeCloseTo((17311 / 46875) * 6.5, 10);
    expect(fit.sse).toBeCloseTo(66.70358215111, 8);
  });

  it('forecasts nothing without any demand', () => {
    expect(Array.from(croston([0, 0, 0], 0.1, 2).forecast)).toEqual([0, 0]);
    expect(Array.from(tsb([0, 0, 0], 0.1, 0.1, 2).forecast)).toEqual([0, 0]);
  });
});

describe('MASE', () => {
  it('scales the error by the seasonal naive error in sample (worked by hand)', () => {
    // Naive (lag 7) errors on 1..9: |8-1| = |9-2| = 7. Errors 1 and 2: MAE 1.5.
    const error = meanAbsoluteScaledError([10, 10], [9, 12], [1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(error.mae).toBe(1.5);
    expect(error.mase).toBeCloseTo(1.5 / 7, 10);
  });

  it('falls back to lag 1 on a short history and says null when naive never errs', () => {
    expect(meanAbsoluteScaledError([3], [1], [1, 2, 4]).mase).toBeCloseTo(2 / 1.5, 10);
    expect(meanAbsoluteScaledError([3], [1], [5, 5, 5, 5, 5, 5, 5, 5]).mase).toBeNull();
  });
});

describe('choosing a method on the last 8 weeks held out', () => {
  it('picks weekly Holt-Winters for demand with a weekday pattern', () => {
    // 100 on weekdays, 40 at weekends, with a deterministic wobble of -5..5.
    const y = Array.from({ length: 140 }, (_, t) => (t % 7 >= 5 ? 40 : 100) + ((t * 37) % 11) - 5);
    const result = forecastDemand(y, 14);
    expect(result.method).toBe('holt-winters-weekly');
    expect(result.heldOut?.days).toBe(56);
    // Better than last week's same day, the naive forecast MASE is scaled by.
    expect(result.heldOut?.mase ?? 1).toBeLessThan(1);
    expect(result.forecast[0]).toBeGreaterThan(90); // day 140 is a weekday (slot 0)
    expect(result.forecast[5]).toBeLessThan(50); // day 145, the weekend
  });

  it('reports no MASE when the naive forecast never errs, and chooses by the error itself', () => {
    const y = Array.from({ length: 140 }, (_, t) => (t % 7 >= 5 ? 40 : 100));
    const result = forecastDemand(y, 7);
    expect(result.heldOut?.mase).toBeNull();
    expect(result.heldOut?.mae ?? 1).toBeLessThan(0.01);
  });

  it('uses the yearly index when demand has a yearly season', () => {
    const n = 2 * 364 + 120;
    const y = Array.from(
      { length: n },
      (_, t) => 100 * (1 + 0.6 * Math.sin((2 * Math.PI * t) / 364)) * (t % 7 >= 5 ? 0.5 : 1),
    );
    const result = forecastDemand(y, 28);
    const mase = (method: string) =>
      result.candidates.find((c) => c.method === method)?.mase ?? Number.POSITIVE_INFINITY;
    expect(mase('holt-winters-weekly-yearly')).toBeLessThan(mase('holt-winters-weekly'));
    expect(result.method).toBe('holt-winters-weekly-yearly');
  });

  it('offers Croston, SBA and TSB for intermittent demand and reports every candidate', () => {
    const y = Array.from({ length: 150 }, (_, t) => (t % 9 === 0 ? 9 : t % 13 === 0 ? 4 : 0));
    const result = forecastDemand(y, 7);
    const methods = result.candidates.map((c) => c.method);
    expect(methods).toEqual(
      expect.arrayContaining(['ses', 'croston', 'sba', 'tsb', 'holt-winters-weekly']),
    );
    const best = Math.min(...result.candidates.map((c) => c.mae));
    expect(result.candidates.find((c) => c.method === result.method)?.mae).toBe(best);
  });

  it('falls back to simple smoothing without enough history to hold out', () => {
    const result = forecastDemand([5, 6, 7, 5, 6], 3);
    expect(result.method).toBe('ses');
    expect(result.heldOut).toBeNull();
    expect(result.forecast).toHaveLength(3);
  });
});
