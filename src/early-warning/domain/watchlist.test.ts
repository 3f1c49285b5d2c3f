import { describe, expect, it } from 'vitest';
import earlyWarningJson from '../../../config/early-warning.json' with { type: 'json' };
import { averageDemand, nationalStock, projectStockOut, type MarketSeriesLike } from './market.ts';
import { computeWatchlist, rollUpBySubstance, type WatchlistConfig } from './watchlist.ts';

const config = earlyWarningJson as unknown as WatchlistConfig;

/** Two packs, two holders, 100 days; stock reported weekly (day % 7 === 0), demand daily. */
function market(
  stockOf: (pack: number, holder: number, day: number) => number,
  demandOf: (pack: number, day: number) => number,
): MarketSeriesLike {
  const packs = 2;
  const holders = 2;
  const days = 100;
  const stock = new Float32Array(holders * packs * days).fill(Number.NaN);
  const demand = new Float32Array(packs * days);
  for (let pack = 0; pack < packs; pack++) {
    for (let day = 0; day < days; day++) {
      demand[pack * days + day] = demandOf(pack, day);
      for (let holder = 0; holder < holders; holder++) {
        if (day % 7 === 0) stock[(holder * packs + pack) * days + day] = stockOf(pack, holder, day);
      }
    }
  }
  return {
    startDate: '2026-01-01',
    days,
    packIds: Int32Array.from([101, 102]),
    holderIds: Int32Array.from([1, 2]),
    stock,
    demand,
    incoming: new Float32Array(packs * days),
  };
}

describe('market scans', () => {
  const series = market(
    (pack, holder) => (pack === 0 ? 70 : 700) * (holder + 1),
    () => 10,
  );

  it('adds each holder’s latest weekly report to the national stock', () => {
    // day 10: both holders' last report is day 7: 70 + 140 = 210 for pack 0
    expect(nationalStock(series, 0, 10)).toBe(210);
  });

  it('averages demand over the window and projects the stock-out day', () => {
    expect(averageDemand(series, 0, 55, 56)).toBe(10);
    // 210 units at 10 a day from day 10: the last 10 go on day 31, so day 32 is the first day
    // whose demand is not served (the stock-out day of src/stock and the site-failure scenario).
    expect(projectStockOut(series, 0, 10, 210, 10, 120)).toBe(32);
    expect(projectStockOut(series, 1, 10, 2100, 10, 120)).toBeNull();
  });
});

describe('unknown stock', () => {
  it('is NaN, not 0: no holder reported, so no cover is known', () => {
    const series = market(
      (pack, holder, day) => (pack === 0 && day < 20 ? 70 : Number.NaN),
      () => 10,
    );
    // Pack 101's last reports are on day 14: they count up to day 21, not on day 22.
    expect(nationalStock(series, 0, 21)).toBe(140);
    expect(nationalStock(series, 0, 22)).toBeNaN();
    expect(nationalStock(series, 1, 22)).toBeNaN();
    expect(projectStockOut(series, 1, 22, Number.NaN, 10, 120)).toBeNull();
    const entries = computeWatchlist(
      series,
      [{ packId: 102, atc: 'N02BE01', mahId: 2, substanceHhi: null, siteIds: [] }],
      { notifications: new Map(), shortAbroad: new Map(), failedSites: new Set() },
      70,
      config,
    );
    // Listed with its demand, but without a cover alarm nobody reported.
    expect(entries[0]?.coverWeeks).toBeNaN();
    expect(entries[0]?.reasons).toEqual([]);
    expect(entries[0]?.expectedShortageStart).toBeNull();
  });
});

