import { describe, expect, it } from 'vitest';
import { simulateMarket } from './market.ts';
import { marketDigest, summariseMarket } from './summary.ts';
import { TEST_REFERENCE } from './test-reference.ts';
import type { SimulatedMarket, SimulationConfig } from './types.ts';

const QUIET = {
  productionProblemsPerProductYear: 0,
  siteFailuresPerYear: 0,
  demandShocksPerSubstanceYear: 0,
};

function market(overrides: Partial<SimulationConfig> = {}): SimulatedMarket {
  return simulateMarket({
    seed: 7,
    reference: TEST_REFERENCE,
    packs: 160,
    holders: 6,
    days: 400,
    startDate: '2024-01-01',
    ...overrides,
  });
}

/** National stock at the end of each day, [pack * days + day], summed from the series itself. */
function nationalStock(m: SimulatedMarket): Float64Array {
  const { series } = m;
  const packs = series.packIds.length;
  const result = new Float64Array(packs * series.days);
  for (let holder = 0; holder < series.holderIds.length; holder++) {
    for (let pack = 0; pack < packs; pack++) {
      for (let day = 0; day < series.days; day++) {
        result[pack * series.days + day] =
          (result[pack * series.days + day] ?? 0) +
          (series.stock[(holder * packs + pack) * series.days + day] ?? 0);
      }
    }
  }
  return result;
}

const stormy = { productionProblemsPerProductYear: 1.5, siteFailuresPerYear: 3 };

describe('simulateMarket: determinism', () => {
  it('gives the identical market for the same seed and another one for another seed', () => {
    const first = marketDigest(market());
    expect(marketDigest(market())).toBe(first);
    expect(marketDigest(market({ seed: 8 }))).not.toBe(first);
  });

  it('leaves the other substances untouched when one substance gets an extra event', () => {
    const plain = market({ rates: QUIET });
    const shocked = market({
      rates: QUIET,
      plannedEvents: [
        { kind: 'demand_shock', atc: 'N02BE01', startDay: 100, days: 30, multiplier: 3 },
      ],
    });
    const { packs } = plain.catalogue;
    const days = plain.series.days;
    let changedElsewhere = 0;
    let changedParacetamol = 0;
    for (const pack of packs) {
      for (let day = 0; day < days; day++) {
        const a = plain.series.demand[pack.index * days + day];
        const b = shocked.series.demand[pack.index * days + day];
        if (a === b) continue;
        if (pack.atc === 'N02BE01') changedParacetamol++;
        else changedElsewhere++;
      }
    }
    expect(changedElsewhere).toBe(0);
    expect(changedParacetamol).toBeGreaterThan(0);
  });
});

describe('simulateMarket: catalogue', () => {
  it('builds 1 to 6 competing MAHs per substance from the real sites of the substance', () => {
    const m = market();
    const { catalogue } = m;
    expect(catalogue.packs.length).toBe(160);
    for (const substance of catalogue.substances) {
      const mahs = new Set(
        catalogue.products.filter((p) => p.atc === substance.atc).map((p) => p.mahId),
      );
      expect(mahs.size).toBeGreaterThanOrEqual(1);
      expect(mahs.size).toBeLessThanOrEqual(6);
    }
    const sitesByAtc = new Map(
      TEST_REFERENCE.substances.map((s) => [s.atc, new Set(s.sites.map((x) => x.siteId))]),
    );
    for (const product of catalogue.products) {
      expect(product.apiSiteIds.length).toBeGreaterThanOrEqual(1);
      for (const siteId of product.apiSiteIds) {
        expect(sitesByAtc.get(product.atc)?.has(siteId)).toBe(true);
      }
    }
    expect(new Set(catalogue.packs.map((p) => p.gtin)).size).toBe(160);
    expect(new Set(catalogue.packs.map((p) => p.nationalCode)).size).toBe(160);
    expect(new Set(catalogue.companies.map((c) => c.name)).size).toBe(catalogue.companies.length);
    expect(catalogue.wholesalers).toHaveLength(5);
    expect(m.series.holderIds[0]).toBe(0);
    expect([...m.series.holderIds.slice(1)]).toEqual(catalogue.wholesalers.map((w) => w.id));
  });

  it('gives every pack a GTIN with a valid GS1 check digit', () => {
    for (const pack of market().catalogue.packs) {
      const digits = pack.gtin.slice(0, -1);
      let sum = 0;
      for (let i = 0; i < digits.length; i++) {
        sum += Number(digits[digits.length - 1 - i]) * (i % 2 === 0 ? 3 : 1);
      }
      expect(Number(pack.gtin.slice(-1))).toBe((10 - (sum % 10)) % 10);
      expect(pack.gtin).toMatch(/^08790\d{9}$/);
    }
  });
});

