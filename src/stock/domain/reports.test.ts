import { describe, expect, it } from 'vitest';
import {
  parseIncomingText,
  parseQuantity,
  resolveDemandDrafts,
  resolveStockDrafts,
  type FieldNaming,
  type ReportContext,
  type StockReportDraft,
} from './reports.ts';

const NAMING: FieldNaming = {
  style: 'pointer',
  names: {
    holder: 'holderId',
    pack: 'packId',
    gtin: 'gtin',
    date: 'reportDate',
    quantity: 'onHand',
    incoming: 'incoming',
    periodDays: 'periodDays',
    region: 'region',
  },
};

/** A wholesaler (7) reporting on 2026-05-01 about pack 3, registered here on 2025-01-10. */
const context: ReportContext = {
  asOf: '2026-05-01',
  packs: new Map([
    ['id:3', { id: 3, existsFrom: '2025-01-10' }],
    ['gtin:08710000000017', { id: 3, existsFrom: '2025-01-10' }],
    ['id:4', { id: 4, existsFrom: null }],
  ]),
  holders: new Map([
    [7, 'wholesaler'],
    [8, 'mah'],
  ]),
  defaultHolder: 7,
  anyHolder: false,
};

const draft = (fields: Partial<StockReportDraft>): StockReportDraft => ({
  at: '/0',
  holderId: null,
  pack: { kind: 'id', id: 3 },
  reportDate: '2026-04-30',
  onHand: 10,
  incoming: [],
  ...fields,
});

describe('quantities', () => {
  it('accepts whole numbers of 0 or more, as numbers or digits', () => {
    expect(parseQuantity(0, 'onHand')).toEqual({ ok: true, value: 0 });
    expect(parseQuantity(' 12 ', 'on_hand')).toEqual({ ok: true, value: 12 });
  });

  it('refuses negative, fractional, non-numeric and missing quantities, naming the field', () => {
    const detail = (value: unknown) => {
      const result = parseQuantity(value, 'on_hand');
      return result.ok ? '' : result.detail;
    };
    expect(detail(-5)).toBe('on_hand -5 must be 0 or more');
    expect(detail('-5')).toBe('on_hand "-5" must be 0 or more');
    expect(detail('2.5')).toBe('on_hand "2.5" must be a whole number');
    expect(detail('twelve')).toBe('on_hand "twelve" is not a number');
    expect(detail('12abc')).toBe('on_hand "12abc" is not a number');
    expect(detail(true)).toBe('on_hand true is not a number');
    expect(detail('')).toBe('on_hand is required');
    expect(detail(3e9)).toBe('on_hand 3000000000 is too large');
  });

  it('reads incoming deliveries written date:quantity', () => {
    expect(parseIncomingText('2026-05-10:500; 2026-05-20 : 300', 'incoming')).toEqual({
      ok: true,
      value: [
        { expectedDate: '2026-05-10', quantity: 500 },
        { expectedDate: '2026-05-20', quantity: 300 },
      ],
    });
    const bad = parseIncomingText('2026-05-10=500', 'incoming');
    expect(bad.ok ? '' : bad.detail).toBe(
      'incoming "2026-05-10=500" must be written date:quantity (2026-05-10:500)',
    );
  });
});

