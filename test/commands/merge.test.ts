import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GRANT, LocalHarness, at } from '../local/harness.js';

let h: LocalHarness;
beforeEach(() => {
  h = new LocalHarness();
});
afterEach(() => h.cleanup());

const ALICE = 'grants/db-read/alice.yaml';
const BRANCH = 'request/db-read/alice';

async function approvedRequest() {
  await h.open(BRANCH, 'alice', { [ALICE]: GRANT });
  expect((await h.json(at('10:05'), 'approve', BRANCH, '--as', 'carol')).code).toBe(0);
}

describe('grantops merge on the local forge', { timeout: 120_000 }, () => {
  it('keeps the checked-out main in step, as git merge --ff would', async () => {
    writeFileSync(join(h.repo.dir, 'notes.txt'), 'untracked, unrelated\n');
    h.repo.write(
      'policies/people.yaml',
      `${h.git('show', 'main:policies/people.yaml')}\n# edited\n`,
    );
    await approvedRequest();
    const r = await h.json(at('10:30'), 'merge', BRANCH);
    expect(r.code).toBe(0);
    expect(h.git('rev-parse', 'HEAD')).toBe(r.out.merged[0].commit);
    expect(h.git('status', '--porcelain')).toBe('M policies/people.yaml\n?? notes.txt'); // porcelain's leading space is trimmed by h.git
    expect(h.git('show', `HEAD:${ALICE}`)).toBe(GRANT.trim());
  });

  it('refuses to move main over local changes it would overwrite, and merges nothing', async () => {
    await approvedRequest();
    h.repo.write(ALICE, 'mine, untracked\n');
    const main = h.git('rev-parse', 'main');
    const r = await h.run(at('10:30'), 'merge', BRANCH);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/E_WORKTREE_CHANGES|checked out in .* with local changes/);
    expect(h.git('rev-parse', 'main')).toBe(main);
    expect(h.git('rev-parse', BRANCH)).toMatch(/^[0-9a-f]{40}$/);
    expect(h.target.calls).toEqual([]);
  });

  it('names are checked before anything merges: an unknown request is exit 2', async () => {
    await approvedRequest();
    const main = h.git('rev-parse', 'main');
    const r = await h.run(at('10:30'), 'merge', BRANCH, 'request/nope/nobody');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('There is no request "request/nope/nobody"');
    expect(h.git('rev-parse', 'main')).toBe(main);
    expect(h.target.calls).toEqual([]);
  });

  it('usage: requests or --all, not neither nor both', async () => {
    expect((await h.run(at('10:30'), 'merge')).code).toBe(2);
    expect((await h.run(at('10:30'), 'merge', '--all', BRANCH)).code).toBe(2);
    expect((await h.json(at('10:30'), 'merge', '--all')).out).toEqual({ merged: [], waiting: [] });
  });

  it('merges what passes and reports what waits, in one run; the decision is recorded', async () => {
    await approvedRequest();
    await h.open('request/db-read/bob', 'bob', { 'grants/db-read/bob.yaml': GRANT });
    const r = await h.json(at('10:30'), 'merge', '--all');
    expect(r.code).toBe(1);
    expect(r.out.merged.map((m: { request: string }) => m.request)).toEqual([BRANCH]);
    expect(r.out.waiting).toEqual([
      expect.objectContaining({
        request: 'request/db-read/bob',
        problems: [expect.objectContaining({ code: 'E_APPROVALS_MISSING' })],
      }),
    ]);
    const report = JSON.parse(
      h.git('cat-file', 'blob', 'refs/grantops/reports/request/db-read/bob'),
    );
    expect(report).toMatchObject({
      conclusion: 'pending',
      head: h.git('rev-parse', 'request/db-read/bob'),
    });
    // The landing is provable from the forge's record, not from the commit's text.
    const landing = JSON.parse(
      h.git('cat-file', 'blob', `refs/grantops/landings/${r.out.merged[0].commit}`),
    );
    expect(landing).toMatchObject({
      request: BRANCH,
      mergedBy: 'grantops',
      reviews: [expect.objectContaining({ reviewer: 'carol' })],
    });
  });

  it('a revocation request needs no approval and is recorded as revoked', async () => {
    await approvedRequest();
    expect((await h.json(at('10:30'), 'merge', BRANCH)).code).toBe(0);
    await h.open(BRANCH, 'alice', { [ALICE]: null }, at('11:00'));
    const r = await h.json(at('11:05'), 'merge', BRANCH);
    expect(r.code).toBe(0);
    expect(h.git('log', '-1', '--format=%B', 'main')).toBe(
      [
        'Revoke db-read from alice',
        '',
        'Grant-Action: revoked',
        `Grant-Path: ${ALICE}`,
        'Grant-Role: db-read',
        'Grant-Requester: alice',
        `Pull-Request: ${BRANCH}`,
      ].join('\n'),
    );
  });

  it('text output names what merged and why the rest waits, escaped', async () => {
    await h.open('request/db-read/bob', 'bob', { 'grants/db-read/bob.yaml': GRANT });
    const r = await h.run(at('10:30'), 'merge', '--all', '--format', 'text');
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('✗ waiting request/db-read/bob by bob:');
    expect(r.stdout).toContain('E_APPROVALS_MISSING');
    expect(r.stdout).toMatch(/may approve db-read \(1 approval needed\): [a-z]/);
    expect(r.stdout).toContain('0 merged, 1 waiting.');
  });
});
