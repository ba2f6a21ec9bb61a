import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tokenOf } from '../fakes/github/world.js';
import { codes, GitHubE2E, grantPath, grantYaml, messages, TEAMS } from './harness.js';

/**
 * I1 and I2 attacks through `grantops merge --all --forge github`, as people acting on GitHub
 * could mount them: each merges nothing (no merge call, main unchanged, the pull request open),
 * and the check and the card say why (`refused`). Several variants of each, since the rule must
 * hold for the attack, not for one spelling of it. Forks and I3: github-scope.test.ts.
 */

let e: GitHubE2E;
beforeEach(() => {
  e = new GitHubE2E();
});
afterEach(() => e.cleanup());

const ALICE = grantPath('db-read', 'alice');
const BOB = grantPath('db-read', 'bob');
describe('I1: the grantee is the pull request’s author', { timeout: 60_000 }, () => {
  it('refuses a file for someone else, alone, beside the author’s own, or from a fork', async () => {
    // bob asks for alice's access; then bob asks for his own and alice's in one request; then
    // mallory (a requester too) from her fork.
    const forOther = await e.w.openRequest('bob', 'for-alice', { [ALICE]: grantYaml() });
    const both = await e.w.openRequest('bob', 'both', { [BOB]: grantYaml(), [ALICE]: grantYaml() });
    const fork = await e.w.openRequest(
      'mallory',
      'grant',
      { [ALICE]: grantYaml() },
      { fork: true },
    );
    for (const n of [forOther, both, fork]) await e.w.review('carol', n);

    const waiting = await e.refused();
    for (const n of [forOther, both, fork]) {
      const mismatch = waiting.get(n)!.problems.filter((p) => p.code === 'E_REQUESTER_MISMATCH');
      expect(mismatch.map((p) => p.path)).toEqual([ALICE]);
      expect(e.shown(n)).toMatchObject({ status: 'completed', conclusion: 'failure' });
      expect(e.shown(n).codes).toContain('E_REQUESTER_MISMATCH');
      expect(e.shown(n).card).toContain('`E_REQUESTER_MISMATCH`');
    }
    expect(codes(waiting.get(forOther))).toEqual(['E_REQUESTER_MISMATCH']);
    expect(codes(waiting.get(both))).toEqual(['E_REQUESTER_MISMATCH']);
    expect(messages(waiting.get(forOther))).toMatch(/bob/);
  });

  it('compares logins case-insensitively: Erin’s request for erin.yaml merges, ERIN.yaml does not', async () => {
    // GitHub reports the login as the account spells it; the path holds it in lower case.
    e.gh.store.addOrgMember('acme', 'Erin');
    e.gh.addToken(tokenOf('Erin'), 'Erin');
    e.w.land(
      {
        'policies/people.yaml': (
          e.w.repo.git.readFile('refs/heads/main', 'policies/people.yaml') as string
        ).replace('oncall: [alice, bob, mallory]', 'oncall: [alice, bob, mallory, erin]'),
      },
      'Add erin to oncall',
    );
    const upper = await e.w.openRequest('Erin', 'upper', {
      [grantPath('db-read', 'ERIN')]: grantYaml(),
    });
    await e.w.review('carol', upper);
    const waiting = await e.refused();
    expect(codes(waiting.get(upper)).length).toBeGreaterThan(0);
    expect(e.shown(upper).conclusion).toBe('failure');

    e.gh.clearCalls();
    const lower = await e.w.openRequest('Erin', 'lower', {
      [grantPath('db-read', 'erin')]: grantYaml(),
    });
    await e.w.review('carol', lower);
    const r = await e.mergeAll();
    expect(r.out.merged.map((m: { request: string }) => m.request)).toEqual([String(lower)]);
    expect(e.w.repo.git.commit(e.w.main()).message).toContain('Grant-Requester: erin\n');
  });
});

