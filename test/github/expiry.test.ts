import { afterEach, describe, expect, it } from 'vitest';
import { expiryBranch } from '../../src/core/forge.js';
import { EXPIRY_LABEL } from '../../src/github/expiry.js';
import { accessWorld, type AccessWorld } from '../fakes/github/world.js';

/**
 * Expiry recorded as revert pull requests on GitHub: what one grant costs in writes (GitHub's
 * secondary limit for content creation is 80 a minute), one listing call for every branch, and
 * a revert that is trusted only for deleting its own grant file.
 */

const PATH = 'grants/db-read/alice.yaml';
const GRANT = 'duration: 2h\nreason: INC-1 slow queries\n';

function spec(w: AccessWorld, landing: string) {
  return {
    branch: expiryBranch('db-read', 'alice', landing),
    path: PATH,
    base: w.main(),
    title: 'Expire db-read for alice',
    message: 'Grant-Action: expired\nGrant-Path: grants/db-read/alice.yaml',
  };
}

describe('expiry reverts on GitHub', { timeout: 90_000 }, () => {
  let w: AccessWorld;
  afterEach(() => w.cleanup());

  it('cost five writes per grant: branch, commit, pull request, label, merge', async () => {
    w = accessWorld();
    const s = spec(w, w.land({ [PATH]: GRANT }));
    const forge = w.forge();
    w.gh.clearCalls();
    const { expiry } = await forge.openExpiry(s);
    const merged = await forge.mergeExpiry(expiry, s);
    expect(merged.merged).toBe(true);
    expect(w.gh.writes().map((c) => c.operation)).toEqual([
      'POST /repos/{owner}/{repo}/git/refs',
      'DELETE /repos/{owner}/{repo}/contents/{path}',
      'POST /repos/{owner}/{repo}/pulls',
      'POST /repos/{owner}/{repo}/issues/{issue_number}/labels',
      'PUT /repos/{owner}/{repo}/pulls/{pull_number}/merge',
    ]);
    const pull = w.repo.pull(Number(expiry.id))!;
    expect(pull.issue.labels.map((l) => l.name)).toEqual([EXPIRY_LABEL]);
    expect(pull.issue.user.login).toBe('grantops-acme[bot]');
    // The revert commit on the branch is the App's; the merge carries the trailers.
    const revert = w.repo.git.commit(expiry.head);
    expect(revert.author.name).toBe('grantops-acme[bot]');
    expect(w.repo.git.commit(w.main()).message).toBe(`${s.title}\n\n${s.message}`);
  });

  it('lists every expiry branch in one call, and forgets merged ones after reporting them', async () => {
    w = accessWorld();
    const forge = w.forge();
    const grants = ['alice', 'bob', 'carol'].map((login) => {
      const path = `grants/db-read/${login}.yaml`;
      const landing = w.land({ [path]: GRANT });
      return { login, path, landing };
    });
    for (const g of grants) {
      await forge.openExpiry({
        branch: expiryBranch('db-read', g.login, g.landing),
        path: g.path,
        base: w.main(),
        title: `Expire db-read for ${g.login}`,
        message: 'Grant-Action: expired',
      });
    }
    w.gh.clearCalls();
    const listed = await forge.listExpiries();
    expect(listed.map((e) => [e.branch.split('/')[3], e.state])).toEqual([
      ['alice', 'open'],
      ['bob', 'open'],
      ['carol', 'open'],
    ]);
    expect(w.gh.calls.map((c) => c.operation)).toEqual([
      'GET /repos/{owner}/{repo}/git/matching-refs/{ref}',
      'GET /repos/{owner}/{repo}/pulls',
    ]);
    const first = listed[0]!;
    // Merging moved main, so each revert is merged on the base it then finds.
    expect(
      (await forge.mergeExpiry(first, { title: 't', message: 'Grant-Action: expired' })).merged,
    ).toBe(true);
    expect((await forge.listExpiries()).map((e) => e.state)).toEqual(['merged', 'open', 'open']);
    expect((await forge.listExpiries()).map((e) => e.state)).toEqual(['open', 'open']);
  });

  it('a push onto an expiry branch is never merged by the App', async () => {
    w = accessWorld();
    const s = spec(w, w.land({ [PATH]: GRANT }));
    const forge = w.forge();
    const { expiry } = await forge.openExpiry(s);
    // mallory, who can write to the repository, slips a grant of her own onto the revert.
    const sneaky = w.commit('mallory', expiry.head, { 'grants/db-admin/mallory.yaml': GRANT });
    w.push('mallory', s.branch, sneaky);
    const [listed] = await forge.listExpiries();
    const before = w.main();
    const outcome = await forge.mergeExpiry(listed!, s);
    expect(outcome).toMatchObject({ merged: false, reason: 'not-allowed' });
    expect(outcome.merged === false && outcome.message).toMatch(
      /must only delete grants\/db-read\/alice\.yaml/,
    );
    expect(w.main()).toBe(before);
    // The revert as it was opened is pinned to its own head: the push moved it, so 409.
    expect(await forge.mergeExpiry(expiry, s)).toMatchObject({
      merged: false,
      reason: 'head-moved',
    });
    expect(w.main()).toBe(before);
  });

  it('a grant revoked early since is not expired again', async () => {
    w = accessWorld();
    const s = spec(w, w.land({ [PATH]: GRANT }));
    const forge = w.forge();
    const { expiry } = await forge.openExpiry(s);
    w.land({ [PATH]: null }, 'Revoke db-read for alice');
    const before = w.main();
    expect(await forge.mergeExpiry(expiry, s)).toMatchObject({
      merged: false,
      reason: 'not-allowed',
    });
    expect(w.main()).toBe(before);
  });

  it('where the rules stop the App, the revert waits for an approval', async () => {
    w = accessWorld();
    w.repo.rulesets[0]!.bypass = w.repo.rulesets[0]!.bypass.filter(
      (b) => b.actor_type !== 'Integration',
    );
    const s = spec(w, w.land({ [PATH]: GRANT }));
    const forge = w.forge();
    const { expiry } = await forge.openExpiry(s);
    const waiting = await forge.mergeExpiry(expiry, s);
    expect(waiting).toMatchObject({ merged: false, reason: 'not-allowed' });
    await w.review('carol', Number(expiry.id));
    const pull = w.repo.pull(Number(expiry.id))!;
    await w.octokit.rest.checks.create({
      owner: 'acme',
      repo: 'access',
      name: 'grantops/decision',
      head_sha: pull.headSha,
      conclusion: 'success',
      output: { title: 'expiry', summary: 'records the end of a grant' },
    });
    expect((await forge.mergeExpiry(expiry, s)).merged).toBe(true);
  });
});
