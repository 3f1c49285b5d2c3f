import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
// The server's own validator, to prove the form applies the same rules: both sides are pure code.
import { validateReport } from '../../../src/notifications/domain/validation.ts';
import { CAUSE_CATEGORIES, NOTIFICATION_KINDS, PATIENT_IMPACTS } from '../api/types.ts';
import {
  EMPTY_REPORT,
  REPORT_LIMITS,
  fieldOfPointer,
  newIdempotencyKey,
  serverFieldErrors,
  toReport,
  translateServerDetail,
  validateReportForm,
  type ReportFormValues,
} from './notification-form-model.ts';

/** A form as a company fills it in correctly: a shortage of two packs from 1 March 2027. */
const valid: ReportFormValues = {
  ...EMPTY_REPORT,
  companyReference: 'PH-2027/004',
  kind: 'shortage',
  packIds: [1121, 1120],
  expectedStart: '2027-03-01',
  expectedEnd: '2027-05-31',
  causeCategory: 'production',
  causeText: '  Line maintenance takes longer.  ',
  stockWeeks: '2,5',
  marketSharePercent: '15',
  partialSupply: true,
  ownAlternatives: false,
  otherAlternatives: true,
  patientImpact: 'medium',
};

interface OpenApiProperty {
  readonly maxLength?: number;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly maxItems?: number;
  readonly enum?: readonly string[];
}

describe('the notification form', () => {
  it('uses the limits and choices the OpenAPI document publishes', () => {
    const document = JSON.parse(
      readFileSync(new URL('../../../docs/openapi.json', import.meta.url), 'utf8'),
    ) as {
      paths: Record<
        string,
        Record<
          string,
          {
            requestBody: {
              content: {
                'application/json': { schema: { properties: Record<string, OpenApiProperty> } };
              };
            };
          }
        >
      >;
    };
    const schema =
      document.paths['/v1/notifications']?.post?.requestBody.content['application/json'].schema;
    const property = (name: string): OpenApiProperty => schema?.properties[name] ?? {};
    expect(property('causeText').maxLength).toBe(REPORT_LIMITS.textMaxLength);
    expect(property('patientImpactText').maxLength).toBe(REPORT_LIMITS.textMaxLength);
    expect(property('mitigationText').maxLength).toBe(REPORT_LIMITS.textMaxLength);
    expect(property('companyReference').maxLength).toBe(REPORT_LIMITS.companyReferenceMaxLength);
    expect([property('stockWeeks').minimum, property('stockWeeks').maximum]).toEqual([
      0,
      REPORT_LIMITS.stockWeeksMax,
    ]);
    expect([
      property('marketSharePercent').minimum,
      property('marketSharePercent').maximum,
    ]).toEqual([0, REPORT_LIMITS.marketSharePercentMax]);
    expect(property('packIds').maxItems).toBe(REPORT_LIMITS.packsMax);
    expect(property('kind').enum).toEqual([...NOTIFICATION_KINDS]);
    expect(property('causeCategory').enum).toEqual([...CAUSE_CATEGORIES]);
    expect(property('patientImpact').enum).toEqual([...PATIENT_IMPACTS]);
  });

  it('finds nothing wrong with a complete form and sends a trimmed report', () => {
    expect(validateReportForm(valid)).toEqual({});
    const report = toReport(valid);
    expect(report).toEqual({
      companyReference: 'PH-2027/004',
      kind: 'shortage',
      packIds: [1120, 1121],
      expectedStart: '2027-03-01',
      expectedEnd: '2027-05-31',
      causeCategory: 'production',
      causeText: 'Line maintenance takes longer.',
      stockWeeks: 2.5,
      marketSharePercent: 15,
      partialSupply: true,
      ownAlternatives: false,
      otherAlternatives: true,
      patientImpact: 'medium',
      patientImpactText: '',
      mitigationText: '',
    });
    // The server accepts exactly this body.
    expect(validateReport(report).ok).toBe(true);
  });

  it('lists every missing answer of an empty form at once', () => {
    expect(Object.keys(validateReportForm(EMPTY_REPORT)).sort()).toEqual(
      [
        'kind',
        'packIds',
        'expectedStart',
        'causeCategory',
        'causeText',
        'stockWeeks',
        'marketSharePercent',
        'partialSupply',
        'ownAlternatives',
        'otherAlternatives',
        'patientImpact',
      ].sort(),
    );
  });

  // Each case breaks one rule in the form and in the body the server would get; both must name
  // the same field, so the client's checks are the server's.
  const cases: {
    readonly rule: string;
    readonly form: Partial<ReportFormValues>;
    readonly body: Record<string, unknown>;
    readonly field: string;
    readonly key: string;
  }[] = [
    {
      rule: 'stock above 520 weeks',
      form: { stockWeeks: '521' },
      body: { stockWeeks: 521 },
      field: 'stockWeeks',
      key: 'form.error.numberRange',
    },
    {
      rule: 'negative stock',
      form: { stockWeeks: '-1' },
      body: { stockWeeks: -1 },
      field: 'stockWeeks',
      key: 'form.error.numberRange',
    },
    {
      rule: 'market share above 100 %',
      form: { marketSharePercent: '100.5' },
      body: { marketSharePercent: 100.5 },
      field: 'marketSharePercent',
      key: 'form.error.numberRange',
    },
    {
      rule: 'an end before the start',
      form: { expectedEnd: '2027-02-28' },
      body: { expectedEnd: '2027-02-28' },
      field: 'expectedEnd',
      key: 'form.error.endBeforeStart',
    },
    {
      rule: 'a day that does not exist',
      form: { expectedStart: '2027-02-30', expectedEnd: '' },
      body: { expectedStart: '2027-02-30', expectedEnd: null },
      field: 'expectedStart',
      key: 'form.error.date',
    },
    {
      rule: 'a reference with a space',
      form: { companyReference: 'PH 004' },
      body: { companyReference: 'PH 004' },
      field: 'companyReference',
      key: 'form.error.companyReference',
    },
    {
      rule: 'a cause text of 4001 characters',
      form: { causeText: 'x'.repeat(4001) },
      body: { causeText: 'x'.repeat(4001) },
      field: 'causeText',
      key: 'form.error.tooLong',
    },
    {
      rule: 'a control character in the measures',
      form: { mitigationText: 'allocation\u0007' },
      body: { mitigationText: 'allocation\u0007' },
      field: 'mitigationText',
      key: 'form.error.controlCharacters',
    },
    {
      rule: 'no packs',
      form: { packIds: [] },
      body: { packIds: [] },
      field: 'packIds',
      key: 'form.error.packs',
    },
    {
      rule: '201 packs',
      form: { packIds: Array.from({ length: 201 }, (_, i) => i + 1) },
      body: { packIds: Array.from({ length: 201 }, (_, i) => i + 1) },
      field: 'packIds',
      key: 'form.error.packs',
    },
  ];

  for (const testCase of cases) {
    it(`rejects ${testCase.rule}, as the server does`, () => {
      const errors = validateReportForm({ ...valid, ...testCase.form });
      expect(Object.keys(errors)).toEqual([testCase.field]);
      expect(errors[testCase.field as keyof typeof errors]).toMatchObject({ key: testCase.key });
      const server = validateReport({ ...toReport(valid), ...testCase.body });
      expect(server.ok).toBe(false);
      if (!server.ok)
        expect(server.errors.map((error) => error.pointer)).toEqual([`/${testCase.field}`]);
    });
  }

  it('treats a cause text of spaces as missing (it sends the text trimmed)', () => {
    expect(validateReportForm({ ...valid, causeText: '   ' }).causeText).toEqual({
      key: 'form.error.required',
    });
    expect(validateReport({ ...toReport(valid), causeText: '' }).ok).toBe(false);
  });

  it('accepts 0 and the upper limits themselves', () => {
    expect(validateReportForm({ ...valid, stockWeeks: '0', marketSharePercent: '100' })).toEqual(
      {},
    );
    expect(validateReportForm({ ...valid, stockWeeks: '520' })).toEqual({});
    expect(validateReportForm({ ...valid, stockWeeks: 'vier' }).stockWeeks).toEqual({
      key: 'form.error.numberRange',
      params: { min: 0, max: 520 },
    });
  });
});

