import { describe, expect, it } from 'vitest';
import { mapDemandCsvRow, mapStockCsvRow } from './csv/reports-csv.ingest.ts';
import {
  calendarDate,
  operationOutcome,
  parseInventoryReport,
  type ParsedInventoryReport,
} from './fhir/inventory-report.ingest.ts';
import { parseDemandReportsJson, parseStockReportsJson } from './json/reports-json.ingest.ts';

describe('JSON reports', () => {
  it('takes one report or an array, and names each problem by its pointer', () => {
    expect(parseStockReportsJson({ packId: 3, reportDate: '2026-04-30', onHand: 5 })).toEqual({
      drafts: [
        {
          at: '',
          holderId: null,
          pack: { kind: 'id', id: 3 },
          reportDate: '2026-04-30',
          onHand: 5,
          incoming: [],
        },
      ],
      problems: [],
    });
    const { drafts, problems } = parseStockReportsJson([
      { gtin: '8710000000017', reportDate: '2026-04-30', onHand: 5 },
      { packId: 3, gtin: '8710000000017', reportDate: '30-04-2026', onHand: -1, colour: 'red' },
      { reportDate: '2026-04-30', onHand: 'many', incoming: [{ expectedDate: '2026-05-03' }] },
      'not a report',
    ]);
    expect(drafts.map((d) => d.pack)).toEqual([{ kind: 'gtin', gtin: '08710000000017' }]);
    expect(problems.map((p) => [p.pointer, p.detail])).toEqual([
      ['/1/colour', 'colour is not a field of this report'],
      ['/1/gtin', 'give packId or gtin, not both'],
      ['/1/reportDate', 'reportDate "30-04-2026" is not a date written YYYY-MM-DD'],
      ['/1/onHand', 'onHand -1 must be 0 or more'],
      ['/2/packId', 'packId or gtin is required'],
      ['/2/onHand', 'onHand "many" is not a number'],
      ['/2/incoming/0/quantity', 'incoming[0].quantity is required'],
      ['/3', 'item 3 must be a report object'],
    ]);
  });

  it('refuses a GTIN with a wrong check digit or sent as a number', () => {
    const { problems } = parseStockReportsJson([
      { gtin: '8710000000018', reportDate: '2026-04-30', onHand: 5 },
      { gtin: 8710000000017, reportDate: '2026-04-30', onHand: 5 },
    ]);
    expect(problems.map((p) => p.code)).toEqual(['MS_STOCK_UNKNOWN_PACK', 'MS_STOCK_UNKNOWN_PACK']);
  });

  it('refuses an empty array and anything but objects', () => {
    expect(parseStockReportsJson([]).problems[0]?.detail).toBe('the array holds no report');
    expect(parseStockReportsJson('x').problems[0]?.detail).toBe(
      'the body must be one report object or an array of them',
    );
  });

  it('reads demand per day or week, optionally per region', () => {
    const { drafts, problems } = parseDemandReportsJson([
      { packId: 3, periodStart: '2026-04-20', periodDays: 7, region: ' NL-NH ', quantity: 70 },
      { packId: 3, periodStart: '2026-04-20', periodDays: 30, quantity: 1.5 },
    ]);
    expect(drafts).toEqual([
      {
        at: '/0',
        reporterId: null,
        pack: { kind: 'id', id: 3 },
        periodStart: '2026-04-20',
        periodDays: 7,
        region: 'NL-NH',
        quantity: 70,
      },
    ]);
    expect(problems.map((p) => [p.pointer, p.detail])).toEqual([
      ['/1/periodDays', 'periodDays 30 must be 1 (a day) or 7 (a week)'],
      ['/1/quantity', 'quantity 1.5 must be a whole number'],
    ]);
  });
});

describe('CSV rows', () => {
  it('maps a stock row with its deliveries', () => {
    expect(
      mapStockCsvRow(
        {
          holder_id: '',
          gtin: '8710000000017',
          report_date: '2026-04-30',
          on_hand: '120',
          incoming: '2026-05-10:500',
        },
        'upload.csv:2',
      ),
    ).toEqual({
      kind: 'draft',
      draft: {
        at: 'upload.csv:2',
        holderId: null,
        pack: { kind: 'gtin', gtin: '08710000000017' },
        reportDate: '2026-04-30',
        onHand: 120,
        incoming: [{ expectedDate: '2026-05-10', quantity: 500 }],
      },
    });
  });

  it('gives every reason a row is refused at once', () => {
    expect(
      mapStockCsvRow(
        { holder_id: 'abc', pack_id: '', report_date: '2026-13-01', on_hand: '-3' },
        'upload.csv:5',
      ),
    ).toEqual({
      kind: 'rejected',
      reasons: [
        'holder_id "abc" is not an organisation id',
        'gtin or pack_id is required',
        'report_date "2026-13-01" is not a date written YYYY-MM-DD',
        'on_hand "-3" must be 0 or more',
      ],
    });
  });

  it('maps a weekly demand row and defaults to a day', () => {
    const weekly = mapDemandCsvRow(
      { pack_id: '3', period_start: '2026-04-20', period_days: '7', region: '', quantity: '70' },
      'd.csv:2',
    );
    expect(weekly.kind === 'draft' ? weekly.draft.periodDays : 0).toBe(7);
    const daily = mapDemandCsvRow(
      { pack_id: '3', period_start: '2026-04-20', quantity: '7' },
      'd.csv:3',
    );
    expect(daily.kind === 'draft' ? daily.draft.periodDays : 0).toBe(1);
  });
});

