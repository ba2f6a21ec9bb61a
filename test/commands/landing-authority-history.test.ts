import { execFileSync } from 'node:child_process';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN } from '../fakes/github/world.js';
import {
  authorityWorld,
  pathOf,
  teamWrites,
  verifications,
  type AuthorityWorld,
} from '../helpers/authority-world.js';

/**
 * The same landing on main twice: alice's grant, merged by grantops (its verdict passed and
 * sealed), is revoked early by deleting the file; then an admin pushes a merge whose first
 * parent is the old landing and whose second is main. It fast-forwards main and descends from
 * everything reconcile acted on, but the branch's first-parent record now skips the
 * revocation, and the old landing reads as the file's latest version again.
 */
const EIGHT_HOURS = 'duration: 8h\nreason: INC-4821 rotate the deploy keys\n';

let a: AuthorityWorld;
beforeEach(() => {
  a = authorityWorld();
});
afterEach(() => a.cleanup());

/** alice's 8h grant through grantops, provisioned, then revoked by deleting the file. */
async function grantedThenRevoked(): Promise<{ landing: string; revocation: string }> {
  const { w } = a;
  const n = await w.openRequest('alice', 'request/prod-admin/alice', {
    [pathOf('alice')]: EIGHT_HOURS,
  });
  await w.review('carol', n);
  const landing = await a.merge(n);
  expect((await a.grantops('reconcile')).code).toBe(0);
  expect(a.member('alice')).toMatchObject({ state: 'active' });
  const revocation = w.land({ [pathOf('alice')]: null }, 'Revoke alice early');
  const r = await a.grantops('reconcile');
  expect(r.out.revoke).toMatchObject([{ requester: 'alice' }]);
  expect(a.member('alice')).toBeNull();
  return { landing, revocation };
}

/** A commit made with git's plumbing in the bare repository, as an admin's client would. */
function commitTree(tree: string, parents: string[], message: string): string {
  const person = { NAME: ADMIN, EMAIL: `${ADMIN}@users.noreply.github.com` };
  return execFileSync(
    'git',
    [
      '-C',
      a.w.repo.git.dir,
      'commit-tree',
      tree,
      ...parents.flatMap((p) => ['-p', p]),
      '-m',
      message,
    ],
    {
      encoding: 'utf8',
      env: {
        ...process.env,
        GIT_AUTHOR_NAME: person.NAME,
        GIT_AUTHOR_EMAIL: person.EMAIL,
        GIT_COMMITTER_NAME: person.NAME,
        GIT_COMMITTER_EMAIL: person.EMAIL,
      },
    },
  ).trim();
}
const treeOf = (commit: string) =>
  execFileSync('git', ['-C', a.w.repo.git.dir, 'rev-parse', `${commit}^{tree}`], {
    encoding: 'utf8',
  }).trim();

async function expectResurrectionRefused(landing: string) {
  const r = await a.grantops('reconcile');
  expect(r.code).toBe(1);
  expect(r.out.grant).toEqual([]);
  expect(r.out.alarms).toEqual([
    expect.objectContaining({
      commit: landing,
      code: 'E_LANDING_REJECTED',
      message: expect.stringMatching(
        /only because the merge [0-9a-f]{10} on the branch sets it by hand/,
      ),
    }),
  ]);
  // Judged before: GitHub is not asked again about the landing itself.
  expect(verifications(r)).toEqual([]);
  expect(teamWrites(r)).toEqual([]);
  expect(a.member('alice')).toBeNull();
  expect(a.alarmIssues()).toHaveLength(1);
  // plan says the same and writes nothing.
  const plan = await a.grantops('plan');
  expect(plan.code).toBe(1);
  expect(plan.out.alarms).toMatchObject([{ commit: landing, code: 'E_LANDING_REJECTED' }]);
  expect(plan.calls.filter((c) => c.method !== 'GET')).toEqual([]);
}

