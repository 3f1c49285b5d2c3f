import { describe, expect, test } from 'vitest';
import { holderSummaries, twelveWeeksUpTo, weeklyStatusCounts } from './compliance-view-model.ts';
import type { ComplianceRow, HolderComplianceRow } from './stock-api.ts';

function row(overrides: Partial<ComplianceRow>): ComplianceRow {
  return {
    holderId: 1,
    holderName: 'Groothandel Midden B.V.',
    holderKind: 'wholesaler',
    productId: 10,
    productName: 'Amoxicilline 500 mg',
    registrationNumber: 'RVG 10',
    atc: 'J01CA04',
    onCriticalList: true,
    requiredWeeks: 6,
    daysCompliant: 0,
    daysNonCompliant: 0,
    daysNotReported: 0,
    daysNoDemand: 0,
    daysExempt: 0,
    minWeeksHeld: null,
    lastStatus: 'compliant',
    lastWeeksHeld: null,
    firstNonCompliantDate: null,
    lastNonCompliantDate: null,
    largestShortfallUnits: 0,
    exemptions: [],
    ...overrides,
  };
}

describe('weeklyStatusCounts', () => {
  test('counts products per week by status, oldest week first', () => {
    const items: HolderComplianceRow[] = [
      {
        ...row({ productId: 10 }),
        weekly: [
          { date: '2026-03-14', weeksHeld: 3, status: 'non-compliant' },
          { date: '2026-03-07', weeksHeld: 7, status: 'compliant' },
        ],
      },
      {
        ...row({ productId: 11 }),
        weekly: [
          { date: '2026-03-07', weeksHeld: null, status: 'not-reported' },
          { date: '2026-03-14', weeksHeld: null, status: 'exempt' },
        ],
      },
    ];
    expect(weeklyStatusCounts(items)).toEqual([
      { date: '2026-03-07', compliant: 1, nonCompliant: 0, notReported: 1, other: 0, products: 2 },
      { date: '2026-03-14', compliant: 0, nonCompliant: 1, notReported: 0, other: 1, products: 2 },
    ]);
  });
});

describe('holderSummaries', () => {
  test('sums product-days per holder, most days below the norm first', () => {
    const summaries = holderSummaries([
      row({ holderId: 1, productId: 10, daysNonCompliant: 3, largestShortfallUnits: 200 }),
      row({
        holderId: 1,
        productId: 11,
        daysNonCompliant: 4,
        daysNotReported: 2,
        largestShortfallUnits: 500,
      }),
      row({
        holderId: 2,
        holderName: 'Pharmacia Nederland B.V.',
        holderKind: 'mah',
        daysNonCompliant: 10,
      }),
      row({ holderId: 3, holderName: 'Stil B.V.', daysNotReported: 5 }),
    ]);
    expect(summaries.map((s) => [s.holderId, s.productDaysBelowNorm])).toEqual([
      [2, 10],
      [1, 7],
      [3, 0],
    ]);
    expect(summaries[1]).toEqual({
      holderId: 1,
      holderName: 'Groothandel Midden B.V.',
      holderKind: 'wholesaler',
      products: 2,
      productsBelowNorm: 2,
      productsNotReported: 1,
      productDaysBelowNorm: 7,
      productDaysNotReported: 2,
      largestShortfallUnits: 500,
    });
    expect(summaries[2]).toMatchObject({ productsBelowNorm: 0, productsNotReported: 1 });
  });
});

describe('twelveWeeksUpTo', () => {
  test('spans 84 days ending today, as the API defaults', () => {
    expect(twelveWeeksUpTo('2026-11-23')).toEqual({ from: '2026-09-01', to: '2026-11-23' });
  });
});
