import { describe, expect, it } from 'vitest';
import { isActiveOn, isReportedBy, matchAtc, selectShortages } from './activity.ts';
import { analyseShortages, reportedAfterStart } from './analysis.ts';
import { collapseLetterSpacing, companyKey } from './company-names.ts';
import { daysBetween, parseFdaDate, parseGermanDate, parseIsoDate } from './dates.ts';
import {
  durationsInDays,
  quantile,
  shareLastingAtMost,
  shortageDurationDays,
  summarizeDurations,
} from './durations.ts';
import type { ForeignShortage } from './types.ts';

let nextId = 1;

function shortage(fields: Partial<ForeignShortage>): ForeignShortage {
  const id = nextId++;
  return {
    id,
    source: 'bfarm',
    shortageKey: `LE20260000${id}`,
    reportNumber: `LE20260001${id}`,
    kind: 'update',
    status: 'active',
    startDate: null,
    endDate: null,
    reportedOn: '2026-01-01',
    firstReportedOn: null,
    closedOn: null,
    productName: null,
    company: null,
    companyKey: null,
    reasonCategory: null,
    reason: null,
    hospitalRelevant: null,
    classification: null,
    dosageForm: null,
    substances: [],
    atcCodes: [],
    ...fields,
  };
}

const closed = (fields: Partial<ForeignShortage>) =>
  shortage({ kind: 'closing', status: 'closed', closedOn: fields.endDate ?? null, ...fields });

describe('dates', () => {
  it('reads BfArM, FDA and ISO dates and refuses impossible ones', () => {
    expect(parseGermanDate('29.02.2024')).toBe('2024-02-29');
    expect(parseGermanDate('29.02.2026')).toBeUndefined();
    expect(parseGermanDate('2026-02-01')).toBeUndefined();
    expect(parseFdaDate('06/25/2026')).toBe('2026-06-25');
    expect(parseFdaDate('20260625')).toBe('2026-06-25');
    expect(parseFdaDate('2026-06-25')).toBe('2026-06-25');
    expect(parseFdaDate('25/06/2026')).toBeUndefined();
    expect(parseIsoDate('2026-02-30')).toBeUndefined();
  });

  it('counts days across month ends and daylight-saving changes', () => {
    // February 2026 has 28 days: 1 Feb -> 1 Mar is 28 days, -> 3 Mar is 30.
    expect(daysBetween('2026-02-01', '2026-03-03')).toBe(30);
    // Central Europe moves the clock on 29 March 2026; a day is still a day.
    expect(daysBetween('2026-03-28', '2026-03-30')).toBe(2);
    expect(daysBetween('2026-03-30', '2026-03-28')).toBe(-2);
  });
});

describe('company names', () => {
  it('joins letter-spaced runs of three or more letters only', () => {
    expect(collapseLetterSpacing('H e x a l  Aktiengesellschaft')).toBe(
      'Hexal  Aktiengesellschaft',
    );
    expect(collapseLetterSpacing('1 A Pharma GmbH')).toBe('1 A Pharma GmbH');
    expect(companyKey('H e x a l  Aktiengesellschaft')).toBe(
      companyKey('Hexal Aktiengesellschaft'),
    );
  });
});

describe('durations', () => {
  it('computes quartiles by linear interpolation (type 7), worked by hand', () => {
    // [10, 20, 30, 40]: q1 at position 0.75 = 10 + 0.75 x 10; median at 1.5; q3 at 2.25.
    expect(summarizeDurations([40, 10, 30, 20])).toEqual({
      count: 4,
      min: 10,
      q1: 17.5,
      median: 25,
      q3: 32.5,
      max: 40,
      mean: 25,
    });
    expect(quantile([1, 2, 3, 4, 5], 0.25)).toBe(2);
    expect(quantile([7], 0.75)).toBe(7);
    expect(summarizeDurations([]).median).toBeNull();
  });

  it('measures a shortage from start to end, and not at all without both dates', () => {
    expect(shortageDurationDays(closed({ startDate: '2026-03-01', endDate: '2026-03-01' }))).toBe(
      0,
    );
    expect(shortageDurationDays(shortage({ startDate: '2026-03-01' }))).toBeNull();
    expect(
      shortageDurationDays(shortage({ startDate: '2026-03-02', endDate: '2026-03-01' })),
    ).toBeNull();
  });

  it('lists the closed durations ascending for the stock-absorption question', () => {
    const shortages = [
      closed({ startDate: '2026-01-01', endDate: '2026-02-10' }), // 40
      closed({ startDate: '2026-01-01', endDate: '2026-01-11' }), // 10
      closed({ startDate: '2026-01-01', endDate: '2026-01-29' }), // 28
      closed({ startDate: null, endDate: '2026-01-29' }),
      shortage({ startDate: '2026-01-01', endDate: '2026-04-01' }), // active: 90 expected
    ];
    const durations = durationsInDays(shortages);
    expect(durations).toEqual([10, 28, 40]);
    expect(durationsInDays(shortages, 'active')).toEqual([90]);
    // A stock of 4 weeks (28 days) absorbs the 10- and 28-day shortages: 2 of 3.
    expect(shareLastingAtMost(durations, 4 * 7)).toBeCloseTo(2 / 3, 10);
    expect(shareLastingAtMost(durations, 9)).toBe(0);
    expect(shareLastingAtMost([], 28)).toBeNull();
  });
});

