import { describe, expect, it } from 'vitest';
import triageJson from '../../../config/triage.json' with { type: 'json' };
import { diffReports } from './diff.ts';
import { assessLateness, subtractMonths, summariseLateByCompany } from './late-reporting.ts';
import { checkTransition } from './lifecycle.ts';
import { computeTriage, type TriageConfig, type TriageContext } from './triage.ts';
import type { NotificationReport } from './types.ts';
import { validateReport } from './validation.ts';

const report: NotificationReport = {
  companyReference: null,
  kind: 'shortage',
  packIds: [1],
  expectedStart: '2026-03-01',
  expectedEnd: '2026-04-26', // 8 weeks
  causeCategory: 'active_substance',
  causeText: 'API supplier in India stopped',
  stockWeeks: 2,
  marketSharePercent: 40,
  partialSupply: false,
  ownAlternatives: false,
  otherAlternatives: true,
  patientImpact: 'high',
  patientImpactText: '',
  mitigationText: '',
};

describe('validateReport', () => {
  it('accepts a complete report and drops repeated pack ids', () => {
    const result = validateReport({ ...report, packIds: [3, 1, 3] });
    expect(result.ok && result.report.packIds).toEqual([1, 3]);
  });

  it('lists every offending field at once with its pointer', () => {
    const result = validateReport({
      ...report,
      kind: 'rumour',
      expectedStart: '2026-02-30',
      stockWeeks: -1,
      packIds: [],
      colour: 'red',
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => e.pointer)).toEqual([
      '/kind',
      '/packIds',
      '/expectedStart',
      '/stockWeeks',
      '/colour',
    ]);
  });

  it('refuses an end before the start', () => {
    const result = validateReport({ ...report, expectedEnd: '2026-02-01' });
    expect(!result.ok && result.errors[0]?.detail).toBe(
      'expectedEnd must not be before expectedStart',
    );
  });
});

describe('lifecycle', () => {
  it('lets an analyst triage and confirm, and the company withdraw', () => {
    expect(checkTransition('submitted', 'triaged', 'analyst', false).ok).toBe(true);
    expect(checkTransition('triaged', 'confirmed_shortage', 'analyst', false).ok).toBe(true);
    expect(checkTransition('triaged', 'withdrawn', 'mah', true).ok).toBe(true);
  });

  it('refuses a company confirming its own shortage, another company withdrawing it, and jumps', () => {
    expect(checkTransition('triaged', 'confirmed_shortage', 'mah', true)).toEqual({
      ok: false,
      reason: 'your role may not move a notification to confirmed_shortage',
    });
    expect(checkTransition('triaged', 'withdrawn', 'mah', false).ok).toBe(false);
    expect(checkTransition('withdrawn', 'triaged', 'analyst', false).ok).toBe(false);
    expect(checkTransition('submitted', 'triaged', 'policy', false).ok).toBe(false);
  });
});

describe('diffReports', () => {
  it('names the fields an update changed, with before and after', () => {
    expect(diffReports(report, { ...report, stockWeeks: 1, expectedEnd: '2026-06-01' })).toEqual([
      { field: 'expectedEnd', before: '2026-04-26', after: '2026-06-01' },
      { field: 'stockWeeks', before: 2, after: 1 },
    ]);
  });
});

describe('late reporting', () => {
  const rule = { minimumNoticeMonths: 2 };

  it('subtracts calendar months, ending at the month’s last day when needed', () => {
    expect(subtractMonths('2026-03-01', 2)).toBe('2026-01-01');
    expect(subtractMonths('2026-04-30', 2)).toBe('2026-02-28');
    expect(subtractMonths('2026-01-15', 2)).toBe('2025-11-15');
  });

  it('counts days late from the deadline, and excepts unforeseeable causes', () => {
    // start 1 March: deadline 1 January; reported 11 January = 10 days late
    expect(assessLateness(rule, '2026-03-01', '2026-01-11', false)).toEqual({
      deadline: '2026-01-01',
      daysLate: 10,
      late: true,
      excepted: false,
    });
    expect(assessLateness(rule, '2026-03-01', '2025-12-20', false).late).toBe(false);
    expect(assessLateness(rule, '2026-03-01', '2026-01-11', true)).toMatchObject({
      late: false,
      excepted: true,
    });
  });

  it('summarises late notifications per company', () => {
    const rows = [
      { organisationId: 1, organisationName: 'A', late: true, daysLate: 10 },
      { organisationId: 1, organisationName: 'A', late: true, daysLate: 30 },
      { organisationId: 1, organisationName: 'A', late: false, daysLate: 0 },
      { organisationId: 2, organisationName: 'B', late: false, daysLate: 0 },
    ];
    expect(summariseLateByCompany(rows)[0]).toEqual({
      organisationId: 1,
      organisationName: 'A',
      notifications: 3,
      late: 2,
      shareLate: 2 / 3,
      medianDaysLate: 20,
      maxDaysLate: 30,
    });
  });
});

describe('computeTriage', () => {
  const config = triageJson as unknown as TriageConfig;
  const context: TriageContext = {
    onCriticalList: true,
    exactAlternatives: 1,
    alternativesAlsoShort: 1,
    hospitalRelevant: false,
    substanceHhi: 5_000,
    foreignShortages: 0,
  };

  it('adds the weighted factors worked out by hand', () => {
    const result = computeTriage(report, context, config);
    // critical 20; alternatives: 1 - 1 short = 0 usable -> 1 x 25; stock: (8 - 2) / 8 = 0.75 x 20
    // = 15; market share 0.4 x 10 = 4; hospital 0; concentration 0.5 x 10 = 5; abroad 0
    expect(result.score).toBe(69);
    expect(result.riskClass).toBe('high');
    expect(result.factors.map((f) => [f.key, f.points])).toEqual([
      ['alternatives', 25],
      ['criticalList', 20],
      ['stockCover', 15],
      ['concentration', 5],
      ['marketShare', 4],
      ['hospitalRelevance', 0],
      ['shortAbroad', 0],
    ]);
  });

  it('scores a precautionary report with ample stock and alternatives low', () => {
    const result = computeTriage(
      { ...report, stockWeeks: 20, marketSharePercent: 5, partialSupply: true },
      {
        ...context,
        onCriticalList: false,
        exactAlternatives: 4,
        alternativesAlsoShort: 0,
        substanceHhi: 1_000,
      },
      config,
    );
    expect(result.score).toBe(1.5); // 0.05 x 10 + 0.1 x 10
    expect(result.riskClass).toBe('low');
  });
});
