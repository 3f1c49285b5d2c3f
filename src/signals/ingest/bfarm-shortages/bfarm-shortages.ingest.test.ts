import { describe, expect, it } from 'vitest';
import {
  bfarmShortageFields,
  type BfarmShortageColumn,
} from '../../../../test/fixtures/bfarm-shortages.ts';
import {
  groupBfarmRows,
  mapBfarmShortageRow,
  parseAtcCell,
  type BfarmShortageRow,
} from './bfarm-shortages.ingest.ts';

function mapped(fields: Partial<Record<BfarmShortageColumn, string>> = {}, line = 2) {
  const outcome = mapBfarmShortageRow(bfarmShortageFields(fields), line);
  if (outcome.kind !== 'row') throw new Error(`rejected: ${outcome.reason}`);
  return outcome.row;
}

function rejection(fields: Partial<Record<BfarmShortageColumn, string>>): string {
  const outcome = mapBfarmShortageRow(bfarmShortageFields(fields), 7);
  if (outcome.kind !== 'rejected') throw new Error('expected the row to be rejected');
  return outcome.reason;
}

describe('mapping a BfArM shortage row', () => {
  it('reads dd.mm.yyyy dates as calendar dates', () => {
    const { report } = mapped({
      Beginn: '03.08.2026',
      Ende: '06.10.2026',
      'Datum der letzten Meldung': '09.09.2026',
      'Datum der Erstmeldung': '1.9.2026',
    });
    expect(report.startDate).toBe('2026-08-03');
    expect(report.endDate).toBe('2026-10-06');
    expect(report.reportedOn).toBe('2026-09-09');
    expect(report.firstReportedOn).toBe('2026-09-01');
  });

  it('treats N/A and empty cells as empty', () => {
    const { report } = mapped({
      'Referenzierte Erstmeldung': 'N/A',
      Telefon: 'N/A',
      'Anm. zum Grund': '',
      Alternativpräparat: ' N/A ',
      'Datum der Erstmeldung': 'N/A',
      'Art des Grundes': 'N/A',
    });
    expect(report.reasonNote).toBeNull();
    expect(report.alternatives).toBeNull();
    expect(report.firstReportedOn).toBeNull();
    expect(report.reasonCategory).toBeNull();
    expect(report.contact).toEqual({
      phone: null,
      email: 'lieferengpass@antibiotika-pharma.example',
      contactInfo: null,
    });
    // Without a referenced initial notification the report starts its own chain.
    expect(report.shortageKey).toBe('LE2026000100');
  });

  it('chains an update to the initial notification it references', () => {
    const { report } = mapped({
      Bearbeitungsnummer: 'LE2026003277',
      'Referenzierte Erstmeldung': 'LE2025003557',
      Meldungsart: 'Änderungsmeldung',
    });
    expect(report.kind).toBe('update');
    expect(report.kindLabel).toBe('Änderungsmeldung');
    expect(report.reportNumber).toBe('LE2026003277');
    expect(report.shortageKey).toBe('LE2025003557');
  });

  it('reads a Löschmeldung as the closing report', () => {
    expect(mapped({ Meldungsart: 'Löschmeldung' }).report.kind).toBe('closing');
    expect(mapped({ Meldungsart: 'Erstmeldung' }).report.kind).toBe('initial');
  });

  it('splits several ATC codes in one cell and keeps a level-4 group at level 4', () => {
    expect(mapped({ 'Atc Code': 'N01BB52, N01BB54' }).report.atc).toEqual([
      { code: 'N01BB52', level: 5, via: 'atc' },
      { code: 'N01BB54', level: 5, via: 'atc' },
    ]);
    expect(mapped({ 'Atc Code': 'B05BA' }).report.atc).toEqual([
      { code: 'B05BA', level: 4, via: 'atc' },
    ]);
    expect(mapped({ 'Atc Code': 'H03AA51, H03CA' }).report.atc.map((l) => l.level)).toEqual([5, 4]);
  });

  it('reads TERM_ID_NA_<n> as no ATC code, also inside a list', () => {
    const none = mapped({ 'Atc Code': 'TERM_ID_NA_2090003726' }).report;
    expect(none.atc).toEqual([]);
    expect(none.atcText).toBe('TERM_ID_NA_2090003726');
    expect(parseAtcCell('M01CC01, TERM_ID_NA_2090010126, V03AB')).toEqual({
      links: [
        { code: 'M01CC01', level: 5, via: 'atc' },
        { code: 'V03AB', level: 4, via: 'atc' },
      ],
      invalid: [],
    });
  });

  it('rejects an ATC cell that is not a code, naming it', () => {
    expect(rejection({ 'Atc Code': 'J01CA04, Amoxicillin' })).toBe(
      'invalid ATC code "Amoxicillin" in column Atc Code',
    );
  });

  it('joins letter-spaced company names and trims tabs and spaces', () => {
    expect(mapped({ Zulassungsinhaber: 'H e x a l  Aktiengesellschaft' }).report.company).toBe(
      'Hexal Aktiengesellschaft',
    );
    expect(
      mapped({ Zulassungsinhaber: 'H e y l Chemisch-pharmazeutische Fabrik GmbH & Co. KG' }).report
        .company,
    ).toBe('Heyl Chemisch-pharmazeutische Fabrik GmbH & Co. KG');
    // Two single characters are part of the name, not letter spacing.
    expect(mapped({ Zulassungsinhaber: '1 A Pharma GmbH' }).report.company).toBe('1 A Pharma GmbH');
    const { report } = mapped({
      Telefon: '\t0228 1234 \t',
      'E-Mail': ' info@example.com\t',
      Arzneimittlbezeichnung: ' Amoxi  500 ',
    });
    expect(report.contact).toEqual({
      phone: '0228 1234',
      email: 'info@example.com',
      contactInfo: null,
    });
    expect(report.productName).toBe('Amoxi 500');
  });

  it('keeps PZN and ENR as strings with leading zeros, ENR as a list', () => {
    const { pack } = mapped({ PZN: '06312605', ENR: '2714031, 0714918' });
    expect(pack).toEqual({ line: 2, pzn: '06312605', enr: ['2714031', '0714918'], ndc: null });
  });

  it('reads the placeholder PZN 00000000 as no PZN', () => {
    expect(mapped({ PZN: '00000000' }).pack.pzn).toBeNull();
  });

  it('splits Wirkstoffe on "; "', () => {
    expect(mapped({ Wirkstoffe: 'Lidocain; Prilocain' }).report.substances).toEqual([
      'Lidocain',
      'Prilocain',
    ]);
    expect(mapped({ Wirkstoffe: '' }).report.substances).toEqual([]);
  });

  it('reads Krankenhausrelevant ja/nein', () => {
    expect(mapped({ Krankenhausrelevant: 'ja' }).report.hospitalRelevant).toBe(true);
    expect(mapped({ Krankenhausrelevant: 'nein' }).report.hospitalRelevant).toBe(false);
  });

  it('rejects an invalid date, naming the value and the column', () => {
    expect(rejection({ Beginn: '31.02.2026' })).toBe('invalid date "31.02.2026" in column Beginn');
    expect(rejection({ Ende: '2026-05-31' })).toBe('invalid date "2026-05-31" in column Ende');
  });

  it('reports every problem of a row at once', () => {
    expect(rejection({ PZN: '-0085829', Meldungsart: 'Sondermeldung', Beginn: 'N/A' })).toBe(
      'PZN "-0085829" is not 8 digits; Meldungsart "Sondermeldung" is none of Erstmeldung, ' +
        'Änderungsmeldung, Löschmeldung; no date in column Beginn',
    );
  });

  it('rejects a shortage that ends before it begins', () => {
    expect(rejection({ Beginn: '01.03.2026', Ende: '28.02.2026' })).toBe(
      'Ende 28.02.2026 lies before Beginn 01.03.2026',
    );
  });
});

