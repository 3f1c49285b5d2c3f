/**
 * Streams the records of a CSV file with the line each starts on, and turns everything that makes
 * the file as a whole unusable (missing, empty, binary, wrong delimiter, missing columns, a quote
 * never closed, a last record cut short) into one UserFacingError naming file, line and problem.
 * A record with the wrong number of fields in the middle of the file is yielded as a bad record:
 * the importer reports it and goes on.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { Transform, type TransformCallback } from 'node:stream';
import { parse, CsvError } from 'csv-parse';
import { UserFacingError } from '../kernel/errors.ts';

export interface CsvReadOptions {
  readonly delimiter: string;
  /** Columns the importer needs; any missing one makes the file unusable. */
  readonly requiredColumns: readonly string[];
  /** Name of the file in messages (defaults to its base name). */
  readonly displayName?: string;
  /** Called as bytes are read, for progress bars. */
  readonly onProgress?: (bytesRead: number, totalBytes: number) => void;
}

export interface CsvRecord {
  /** The line the record starts on (1 = header). */
  readonly line: number;
  readonly fields: Readonly<Record<string, string>>;
  /** How many fields the record has; the header's count unless the record is malformed. */
  readonly fieldCount: number;
  /** Set when the record has another number of fields than the header. */
  readonly fieldCountProblem?: string;
}

const OTHER_DELIMITERS = [',', ';', '\t', '|'];

function describeDelimiter(delimiter: string): string {
  return delimiter === '\t' ? 'tab' : `"${delimiter}"`;
}

/**
 * Rejects bytes that are not UTF-8 text (a NUL byte or an invalid sequence) and counts lines so
 * the error can say where the binary content starts.
 */
class Utf8TextGuard extends Transform {
  private readonly decoder = new TextDecoder('utf-8', { fatal: true });
  private line = 1;
  private offset = 0;

  constructor(
    private readonly fileName: string,
    private readonly onBytes: (count: number) => void,
  ) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    const nul = chunk.indexOf(0);
    if (nul !== -1) {
      callback(this.binaryError(chunk.subarray(0, nul), 'a NUL byte'));
      return;
    }
    try {
      this.decoder.decode(chunk, { stream: true });
    } catch {
      callback(this.binaryError(chunk, 'bytes that are not UTF-8 text'));
      return;
    }
    this.offset += chunk.length;
    for (const byte of chunk) if (byte === 10) this.line++;
    this.onBytes(this.offset);
    callback(null, chunk);
  }

  override _flush(callback: TransformCallback): void {
    try {
      this.decoder.decode();
      callback();
    } catch {
      callback(this.binaryError(Buffer.alloc(0), 'an incomplete UTF-8 sequence at the end'));
    }
  }

  private binaryError(before: Buffer, what: string): UserFacingError {
    let line = this.line;
    for (const byte of before) if (byte === 10) line++;
    return new UserFacingError(
      'MS_IMPORT_BINARY_FILE',
      `${this.fileName}:${line}: the file contains ${what}; expected a UTF-8 text CSV file`,
    );
  }
}

function startLineOf(endLine: number, raw: string): number {
  const body = raw.replace(/^[\r\n]+/, '').replace(/\r?\n$/, '');
  let breaks = 0;
  for (const char of body) if (char === '\n') breaks++;
  return endLine - breaks;
}