describe('computeWatchlist', () => {
  it('ranks the pack about to run out first and says why', () => {
    // Pack 101: 210 units at 10 a day = 3 weeks of cover; pack 102: 30 weeks.
    const series = market(
      (pack, holder) => (pack === 0 ? 70 : 700) * (holder + 1),
      () => 10,
    );
    const entries = computeWatchlist(
      series,
      [
        { packId: 101, atc: 'J01CA04', mahId: 1, substanceHhi: 10_000, siteIds: [7] },
        { packId: 102, atc: 'N02BE01', mahId: 2, substanceHhi: null, siteIds: [] },
      ],
      {
        notifications: new Map([[101, 'high']]),
        shortAbroad: new Map([['J01CA04', ['DE']]]),
        failedSites: new Set([7]),
      },
      70,
      config,
    );
    expect(entries.map((e) => e.packId)).toEqual([101, 102]);
    const first = entries[0];
    expect(first?.coverWeeks).toBe(3);
    // low cover: (8 - 3) / (8 - 2) = 0.833 x 35 = 29.2; notification high 15; abroad 5;
    // concentration 1 x 5; site failure 1 of 1 x 10 -> 64.2
    expect(first?.score).toBe(64.2);
    // Equal points keep the order of the factor list.
    expect(first?.reasons.map((r) => r.factor)).toEqual([
      'lowCover',
      'notification',
      'siteFailure',
      'shortAbroad',
      'concentration',
    ]);
    // 210 units last days 71-91; day 92 is the first day short
    expect(first?.expectedShortageStart).toBe('2026-04-03');
    expect(entries[1]?.score).toBe(0);
    // The figures behind each sentence, for the Dutch wording of the web app.
    const details = Object.fromEntries(first?.reasons.map((r) => [r.factor, r.details]) ?? []);
    expect(details).toEqual({
      lowCover: { coverWeeks: 3 },
      notification: { riskClass: 'high' },
      siteFailure: { stoppedSites: 1, sites: 1, stoppedSiteIds: [7] },
      shortAbroad: { countries: ['DE'] },
      concentration: { hhi: 10_000 },
    });
    expect(first?.reasons.find((r) => r.factor === 'shortAbroad')?.text).toBe(
      'the substance is reported short abroad (DE)',
    );
  });

  it('uses only what is known on the as-of day', () => {
    // Stock drops to zero from day 80: the watchlist of day 70 does not see it.
    const series = market(
      (pack, holder, day) => (day >= 80 ? 0 : 700 * (holder + 1)),
      () => 10,
    );
    const context = [{ packId: 101, atc: 'J01CA04', mahId: 1, substanceHhi: null, siteIds: [] }];
    const signals = {
      notifications: new Map(),
      shortAbroad: new Map<string, string[]>(),
      failedSites: new Set<number>(),
    };
    expect(computeWatchlist(series, context, signals, 70, config)[0]?.score).toBe(0);
    expect(computeWatchlist(series, context, signals, 84, config)[0]?.reasons[0]?.factor).toBe(
      'lowCover',
    );
  });

  it('rolls packs up to their substance', () => {
    const rolled = rollUpBySubstance(
      [
        {
          packId: 1,
          atc: 'J01CA04',
          score: 50,
          coverWeeks: 1,
          shortNow: false,
          expectedShortageStart: '2026-02-01',
          confidence: 0.5,
          reasons: [],
        },
        {
          packId: 2,
          atc: 'J01CA04',
          score: 10,
          coverWeeks: 9,
          shortNow: false,
          expectedShortageStart: null,
          confidence: 0.2,
          reasons: [],
        },
      ],
      30,
    );
    expect(rolled).toEqual([
      {
        atc: 'J01CA04',
        score: 50,
        packs: 2,
        packsOnList: 1,
        expectedShortageStart: '2026-02-01',
        topReasons: [],
      },
    ]);
  });
});

describe('a shortage that has begun', () => {
  it('is marked short now, starting on the as-of day, apart from one that is coming', () => {
    // Pack 101: both holders report 0 from day 42; pack 102: 7 days of demand left on day 49.
    const series = market(
      (pack, _holder, day) => (pack === 0 ? (day >= 42 ? 0 : 700) : day >= 42 ? 35 : 700),
      () => 10,
    );
    const contexts = [101, 102].map((packId) => ({
      packId,
      atc: 'N02BE01',
      mahId: packId,
      substanceHhi: null,
      siteIds: [],
    }));
    const entries = computeWatchlist(
      series,
      contexts,
      { notifications: new Map(), shortAbroad: new Map(), failedSites: new Set() },
      49,
      config,
    );
    const now = entries.find((entry) => entry.packId === 101);
    const coming = entries.find((entry) => entry.packId === 102);
    expect(now).toMatchObject({
      shortNow: true,
      coverWeeks: 0,
      expectedShortageStart: '2026-02-19',
    });
    expect(now?.reasons[0]?.text).toBe('national cover 0 weeks');
    // 70 units at 10 a day: the last go on day 56, so day 57 is the first day short.
    expect(coming).toMatchObject({ shortNow: false, expectedShortageStart: '2026-02-27' });
    expect(coming?.reasons[0]?.text).toBe('national cover 1 week');
  });
});