describe('grouping rows into notifications', () => {
  const row = (fields: Partial<Record<BfarmShortageColumn, string>>, line: number) =>
    mapped(fields, line);

  it('joins the rows of one Bearbeitungsnummer into one report with all its packs', () => {
    const rows: BfarmShortageRow[] = [
      row({ PZN: '00000001' }, 2),
      row({ PZN: '00000002' }, 3),
      row({ PZN: '00000003', Bearbeitungsnummer: 'LE2026000101' }, 4),
    ];
    const { reports, rejected } = groupBfarmRows(rows);
    expect(rejected).toEqual([]);
    expect(reports.map((r) => [r.reportNumber, r.packs.map((p) => p.pzn), r.line])).toEqual([
      ['LE2026000100', ['00000001', '00000002'], 2],
      ['LE2026000101', ['00000003'], 4],
    ]);
  });

  it('rejects a row that disagrees with its notification, naming the column and first line', () => {
    const { reports, rejected } = groupBfarmRows([
      row({ PZN: '00000001' }, 2),
      row({ PZN: '00000002', Ende: '30.06.2026' }, 3),
    ]);
    expect(reports[0]?.packs).toHaveLength(1);
    expect(rejected).toEqual([
      {
        line: 3,
        reason: 'Bearbeitungsnummer LE2026000100 has other values here than on line 2 in "Ende"',
      },
    ]);
  });

  it('rejects a PZN repeated within one notification', () => {
    const { rejected } = groupBfarmRows([row({}, 2), row({}, 3)]);
    expect(rejected).toEqual([
      {
        line: 3,
        reason: 'PZN 01234567 appears twice in Bearbeitungsnummer LE2026000100 (first on line 2)',
      },
    ]);
  });

  it('lets placeholder PZNs repeat', () => {
    const { reports, rejected } = groupBfarmRows([
      row({ PZN: '00000000' }, 2),
      row({ PZN: '00000000' }, 3),
    ]);
    expect(rejected).toEqual([]);
    expect(reports[0]?.packs).toHaveLength(2);
  });
});