function checkHeader(
  header: readonly string[],
  options: CsvReadOptions,
  fileName: string,
): string[] {
  const names = header.map((name) => name.trim());
  if (names.length === 1 && options.requiredColumns.length > 1) {
    const other = OTHER_DELIMITERS.find((d) => d !== options.delimiter && names[0]?.includes(d));
    if (other !== undefined) {
      throw new UserFacingError(
        'MS_IMPORT_WRONG_DELIMITER',
        `${fileName}:1: the header is separated by ${describeDelimiter(other)}, but this register uses ${describeDelimiter(options.delimiter)}`,
      );
    }
  }
  const missing = options.requiredColumns.filter((column) => !names.includes(column));
  if (missing.length > 0) {
    const unexpected = names.filter((name) => !options.requiredColumns.includes(name));
    throw new UserFacingError(
      'MS_IMPORT_MISSING_COLUMNS',
      `${fileName}:1: missing column${missing.length > 1 ? 's' : ''} ${missing.map((m) => `"${m}"`).join(', ')}` +
        (unexpected.length > 0
          ? ` (the header has ${unexpected.map((u) => `"${u}"`).join(', ')} instead)`
          : ''),
      missing.map((column) => ({
        pointer: `${fileName}:1`,
        code: 'MS_IMPORT_MISSING_COLUMNS' as const,
        detail: `missing column "${column}"`,
      })),
    );
  }
  return names;
}

/** The records of a CSV file, each with the line it starts on; see the module comment. */
export async function* readCsvRecords(
  filePath: string,
  options: CsvReadOptions,
): AsyncGenerator<CsvRecord> {
  const fileName = options.displayName ?? basename(filePath);
  let totalBytes: number;
  try {
    const info = await stat(filePath);
    if (!info.isFile()) throw new Error('not a file');
    totalBytes = info.size;
  } catch {
    throw new UserFacingError(
      'MS_IMPORT_FILE_NOT_FOUND',
      `${fileName}: no such file, or it cannot be read`,
    );
  }
  if (totalBytes === 0) {
    throw new UserFacingError('MS_IMPORT_EMPTY_FILE', `${fileName}:1: the file is empty`);
  }
  const parser = createReadStream(filePath)
    .pipe(new Utf8TextGuard(fileName, (bytes) => options.onProgress?.(bytes, totalBytes)))
    .on('error', (error) => parser.destroy(error))
    .pipe(
      parse({
        delimiter: options.delimiter,
        bom: true,
        info: true,
        raw: true,
        relax_column_count: true,
        skip_empty_lines: true,
      }),
    );
  let header: string[] | undefined;
  let pending: CsvRecord | undefined;
  let lastLine = 0;
  try {
    for await (const item of parser as AsyncIterable<{
      record: string[];
      info: { lines: number };
      raw: string;
    }>) {
      const line = startLineOf(item.info.lines, item.raw);
      lastLine = item.info.lines;
      if (header === undefined) {
        header = checkHeader(item.record, options, fileName);
        continue;
      }
      // Hold one record back: only the last record of the file can be "truncated".
      if (pending !== undefined) yield pending;
      const fields: Record<string, string> = {};
      header.forEach((name, index) => {
        fields[name] = item.record[index] ?? '';
      });
      const fieldCount = item.record.length;
      pending =
        fieldCount === header.length
          ? { line, fields, fieldCount }
          : {
              line,
              fields,
              fieldCount,
              fieldCountProblem: `has ${fieldCount} fields, the header has ${header.length}`,
            };
    }
  } catch (error) {
    if (error instanceof UserFacingError) throw error;
    if (error instanceof CsvError) {
      const where = (error as CsvError & { lines?: number }).lines ?? lastLine + 1;
      if (error.code === 'CSV_QUOTE_NOT_CLOSED') {
        throw new UserFacingError(
          'MS_IMPORT_TRUNCATED',
          `${fileName}:${where}: a quoted field is never closed: the file is truncated or malformed`,
        );
      }
      throw new UserFacingError(
        'MS_IMPORT_MALFORMED_CSV',
        `${fileName}:${where}: not well-formed CSV (${error.message})`,
      );
    }
    throw error;
  }
  if (header === undefined) {
    throw new UserFacingError('MS_IMPORT_EMPTY_FILE', `${fileName}:1: the file has no header`);
  }
  if (pending !== undefined) {
    if (pending.fieldCount < header.length) {
      throw new UserFacingError(
        'MS_IMPORT_TRUNCATED',
        `${fileName}:${pending.line}: the last record has ${pending.fieldCount} of ${header.length} fields: the file is truncated`,
      );
    }
    yield pending;
  }
}