describe('a grant brought back by a hand-made merge', () => {
  it('first parent the old landing, second parent main: refused, never granted again', async () => {
    const { landing, revocation } = await grantedThenRevoked();
    const merge = commitTree(treeOf(landing), [landing, revocation], 'Merge main');
    a.w.push(ADMIN, 'main', merge);
    await expectResurrectionRefused(landing);
  });

  it('first parent a new commit on the old landing: refused too', async () => {
    const { landing, revocation } = await grantedThenRevoked();
    const side = a.w.commit(ADMIN, landing, { 'README.md': 'access\n' }, { message: 'Docs' });
    const merge = commitTree(treeOf(side), [side, revocation], 'Merge main');
    a.w.push(ADMIN, 'main', merge);
    await expectResurrectionRefused(landing);
  });
});

describe('merges GitHub makes', () => {
  it('a merge commit of a pull request that changes no grant leaves the grants alone', async () => {
    const { w } = a;
    // A docs branch cut before alice's landing, merged after it with a merge commit.
    const docs = w.commit('bob', w.main(), { 'README.md': 'access\n' });
    w.push('bob', 'docs', docs);
    const n = await w.openRequest('alice', 'request/prod-admin/alice', {
      [pathOf('alice')]: EIGHT_HOURS,
    });
    await w.review('carol', n);
    const landing = await a.merge(n);
    const { data } = await w.client('bob').rest.pulls.create({
      owner: 'acme',
      repo: 'access',
      title: 'Docs',
      head: 'docs',
      base: 'main',
    });
    w.repo.settings.allow_merge_commit = true;
    await w.client(ADMIN).rest.pulls.merge({
      owner: 'acme',
      repo: 'access',
      pull_number: data.number,
      merge_method: 'merge',
    });
    expect(w.main()).not.toBe(landing);
    const r = await a.grantops('reconcile');
    expect(r.code).toBe(0);
    expect(r.out.alarms).toEqual([]);
    expect(r.out.grant).toMatchObject([{ requester: 'alice', commit: landing }]);
    expect(a.member('alice')).toMatchObject({ state: 'active' });
  });
});

describe('a grant brought back by rewriting main', () => {
  it('a force push to the old landing, the marker deleted: nothing granted, the run fails', async () => {
    const { landing } = await grantedThenRevoked();
    const { w } = a;
    // The admin force-pushes main back onto the old landing (plus a harmless commit), and
    // deletes the marker that would have shown the rewrite: any writer can.
    w.push(ADMIN, 'main', w.commit(ADMIN, landing, { 'README.md': 'access\n' }));
    a.git(w.repo.git.dir, 'update-ref', '-d', 'refs/grantops/reconciled');
    const r = await a.grantops('reconcile');
    expect(r.code).toBe(1);
    expect(r.out.grant).toEqual([]);
    expect(r.out.errors).toEqual([
      expect.objectContaining({
        code: 'E_LANDING_UNVERIFIED',
        requester: 'alice',
        message: expect.stringMatching(/main was force-pushed by owner at .*, after this landed/),
      }),
    ]);
    expect(teamWrites(r)).toEqual([]);
    expect(a.member('alice')).toBeNull();
  });

  it('a landing merged after a force push is granted as usual', async () => {
    const { w } = a;
    w.push(ADMIN, 'main', w.commit(ADMIN, w.main(), { 'README.md': 'access\n' }));
    const before = w.main();
    w.push(ADMIN, 'main', w.commit(ADMIN, before, { 'README.md': 'access, again\n' }));
    w.push(ADMIN, 'main', before);
    const n = await w.openRequest('alice', 'request/prod-admin/alice', {
      [pathOf('alice')]: EIGHT_HOURS,
    });
    await w.review('carol', n);
    const landing = await a.merge(n);
    const r = await a.grantops('reconcile');
    expect(r.code).toBe(0);
    expect(r.out.grant).toMatchObject([{ requester: 'alice', commit: landing }]);
    expect(a.member('alice')).toMatchObject({ state: 'active' });
  });
});
