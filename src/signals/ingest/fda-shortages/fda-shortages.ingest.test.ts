import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { AtcCode } from '../../../kernel/atc.ts';
import { UserFacingError } from '../../../kernel/errors.ts';
import {
  locateResultLines,
  mapFdaRecord,
  matchSubstanceNames,
  parseFdaShortagesDocument,
  type SubstanceNameIndex,
} from './fda-shortages.ingest.ts';

const FIXTURE = readFileSync(
  new URL('../../../../test/fixtures/fda-shortages.json', import.meta.url),
  'utf8',
);

const NAMES: SubstanceNameIndex = new Map<string, AtcCode[]>([
  ['amoxicillin', ['J01CA04' as AtcCode]],
  ['vancomycin', ['A07AA09' as AtcCode, 'J01XA01' as AtcCode]],
]);

function refusal(text: string): UserFacingError {
  try {
    parseFdaShortagesDocument(text, 'fda.json');
  } catch (error) {
    if (error instanceof UserFacingError) return error;
    throw error;
  }
  throw new Error('expected the document to be refused');
}

describe('reading an openFDA drug shortages document', () => {
  it('finds the line each record starts on', () => {
    // The hand-made fixture: each record opens with "    {" on these lines.
    expect(locateResultLines(FIXTURE)).toEqual([9, 31, 49, 64, 72, 84]);
    expect(
      locateResultLines('{"meta":{"results":[1]},"results":[{"a":"]"},\n{"b":[{}]}]}'),
    ).toEqual([1, 2]);
  });

  it('reads the records and meta.last_updated', () => {
    const document = parseFdaShortagesDocument(FIXTURE, 'fda.json');
    expect(document.records).toHaveLength(6);
    expect(document.records[1]?.line).toBe(31);
    expect(document.lastUpdated).toBe('2026-06-12');
  });

  it('refuses text that is not JSON, naming the line', () => {
    const error = refusal('{\n  "results": [\n    {"generic_name": oops}\n  ]\n}\n');
    expect(error.code).toBe('MS_SIGNALS_FDA_NOT_JSON');
    expect(error.message).toMatch(/^fda\.json:3: not valid JSON/);
  });

  it('refuses a document cut short as truncated', () => {
    const error = refusal(FIXTURE.slice(0, 2000));
    expect(error.code).toBe('MS_IMPORT_TRUNCATED');
    expect(error.message).toMatch(/^fda\.json:\d+: the JSON document ends early/);
  });

  it('refuses JSON without a results array, and an empty file', () => {
    expect(refusal('[{"generic_name": "x"}]').code).toBe('MS_SIGNALS_FDA_UNEXPECTED_FORMAT');
    expect(refusal('{"meta": {}}').code).toBe('MS_SIGNALS_FDA_UNEXPECTED_FORMAT');
    expect(refusal('  \n').code).toBe('MS_IMPORT_EMPTY_FILE');
  });
});

describe('mapping an openFDA record', () => {
  const records = parseFdaShortagesDocument(FIXTURE, 'fda.json').records;
  const map = (index: number) => {
    const record = records[index];
    if (record === undefined) throw new Error(`no record ${index}`);
    return mapFdaRecord(record.value, record.line, NAMES);
  };
  const report = (index: number) => {
    const outcome = map(index);
    if (outcome.kind !== 'report') throw new Error(`rejected: ${outcome.reason}`);
    return outcome;
  };

  it('reads a current shortage with MM/DD/YYYY dates and links it by substance name', () => {
    const { report: amoxil, unmatched } = report(0);
    expect(amoxil.kind).toBe('update');
    expect(amoxil.kindLabel).toBe('Current');
    expect(amoxil.startDate).toBe('2026-02-10');
    expect(amoxil.reportedOn).toBe('2026-05-20');
    expect(amoxil.endDate).toBeNull();
    expect(amoxil.productName).toBe('Amoxil');
    expect(amoxil.company).toBe('Example Antibiotics, Inc.');
    expect(amoxil.atc).toEqual([{ code: 'J01CA04', level: 5, via: 'name' }]);
    expect(unmatched).toEqual([]);
    expect(amoxil.packs).toEqual([{ line: 9, pzn: null, enr: [], ndc: '12345-678-01' }]);
    expect(amoxil.contact).toEqual({
      phone: null,
      email: null,
      contactInfo: 'Customer Service 1-800-555-0100',
    });
    expect(amoxil.details.availability).toBe('Limited Availability');
    expect(amoxil.shortageKey).toBe(
      'Amoxicillin Capsule | Example Antibiotics, Inc. | Amoxicillin Capsule, 500 mg, bottle of 100 (NDC 12345-678-01)',
    );
  });

  it('reads a resolved record as closed on its last update, YYYYMMDD dates too', () => {
    const { report: cefazolin, unmatched } = report(1);
    expect(cefazolin.kind).toBe('closing');
    expect(cefazolin.startDate).toBe('2025-08-01');
    expect(cefazolin.endDate).toBe('2025-11-15');
    expect(cefazolin.contact).toBeNull();
    // A salt form is not the substance's English name: reported, not guessed.
    expect(cefazolin.atc).toEqual([]);
    expect(unmatched).toEqual(['CEFAZOLIN SODIUM']);
  });

  it('links each substance of a combination that matches, and lists the others', () => {
    const { report: combination, unmatched } = report(2);
    expect(combination.kindLabel).toBe('To Be Discontinued');
    expect(combination.kind).toBe('update');
    expect(combination.details.discontinuedDate).toBe('2026-09-30');
    expect(combination.atc.map((link) => link.code)).toEqual(['J01CA04']);
    expect(unmatched).toEqual(['CLAVULANATE POTASSIUM']);
  });

  it('rejects a record with an unknown status and an impossible date, naming both', () => {
    expect(map(3)).toEqual({
      kind: 'rejected',
      reason:
        'status "Shortage Pending" is none of Current, To Be Discontinued, Resolved; invalid date "13/45/2026" in initial_posting_date',
    });
  });

  it('falls back to the generic name without openfda, linking every code of that name', () => {
    const { report: vancomycin } = report(4);
    expect(vancomycin.kind).toBe('initial');
    expect(vancomycin.reportedOn).toBe('2026-04-15');
    expect(vancomycin.atc.map((link) => link.code)).toEqual(['A07AA09', 'J01XA01']);
    expect(vancomycin.packs).toEqual([]);
  });

  it('rejects a record that is not an object', () => {
    expect(mapFdaRecord('text', 5, NAMES)).toEqual({
      kind: 'rejected',
      reason: 'the record is not a JSON object',
    });
  });

  it('matches names exactly after normalising case, accents and punctuation', () => {
    expect(matchSubstanceNames(['Amoxicillin.', 'amoxicilline'], NAMES)).toEqual({
      links: [{ code: 'J01CA04', level: 5, via: 'name' }],
      unmatched: ['amoxicilline'],
    });
  });
});
