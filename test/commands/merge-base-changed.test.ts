import { afterEach, describe, expect, it } from 'vitest';
import { GitHubE2E, grantPath, grantYaml, MERGE_OP } from '../e2e/harness.js';
import { GRANT, LocalHarness, at } from '../local/harness.js';

/**
 * A squash applies the request onto the base as it is when it merges. Where the base changed a
 * file the request changes since the request branched off, the result combines both sides: a
 * version no reviewer approved (a renewal for 2h on top of an admin's `duration: 8h`). Such a
 * request waits, whatever its approvals, until it is rebased and approved again.
 */
const ALICE = 'grants/db-read/alice.yaml';
const BRANCH = 'request/db-read/alice';
const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

describe('a request whose file the base changed since it was made', { timeout: 120_000 }, () => {
  it('local forge: a renewal waits with E_MERGE_CONFLICT, main keeps its own version', async () => {
    const h = new LocalHarness();
    cleanups.push(() => h.cleanup());
    await h.grant('db-read', 'alice', 'carol', at('09:30'));
    // A renewal for 4h; then main changes another line of the same file, by hand: git would
    // merge both cleanly into a version nobody reviewed.
    const renewal = GRANT.replace('2h', '4h');
    await h.open(BRANCH, 'alice', { [ALICE]: renewal }, at('10:00'));
    const edited = `${GRANT}# kept by the admin\n`;
    h.repo.write(ALICE, edited).commit('Hand edit on main', at('10:03'));
    const main = h.git('rev-parse', 'main');
    expect((await h.json(at('10:05'), 'approve', BRANCH, '--as', 'carol')).code).toBe(0);
    const r = await h.json(at('10:10'), 'merge', BRANCH);
    expect(r.code).toBe(1);
    expect(r.out.merged).toEqual([]);
    expect(r.out.waiting[0].problems).toEqual([
      expect.objectContaining({ code: 'E_MERGE_CONFLICT', path: ALICE }),
    ]);
    expect(h.git('rev-parse', 'main')).toBe(main);
    expect(h.git('show', `main:${ALICE}`)).toBe(edited.trim());
  });

  it('local forge: a change on main to another file does not stop it', async () => {
    const h = new LocalHarness();
    cleanups.push(() => h.cleanup());
    await h.open(BRANCH, 'alice', { [ALICE]: GRANT });
    h.repo.write('grants/db-read/bob.yaml', GRANT).commit('Bob, by hand', at('10:03'));
    expect((await h.json(at('10:05'), 'approve', BRANCH, '--as', 'carol')).code).toBe(0);
    const r = await h.json(at('10:10'), 'merge', BRANCH);
    expect(r.code).toBe(0);
    expect(h.git('show', `main:${ALICE}`)).toBe(GRANT.trim());
  });

  it('GitHub: the admin edits the file on main after the approval; nothing merges', async () => {
    const e = new GitHubE2E();
    cleanups.push(() => e.cleanup());
    const path = grantPath('db-read', 'alice');
    const n = await e.w.openRequest('alice', BRANCH, { [path]: grantYaml('2h') });
    await e.w.review('carol', n);
    e.w.land({ 'grants/db-read/alice.yaml': `${grantYaml('2h')}# kept by the admin\n` });
    const main = e.w.main();
    e.w.gh.clearCalls();
    const r = await e.mergeAll();
    expect(r.code).toBe(1);
    expect(r.out.waiting[0].problems.map((p: { code: string }) => p.code)).toContain(
      'E_MERGE_CONFLICT',
    );
    expect(e.w.gh.writes().map((c) => c.operation)).not.toContain(MERGE_OP);
    expect(e.w.main()).toBe(main);
  });
});
