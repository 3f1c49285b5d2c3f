#!/usr/bin/env node
// `npm start`: build the web app when its build is missing or older than its sources, then serve
// API and web app with the reference and demo data loaded (`medsupply serve --load-reference --demo`). Ctrl-C
// reaches the server, which stops the embedded PostgreSQL before exiting.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

function newestModification(folder) {
  let newest = 0;
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    newest = Math.max(
      newest,
      entry.isDirectory() ? newestModification(path) : statSync(path).mtimeMs,
    );
  }
  return newest;
}

if (existsSync('web/index.html')) {
  const built = existsSync('web/dist/index.html') ? statSync('web/dist/index.html').mtimeMs : 0;
  const sources = Math.max(newestModification('web/src'), statSync('web/index.html').mtimeMs);
  if (built < sources) {
    process.stderr.write('building the web app (vite)…\n');
    const build = spawnSync('npm', ['run', '--silent', 'build:web'], { stdio: 'inherit' });
    if (build.status !== 0) process.exit(build.status ?? 1);
  }
}

const server = spawn(
  process.execPath,
  ['bin/medsupply.js', 'serve', '--load-reference', '--demo', ...process.argv.slice(2)],
  {
    stdio: 'inherit',
  },
);
// The terminal sends Ctrl-C to the whole process group; the server handles it, we wait for it.
process.on('SIGINT', () => undefined);
process.on('SIGTERM', () => server.kill('SIGTERM'));
server.on('exit', (code, signal) => process.exit(code ?? (signal === null ? 0 : 1)));
