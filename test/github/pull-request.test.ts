import { afterEach, describe, expect, it } from 'vitest';
import { getPullRequest, pullCommitIdentities } from '../../src/github/pulls.js';
import { pushersOf } from '../../src/github/pushers.js';
import { listReviews } from '../../src/github/reviews.js';
import { accessWorld, type AccessWorld } from '../fakes/github/world.js';

/**
 * A pull request as data, from what GitHub knows rather than what commits say: the author is
 * the account that opened it (I1), everyone who pushed is named by GitHub's activity log (I2),
 * and each review keeps the commit it was given on, even where GitHub keeps an approval across
 * a push that changed the head.
 */

const repo = { owner: 'acme', repo: 'access' };
const PATH = 'grants/db-read/alice.yaml';
const GRANT = 'duration: 2h\nreason: INC-1 slow queries\n';

describe('pull requests as data', () => {
  let w: AccessWorld;
  afterEach(() => w.cleanup());

  it('the author is who opened the pull request, whoever wrote its commits', async () => {
    w = accessWorld();
    // mallory pushes a branch whose commit claims to be alice's, and opens the pull request.
    const sha = w.commit('alice', w.main(), { [PATH]: GRANT });
    w.push('mallory', 'request/db-read/alice', sha);
    const { data } = await w.client('mallory').rest.pulls.create({
      ...repo,
      title: 'alice wants db-read',
      head: 'request/db-read/alice',
      base: 'main',
    });
    const pull = await getPullRequest(w.octokit, repo, data.number);
    expect(pull.author).toEqual({ login: 'mallory', display: 'mallory' });
    const pushers = await pushersOf(w.octokit, repo, pull);
    expect(pushers.map((p) => p.login)).toEqual(['mallory']);
    const { commits } = await pullCommitIdentities(w.octokit, repo, data.number);
    expect(commits.map((c) => c.author.login)).toEqual(['alice']);
  });

  it('names everyone who pushed, force pushes included, from the activity log', async () => {
    w = accessWorld();
    const n = await w.openRequest('alice', 'request/db-read/alice', { [PATH]: GRANT });
    const head = w.repo.pull(n)!.headSha;
    // carol pushes a commit she presents as alice's; dave rewrites the branch.
    w.push(
      'carol',
      'request/db-read/alice',
      w.commit('alice', head, { [PATH]: `${GRANT}# carol\n` }),
    );
    w.push('dave', 'request/db-read/alice', w.commit('alice', w.main(), { [PATH]: GRANT }));
    const pull = await getPullRequest(w.octokit, repo, n);
    const pushers = await pushersOf(w.octokit, repo, pull);
    expect(pushers.map((p) => p.login).sort()).toEqual(['alice', 'carol', 'dave']);
    expect(w.repo.activity.map((a) => a.type)).toContain('force_push');
  });

  it('a fork’s pushers are its owner and someone unknown; its commits name their own authors and committers', async () => {
    w = accessWorld();
    const n = await w.openRequest('mallory', 'db-read', { [PATH]: GRANT }, { fork: true });
    const pull = await getPullRequest(w.octokit, repo, n);
    expect(pull.head).toMatchObject({ fork: true, owner: 'mallory', ref: 'db-read' });
    // Pushes to the fork are in the fork's log only: whoever else pushed there is unknown.
    const pushers = await pushersOf(w.octokit, repo, pull);
    expect(pushers.map((p) => p.login)).toEqual(['mallory', null]);
    expect(pushers[1]!.display).toMatch(/pushed to the fork: open the request from a branch/);
    // A commit carol made in mallory's fork, pushed there by mallory: carol is a committer.
    const fork = w.gh.store.mustRepo('mallory/access');
    const sha = w.commit(
      'mallory',
      pull.head.sha,
      { [PATH]: `${GRANT}# more\n` },
      { committer: 'carol', repo: fork },
    );
    w.push('mallory', 'db-read', sha, fork);
    expect(w.repo.pull(n)!.headSha).toBe(sha);
    const { commits } = await pullCommitIdentities(w.octokit, repo, n);
    expect(commits.at(-1)!.committer.login).toBe('carol');
    // The base repository's log knows nothing of pushes to the fork.
    expect(w.repo.activity.filter((a) => a.ref === 'refs/heads/db-read')).toEqual([]);
  });

  it('a commit email no account owns is an unknown identity, never a guessed login', async () => {
    w = accessWorld();
    const sha = w.commit(
      'alice',
      w.main(),
      { [PATH]: GRANT },
      { authorEmail: 'alice@laptop.local' },
    );
    w.push('alice', 'request/db-read/alice', sha);
    const { data } = await w.client('alice').rest.pulls.create({
      ...repo,
      title: 't',
      head: 'request/db-read/alice',
      base: 'main',
    });
    const { commits, complete } = await pullCommitIdentities(w.octokit, repo, data.number);
    expect(complete).toBe(true);
    expect(commits[0]!.author).toEqual({ login: null, display: 'alice <alice@laptop.local>' });
    expect(commits[0]!.committer.login).toBeNull();
  });

  it('reviews keep their commit; GitHub refuses self-approval; a clean rebase keeps a stale approval', async () => {
    w = accessWorld();
    const n = await w.openRequest('alice', 'request/db-read/alice', { [PATH]: GRANT });
    const first = w.repo.pull(n)!.headSha;
    await expect(w.review('alice', n)).rejects.toMatchObject({ status: 422 });
    await w.review('carol', n);
    // main moves on; alice rebases her unchanged request onto it. GitHub sees the same diff and
    // keeps carol's approval, which was given on the old head.
    w.land({ 'grants/db-read/bob.yaml': GRANT });
    w.push('alice', 'request/db-read/alice', w.commit('alice', w.main(), { [PATH]: GRANT }));
    let reviews = await listReviews(w.octokit, repo, n);
    expect(reviews).toEqual([
      { reviewer: 'carol', state: 'approved', commit: first, submittedAt: expect.any(String) },
    ]);
    expect(w.repo.pull(n)!.headSha).not.toBe(first);
    // A push that changes the diff is one GitHub notices: the approval is dismissed.
    const head = w.repo.pull(n)!.headSha;
    w.push(
      'alice',
      'request/db-read/alice',
      w.commit('alice', head, { [PATH]: GRANT.replace('2h', '8h') }),
    );
    reviews = await listReviews(w.octokit, repo, n);
    expect(reviews.map((r) => r.state)).toEqual(['dismissed']);
  });
});
