import { describe, expect, it } from 'vitest';
import { evaluateSignal, followOnRate, type SubstanceReport } from './competitor-follow-on.ts';
import { absorptionCurve, checkIronStock } from './stock-policy.ts';

describe('stock-obligation policy', () => {
  // Durations in days: 10 (1.4 weeks), 14 (2), 20, 60, 100, 200.
  const durations = [200, 10, 14, 20, 60, 100];

  it('counts a shortage as absorbed when it lasts at most N weeks', () => {
    const curve = absorptionCurve(durations, 2, 4);
    expect(curve).toEqual([
      { weeks: 2, absorbed: 2, share: 2 / 6 }, // 10 and 14 days
      { weeks: 3, absorbed: 3, share: 3 / 6 }, // + 20 days
      { weeks: 4, absorbed: 3, share: 3 / 6 },
    ]);
  });

  it('puts the 5-month expectation next to the observed share', () => {
    // 152 days: 10, 14, 20, 60, 100 absorbed = 5 of 6; 85% of 6 = 5.1 -> the 6th (200 days)
    const check = checkIronStock(durations);
    expect(check.observedShare).toBeCloseTo(5 / 6, 10);
    expect(check.weeksNeededForExpectedShare).toBe(29); // ceil(200 / 7)
  });
});

describe('competitor follow-on', () => {
  const reports: SubstanceReport[] = [
    { atc: 'J01CA04', company: 'a', reportedOn: '2024-01-10' },
    { atc: 'J01CA04', company: 'b', reportedOn: '2024-02-20' }, // follows a within 90 days
    { atc: 'J01CA04', company: 'a', reportedOn: '2024-09-01' }, // followed by nobody
    { atc: 'N02BE01', company: 'c', reportedOn: '2024-03-01' },
    { atc: 'N02BE01', company: 'c', reportedOn: '2024-04-01' }, // same company: no follow-on
    { atc: 'N02BE01', company: 'd', reportedOn: '2025-06-01' }, // the last day of the data
  ];

  it('counts reports followed by another company within 90 days, leaving out those too late to see', () => {
    // Seen in full: reports up to 2025-03-03 (last day 2025-06-01 minus 90): the first five.
    expect(followOnRate(reports, 90)).toEqual({
      reports: 5,
      followed: 1,
      share: 0.2,
      windowDays: 90,
    });
  });

  it('measures the signal on (substance, company, month) cases', () => {
    // 1 March 2024: J01CA04 has past reporters a and b; N02BE01 has none before 1 March.
    // a: no report in (1 Mar, 30 May]; signal = b reported 20 Feb (within 30 days back) -> alert, not target.
    // b: no report; signal = a reported 10 Jan, 51 days back -> outside 30 days -> no alert.
    const metrics = evaluateSignal(reports, '2024-03-01', '2024-05-30', 30, 90);
    expect(metrics).toMatchObject({ cases: 2, positives: 0, alerts: 1, truePositives: 0 });
  });
});
