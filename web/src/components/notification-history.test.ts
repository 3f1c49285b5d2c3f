import { describe, expect, it } from 'vitest';
import type { RiskFactor } from '../api/types.ts';
import { createFormatters } from '../i18n/format.ts';
import { en, nl } from '../i18n/messages.ts';
import {
  describeEventBody,
  formatReportValue,
  summariseAuditChange,
} from './notification-history.ts';
import { describeFactor, topFactors } from './risk-factors.ts';

const english = createFormatters('en', en);
const dutch = createFormatters('nl', nl);

describe('report values in words', () => {
  it('writes dates, yes/no, categories and stock as a reader would', () => {
    expect(formatReportValue('expectedStart', '2027-03-01', english)).toBe('1 Mar 2027');
    expect(formatReportValue('expectedEnd', null, english)).toBe('—');
    expect(formatReportValue('partialSupply', true, dutch)).toBe('ja');
    expect(formatReportValue('causeCategory', 'quality_gmp', dutch)).toBe('Kwaliteit / GMP');
    expect(formatReportValue('stockWeeks', 2.5, dutch)).toBe('2,5 weken');
    expect(formatReportValue('marketSharePercent', 15, english)).toBe('15 %');
  });

  it('names packs it knows and numbers those it does not', () => {
    const packs = [
      {
        productId: 1,
        registrationNumber: 'RVG 1',
        name: 'Esomeprazol 40 mg',
        atc: 'A02BC05',
        doseForm: 'tablet',
        strength: '40 mg',
        packId: 7,
        gtin: null,
        nationalCode: null,
        description: '28 tablet',
      },
    ];
    expect(formatReportValue('packIds', [7, 8], english, packs)).toBe(
      'Esomeprazol 40 mg — 28 tablet; pack 8',
    );
  });
});

describe("the server's event notes", () => {
  it('become sentences with the changed fields named', () => {
    expect(describeEventBody('update', 'version 1', english)).toBe('First version submitted.');
    expect(describeEventBody('update', 'version 2: causeText, stockWeeks', english)).toBe(
      'Version 2: Cause explained, Stock in the Netherlands (weeks) changed.',
    );
    expect(describeEventBody('update', 'version 3: no changes', dutch)).toBe(
      'Versie 3 zonder wijzigingen.',
    );
    expect(describeEventBody('comment', 'unforeseeable: true. Fire at the API plant.', dutch)).toBe(
      'Oorzaak onvoorzienbaar: ja. Fire at the API plant.',
    );
  });

  it('leave what people wrote as they wrote it, markup included', () => {
    expect(describeEventBody('comment', '<b>version 2</b>', english)).toBe('<b>version 2</b>');
  });
});

describe('audit entries', () => {
  it('list only what changed, statuses translated', () => {
    expect(
      summariseAuditChange({ status: 'submitted' }, { status: 'triaged', comment: '' }, english),
    ).toEqual([
      { key: 'status', before: 'Submitted', after: 'Triaged' },
      { key: 'comment', before: '—', after: '(empty)' },
    ]);
    expect(
      summariseAuditChange(null, { reference: 'MLD-2026-000001', report: {} }, english),
    ).toEqual([
      { key: 'reference', before: '—', after: 'MLD-2026-000001' },
      { key: 'report', before: '—', after: '(see Versions)' },
    ]);
  });
});

describe('risk factors in words', () => {
  const factor = (key: string, facts: RiskFactor['facts'], points = 0): RiskFactor => ({
    key,
    facts,
    points,
    value: 0,
    weight: 10,
    explanation: 'server text',
  });

  it('say what the facts are, in either language', () => {
    expect(
      describeFactor(factor('alternatives', { exactAlternatives: 0, alsoShort: 0 }), english),
    ).toBe('No alternatives of other companies with the same substance, strength and form');
    expect(
      describeFactor(factor('alternatives', { exactAlternatives: 12, alsoShort: 2 }), dutch),
    ).toBe(
      '12 alternatieven van andere bedrijven met dezelfde stof, sterkte en vorm, waarvan 2 zelf als tekort gemeld',
    );
    expect(
      describeFactor(
        factor('stockCover', {
          stockWeeks: 4,
          durationWeeks: 8.6,
          partialSupply: true,
          durationAssumed: false,
        }),
        dutch,
      ),
    ).toBe('Voorraad voor 4 weken, verwachte duur 8,6 weken; levering gaat gedeeltelijk door');
    expect(describeFactor(factor('concentration', { hhi: 10000 }), english)).toBe(
      'Manufacturing concentrated: HHI 10,000',
    );
    expect(describeFactor(factor('somethingNew', {}), english)).toBe('server text');
  });

  it('pick the factors that added points, largest first', () => {
    const factors = [
      factor('marketShare', { marketSharePercent: 30 }, 3),
      factor('criticalList', { onCriticalList: true }, 20),
      factor('hospitalRelevance', { hospitalRelevant: false }, 0),
      factor('alternatives', { exactAlternatives: 0, alsoShort: 0 }, 25),
      factor('stockCover', { stockWeeks: 4, durationWeeks: 8.6 }, 10.7),
    ];
    expect(topFactors(factors).map((f) => f.key)).toEqual([
      'alternatives',
      'criticalList',
      'stockCover',
    ]);
    expect(topFactors(null)).toEqual([]);
  });
});