describe('simulateMarket: invariants', () => {
  it('never has negative or fractional stock', () => {
    const { series } = market({ rates: stormy });
    const wrong = series.stock.filter((value) => !(value >= 0 && Number.isInteger(value)));
    expect(wrong).toHaveLength(0);
  });

  it('records a shortage exactly when national stock is 0 while there is demand', () => {
    const m = market({ rates: stormy });
    const national = nationalStock(m);
    const days = m.series.days;
    expect(m.shortages.length).toBeGreaterThan(5);
    const inShortage = new Uint8Array(national.length);
    for (const shortage of m.shortages) {
      const base = shortage.packIndex * days;
      let demandDays = 0;
      for (let day = shortage.startDay; day <= shortage.endDay; day++) {
        expect(national[base + day]).toBe(0);
        if ((m.series.demand[base + day] ?? 0) > 0) demandDays++;
        inShortage[base + day] = 1;
      }
      expect(demandDays).toBeGreaterThan(0);
      // Maximal: stock on the day before and after (or the edge of the series).
      if (shortage.startDay > 0) expect(national[base + shortage.startDay - 1]).toBeGreaterThan(0);
      if (shortage.endDay < days - 1) {
        expect(national[base + shortage.endDay + 1]).toBeGreaterThan(0);
      }
      expect(shortage.ongoing).toBe(shortage.endDay === days - 1);
    }
    let missed = 0;
    let shortDays = 0;
    for (let cell = 0; cell < national.length; cell++) {
      if (national[cell] === 0 && (m.series.demand[cell] ?? 0) > 0) {
        shortDays++;
        if (inShortage[cell] !== 1) missed++;
      }
    }
    expect(shortDays).toBeGreaterThan(0);
    expect(missed).toBe(0);
  });

  it('names as a shortage cause only events that hit the pack', () => {
    const m = market({ rates: stormy });
    const byId = new Map(m.events.map((e) => [e.id, e]));
    let caused = 0;
    for (const shortage of m.shortages) {
      if (shortage.causeEventId === null) continue;
      caused++;
      const event = byId.get(shortage.causeEventId);
      expect(event?.packIds).toContain(shortage.packId);
      expect(event?.startDay).toBeLessThanOrEqual(shortage.startDay);
    }
    expect(caused).toBeGreaterThan(0);
  });

  it('keeps the stock near the obligation: MAH 6 weeks, wholesalers 4 (+2 for critical ones)', () => {
    const m = market({ rates: { ...QUIET, cascadeShare: 0 }, days: 300 });
    const { series, catalogue } = m;
    const packs = series.packIds.length;
    const days = series.days;
    const compliant = new Set(
      catalogue.companies.filter((c) => c.targetWeeks >= 6).map((c) => c.id),
    );
    const mahCover: number[] = [];
    const wholesalerCover: number[] = [];
    for (const pack of catalogue.packs) {
      if (pack.intermittent || !compliant.has(pack.mahId)) continue;
      let demand = 0;
      let mah = 0;
      let wholesale = 0;
      for (let day = 100; day < days; day++) {
        demand += series.demand[pack.index * days + day] ?? 0;
        mah += series.stock[pack.index * days + day] ?? 0;
        for (let holder = 1; holder < series.holderIds.length; holder++) {
          wholesale += series.stock[(holder * packs + pack.index) * days + day] ?? 0;
        }
      }
      mahCover.push(mah / (demand * 7));
      // As a share of the wholesalers' norm: 4 weeks, 6 for a substance on the critical list.
      wholesalerCover.push(wholesale / (demand * 7) / (pack.critical ? 6 : 4));
    }
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1] ?? 0;
    expect(mahCover.length).toBeGreaterThan(20);
    expect(median(mahCover)).toBeGreaterThanOrEqual(6);
    expect(median(mahCover)).toBeLessThan(14);
    expect(median(wholesalerCover)).toBeGreaterThanOrEqual(1);
    expect(median(wholesalerCover)).toBeLessThan(1.5);
  });
});