describe('analysis of a register, worked by hand', () => {
  const s1 = closed({
    startDate: '2026-01-01',
    endDate: '2026-01-11', // 10 days
    firstReportedOn: '2025-12-01', // before the start
    company: 'Alpha GmbH',
    companyKey: 'alpha gmbh',
    reasonCategory: 'Produktionsproblem',
    reason: 'Probleme in der Herstellung',
    atcCodes: ['J01CA04'],
  });
  const s2 = closed({
    startDate: '2026-02-01',
    endDate: '2026-03-03', // 30 days
    firstReportedOn: '2026-02-10', // late
    company: 'Alpha GmbH',
    companyKey: 'alpha gmbh',
    reasonCategory: 'Sonstige',
    reason: 'Erhöhte Nachfrage',
    atcCodes: ['J01CA04', 'N02BE01'],
  });
  const s3 = closed({
    startDate: '2026-03-01',
    endDate: '2026-03-21', // 20 days
    firstReportedOn: '2026-03-01', // on the start day: on time
    company: 'Beta AG',
    companyKey: 'beta ag',
    reasonCategory: 'Sonstige',
    reason: 'Erhöhte Nachfrage',
    atcCodes: ['N02BE01'],
  });
  const s4 = closed({
    startDate: '2026-04-01',
    endDate: '2026-05-11', // 40 days
    company: 'Beta AG',
    companyKey: 'beta ag',
    atcCodes: [], // TERM_ID placeholder
  });
  const s5 = shortage({
    startDate: '2026-05-01',
    endDate: '2026-07-30', // 90 days expected
    firstReportedOn: '2026-06-01', // late
    company: 'Gamma',
    companyKey: 'gamma',
    reasonCategory: 'Sonstige',
    reason: 'Sonstige',
    atcCodes: ['B05BA'],
  });
  const s6 = shortage({
    startDate: '2026-06-01',
    firstReportedOn: '2026-05-01',
    reasonCategory: 'Sonstige',
    reason: 'Sonstige',
    atcCodes: ['J01CA04'],
  });
  const all = [s1, s2, s3, s4, s5, s6];

  it('says whether the first report came after the start', () => {
    expect([s1, s2, s3, s4, s5, s6].map(reportedAfterStart)).toEqual([
      false,
      true,
      false,
      null,
      true,
      false,
    ]);
  });

  it('computes the overall figures', () => {
    const { overall, groups, groupBy } = analyseShortages(all);
    expect(groupBy).toBeNull();
    expect(groups).toEqual([]);
    expect(overall.shortages).toBe(6);
    expect(overall.closed).toBe(4);
    expect(overall.active).toBe(2);
    expect(overall.closedDurationDays).toEqual({
      count: 4,
      min: 10,
      q1: 17.5,
      median: 25,
      q3: 32.5,
      max: 40,
      mean: 25,
    });
    // s6 has no expected end.
    expect(overall.openExpectedDurationDays.count).toBe(1);
    expect(overall.openExpectedDurationDays.median).toBe(90);
    // Known for s1, s2, s3, s5, s6; late s2 and s5.
    expect(overall.reportedLate).toEqual({ known: 5, late: 2, share: 0.4 });
    expect(overall.reasonCategories).toEqual([
      { value: 'Sonstige', count: 4, share: 4 / 6 },
      { value: 'Produktionsproblem', count: 1, share: 1 / 6 },
      { value: null, count: 1, share: 1 / 6 },
    ]);
    expect(overall.reasons.map((r) => [r.value, r.count])).toEqual([
      ['Erhöhte Nachfrage', 2],
      ['Sonstige', 2],
      ['Probleme in der Herstellung', 1],
      [null, 1],
    ]);
    expect(overall.endBeforeStart).toBe(0);
  });

  it('groups by company (normalised name), largest first, unnamed last', () => {
    const { groups } = analyseShortages(all, 'company');
    expect(groups.map((g) => [g.key, g.label, g.shortages])).toEqual([
      ['alpha gmbh', 'Alpha GmbH', 2],
      ['beta ag', 'Beta AG', 2],
      ['gamma', 'Gamma', 1],
      [null, 'company not stated', 1],
    ]);
    const [alpha, beta] = groups;
    // Alpha: 10 and 30 days; one of two reported late.
    expect(alpha?.closedDurationDays.median).toBe(20);
    expect(alpha?.closedDurationDays.q1).toBe(15);
    expect(alpha?.reportedLate).toEqual({ known: 2, late: 1, share: 0.5 });
    // Beta: 20 and 40 days; s4 has no first-report date.
    expect(beta?.closedDurationDays.median).toBe(30);
    expect(beta?.reportedLate).toEqual({ known: 1, late: 0, share: 0 });
  });

  it('groups by ATC chapter, counting a two-chapter shortage in both', () => {
    const { groups } = analyseShortages(all, 'chapter');
    expect(groups.map((g) => [g.key, g.label, g.shortages, g.closed])).toEqual([
      ['J', 'J Antiinfectives for systemic use', 3, 2],
      ['N', 'N Nervous system', 2, 2],
      ['B', 'B Blood and blood forming organs', 1, 0],
      [null, 'no ATC code', 1, 1],
    ]);
    // N: s2 (30 days) and s3 (20 days).
    expect(groups[1]?.closedDurationDays.median).toBe(25);
  });
});