const GTIN = 'https://www.gs1.org/gtin';

function inventoryReport(extra: Record<string, unknown> = {}) {
  return {
    resourceType: 'InventoryReport',
    status: 'active',
    countType: 'snapshot',
    reportedDateTime: '2026-04-30T23:30:00+02:00',
    inventoryListing: [
      {
        location: { identifier: { system: 'https://www.gs1.org/gln', value: '8712345000004' } },
        itemStatus: { coding: [{ code: 'available' }] },
        item: [
          {
            item: { concept: { coding: [{ system: GTIN, code: '08710000000017' }] } },
            quantity: { value: 120, code: '{pack}' },
          },
          {
            item: {
              reference: {
                identifier: { system: 'https://medsupply.eu/fhir/sid/pack-id', value: '4' },
              },
            },
            quantity: { value: 0 },
          },
        ],
      },
      {
        itemStatus: { coding: [{ code: 'quarantine' }] },
        item: [
          {
            item: { concept: { coding: [{ system: GTIN, code: '08710000000017' }] } },
            quantity: { value: 9 },
          },
        ],
      },
    ],
    ...extra,
  };
}

function parsed(resource: unknown): ParsedInventoryReport {
  const outcome = parseInventoryReport(resource);
  if (outcome.kind !== 'parsed') throw new Error('expected an InventoryReport');
  return outcome.report;
}

describe('FHIR InventoryReport', () => {
  it('reads snapshot counts per location and pack, on the date the sender wrote', () => {
    const report = parsed(inventoryReport());
    expect(report.problems).toEqual([]);
    expect(report.items).toEqual([
      {
        at: 'InventoryReport.inventoryListing[0].item[0]',
        holder: { kind: 'gln', gln: '8712345000004' },
        pack: { kind: 'gtin', gtin: '08710000000017' },
        reportDate: '2026-04-30',
        onHand: 120,
      },
      {
        at: 'InventoryReport.inventoryListing[0].item[1]',
        holder: { kind: 'gln', gln: '8712345000004' },
        pack: { kind: 'id', id: 4 },
        reportDate: '2026-04-30',
        onHand: 0,
      },
    ]);
    expect(report.notes).toEqual([
      'InventoryReport.inventoryListing[1] left out: itemStatus quarantine is not stock available for supply',
    ]);
  });

  it('names the resource type it got instead', () => {
    expect(parseInventoryReport({ resourceType: 'Patient' })).toEqual({
      kind: 'wrong-resource',
      resourceType: 'Patient',
    });
    expect(parseInventoryReport([])).toEqual({ kind: 'wrong-resource', resourceType: '(none)' });
  });

  it('refuses difference counts, inactive reports, and items without pack or quantity', () => {
    const report = parsed(
      inventoryReport({
        status: 'entered-in-error',
        countType: 'difference',
        inventoryListing: [
          {
            item: [
              { item: { concept: { text: 'amoxicillin' } }, quantity: { value: 3 } },
              {
                item: { concept: { coding: [{ system: GTIN, code: '08710000000017' }] } },
                quantity: { value: -2 },
              },
              {
                item: { concept: { coding: [{ system: GTIN, code: '08710000000017' }] } },
                quantity: { value: 2, code: 'mg' },
              },
            ],
          },
        ],
      }),
    );
    expect(report.problems.map((p) => [p.pointer, p.detail])).toEqual([
      ['InventoryReport.status', 'status "entered-in-error": only an active report is loaded'],
      [
        'InventoryReport.countType',
        'countType difference is not supported: send snapshot counts of what is on hand',
      ],
      [
        'InventoryReport.inventoryListing[0].item[0].item',
        'item names no pack: give a coding or identifier with system https://www.gs1.org/gtin or https://medsupply.eu/fhir/sid/pack-id',
      ],
      [
        'InventoryReport.inventoryListing[0].item[1].quantity.value',
        'quantity.value -2 must be 0 or more',
      ],
      [
        'InventoryReport.inventoryListing[0].item[2].quantity.code',
        'quantity.code "mg": stock is counted in packs ({pack})',
      ],
    ]);
  });

  it('wants a date, or a dateTime with a time zone', () => {
    expect(calendarDate('2026-04-30')).toBe('2026-04-30');
    expect(calendarDate('2026-04-30T23:30:00+02:00')).toBe('2026-04-30');
    expect(calendarDate('2026-04-30T23:30:00')).toBeUndefined();
    expect(calendarDate('2026-04')).toBeUndefined();
  });

  it('answers problems as an OperationOutcome with our code and the path', () => {
    expect(
      operationOutcome([
        { pointer: 'InventoryReport.countType', code: 'MS_STOCK_FHIR_INVALID', detail: 'x' },
      ]),
    ).toEqual({
      resourceType: 'OperationOutcome',
      issue: [
        {
          severity: 'error',
          code: 'invalid',
          details: {
            coding: [{ system: 'https://medsupply.eu/problems', code: 'MS_STOCK_FHIR_INVALID' }],
            text: 'x',
          },
          expression: ['InventoryReport.countType'],
        },
      ],
    });
  });
});
