import { bundleOne } from '../scripts/bundle.mjs';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The executable itself (src/bin.ts), built as the build does and run as a process: what it
 * does with its own streams cannot be seen through runCli.
 */
let out: string;
let bin: string;
beforeAll(async () => {
  out = mkdtempSync(join(tmpdir(), 'grantops-bin-'));
  bin = join(out, 'cli.js');
  await bundleOne('src/bin.ts', bin);
}, 60_000);
afterAll(() => rmSync(out, { recursive: true, force: true }));

/** Runs the CLI with its stdout read by nobody: the pipe is closed before it writes. */
function runWithClosedStdout(...argv: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...argv], { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

describe('grantops, the executable', () => {
  it('ends quietly when its reader goes away (grantops … | head), with no stack trace', async () => {
    const r = await runWithClosedStdout('--help');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });

  it('keeps the exit code of what it was doing', async () => {
    const r = await runWithClosedStdout('validate', '--repo', out, '--format', 'json');
    expect(r.stderr).not.toMatch(/EPIPE|at .*\.js:\d+/);
    expect(r.code).toBe(2);
  });
});
