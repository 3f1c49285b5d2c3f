/** What every CLI command gets: output streams, a database opener, and argument helpers. */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UserFacingError } from '../kernel/errors.ts';
import { openDatabase, type Database } from './database.ts';
import { OUTPUT_FORMATS, type OutputFormat } from './output.ts';

export interface CliIo {
  readonly stdout: { write(text: string): unknown };
  readonly stderr: NodeJS.WriteStream | { write(text: string): unknown; isTTY?: boolean };
  readonly env: NodeJS.ProcessEnv;
}

export interface CliContext extends CliIo {
  /** Opens the database (DATABASE_URL or the embedded one) once per command. */
  openDatabase(): Promise<Database>;
  /** Who runs the command, for the audit log. */
  readonly actor: string;
}

/** A mistake in how the command was called: printed with the usage, exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export function createCliContext(
  io: CliIo,
  actor: string,
): CliContext & { close(): Promise<void> } {
  let database: Promise<Database> | undefined;
  return {
    ...io,
    actor,
    openDatabase: () => {
      database ??= openDatabase({
        url: io.env.DATABASE_URL,
        log: (line) => io.stderr.write(`${line}\n`),
      });
      return database;
    },
    close: async () => {
      if (database === undefined) return;
      // A database that failed to open has nothing to close; its error was reported already.
      const opened = await database.catch(() => undefined);
      await opened?.close();
    },
  };
}

export function parseCommandArgs<T extends ParseArgsConfig['options']>(
  args: readonly string[],
  options: T,
  allowPositionals = false,
) {
  try {
    return parseArgs({ args: [...args], options, allowPositionals, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

export function parseFormat(value: string | undefined): OutputFormat {
  const format = value ?? 'table';
  if (!(OUTPUT_FORMATS as readonly string[]).includes(format)) {
    throw new UsageError(`--format must be one of ${OUTPUT_FORMATS.join(', ')}, not "${format}"`);
  }
  return format as OutputFormat;
}

export function parsePositiveInteger(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) < 1) {
    throw new UsageError(`${flag} must be a whole number of 1 or more, not "${value}"`);
  }
  return Number(value);
}

export { UserFacingError };