describe('I2: independent approval', { timeout: 60_000 }, () => {
  it('self-approval: GitHub refuses it, and one GitHub let through (any case) never counts', async () => {
    const n = await e.w.openRequest('alice', 'request/db-read/alice', { [ALICE]: grantYaml() });
    await expect(e.w.review('alice', n)).rejects.toMatchObject({ status: 422 });
    const head = e.w.repo.pull(n)!.headSha;
    // As if GitHub had recorded them: alice's approval, and one under her login in capitals.
    for (const login of ['alice', 'ALICE']) {
      e.w.repo.reviews.push({
        id: e.gh.store.id(),
        pull: n,
        user: { ...e.w.account('alice'), login },
        state: 'APPROVED',
        body: '',
        commitId: head,
        submittedAt: e.gh.store.timestamp(),
      });
    }
    const waiting = await e.refused();
    expect(codes(waiting.get(n))).toEqual(['E_APPROVALS_MISSING']);
    expect(messages(waiting.get(n))).toMatch(/"alice" \(names the requester/);
    expect(e.shown(n)).toMatchObject({ status: 'in_progress', conclusion: null });
    expect(e.shown(n).card).toMatch(/not counted: alice/);
  });

  it('approvals by bots never count: GitHub Actions (when allowed), the App itself', async () => {
    e.w.repo.workflowPermissions.can_approve_pull_request_reviews = true;
    e.gh.addToken('ghs_actions000000000000', 'github-actions[bot]');
    const n = await e.w.openRequest('alice', 'request/db-read/alice', { [ALICE]: grantYaml() });
    await e.w.client('carol').rest.pulls.createReview({
      owner: 'acme',
      repo: 'access',
      pull_number: n,
      event: 'COMMENT',
      body: 'looking',
    });
    for (const token of ['ghs_actions000000000000', e.w.appToken]) {
      await e.gh.fetch(`https://api.github.com/repos/acme/access/pulls/${n}/reviews`, {
        method: 'POST',
        headers: { authorization: `token ${token}`, 'user-agent': 'test' },
        body: JSON.stringify({ event: 'APPROVE' }),
      });
    }
    expect(e.w.repo.reviews.filter((r) => r.state === 'APPROVED').map((r) => r.user.login)).toEqual(
      ['github-actions[bot]', 'grantops-acme[bot]'],
    );
    const waiting = await e.refused();
    expect(codes(waiting.get(n))).toEqual(['E_APPROVALS_MISSING']);
    expect(messages(waiting.get(n))).toMatch(/"github-actions\[bot\]" \(a bot/);
    expect(messages(waiting.get(n))).toMatch(/"grantops-acme\[bot\]" \(a bot/);
  });

  it('an approval by someone who is not an approver, or by a team member without the directory', async () => {
    const byBob = await e.w.openRequest('alice', 'request/db-read/alice', { [ALICE]: grantYaml() });
    await e.w.review('bob', byBob);
    // With the team known, bob is plainly not an approver.
    let waiting = await e.refused(TEAMS);
    expect(codes(waiting.get(byBob))).toEqual(['E_APPROVALS_MISSING']);
    expect(messages(waiting.get(byBob))).toMatch(/"bob" \(not an approver/);
    // Without it, a member of the team cannot be told from anyone else: nothing counts.
    const byDave = await e.w.openRequest('mallory', 'request/db-read/mallory', {
      [grantPath('db-read', 'mallory')]: grantYaml(),
    });
    await e.w.review('dave', byDave);
    waiting = await e.refused();
    expect(codes(waiting.get(byDave))).toEqual(['E_APPROVALS_MISSING']);
    expect(messages(waiting.get(byDave))).toMatch(
      /"dave" \(membership in @acme\/db-admins could not be resolved/,
    );
  });

  it('a stale approval: after a push that changes the grant, and after an empty commit', async () => {
    const changed = await e.w.openRequest('alice', 'request/db-read/alice', {
      [ALICE]: grantYaml(),
    });
    const empty = await e.w.openRequest('bob', 'request/db-read/bob', { [BOB]: grantYaml() });
    await e.w.review('carol', changed);
    await e.w.review('carol', empty);
    e.pushTo(changed, 'alice', { [ALICE]: grantYaml('8h') });
    e.pushTo(empty, 'bob', {});
    // GitHub dismissed the first (its diff changed), not the second (same diff).
    const states = (n: number) => e.w.repo.reviews.filter((r) => r.pull === n).map((r) => r.state);
    expect(states(changed)).toEqual(['DISMISSED']);
    expect(states(empty)).toEqual(['APPROVED']);

    const waiting = await e.refused();
    expect(codes(waiting.get(changed))).toEqual(['E_APPROVALS_MISSING', 'E_APPROVAL_NOT_ON_HEAD']);
    expect(messages(waiting.get(changed))).toMatch(/"carol" their latest review was dismissed/);
    expect(codes(waiting.get(empty))).toEqual(['E_APPROVALS_MISSING', 'E_APPROVAL_NOT_ON_HEAD']);
    expect(messages(waiting.get(empty))).toMatch(/carol.*not the current head/);
    expect(e.shown(empty).codes).toContain('E_APPROVAL_NOT_ON_HEAD');
  });

  it('a stale approval after a clean rebase, which GitHub keeps', async () => {
    const n = await e.w.openRequest('alice', 'request/db-read/alice', { [ALICE]: grantYaml() });
    await e.w.review('carol', n);
    e.w.land({ 'README.md': 'The access repository.\n' }, 'Add a README');
    // alice rebases her one commit onto main: same change, new commit.
    const rebased = e.w.commit('alice', e.w.main(), { [ALICE]: grantYaml() });
    e.w.push('alice', 'request/db-read/alice', rebased);
    expect(e.w.repo.pull(n)!.headSha).toBe(rebased);
    expect(e.w.repo.reviews.map((r) => r.state)).toEqual(['APPROVED']);

    const waiting = await e.refused();
    expect(codes(waiting.get(n))).toEqual(['E_APPROVALS_MISSING', 'E_APPROVAL_NOT_ON_HEAD']);
    // Approving the head again is what it takes.
    await e.w.review('carol', n);
    const r = await e.mergeAll();
    expect(r.code).toBe(0);
    expect(e.merges()).toHaveLength(1);
  });

  it('an approval by someone who pushed: a change, then alice pushes last; or a commit authored as alice', async () => {
    const pushedThenAlice = await e.w.openRequest('alice', 'request/db-read/alice', {
      [ALICE]: grantYaml(),
    });
    e.pushTo(pushedThenAlice, 'carol', { [ALICE]: grantYaml('1h') });
    e.pushTo(pushedThenAlice, 'alice', { [ALICE]: grantYaml('3h') });
    // carol's push carries a commit authored and committed as bob: only GitHub's log shows her.
    const disguised = await e.w.openRequest('bob', 'request/db-read/bob', { [BOB]: grantYaml() });
    e.pushTo(disguised, 'bob', { [BOB]: grantYaml('1h') }, 'carol');
    for (const n of [pushedThenAlice, disguised]) await e.w.review('carol', n);

    const waiting = await e.refused();
    for (const n of [pushedThenAlice, disguised]) {
      expect(codes(waiting.get(n))).toEqual(['E_APPROVALS_MISSING']);
      expect(messages(waiting.get(n))).toMatch(/"carol" \(pushed commits/);
    }
  });

  it('an approval by the committer of a commit, or by someone who pushed and then restored the branch', async () => {
    // dave committed alice's commit (a rebase he did for her); alice pushed it.
    const committed = await e.w.openRequest('alice', 'request/db-read/alice', {
      [ALICE]: grantYaml(),
    });
    const pull = e.w.repo.pull(committed)!;
    const byDave = e.w.commit(
      'alice',
      pull.headSha,
      { [ALICE]: grantYaml('1h') },
      {
        committer: 'dave',
      },
    );
    e.w.push('alice', pull.head.ref, byDave);
    // carol pushed a commit, then force-pushed bob's original back: no commit of hers remains.
    const restored = await e.w.openRequest('bob', 'request/db-read/bob', { [BOB]: grantYaml() });
    const original = e.w.repo.pull(restored)!.headSha;
    e.pushTo(restored, 'carol', { [BOB]: grantYaml('8h') });
    e.w.push('carol', 'request/db-read/bob', original);
    expect(e.w.repo.pull(restored)!.headSha).toBe(original);

    await e.w.review('dave', committed);
    await e.w.review('carol', restored);
    const waiting = await e.refused(TEAMS);
    expect(messages(waiting.get(committed))).toMatch(/"dave" \(pushed commits/);
    expect(messages(waiting.get(restored))).toMatch(/"carol" \(pushed commits/);
  });
});
