import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expiryBranch } from '../../src/core/forge.js';
import { GitHubE2E, grantPath, grantYaml, hoursAfterT0 } from './harness.js';

/**
 * GitHub failing under load, through the CLI with `--forge github`: server errors (before and
 * after GitHub did the work) and rate limits are retried, and no write is made twice; a run that
 * gives up is finished by the next.
 */

let e: GitHubE2E;
beforeEach(() => {
  e = new GitHubE2E();
});
afterEach(() => e.cleanup());

describe('GitHub failing under load', { timeout: 60_000 }, () => {
  it('merge: 5xx and secondary limits on every step are retried; one check, one merge', async () => {
    const n = await e.w.openRequest('alice', 'request/db-read/alice', {
      [grantPath('db-read', 'alice')]: grantYaml(),
    });
    await e.w.review('carol', n);
    e.gh.clearCalls();
    e.gh.fail({ kind: 'server', status: 502, times: 1, method: 'GET', path: /\/pulls$/ });
    e.gh.fail({ kind: 'secondary', status: 403, times: 1, method: 'GET', path: /\/reviews$/ });
    e.gh.fail({ kind: 'secondary', status: 429, times: 1, method: 'POST', path: /\/check-runs$/ });
    e.gh.fail({ kind: 'server', status: 503, times: 1, method: 'POST', path: /\/comments$/ });
    // The merge went through, and the answer was lost: the retry must not merge again.
    e.gh.fail({ kind: 'server', status: 502, times: 1, method: 'PUT', afterHandling: true });
    const before = e.w.main();
    const r = await e.mergeAll();
    expect(r.code).toBe(0);
    expect(r.out.merged).toEqual([
      expect.objectContaining({ request: String(n), commit: e.w.main() }),
    ]);
    expect(e.w.repo.git.commit(e.w.main()).parents).toEqual([before]);
    expect(e.w.repo.activity.filter((a) => a.type === 'pr_merge')).toHaveLength(1);
    // Every write landed once: the refused attempts changed nothing.
    const done = e.gh.writes().filter((c) => c.status < 300);
    const byPath = new Map<string, number>();
    for (const c of done) byPath.set(c.path, (byPath.get(c.path) ?? 0) + 1);
    expect([...byPath.values()].every((count) => count === 1)).toBe(true);
    expect(e.w.repo.checkRuns).toHaveLength(1);
    expect(e.w.repo.comments.filter((c) => c.issue === n)).toHaveLength(1);
    expect(e.merges().map((c) => c.status)).toEqual([502, 405]);
    // Each fault was met once and retried.
    const statuses = e.gh.calls.filter((c) => c.status >= 400).map((c) => c.status);
    expect(statuses.sort()).toEqual([403, 405, 429, 502, 502, 503]);
  });

  it('expire: every write answered 502 after GitHub did it is retried without a second write', async () => {
    const [alice] = await e.landGrants(['1h']);
    e.gh.store.setTime(hoursAfterT0(2));
    e.gh.clearCalls();
    const mainBefore = e.w.main();
    const mergesBefore = e.w.repo.activity.filter((a) => a.type === 'pr_merge').length;
    for (const [method, path] of [
      ['POST', /\/git\/refs$/],
      ['DELETE', /\/contents\//],
      ['POST', /\/pulls$/],
      ['POST', /\/labels$/],
      ['PUT', /\/merge$/],
    ] as const)
      e.gh.fail({ kind: 'server', status: 502, times: 1, method, path, afterHandling: true });
    const r = await e.run('expire', hoursAfterT0(2));
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.out.expired).toEqual([
      expect.objectContaining({ path: alice!.path, commit: e.w.main() }),
    ]);
    const branch = expiryBranch('db-read', 'alice', alice!.landing);
    const reverts = e.w.repo.pulls.filter((p) => p.head.ref === branch);
    expect(reverts).toHaveLength(1);
    expect(reverts[0]!.merged).toBe(true);
    expect(reverts[0]!.issue.labels.map((l) => l.name)).toEqual(['grantops:expiry']);
    // One commit on the revert branch (the deletion), one merge commit on main.
    expect(e.w.repo.git.commit(reverts[0]!.headSha).parents).toEqual([mainBefore]);
    expect(e.log().filter((c) => c.subject.startsWith('Expire '))).toHaveLength(1);
    expect(e.w.repo.activity.filter((a) => a.type === 'pr_merge')).toHaveLength(mergesBefore + 1);
    // Each write path was tried at most twice (the lost answer, then the retry), and succeeded once.
    for (const [key, count] of e.writesByPath()) expect(count, key).toBeLessThanOrEqual(2);
  });

  it('expire: secondary limits (403 and 429) and a primary limit are waited out; one of each write', async () => {
    const [alice] = await e.landGrants(['1h']);
    e.gh.store.setTime(hoursAfterT0(2));
    e.gh.clearCalls();
    e.gh.fail({ kind: 'secondary', status: 403, times: 1, method: 'POST', path: /\/git\/refs$/ });
    e.gh.fail({ kind: 'secondary', status: 429, times: 1, method: 'DELETE' });
    e.gh.fail({ kind: 'primary', status: 403, times: 1, method: 'POST', path: /\/pulls$/ });
    e.gh.fail({ kind: 'secondary', status: 429, times: 1, method: 'PUT' });
    const r = await e.run('expire', hoursAfterT0(2));
    expect(r.code).toBe(0);
    expect(r.out.expired.map((x: { path: string }) => x.path)).toEqual([alice!.path]);
    const byPath = e.writesByPath();
    const refused = e.gh.writes().filter((c) => c.status === 403 || c.status === 429);
    expect(refused).toHaveLength(4);
    for (const c of refused)
      expect(byPath.get(`${c.method} ${decodeURIComponent(c.path)}`)).toBe(2);
    for (const [key, count] of byPath)
      if (!refused.some((c) => `${c.method} ${decodeURIComponent(c.path)}` === key))
        expect(count, key).toBe(1);
    expect(e.w.repo.pulls.filter((p) => p.head.ref.startsWith('grantops/expire/'))).toHaveLength(1);
  });

  it('expire: a run that gives up half-way is finished by the next, with no second revert', async () => {
    const [alice] = await e.landGrants(['1h']);
    e.gh.store.setTime(hoursAfterT0(2));
    e.gh.clearCalls();
    // Octokit tries a request four times (three retries) before the run gives up.
    e.gh.fail({ kind: 'server', status: 502, times: 4, method: 'POST', path: /\/labels$/ });
    const died = await e.run('expire', hoursAfterT0(2));
    expect(died.code).toBe(2);
    expect(died.out.error.code).toBe('E_GITHUB_API');
    expect(e.writeKeys().filter((k) => k.endsWith('/labels'))).toHaveLength(4);
    expect(e.merges()).toEqual([]);
    const branch = expiryBranch('db-read', 'alice', alice!.landing);
    expect(e.w.repo.pulls.filter((p) => p.head.ref === branch).map((p) => p.issue.state)).toEqual([
      'open',
    ]);

    e.gh.clearCalls();
    const next = await e.run('expire', hoursAfterT0(2.1));
    expect(next.code).toBe(0);
    expect(next.out.expired.map((x: { path: string }) => x.path)).toEqual([alice!.path]);
    const reverts = e.w.repo.pulls.filter((p) => p.head.ref === branch);
    expect(reverts).toHaveLength(1);
    expect(reverts[0]!.merged).toBe(true);
    expect(reverts[0]!.issue.labels.map((l) => l.name)).toEqual(['grantops:expiry']);
    // The second run made no branch, commit or pull request of its own.
    expect(
      e.writeKeys().filter((k) => /^POST .*\/(git\/refs|pulls)$|^DELETE .*contents/.test(k)),
    ).toEqual([]);
  });
});