describe('simulateMarket: events', () => {
  it('hits exactly the products whose active substance comes from a failed site', () => {
    const m = market({ rates: stormy });
    const failures = m.events.filter((e) => e.kind === 'site_failure');
    expect(failures.length).toBeGreaterThan(0);
    for (const failure of failures) {
      const dependent = m.catalogue.products.filter((p) => p.apiSiteIds.includes(failure.siteId));
      const packsOf = (products: typeof dependent) =>
        m.catalogue.packs
          .filter((k) => products.some((p) => p.id === k.productId))
          .map((k) => k.id)
          .sort((a, b) => a - b);
      expect([...failure.packIds].sort((a, b) => a - b)).toEqual(packsOf(dependent));
      expect([...failure.soleSourcePackIds].sort((a, b) => a - b)).toEqual(
        packsOf(dependent.filter((p) => p.apiSiteIds.length === 1)),
      );
    }
  });

  it('stops supply of sole-source products during a site failure and touches no other substance', () => {
    const base = market({ rates: QUIET });
    // Amoxicillin's plant 101 also makes amoxicillin/clavulanic acid.
    const siteId = 101;
    const dependent = base.catalogue.products.filter((p) => p.apiSiteIds.includes(siteId));
    const soleSource = dependent.filter((p) => p.apiSiteIds.length === 1);
    expect(soleSource.length).toBeGreaterThan(0);
    const failed = market({
      rates: QUIET,
      plannedEvents: [{ kind: 'site_failure', siteId, startDay: 60, days: 150 }],
    });
    const { series } = failed;
    const days = series.days;
    const hitAtc = new Set(dependent.map((p) => p.atc));
    let rises = 0;
    let changedOther = 0;
    let changedHit = 0;
    for (const pack of failed.catalogue.packs) {
      const mahRow = pack.index * days;
      if (soleSource.some((p) => p.id === pack.productId)) {
        // No batch arrives: the MAH's stock can only fall during the failure.
        for (let day = 61; day < 210; day++) {
          if ((series.stock[mahRow + day] ?? 0) > (series.stock[mahRow + day - 1] ?? 0)) rises++;
        }
      }
      for (let holder = 0; holder < series.holderIds.length; holder++) {
        const row = (holder * series.packIds.length + pack.index) * days;
        for (let day = 0; day < days; day++) {
          if (series.stock[row + day] === base.series.stock[row + day]) continue;
          if (hitAtc.has(pack.atc)) changedHit++;
          else changedOther++;
        }
      }
    }
    expect(rises).toBe(0);
    expect(changedOther).toBe(0);
    expect(changedHit).toBeGreaterThan(0);
    const event = failed.events.find((e) => e.kind === 'site_failure');
    expect(event?.startDay).toBe(60);
    expect(event?.endDay).toBe(209);
  });

  it('moves demand of a short pack to its competitors: their demand rises, nobody else’s', () => {
    const rates = { ...stormy, cascadeShare: 0.8 };
    const withCascades = market({ rates });
    const without = market({ rates: { ...rates, cascadeShare: 0 } });
    const cascades = withCascades.events.filter((e) => e.kind === 'competitor_cascade');
    expect(cascades.length).toBeGreaterThan(0);
    expect(without.events.some((e) => e.kind === 'competitor_cascade')).toBe(false);
    const days = withCascades.series.days;
    const covered = new Set<number>();
    for (const cascade of cascades) {
      let extra = 0;
      for (const packId of cascade.packIds) {
        const index = packId - 1;
        for (let day = cascade.startDay; day <= cascade.endDay; day++) {
          covered.add(index * days + day);
          extra +=
            (withCascades.series.demand[index * days + day] ?? 0) -
            (without.series.demand[index * days + day] ?? 0);
        }
      }
      if (cascade.unitsMoved >= cascade.packIds.length) expect(extra).toBeGreaterThan(0);
      expect(cascade.packIds).not.toContain(cascade.sourcePackId);
      const source = withCascades.catalogue.packs[cascade.sourcePackId - 1];
      for (const packId of cascade.packIds) {
        const receiver = withCascades.catalogue.packs[packId - 1];
        expect(receiver?.atc).toBe(source?.atc);
        expect(receiver?.mahId).not.toBe(source?.mahId);
      }
    }
    let lower = 0;
    let outside = 0;
    for (let cell = 0; cell < withCascades.series.demand.length; cell++) {
      const difference =
        (withCascades.series.demand[cell] ?? 0) - (without.series.demand[cell] ?? 0);
      if (difference < 0) lower++;
      if (difference > 0 && !covered.has(cell)) outside++;
    }
    expect(lower).toBe(0);
    expect(outside).toBe(0);
  });
});