describe("the server's field errors", () => {
  it('map pointers to fields, array items to their list', () => {
    expect(fieldOfPointer('/stockWeeks')).toBe('stockWeeks');
    expect(fieldOfPointer('/packIds/3')).toBe('packIds');
    expect(fieldOfPointer('/headers/idempotency-key')).toBeNull();
    expect(fieldOfPointer(undefined)).toBeNull();
  });

  it("are said in the reader's language when the server's sentence is one we know", () => {
    expect(
      translateServerDetail('stockWeeks', 'stockWeeks must be a number from 0 to 520'),
    ).toEqual({ key: 'form.error.numberRange', params: { min: '0', max: '520' } });
    expect(translateServerDetail('causeText', 'causeText is required')).toEqual({
      key: 'form.error.required',
    });
    expect(translateServerDetail('packIds', 'pack 1136 is not one of your packs')).toEqual({
      key: 'form.error.notYourPack',
      params: { id: '1136' },
    });
    expect(
      translateServerDetail('expectedEnd', 'expectedEnd must not be before expectedStart'),
    ).toEqual({ key: 'form.error.endBeforeStart' });
    expect(translateServerDetail('kind', 'kind must be one of shortage, quality_defect')).toEqual({
      key: 'form.error.choose',
    });
    expect(translateServerDetail('causeText', 'causeText is odd')).toEqual({
      raw: 'causeText is odd',
    });
  });

  it('keep the first error per field and set the others apart', () => {
    const { fields, other } = serverFieldErrors([
      {
        pointer: '/packIds/0',
        code: 'MS_REQUEST_INVALID',
        detail: 'pack 9 is not one of your packs',
      },
      {
        pointer: '/packIds/1',
        code: 'MS_REQUEST_INVALID',
        detail: 'pack 10 is not one of your packs',
      },
      { pointer: '/headers/idempotency-key', detail: 'must be 1 to 200 characters' },
    ]);
    expect(fields).toEqual({ packIds: { key: 'form.error.notYourPack', params: { id: '9' } } });
    expect(other).toEqual(['must be 1 to 200 characters']);
  });
});

describe('idempotency keys', () => {
  it('are fresh each time and fit the server limit of 200 characters', () => {
    const keys = new Set(Array.from({ length: 50 }, () => newIdempotencyKey()));
    expect(keys.size).toBe(50);
    for (const key of keys) expect(key).toMatch(/^web-[0-9a-f]{32}$/);
  });
});
