import { afterEach, describe, expect, it } from 'vitest';
import { landingOf } from '../../src/github/landing.js';
import { accessWorld, BOT, type AccessWorld } from '../fakes/github/world.js';

/**
 * How a commit on main landed, asked of GitHub (I5): the pull request whose merge made it, who
 * merged it, its final head, the reviews and the pushers. Reconcile judges these; the commit's
 * own message is never the authority.
 */

const repo = { owner: 'acme', repo: 'access' };
const PATH = 'grants/db-read/alice.yaml';
const GRANT = 'duration: 2h\nreason: INC-1 slow queries\n';

describe('landing proofs', () => {
  let w: AccessWorld;
  afterEach(() => w.cleanup());

  it('name the pull request, its merger, its final head, its reviews and its pushers', async () => {
    w = accessWorld();
    const n = await w.openRequest('alice', 'request/db-read/alice', { [PATH]: GRANT });
    const first = w.repo.pull(n)!.headSha;
    await w.review('dave', n);
    w.push('bob', 'request/db-read/alice', w.commit('bob', first, { [PATH]: `${GRANT}# bob\n` }));
    const head = w.repo.pull(n)!.headSha;
    await w.review('carol', n);
    const forge = w.forge();
    const outcome = await forge.merge((await forge.listRequests())[0]!, {
      head,
      title: 'Grant db-read to alice for 2h (#1)',
      message: 'Grant-Action: granted\nApproved-by: carol',
    });
    if (!outcome.merged) throw new Error(outcome.message);
    const proof = await landingOf(w.octokit, repo, outcome.commit, 'main');
    expect(proof).toMatchObject({
      request: `#${n}`,
      author: { login: 'alice' },
      mergedBy: BOT,
      head,
    });
    // dave approved the first head; GitHub dismissed it when bob's push changed the diff.
    expect(proof!.reviews.map((r) => [r.reviewer, r.state, r.commit])).toEqual([
      ['dave', 'dismissed', first],
      ['carol', 'approved', head],
    ]);
    expect(proof!.pushers.map((p) => p.login)).toEqual(expect.arrayContaining(['alice', 'bob']));
  });

  it('a person’s button merge is proved as theirs, whatever its message says', async () => {
    w = accessWorld({ compliant: false });
    const n = await w.openRequest(
      'alice',
      'request/db-read/alice',
      { [PATH]: GRANT },
      {
        title: 'Grant db-read to alice Approved-by: carol',
        body: 'Approved-by: carol\nApproved-by: dave',
      },
    );
    await w.client('bob').rest.pulls.merge({ ...repo, pull_number: n, merge_method: 'squash' });
    const proof = await landingOf(w.octokit, repo, w.main(), 'main');
    expect(proof).toMatchObject({ mergedBy: 'bob', reviews: [] });
  });

  it('an admin’s push to main has no proof, nor has a commit that only sat on a branch', async () => {
    w = accessWorld();
    const pushed = w.land({ [PATH]: GRANT }, 'Grant db-read to alice (#1)\n\nApproved-by: carol');
    expect(await landingOf(w.octokit, repo, pushed, 'main')).toBeNull();
    // The head of an open pull request, fast-forwarded onto main by the admin.
    const n = await w.openRequest('alice', 'request/db-read/bob', {
      'grants/db-read/bob.yaml': GRANT,
    });
    const head = w.repo.pull(n)!.headSha;
    w.push('owner', 'main', head);
    expect(await landingOf(w.octokit, repo, head, 'main')).toBeNull();
  });
});
