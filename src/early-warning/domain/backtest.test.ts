import { describe, expect, it } from 'vitest';
import { createRandom } from '../../kernel/random.ts';
import {
  evaluateRanking,
  notificationRanker,
  simulateNotifications,
  type TruthShortage,
} from './backtest.ts';

describe('evaluateRanking', () => {
  // Weekly as-of days 14, 21, 28, 35 (horizon 14 days, budget 2).
  const window = { firstDay: 14, lastDay: 35, stepDays: 7, budget: 2, horizonDays: 14 };
  const truth: TruthShortage[] = [
    { packId: 1, startDay: 30, endDay: 40 }, // alerted on day 21 (9 days ahead) and 28
    { packId: 2, startDay: 42, endDay: 50 }, // never alerted
  ];

  it('works out precision, recall and lead time by hand', () => {
    // Day 14: [1, 3] -> 1 starts at 30 > 14 + 14: wrong; 3: wrong.
    // Day 21: [1, 3] -> 1 starts within (21, 35]: right; 3 wrong.
    // Day 28: [1] -> right. Day 35: [1] is short on day 35: skipped; nothing else.
    const ranker = (day: number) => (day <= 21 ? [1, 3] : [1]);
    const metrics = evaluateRanking(ranker, truth, window);
    expect(metrics).toEqual({
      weeks: 4,
      alerts: 5,
      precision: 2 / 5,
      recall: 1 / 2,
      medianLeadDays: 9,
      shortages: 2,
      detected: 1,
    });
  });
});

describe('synthetic notifications', () => {
  const truth: TruthShortage[] = Array.from({ length: 200 }, (_, i) => ({
    packId: i,
    startDay: 100 + i,
    endDay: 130 + i,
  }));

  it('reports the configured shares, deterministically', () => {
    const behaviour = { reportShare: 0.8, lateShare: 0.5, falseAlarmRatio: 1 };
    const first = simulateNotifications(truth, [1, 2, 3], 400, behaviour, createRandom(7));
    const again = simulateNotifications(truth, [1, 2, 3], 400, behaviour, createRandom(7));
    expect(again).toEqual(first);
    const real = first.filter((n) => !n.precautionary);
    expect(real.length / truth.length).toBeGreaterThan(0.7);
    expect(real.length / truth.length).toBeLessThan(0.9);
    expect(first.filter((n) => n.precautionary)).toHaveLength(200);
    const ranker = notificationRanker(first);
    expect(ranker(0).length).toBeLessThan(ranker(150).length);
  });
});
