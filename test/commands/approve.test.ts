import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GRANT, LocalHarness, at } from '../local/harness.js';

let h: LocalHarness;
beforeEach(() => {
  h = new LocalHarness();
});
afterEach(() => h.cleanup());

const ALICE = 'grants/db-read/alice.yaml';
const BRANCH = 'request/db-read/alice';
const approvals = () =>
  h.git('for-each-ref', '--format=%(refname) %(objectname)', 'refs/grantops/approvals/');

describe('grantops approve on the local forge', { timeout: 120_000 }, () => {
  it('records the approval bound to the head commit, and says where the request stands', async () => {
    const head = await h.open(BRANCH, 'alice', { [ALICE]: GRANT });
    const r = await h.json(at('10:05'), 'approve', 'db-read/alice', '--as', 'Carol');
    expect(r.code).toBe(0);
    expect(r.out).toMatchObject({
      request: BRANCH,
      approver: 'carol',
      commit: head,
      recorded: true,
      approved: true,
    });
    expect(approvals()).toBe(`refs/grantops/approvals/${BRANCH}/carol ${head}`);
    const text = await h.run(at('10:06'), 'approve', BRANCH, '--as', 'dave', '--format', 'text');
    expect(text.stdout).toContain(
      `✓ recorded dave's approval of ${BRANCH} at ${head.slice(0, 10)}`,
    );
    expect(text.stdout).toContain('the request is approved: grantops merge will merge it');
  });

  it('concurrent merges of one approved request land it once', async () => {
    await h.open(BRANCH, 'alice', { [ALICE]: GRANT });
    expect((await h.json(at('10:05'), 'approve', BRANCH, '--as', 'carol')).code).toBe(0);
    const main = h.git('rev-parse', 'main');
    const runs = await Promise.all([
      h.json(at('10:30'), 'merge', '--all'),
      h.json(at('10:30'), 'merge', '--all'),
    ]);
    expect(h.git('rev-list', '--count', `${main}..main`)).toBe('1');
    expect(h.recorded('granted', ALICE)).toHaveLength(1);
    expect(runs.flatMap((r) => r.out?.merged ?? [])).toHaveLength(1);
  });

  it('usage: one request and --as; unknown requests and --forge github are exit 2', async () => {
    await h.open(BRANCH, 'alice', { [ALICE]: GRANT });
    for (const argv of [
      ['approve', '--as', 'carol'],
      ['approve', BRANCH],
      ['approve', BRANCH, 'another', '--as', 'carol'],
      ['approve', 'request/nope/nobody', '--as', 'carol'],
      ['approve', BRANCH, '--as', 'carol', '--forge', 'github'],
      ['approve', BRANCH, '--as', 'not a login'],
    ]) {
      const r = await h.run(at('10:05'), ...argv);
      expect(r.code, argv.join(' ')).toBe(2);
    }
    expect(approvals()).toBe('');
    expect(h.target.calls).toEqual([]);
  });
});
