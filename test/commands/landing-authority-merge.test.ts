import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  authorityWorld,
  GRANT,
  pathOf,
  teamWrites,
  trailers,
  verifications,
  type AuthorityWorld,
} from '../helpers/authority-world.js';

/**
 * Reviews approve a request's head; a squash (or merge) commit holds git's merge of the head
 * with the base as it is at merge time. When the base changed the same grant file after the
 * review, what lands is a version nobody reviewed. Reconcile must provision only what the
 * reviews approved.
 */
const FILE = (duration: string, reason: string) =>
  `duration: ${duration}\nticket: INC-4821\nreason: ${reason}\n`;
const FIRST = FILE('2h', 'INC-4821 rotate the deploy keys');
const RENEWED = FILE('2h', 'INC-4821 still rotating the deploy keys');

let a: AuthorityWorld;
beforeEach(() => {
  a = authorityWorld();
});
afterEach(() => a.cleanup());

/** alice's first grant, merged by grantops and provisioned; then her renewal, approved by carol. */
async function approvedRenewal(): Promise<number> {
  const { w } = a;
  const path = pathOf('alice');
  const n = await w.openRequest('alice', 'request/prod-admin/alice', { [path]: FIRST });
  await w.review('carol', n);
  await a.merge(n);
  expect((await a.grantops('reconcile')).code).toBe(0);
  const m = await w.openRequest('alice', 'renew-alice', { [path]: RENEWED });
  await w.review('carol', m);
  return m;
}

async function expectRefusedAsUnreviewed(landing: string) {
  const r = await a.grantops('reconcile');
  expect(r.code).toBe(1);
  expect(verifications(r)).toHaveLength(1);
  expect(r.out.grant).toEqual([]);
  expect(r.out.alarms).toEqual([
    expect.objectContaining({
      commit: landing,
      code: 'E_LANDING_REJECTED',
      message: expect.stringMatching(/is not what the reviews approved/),
    }),
  ]);
  expect(r.out.revoke).toMatchObject([{ requester: 'alice' }]);
  expect(a.member('alice')).toBeNull();
  expect(a.verdictFiles(r.dir)).toContain(`failed/${landing}`);
  const status = await a.grantops('status');
  expect(status.out).toEqual([
    expect.objectContaining({
      requester: 'alice',
      state: 'unapproved',
      problems: expect.arrayContaining(['E_LANDING_REJECTED']),
    }),
  ]);
}

describe('what landed must be what the reviews approved', () => {
  it('refuses a squash that folded in an admin’s longer duration pushed after the approval', async () => {
    const m = await approvedRenewal();
    // After carol's approval, the admin pushes 8h onto main's version of the same file.
    a.w.land({ [pathOf('alice')]: FILE('8h', 'INC-4821 rotate the deploy keys') }, 'tweak');
    // `grantops merge` now waits on such a request (test/commands/merge-base-changed.test.ts);
    // a squash made with the App's token all the same (an older grantops, a script holding the
    // token) merges both sides, and reconcile must refuse what it lands.
    await a.w.octokit.rest.pulls.merge({
      owner: 'acme',
      repo: 'access',
      pull_number: m,
      merge_method: 'squash',
      sha: a.w.repo.pull(m)!.headSha,
      commit_title: `Grant prod-admin to alice for 2h (#${m})`,
      commit_message: trailers('alice', ['carol']),
    });
    const landing = a.w.main();
    expect(a.git(a.checkout(), 'show', `${landing}:${pathOf('alice')}`)).toBe(
      FILE('8h', 'INC-4821 still rotating the deploy keys'),
    );
    await expectRefusedAsUnreviewed(landing);
  });

  it('refuses a merge commit made with the App’s token that folded in a base change', async () => {
    const m = await approvedRenewal();
    a.w.land({ [pathOf('alice')]: FILE('8h', 'INC-4821 rotate the deploy keys') }, 'tweak');
    a.w.repo.settings.allow_merge_commit = true;
    await a.w.octokit.rest.pulls.merge({
      owner: 'acme',
      repo: 'access',
      pull_number: m,
      merge_method: 'merge',
      sha: a.w.repo.pull(m)!.headSha,
      commit_title: `Grant prod-admin to alice (#${m})`,
      commit_message: trailers('alice', ['carol']),
    });
    await expectRefusedAsUnreviewed(a.w.main());
  });

  it('passes a request behind main when main changed other files only', async () => {
    const { w } = a;
    const path = pathOf('alice');
    const n = await w.openRequest('alice', 'request/prod-admin/alice', { [path]: GRANT });
    await w.review('carol', n);
    // bob's request lands first: alice's branch is now behind main.
    const b = await w.openRequest('bob', 'request/prod-admin/bob', { [pathOf('bob')]: GRANT });
    await w.review('dave', b);
    await a.merge(b);
    const landing = await a.merge(n);
    const r = await a.grantops('reconcile');
    expect(r.code).toBe(0);
    expect(r.out.alarms).toEqual([]);
    expect(r.out.grant.map((g: { requester: string; commit: string }) => g.requester)).toEqual([
      'alice',
      'bob',
    ]);
    expect(a.verdictFiles(r.dir)).toContain(`passed/${landing}`);
    expect(a.member('alice')).toMatchObject({ state: 'active' });
    expect(teamWrites(r).length).toBe(2);
  });
});
