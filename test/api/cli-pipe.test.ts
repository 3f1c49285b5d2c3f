/**
 * The real `medsupply` process with its output on a pipe, as in `medsupply … | jq`: Node writes
 * to a pipe asynchronously, so the command must wait for its output before it exits.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../../bin/medsupply.js', import.meta.url));

function runPiped(args: readonly string[]): Promise<{ code: number | null; stdout: Buffer }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    const chunks: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      resolve({ code, stdout: Buffer.concat(chunks) });
    });
  });
}

describe('the medsupply process on a pipe', () => {
  it('writes all of a long answer before it exits, not the first 64 KiB', async () => {
    const { code, stdout } = await runPiped(['openapi']);
    expect(code).toBe(0);
    expect(stdout.length).toBeGreaterThan(256 * 1024);
    const document = JSON.parse(stdout.toString('utf8')) as { openapi: string };
    expect(document.openapi).toBe('3.0.3');
  }, 60_000);
});
