import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { runCli } from '../../src/cli.js';
import type { Command } from '../../src/cli/context.js';
import {
  NO_PROGRESS,
  StatusLine,
  ledgerWithProgress,
  withProgress,
} from '../../src/cli/progress.js';
import { memoryLedger, type Ledger } from '../../src/core/ledger.js';
import type { LedgerCommit } from '../../src/core/timeline.js';
import { accessRepo } from '../helpers/gitrepo.js';

/** A progress line on stderr for long steps, only on a terminal, and never in the way. */

describe('the status line', () => {
  it('redraws in place with spaces over the longer text it replaces, and clears itself', () => {
    const raw: string[] = [];
    const line = new StatusLine(
      (s) => raw.push(s),
      () => 40,
    );
    line.show('reading the grants on main…');
    line.show('done soon');
    line.clear();
    line.clear(); // nothing shown: nothing to clear
    expect(raw).toEqual([
      '\rreading the grants on main…',
      `\rdone soon${' '.repeat(18)}`,
      `\r${' '.repeat(9)}\r`,
    ]);
  });

  it('never writes past the terminal’s width', () => {
    const raw: string[] = [];
    new StatusLine(
      (s) => raw.push(s),
      () => 20,
    ).show('x'.repeat(50));
    expect(raw[0]).toBe(`\r${'x'.repeat(18)}…`);
  });
});

describe('progress of a step', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('shows nothing for a quick step, then the label and the seconds, then goes', async () => {
    const shown: string[] = [];
    let finish!: (v: number) => void;
    const done = withProgress(
      (t) => shown.push(t),
      () => 'reading',
      () => new Promise<number>((r) => (finish = r)),
      { after: 1000, every: 250 },
    );
    await vi.advanceTimersByTimeAsync(750);
    expect(shown).toEqual([]);
    // Ticks at 1000, 1250, 1500 and 1750 ms (1 s), then 2000 and 2250 ms (2 s).
    await vi.advanceTimersByTimeAsync(1500);
    expect(shown).toEqual([...Array(4).fill('reading (1s)'), ...Array(2).fill('reading (2s)')]);
    finish(7);
    expect(await done).toBe(7);
    expect(shown.at(-1)).toBe('');
  });

  it('a quick step leaves nothing behind', async () => {
    const shown: string[] = [];
    await withProgress(
      (t) => shown.push(t),
      () => 'x',
      async () => 1,
      { after: 1000, every: 250 },
    );
    expect(shown).toEqual([]);
  });

  it('the ledger counts the commits its history pass has read, and clears when it fails', async () => {
    const commits: LedgerCommit[] = [1, 2, 3].map((n) => ({
      oid: `${n}`.repeat(40),
      committedAt: new Date(n * 1000),
      message: 'm',
      changes: [],
    }));
    const inner = memoryLedger(commits, { ref: 'ma\u202ein' });
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const slow: Ledger = {
      ...inner,
      history: async (onCommit) => {
        await inner.history(onCommit);
        await gate;
      },
      grants: async () => {
        await gate;
        throw new Error('git failed');
      },
    };
    const shown: string[] = [];
    const ledger = ledgerWithProgress(slow, (t) => shown.push(t), { after: 0, every: 100 });
    expect(ledger.ref).toBe(inner.ref);
    const seen: string[] = [];
    const pass = ledger.history((c) => void seen.push(c.oid));
    await vi.advanceTimersByTimeAsync(100);
    expect(shown.at(-1)).toBe(
      'reading the history of ma\\u202ein: 3 commits with grant changes… (0s)',
    );
    const grants = ledger.grants();
    grants.catch(() => undefined);
    await vi.advanceTimersByTimeAsync(100);
    expect(shown).toContain('reading the grants on ma\\u202ein… (0s)');
    release();
    await pass;
    await expect(grants).rejects.toThrow('git failed');
    expect(seen).toHaveLength(3);
    expect(shown.at(-1)).toBe('');
  });

  it('off a terminal the ledger is left as it is', () => {
    const inner = memoryLedger([]);
    expect(ledgerWithProgress(inner, NO_PROGRESS)).toBe(inner);
  });
});

describe('progress through the CLI', () => {
  const slow: Command = {
    name: 'slow',
    summary: 'Takes a while.',
    usage: 'grantops slow',
    options: {},
    formats: ['text'],
    async run(ctx) {
      ctx.progress('step 1 of 2…');
      ctx.stderr('a warning');
      ctx.progress('step 2 of 2…');
      ctx.stdout('result');
      ctx.progress('left over');
      return 0;
    },
  };

  async function run(terminal: boolean) {
    const calls: string[] = [];
    const code = await runCli(['slow'], {
      stdout: (s) => calls.push(`out:${s}`),
      stderr: (s) => calls.push(`err:${s}`),
      env: {},
      cwd: '.',
      commands: { slow },
      terminal: { stdout: terminal, stderr: terminal, stderrRaw: (s) => calls.push(`raw:${s}`) },
    });
    return { code, calls };
  }

  it('off a terminal, nothing but the command’s own lines', async () => {
    const r = await run(false);
    expect(r.code).toBe(0);
    expect(r.calls).toEqual(['err:a warning', 'out:result']);
  });

  it('on a terminal, the line is cleared before every other line and at the end', async () => {
    const r = await run(true);
    expect(r.calls).toEqual([
      'raw:\rstep 1 of 2…',
      `raw:\r${' '.repeat(12)}\r`,
      'err:a warning',
      'raw:\rstep 2 of 2…',
      `raw:\r${' '.repeat(12)}\r`,
      'out:result',
      'raw:\rleft over',
      `raw:\r${' '.repeat(9)}\r`,
    ]);
  });

  it('status on a real repository prints nothing on stderr off a terminal', async () => {
    const repo = accessRepo();
    try {
      const raw: string[] = [];
      let stderr = '';
      let stdout = '';
      const code = await runCli(['status', '--repo', repo.dir, '--now', '2026-01-02T00:00:00Z'], {
        stdout: (s) => (stdout += s),
        stderr: (s) => (stderr += s),
        env: {},
        cwd: repo.dir,
        terminal: { stdout: false, stderr: false, stderrRaw: (s) => raw.push(s) },
      });
      expect(code).toBe(0);
      expect(stdout).toContain('Grants on');
      expect(stderr).toBe('');
      expect(raw).toEqual([]);
    } finally {
      repo.cleanup();
    }
  });
});
