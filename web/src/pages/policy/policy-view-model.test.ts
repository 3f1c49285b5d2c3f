import { describe, expect, test } from 'vitest';
import type { PolicyAnalysis } from './policy-api.ts';
import { policyChartModel } from './policy-view-model.ts';

function analysis(weeksNeeded: number | null): PolicyAnalysis {
  return {
    source: 'test',
    shortages: 10,
    curve: [
      { weeks: 4, share: 0.4, absorbed: 4 },
      { weeks: 2, share: 0.2, absorbed: 2 },
      { weeks: 26, share: 0.7, absorbed: 7 },
    ],
    ironStock: {
      days: 152,
      expectedShare: 0.85,
      observedShare: 0.6,
      weeksNeededForExpectedShare: weeksNeeded,
    },
  };
}

describe('policyChartModel', () => {
  test('stretches the axis to the weeks the expected share needs', () => {
    const model = policyChartModel(analysis(41));
    // 41 weeks rounds up to 44; past 32 weeks the ticks step by 8.
    expect(model.maxWeeks).toBe(44);
    expect(model.weekTicks).toEqual([0, 8, 16, 24, 32, 40]);
    expect(model.expectedWeeks).toBeCloseTo(21.71, 2);
    expect(model.points.map((p) => p.weeks)).toEqual([2, 4, 26]);
  });

  test('keeps the tested range when the expected share is never reached', () => {
    const model = policyChartModel(analysis(null));
    expect(model.maxWeeks).toBe(28);
    expect(model.weekTicks).toEqual([0, 4, 8, 12, 16, 20, 24, 28]);
    expect(model.weeksNeeded).toBeNull();
  });
});
