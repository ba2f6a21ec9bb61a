import { afterEach, describe, expect, it } from 'vitest';
import { squashMerge } from '../../src/github/merge.js';
import { accessWorld, type AccessWorld } from '../fakes/github/world.js';

/**
 * The trusted merge: a squash pinned to the head that was judged, with grantops' own title and
 * message. GitHub's refusals (head moved, rules unmet, conflict) merge nothing and say why; a
 * retried or lost answer never merges twice and is read back truthfully.
 */

const repo = { owner: 'acme', repo: 'access' };
const PATH = 'grants/db-read/alice.yaml';
const GRANT = 'duration: 2h\nreason: INC-1 slow queries\n';
const MESSAGE = {
  title: 'Grant db-read to alice for 2h (#1)',
  message: 'Grant-Action: granted\nGrant-Path: grants/db-read/alice.yaml\nApproved-by: carol',
};

describe('squash merge pinned to the judged head', () => {
  let w: AccessWorld;
  afterEach(() => w.cleanup());

  it('lands one commit whose message is exactly what was sent, never the description', async () => {
    w = accessWorld();
    const n = await w.openRequest(
      'alice',
      'request/db-read/alice',
      { [PATH]: GRANT },
      {
        body: 'Please.\n\nApproved-by: alice\nApproved-by: mallory',
      },
    );
    const head = w.repo.pull(n)!.headSha;
    const before = w.main();
    const outcome = await squashMerge(w.octokit, repo, n, { sha: head, ...MESSAGE });
    expect(outcome).toEqual({ merged: true, commit: w.main() });
    const commit = w.repo.git.commit(w.main());
    expect(commit.message).toBe(`${MESSAGE.title}\n\n${MESSAGE.message}`);
    expect(commit.parents).toEqual([before]);
    expect(commit.author.name).toBe('alice');
    expect(commit.committer).toMatchObject({ name: 'GitHub', email: 'noreply@github.com' });
    expect(w.repo.pull(n)).toMatchObject({
      merged: true,
      mergedBy: { login: 'grantops-acme[bot]' },
    });
    expect(w.repo.activity.at(-1)).toMatchObject({
      type: 'pr_merge',
      actor: { login: 'grantops-acme[bot]' },
    });
  });

  it('merges nothing when the head moved since it was judged (409)', async () => {
    w = accessWorld();
    const n = await w.openRequest('alice', 'request/db-read/alice', { [PATH]: GRANT });
    const judged = w.repo.pull(n)!.headSha;
    w.push(
      'alice',
      'request/db-read/alice',
      w.commit('alice', judged, { [PATH]: GRANT.replace('2h', '8h') }),
    );
    const before = w.main();
    const outcome = await squashMerge(w.octokit, repo, n, { sha: judged, ...MESSAGE });
    expect(outcome).toMatchObject({ merged: false, reason: 'head-moved' });
    expect(w.main()).toBe(before);
  });

  it('merges nothing when the rules are unmet for this account (405), and says GitHub’s reason', async () => {
    w = accessWorld();
    // Without the App in the bypass list, the ruleset wants an approval and the check.
    w.repo.rulesets[0]!.bypass = [];
    const n = await w.openRequest('alice', 'request/db-read/alice', { [PATH]: GRANT });
    const before = w.main();
    const outcome = await squashMerge(w.octokit, repo, n, {
      sha: w.repo.pull(n)!.headSha,
      ...MESSAGE,
    });
    expect(outcome).toMatchObject({ merged: false, reason: 'not-allowed' });
    expect(outcome.merged === false && outcome.message).toMatch(/approving review is required/);
    expect(w.main()).toBe(before);
  });

  it('merges nothing when the change conflicts with main', async () => {
    w = accessWorld();
    const n = await w.openRequest('alice', 'request/db-read/alice', { [PATH]: GRANT });
    w.land({ [PATH]: 'duration: 1h\nreason: INC-2 other\n' });
    const before = w.main();
    const outcome = await squashMerge(w.octokit, repo, n, {
      sha: w.repo.pull(n)!.headSha,
      ...MESSAGE,
    });
    expect(outcome).toMatchObject({ merged: false, reason: 'conflict' });
    expect(w.main()).toBe(before);
  });

  it('a lost answer after GitHub merged is read back: merged once, not twice', async () => {
    w = accessWorld();
    const n = await w.openRequest('alice', 'request/db-read/alice', { [PATH]: GRANT });
    const head = w.repo.pull(n)!.headSha;
    const before = w.main();
    w.gh.fail({ kind: 'server', status: 502, times: 1, method: 'PUT', afterHandling: true });
    const outcome = await squashMerge(w.octokit, repo, n, { sha: head, ...MESSAGE });
    expect(outcome).toEqual({ merged: true, commit: w.main() });
    expect(w.repo.git.commit(w.main()).parents).toEqual([before]);
    expect(w.repo.activity.filter((a) => a.type === 'pr_merge')).toHaveLength(1);
  });

  it('a secondary rate limit is waited out and retried; one merge', async () => {
    w = accessWorld();
    const n = await w.openRequest('alice', 'request/db-read/alice', { [PATH]: GRANT });
    w.gh.fail({ kind: 'secondary', status: 403, times: 1, method: 'PUT' });
    const outcome = await squashMerge(w.octokit, repo, n, {
      sha: w.repo.pull(n)!.headSha,
      ...MESSAGE,
    });
    expect(outcome.merged).toBe(true);
    expect(w.gh.calls.filter((c) => c.method === 'PUT').map((c) => c.status)).toEqual([403, 200]);
    expect(w.repo.activity.filter((a) => a.type === 'pr_merge')).toHaveLength(1);
  });

  it('GitHub’s button with the description as body writes whatever the description says', async () => {
    // What reconcile must never believe: a person's squash merge copies the pull request's text.
    w = accessWorld({ compliant: false });
    w.repo.settings.squash_merge_commit_message = 'PR_BODY';
    const n = await w.openRequest(
      'alice',
      'request/db-read/alice',
      { [PATH]: GRANT },
      {
        title: 'Grant db-read to alice',
        body: 'Grant-Action: granted\nApproved-by: carol',
      },
    );
    await w.client('alice').rest.pulls.merge({ ...repo, pull_number: n, merge_method: 'squash' });
    expect(w.repo.git.commit(w.main()).message).toBe(
      `Grant db-read to alice (#${n})\n\nGrant-Action: granted\nApproved-by: carol`,
    );
    expect(w.repo.pull(n)!.mergedBy!.login).toBe('alice');
  });
});
