import { afterEach, describe, expect, it } from 'vitest';
import type { DecisionReport, ForgeRequest } from '../../src/core/forge.js';
import type { GitHubForge } from '../../src/github/forge.js';
import { accessWorld, type AccessWorld } from '../fakes/github/world.js';

/**
 * DESIGN §7: deciding one pull request takes at most six API calls whatever its files, reviews
 * (up to 100) or commits. Counted on the fake GitHub for what `merge --all` does per request
 * once the open pull requests are listed: read it (its commits, who pushed), read its reviews,
 * post the check and the request card.
 */

const PATH = 'grants/db-read/alice.yaml';

function report(r: ForgeRequest, summary: string, problems = 0): DecisionReport {
  return {
    request: r.id,
    head: r.head.sha,
    conclusion: problems ? 'failure' : 'pending',
    summary,
    grants: [],
    approvals: { counted: [], ignored: [], eligible: [] },
    problems: Array.from({ length: problems }, (_, i) => ({
      path: PATH,
      line: i + 1,
      code: 'E_REASON_TOO_SHORT',
      message: `problem ${i + 1}`,
    })),
  };
}

/** What deciding `id` costs: calls between the listing and the end of the report. */
async function decide(forge: GitHubForge, w: AccessWorld, id: string, summary: string) {
  await forge.listRequests();
  w.gh.clearCalls();
  const r = await forge.request(id);
  await forge.reviews(r);
  await forge.report(r, report(r, summary));
  return { request: r, calls: w.gh.calls.map((c) => `${c.method} ${c.operation}`) };
}

describe('API calls to decide one pull request', () => {
  let w: AccessWorld;
  afterEach(() => w.cleanup());

  it('is six for a request with 3,000 files, 100 reviews and 150 commits, and for the next decision', async () => {
    w = accessWorld();
    const files = Object.fromEntries(
      Array.from({ length: 3000 }, (_, i) => [`grants/db-read/user${i}.yaml`, 'duration: 1h\n']),
    );
    const base = w.main();
    const wide = w.commit('alice', base, files);
    const tip = w.repo.git.chain(wide, 149, PATH, {
      name: 'alice',
      email: `${w.account('alice').id}+alice@users.noreply.github.com`,
      date: '2026-01-05T10:00:00Z',
    });
    w.push('alice', 'request/db-read/alice', tip);
    const { data } = await w.client('alice').rest.pulls.create({
      owner: 'acme',
      repo: 'access',
      title: 'Big request',
      head: 'request/db-read/alice',
      base: 'main',
    });
    for (let i = 0; i < 100; i++) {
      const reviewer = w.gh.store.addUser(`reviewer${i}`);
      w.repo.reviews.push({
        id: w.gh.store.id(),
        pull: data.number,
        user: reviewer,
        state: i % 2 ? 'APPROVED' : 'COMMENTED',
        body: '',
        commitId: tip,
        submittedAt: w.gh.store.timestamp(),
      });
    }
    const forge = w.forge();

    const first = await decide(forge, w, String(data.number), 'first');
    expect(first.request.commits).toHaveLength(150);
    expect(first.calls).toEqual([
      'GET GET /repos/{owner}/{repo}/pulls/{pull_number}/commits',
      'GET GET /repos/{owner}/{repo}/activity',
      'GET GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews',
      'POST POST /repos/{owner}/{repo}/check-runs',
      'GET GET /repos/{owner}/{repo}/issues/{issue_number}/comments',
      'POST POST /repos/{owner}/{repo}/issues/{issue_number}/comments',
    ]);
    // Commits past GitHub's first page of 100 are not guessed at: they refuse the request.
    expect(first.request.commits.filter((c) => c.author.login === null)).toHaveLength(50);

    const again = await decide(forge, w, String(data.number), 'second');
    expect(again.calls).toHaveLength(6);
    expect(again.calls.at(-1)).toBe(
      'PATCH PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}',
    );
    // The same decision again writes the check only: the card is already right.
    const same = await decide(forge, w, String(data.number), 'second');
    expect(same.calls).toHaveLength(5);
  }, 120_000);

  it('is five for a fork, whose pushes are not in this repository’s activity log', async () => {
    w = accessWorld();
    const n = await w.openRequest('mallory', 'grant', { [PATH]: 'duration: 1h\n' }, { fork: true });
    const { calls, request } = await decide(w.forge(), w, String(n), 'fork');
    expect(calls).toHaveLength(5);
    expect(calls).not.toContain('GET GET /repos/{owner}/{repo}/activity');
    expect(request.pushers.map((p) => p.login)).toContain('mallory');
  });

  it('costs one more call for a request that was not listed first', async () => {
    w = accessWorld();
    const n = await w.openRequest('alice', 'request/db-read/alice', { [PATH]: 'duration: 1h\n' });
    const forge = w.forge();
    w.gh.clearCalls();
    const r = await forge.request(String(n));
    await forge.reviews(r);
    await forge.report(r, report(r, 'unlisted'));
    expect(w.gh.calls.map((c) => c.operation)[0]).toBe(
      'GET /repos/{owner}/{repo}/pulls/{pull_number}',
    );
    expect(w.gh.calls).toHaveLength(7);
  });

  it('a request with 120 problems costs the same calls: 50 annotations, every problem in the summary', async () => {
    w = accessWorld();
    const n = await w.openRequest('alice', 'request/db-read/alice', { [PATH]: 'duration: 1h\n' });
    const forge = w.forge();
    const r = await forge.request(String(n));
    w.gh.clearCalls();
    await forge.report(r, report(r, '120 problems', 120));
    const checkCalls = w.gh.calls.filter((c) => c.operation?.includes('check-runs'));
    expect(checkCalls.map((c) => c.method)).toEqual(['POST']);
    expect(w.gh.calls).toHaveLength(3); // the check, the card looked up and written: as for one problem
    const run = w.repo.checkRuns.at(-1)!;
    expect(run.annotations.map((a) => a.start_line)).toEqual(
      Array.from({ length: 50 }, (_, i) => i + 1),
    );
    expect(run).toMatchObject({
      name: 'grantops/decision',
      status: 'completed',
      conclusion: 'failure',
    });
    const summary = (checkCalls[0]!.requestBody as { output: { summary: string } }).output.summary;
    expect(summary).toContain('problem 51');
    expect(summary).toContain('problem 120');
  });
});