describe('simulateMarket: demand', () => {
  it('peaks in winter for antibiotics (J01) and not for chronic medicines', () => {
    const m = market({ rates: { ...QUIET, cascadeShare: 0 }, days: 731, packs: 300 });
    const { series, catalogue } = m;
    const monthOf = (day: number) => new Date(Date.UTC(2024, 0, 1 + day)).getUTCMonth() + 1;
    const monthly = (prefix: string) => {
      const sums = new Array<number>(13).fill(0);
      const counts = new Array<number>(13).fill(0);
      for (let day = 0; day < series.days; day++) {
        let total = 0;
        for (const pack of catalogue.packs) {
          if (pack.atc.startsWith(prefix))
            total += series.demand[pack.index * series.days + day] ?? 0;
        }
        const month = monthOf(day);
        sums[month] = (sums[month] ?? 0) + total;
        counts[month] = (counts[month] ?? 0) + 1;
      }
      return sums.map((sum, month) => sum / Math.max(1, counts[month] ?? 1));
    };
    const season = (means: number[]) => {
      const winter = ((means[12] ?? 0) + (means[1] ?? 0) + (means[2] ?? 0)) / 3;
      const summer = ((means[6] ?? 0) + (means[7] ?? 0) + (means[8] ?? 0)) / 3;
      return winter / summer;
    };
    expect(season(monthly('J01'))).toBeGreaterThan(1.5);
    const chronic = season(monthly('C'));
    expect(chronic).toBeGreaterThan(0.85);
    expect(chronic).toBeLessThan(1.15);
  });

  it('gives rare packs intermittent demand: most days none', () => {
    const m = market({ rates: QUIET, packs: 300 });
    const rare = m.catalogue.packs.filter((p) => p.intermittent);
    expect(rare.length).toBeGreaterThan(0);
    for (const pack of rare) {
      let zeroDays = 0;
      for (let day = 0; day < m.series.days; day++) {
        if (m.series.demand[pack.index * m.series.days + day] === 0) zeroDays++;
      }
      expect(zeroDays / m.series.days).toBeGreaterThan(0.5);
    }
  });

  it('has fewer deliveries at weekends than on weekdays', () => {
    const m = market({ rates: QUIET });
    const byWeekday = new Array<number>(7).fill(0);
    for (let day = 0; day < m.series.days; day++) {
      let total = 0;
      for (let pack = 0; pack < m.series.packIds.length; pack++) {
        total += m.series.demand[pack * m.series.days + day] ?? 0;
      }
      // 2024-01-01 is a Monday.
      byWeekday[day % 7] = (byWeekday[day % 7] ?? 0) + total;
    }
    expect(byWeekday[6]).toBeLessThan((byWeekday[2] ?? 0) * 0.7);
  });
});

describe('summariseMarket', () => {
  it('counts events by kind and the share of critical packs hit', () => {
    const m = market({ rates: stormy });
    const summary = summariseMarket(m);
    const total = Object.values(summary.eventsByKind).reduce((a, b) => a + b, 0);
    expect(total).toBe(m.events.length);
    expect(Object.values(summary.shortagesByCause).reduce((a, b) => a + b, 0)).toBe(
      m.shortages.length,
    );
    const critical = m.catalogue.packs.filter((p) => p.critical);
    const hit = critical.filter((p) => m.shortages.some((s) => s.packId === p.id));
    expect(summary.criticalShareHit).toBeCloseTo(hit.length / critical.length, 10);
    expect(summary.stockCells).toBe(6 * 160 * 400);
  });
});