describe('resolving stock reports', () => {
  it('fills in the reporting company as holder', () => {
    const { reports, problems } = resolveStockDrafts([draft({})], context, NAMING);
    expect(problems).toEqual([]);
    expect(reports).toEqual([
      { holderId: 7, packId: 3, reportDate: '2026-04-30', onHand: 10, incoming: [] },
    ]);
  });

  it('refuses a day after today and a day before the pack existed', () => {
    const { problems } = resolveStockDrafts(
      [
        draft({ at: '/0', reportDate: '2026-05-02' }),
        draft({ at: '/1', reportDate: '2025-01-09' }),
        draft({ at: '/2', pack: { kind: 'id', id: 4 }, reportDate: '1999-12-31' }),
      ],
      context,
      NAMING,
    );
    expect(problems.map((p) => [p.pointer, p.code, p.detail])).toEqual([
      [
        '/0/reportDate',
        'MS_STOCK_DATE_INVALID',
        'reportDate 2026-05-02 lies in the future (today is 2026-05-01)',
      ],
      [
        '/1/reportDate',
        'MS_STOCK_DATE_INVALID',
        'reportDate 2025-01-09 lies before pack 3 existed (2025-01-10)',
      ],
      ['/2/reportDate', 'MS_STOCK_DATE_INVALID', 'reportDate 1999-12-31 lies before 2000-01-01'],
    ]);
  });

  it('refuses unknown packs and holders, and another company as holder, in the same words', () => {
    const { problems } = resolveStockDrafts(
      [
        draft({ at: '/0', pack: { kind: 'gtin', gtin: '08710000000024' } }),
        draft({ at: '/1', holderId: 8 }),
        draft({ at: '/2', holderId: 999 }),
      ],
      context,
      NAMING,
    );
    expect(problems.map((p) => [p.pointer, p.code, p.detail])).toEqual([
      ['/0/gtin', 'MS_STOCK_UNKNOWN_PACK', 'gtin: GTIN 08710000000024 is not a known pack'],
      ['/1/holderId', 'MS_STOCK_UNKNOWN_HOLDER', 'holderId 8 is not your organisation'],
      ['/2/holderId', 'MS_STOCK_UNKNOWN_HOLDER', 'holderId 999 is not your organisation'],
    ]);
  });

  it('lets an admin report for any known holder, but never for an unknown one', () => {
    const admin = { ...context, anyHolder: true, defaultHolder: null };
    const { reports, problems } = resolveStockDrafts(
      [draft({ at: '/0', holderId: 8 }), draft({ at: '/1', holderId: 999 }), draft({ at: '/2' })],
      admin,
      NAMING,
    );
    expect(reports.map((r) => r.holderId)).toEqual([8]);
    expect(problems.map((p) => p.detail)).toEqual([
      'holderId 999 is not a known stock holder (a marketing-authorisation holder or wholesaler)',
      'holderId is required: say whose stock this is',
    ]);
  });

  it('reports a duplicate (holder, pack, day) instead of picking one, whichever way the pack is named', () => {
    const { reports, problems } = resolveStockDrafts(
      [
        draft({ at: 'upload.csv:2' }),
        draft({ at: 'upload.csv:3', pack: { kind: 'gtin', gtin: '08710000000017' }, onHand: 11 }),
      ],
      context,
      { ...NAMING, style: 'line' },
    );
    expect(reports).toHaveLength(1);
    expect(problems).toEqual([
      {
        at: 'upload.csv:3',
        pointer: 'upload.csv:3',
        code: 'MS_STOCK_DUPLICATE_ROW',
        detail: 'holder 7, GTIN 08710000000017 on 2026-04-30 is also at upload.csv:2',
      },
    ]);
  });

  it('wants deliveries after the report day, within two years, one per date', () => {
    const { problems } = resolveStockDrafts(
      [
        draft({
          incoming: [
            { expectedDate: '2026-04-30', quantity: 5 },
            { expectedDate: '2028-05-01', quantity: 5 },
            { expectedDate: '2026-05-10', quantity: 5 },
            { expectedDate: '2026-05-10', quantity: 6 },
          ],
        }),
      ],
      context,
      NAMING,
    );
    expect(problems.map((p) => p.detail)).toEqual([
      'incoming: a delivery expected on 2026-04-30 must lie after the report date 2026-04-30',
      'incoming: a delivery expected on 2028-05-01 lies more than two years after the report date',
      'incoming: two deliveries expected on 2026-05-10; give one quantity per date',
    ]);
  });
});

describe('resolving demand reports', () => {
  const demand = {
    at: '/0',
    reporterId: null,
    pack: { kind: 'id' as const, id: 3 },
    periodStart: '2026-04-20',
    periodDays: 7 as const,
    region: '',
    quantity: 70,
  };

  it('wants the whole period over by today', () => {
    const { reports, problems } = resolveDemandDrafts(
      [demand, { ...demand, at: '/1', periodStart: '2026-04-26' }],
      context,
      { ...NAMING, names: { ...NAMING.names, holder: 'reporterId', date: 'periodStart' } },
    );
    expect(reports).toHaveLength(1);
    expect(problems.map((p) => p.detail)).toEqual([
      'periodStart 2026-04-26: the week ends on 2026-05-02, after today (2026-05-01)',
    ]);
  });

  it('tells regions apart but refuses the same region twice', () => {
    const { reports, problems } = resolveDemandDrafts(
      [demand, { ...demand, at: '/1', region: 'NL-NH' }, { ...demand, at: '/2', region: 'NL-NH' }],
      context,
      NAMING,
    );
    expect(reports).toHaveLength(2);
    expect(problems.map((p) => p.code)).toEqual(['MS_STOCK_DUPLICATE_ROW']);
  });
});
