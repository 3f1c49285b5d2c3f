import { describe, expect, it } from 'vitest';
import {
  assessCompliance,
  parseObligationConfig,
  requiredWeeks,
  type ComplianceInput,
  type IndexedExemption,
} from './obligation.ts';
import { createMarketSeries } from './series.ts';

const NORMS = {
  mah: { weeks: 6, criticalListExtraWeeks: 0 },
  wholesaler: { weeks: 4, criticalListExtraWeeks: 2 },
};

describe('the norms', () => {
  it('lists every problem of a broken configuration', () => {
    const config = parseObligationConfig({
      norms: { mah: { weeks: -1 } },
      demandWindowDays: 3,
      exemptions: [{ holderId: 'x', reason: '', from: '2026-02-30' }],
    });
    expect(config.ok).toBe(false);
    if (config.ok) return;
    expect(config.error).toEqual([
      'norms.mah.weeks must be a number of 0 or more',
      'norms.wholesaler.weeks must be a number of 0 or more',
      'demandWindowDays must be a whole number from 7 to 730',
      'exemptions[0].holderId must be an organisation id',
      'exemptions[0].reason must say why',
      'exemptions[0].from must be a date YYYY-MM-DD',
    ]);
  });

  it('adds the critical-list weeks at wholesalers only', () => {
    expect(requiredWeeks(NORMS, 'mah', false)).toBe(6);
    expect(requiredWeeks(NORMS, 'mah', true)).toBe(6);
    expect(requiredWeeks(NORMS, 'wholesaler', false)).toBe(4);
    expect(requiredWeeks(NORMS, 'wholesaler', true)).toBe(6);
  });
});

/**
 * Ten days; one product with a 10-unit pack (index 0) and a 30-unit pack (index 1). Holder 0 is
 * its marketing-authorisation holder, holder 1 a wholesaler. Nationally 10 and 2 packs a day are
 * sold (160 units, 1,120 a week); the wholesaler delivers 5 and 1 a day (80 units, 560 a week).
 * The company reports 400 + 50 packs on day 5 (5,500 units) and 500 + 100 on day 9 (8,000);
 * the wholesaler 200 of the small pack on day 5 (2,000 units).
 */
function story(critical = false, exemptions: IndexedExemption[] = []): ComplianceInput {
  const series = createMarketSeries('2026-03-01', 10, Int32Array.of(11, 12), Int32Array.of(1, 2));
  const holderDemand = new Float32Array(2 * 2 * 10);
  for (let day = 0; day < 10; day++) {
    series.demand[day] = 10;
    series.demand[10 + day] = 2;
    holderDemand[(1 * 2 + 0) * 10 + day] = 5;
    holderDemand[(1 * 2 + 1) * 10 + day] = 1;
  }
  const at = (holder: number, pack: number, day: number) => (holder * 2 + pack) * 10 + day;
  series.stock[at(0, 0, 5)] = 400;
  series.stock[at(0, 1, 5)] = 50;
  series.stock[at(0, 0, 9)] = 500;
  series.stock[at(0, 1, 9)] = 100;
  series.stock[at(1, 0, 5)] = 200;
  return {
    series,
    holderDemand,
    holderKinds: ['mah', 'wholesaler'],
    productOfPack: Int32Array.of(0, 0),
    products: 1,
    mahOfProduct: Int32Array.of(0),
    criticalProduct: Uint8Array.of(critical ? 1 : 0),
    unitsPerPack: Float32Array.of(10, 30),
    exemptions,
  };
}

describe('compliance per holder and product', () => {
  it("weighs the company's stock against national demand, day by day", () => {
    const [company] = assessCompliance(story(), { norms: NORMS, fromDay: 5, toDay: 9 });
    expect(company?.requiredWeeks).toBe(6);
    // Days 5-8: 5,500 / 1,120 = 4.91 weeks (day 5's report carried forward); day 9: 8,000 / 1,120.
    expect(company?.days).toEqual({
      compliant: 1,
      'non-compliant': 4,
      'not-reported': 0,
      'no-demand': 0,
      exempt: 0,
    });
    expect(company?.minWeeksHeld).toBeCloseTo(5500 / 1120, 10);
    expect(company?.lastWeeksHeld).toBeCloseTo(8000 / 1120, 10);
    expect(company?.lastStatus).toBe('compliant');
    expect(company?.firstNonCompliantDay).toBe(5);
    expect(company?.lastNonCompliantDay).toBe(8);
    // 6 weeks x 1,120 - 5,500.
    expect(company?.largestShortfallUnits).toBeCloseTo(1220, 6);
  });

  it("weighs a wholesaler's stock against what it delivered itself", () => {
    const results = assessCompliance(story(), { norms: NORMS, fromDay: 5, toDay: 9 });
    const wholesaler = results.find((r) => r.holder === 1);
    expect(wholesaler?.requiredWeeks).toBe(4);
    // 2,000 / 560 = 3.57 weeks on all five days.
    expect(wholesaler?.days['non-compliant']).toBe(5);
    expect(wholesaler?.minWeeksHeld).toBeCloseTo(2000 / 560, 10);
    expect(wholesaler?.largestShortfallUnits).toBeCloseTo(4 * 560 - 2000, 6);
  });

  it('asks two more weeks of a wholesaler for a critical medicine', () => {
    const results = assessCompliance(story(true), { norms: NORMS, fromDay: 5, toDay: 9 });
    expect(results.find((r) => r.holder === 1)?.requiredWeeks).toBe(6);
    expect(results.find((r) => r.holder === 0)?.requiredWeeks).toBe(6);
  });

  it('leaves exempt packs out, and a holder exempt for everything is exempt', () => {
    const onePack = assessCompliance(
      story(false, [{ holder: 1, pack: 0, fromDay: 7, toDay: 9, reason: 'recall' }]),
      { norms: NORMS, fromDay: 5, toDay: 9 },
    ).find((r) => r.holder === 1);
    // Days 7-9 only the 30-unit pack counts, which the wholesaler never reported.
    expect(onePack?.days['non-compliant']).toBe(2);
    expect(onePack?.days['not-reported']).toBe(3);
    const all = assessCompliance(
      story(false, [{ holder: 1, pack: -1, fromDay: 0, toDay: 99, reason: 'new entrant' }]),
      { norms: NORMS, fromDay: 5, toDay: 9 },
    ).find((r) => r.holder === 1);
    expect(all?.days.exempt).toBe(5);
  });

  it('counts days without a recent report as not reported, not as compliant', () => {
    const [company] = assessCompliance(story(), { norms: NORMS, fromDay: 0, toDay: 4 });
    expect(company?.days['not-reported']).toBe(5);
    expect(company?.minWeeksHeld).toBeNaN();
  });

  it('keeps weeks held and status per day for a holder view', () => {
    const [company] = assessCompliance(story(), {
      norms: NORMS,
      fromDay: 8,
      toDay: 9,
      holders: [0],
      includeDaily: true,
    });
    expect(company?.daily?.status).toEqual(['non-compliant', 'compliant']);
    expect(company?.daily?.weeksHeld[1]).toBeCloseTo(8000 / 1120, 5);
  });
});
