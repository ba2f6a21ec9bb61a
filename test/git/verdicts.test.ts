import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LandingVerdict } from '../../src/core/landing-authority.js';
import {
  readVerdicts,
  rememberVerdicts,
  verdictSeal,
  VERDICTS_REF,
} from '../../src/git/verdicts.js';

const seal = verdictSeal('k'.repeat(40), { repository: 'acme/access', branch: 'main' });
const other = verdictSeal('o'.repeat(40), { repository: 'acme/access', branch: 'main' });
const AT = new Date('2026-12-01T10:00:00Z');
const commit = (n: number) => n.toString(16).padStart(40, 'a');

const verdict = (n: number, passed = true): LandingVerdict => ({
  commit: commit(n),
  passed,
  request: `#${n}`,
  author: 'alice',
  mergedBy: 'grantops[bot]',
  approvers: ['carol'],
  problems: passed
    ? []
    : [{ path: 'grants/', line: null, code: 'E_LANDING_REJECTED', message: 'merged by hand' }],
  final: true,
});

describe('the verdicts remembered in git', () => {
  let repo: string;
  const git = (...args: string[]) => execFileSync('git', args, { cwd: repo, encoding: 'utf8' });
  const paths = () => git('ls-tree', '-r', '--name-only', VERDICTS_REF).split('\n').filter(Boolean);
  beforeEach(() => {
    repo = mkdtempSync(join(tmpdir(), 'grantops-verdicts-'));
    git('init', '--quiet');
  });
  afterEach(() => rmSync(repo, { recursive: true, force: true }));

  it('writes one commit per run, each verdict a sealed file, and reads them back', async () => {
    await rememberVerdicts(repo, [verdict(1), verdict(2, false)], AT, seal);
    await rememberVerdicts(repo, [verdict(3)], AT, seal);
    expect(paths()).toEqual([`failed/${commit(2)}`, `passed/${commit(1)}`, `passed/${commit(3)}`]);
    expect(git('rev-list', '--count', VERDICTS_REF).trim()).toBe('2');
    expect(git('log', '-1', '--format=%an <%ae> %at%n%B', VERDICTS_REF)).toBe(
      `grantops <grantops@users.noreply.github.com> ${AT.getTime() / 1000}\nLanding verdicts: 1 passed, 0 failed\n\npassed ${commit(3)}\n\n`,
    );
    const read = await readVerdicts(repo, seal);
    expect([...read.judged].sort()).toEqual([commit(1), commit(2), commit(3)]);
    expect(read.refused.get(commit(2))?.problems[0]?.code).toBe('E_LANDING_REJECTED');
    expect(read.tip).toBe(git('rev-parse', VERDICTS_REF).trim());
    // Under another key, none of them is vouched for.
    expect((await readVerdicts(repo, other)).unsealed).toBe(3);
  });

  it('loses nothing when runs write at once, or build on a read another run has overtaken', async () => {
    const before = await readVerdicts(repo, seal);
    await Promise.all(
      [1, 2, 3, 4, 5].map((n) => rememberVerdicts(repo, [verdict(n)], AT, seal, before)),
    );
    const stale = await readVerdicts(repo, seal);
    await rememberVerdicts(repo, [verdict(6)], AT, seal);
    // Built on `stale`, which no longer is the tip: read again, and added on top.
    await rememberVerdicts(repo, [verdict(7)], AT, seal, stale);
    expect(paths()).toEqual([1, 2, 3, 4, 5, 6, 7].map((n) => `passed/${commit(n)}`));
    expect([...(await readVerdicts(repo, seal)).judged]).toHaveLength(7);
  });

  it('keeps a sealed verdict, and replaces an entry the seal does not vouch for', async () => {
    await rememberVerdicts(repo, [verdict(1)], AT, other);
    await rememberVerdicts(repo, [verdict(2)], AT, seal);
    // Judged again under this seal: the unsealed pass of 1 goes, its failure is written.
    await rememberVerdicts(repo, [verdict(1, false), verdict(2, false)], AT, seal);
    expect(paths()).toEqual([`failed/${commit(1)}`, `passed/${commit(2)}`]);
  });
});