describe('short abroad', () => {
  const march = shortage({ startDate: '2026-03-01', endDate: '2026-03-31' });

  it('is active from the start day to the end day inclusive', () => {
    expect(isActiveOn(march, '2026-02-28')).toBe(false);
    expect(isActiveOn(march, '2026-03-01')).toBe(true);
    expect(isActiveOn(march, '2026-03-31')).toBe(true);
    expect(isActiveOn(march, '2026-04-01')).toBe(false);
    expect(isActiveOn(shortage({ startDate: '2026-03-01' }), '2030-01-01')).toBe(true);
    expect(isActiveOn(shortage({}), '2026-03-01')).toBe(false);
  });

  it('is not active after a closing report dated before the day, even before the end', () => {
    const closedEarly = shortage({
      status: 'closed',
      kind: 'closing',
      startDate: '2026-03-01',
      endDate: '2026-03-31',
      closedOn: '2026-03-20',
    });
    expect(isActiveOn(closedEarly, '2026-03-20')).toBe(true);
    expect(isActiveOn(closedEarly, '2026-03-21')).toBe(false);
  });

  it('knows a shortage only once it was first reported', () => {
    const late = shortage({ startDate: '2026-03-01', firstReportedOn: '2026-03-10' });
    expect(isReportedBy(late, '2026-03-05')).toBe(false);
    expect(isReportedBy(late, '2026-03-10')).toBe(true);
  });

  it('matches a code exactly, codes under a higher-level code, and a known code under a level-4 link', () => {
    const links = ['J01CA', 'N02BE01'];
    const known = new Set(['J01CA04']);
    expect(matchAtc(links, 'N02BE01', known)).toEqual({ match: 'exact', via: 'N02BE01' });
    expect(matchAtc(links, 'N02', known)).toEqual({ match: 'exact', via: 'N02BE01' });
    expect(matchAtc(links, 'J01CA', known)).toEqual({ match: 'exact', via: 'J01CA' });
    expect(matchAtc(links, 'J01CA04', known)).toEqual({ match: 'group', via: 'J01CA' });
    // A code the registry does not know is not assumed to exist under the group.
    expect(matchAtc(links, 'J01CA99', known)).toBeUndefined();
    expect(matchAtc(links, 'N02BE02', known)).toBeUndefined();
  });

  it('selects by every criterion together', () => {
    const a = shortage({ startDate: '2026-03-01', atcCodes: ['J01CA04'] });
    const b = shortage({ startDate: '2026-05-01', atcCodes: ['J01CA04'], source: 'fda' });
    const c = closed({ startDate: '2026-01-01', endDate: '2026-02-01', atcCodes: ['J01CA'] });
    const known = new Set(['J01CA04']);
    const pick = (selection: Parameters<typeof selectShortages>[1]) =>
      selectShortages([a, b, c], selection, known).map((s) => [s.id, s.match]);
    expect(pick({ atc: 'J01CA04' })).toEqual([
      [a.id, 'exact'],
      [b.id, 'exact'],
      [c.id, 'group'],
    ]);
    expect(pick({ atc: 'J01CA04', activeOn: '2026-03-15' })).toEqual([[a.id, 'exact']]);
    expect(pick({ source: 'fda' })).toEqual([[b.id, null]]);
    expect(pick({ status: 'closed' })).toEqual([[c.id, null]]);
  });
});
