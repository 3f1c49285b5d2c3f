import { describe, expect, it } from 'vitest';
import { UserFacingError } from '../kernel/errors.ts';
import { writeTempFile } from '../../test/fixtures/files.ts';
import { readCsvRecords, type CsvRecord } from './csv-records.ts';

async function read(content: string | Buffer, delimiter = ','): Promise<CsvRecord[]> {
  const path = writeTempFile('input.csv', content);
  const records: CsvRecord[] = [];
  for await (const record of readCsvRecords(path, { delimiter, requiredColumns: ['a', 'b'] })) {
    records.push(record);
  }
  return records;
}

async function failure(content: string | Buffer, delimiter = ','): Promise<UserFacingError> {
  try {
    await read(content, delimiter);
  } catch (error) {
    if (error instanceof UserFacingError) return error;
    throw error;
  }
  throw new Error('expected the file to be refused');
}

describe('readCsvRecords', () => {
  it('gives each record the line it starts on, across quoted line breaks and blank lines', async () => {
    const records = await read('a,b\n1,"x\ny"\n\n2,3\n');
    expect(records.map((r) => [r.line, r.fields.a, r.fields.b])).toEqual([
      [2, '1', 'x\ny'],
      [5, '2', '3'],
    ]);
  });

  it('refuses an empty file naming file and line', async () => {
    const error = await failure('');
    expect(error.code).toBe('MS_IMPORT_EMPTY_FILE');
    expect(error.message).toBe('input.csv:1: the file is empty');
  });

  it('recognises a semicolon file given to a comma importer', async () => {
    const error = await failure('a;b\n1;2\n');
    expect(error.code).toBe('MS_IMPORT_WRONG_DELIMITER');
    expect(error.message).toContain('input.csv:1:');
    expect(error.message).toContain('";"');
  });

  it('names a missing or renamed column and what the header has instead', async () => {
    const error = await failure('a,c\n1,2\n');
    expect(error.code).toBe('MS_IMPORT_MISSING_COLUMNS');
    expect(error.message).toBe('input.csv:1: missing column "b" (the header has "c" instead)');
  });

  it('refuses binary bytes with the line they start on', async () => {
    const error = await failure(
      Buffer.concat([Buffer.from('a,b\n1,2\n'), Buffer.from([0xff, 0x00, 0x13])]),
    );
    expect(error.code).toBe('MS_IMPORT_BINARY_FILE');
    expect(error.message).toMatch(/^input\.csv:3: /);
  });

  it('refuses a file cut inside a quoted field as truncated', async () => {
    const error = await failure('a,b\n1,2\n3,"unfinished\n');
    expect(error.code).toBe('MS_IMPORT_TRUNCATED');
    expect(error.message).toMatch(/^input\.csv:\d+: a quoted field is never closed/);
  });

  it('refuses a file whose last record is cut short', async () => {
    const error = await failure('a,b\n1,2\n3');
    expect(error.code).toBe('MS_IMPORT_TRUNCATED');
    expect(error.message).toBe(
      'input.csv:3: the last record has 1 of 2 fields: the file is truncated',
    );
  });

  it('hands a record with the wrong field count in the middle back as a bad record', async () => {
    const records = await read('a,b\n1,2,3\n4,5\n');
    expect(records[0]?.fieldCountProblem).toBe('has 3 fields, the header has 2');
    expect(records[1]?.fieldCountProblem).toBeUndefined();
  });
});
