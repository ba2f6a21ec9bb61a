import type { Identity } from '../core/forge.js';
import type { GitHubClient } from './octokit.js';
import type { PullRequestData } from './pulls.js';
import type { RepoRef } from './repo-ref.js';

/**
 * Everyone who pushed to a pull request's branch (I2: their approvals never count), from what
 * GitHub saw rather than from commit metadata, which whoever made the commit writes:
 * - a branch of this repository: every actor in the repository activity log for that branch
 *   (pushes, force pushes, creation, deletion), in one call of the latest 100 events;
 * - a fork: the fork's owner, and someone unknown. Pushes to a fork are in the fork's own log,
 *   which the App cannot read: anyone the owner lets push there could push a commit written in
 *   the requester's name and then approve it. The unknown pusher refuses the request (I2 cannot
 *   be checked), so requests come from branches of the repository itself.
 * When the log holds more than 100 events for the branch, an unknown identity is added: the
 * decision then refuses rather than count an approval by someone it could not see.
 */
export async function pushersOf(
  octokit: GitHubClient,
  repo: RepoRef,
  pull: PullRequestData,
): Promise<Identity[]> {
  if (pull.head.fork) {
    const unseen: Identity = {
      login: null,
      // Short enough to be quoted whole in the decision's message (it cuts at 120 characters).
      display: `someone who pushed to the fork: open the request from a branch of ${repo.owner}/${repo.repo}`,
    };
    return pull.head.owner
      ? [{ login: pull.head.owner, display: pull.head.owner }, unseen]
      : [{ login: null, display: `the deleted fork that opened #${pull.number}` }];
  }
  const res = await octokit.rest.repos.listActivities({
    ...repo,
    ref: `refs/heads/${pull.head.ref}`,
    direction: 'desc',
    per_page: 100,
  });
  const seen = new Map<string, Identity>();
  for (const a of res.data) {
    if (a.actor)
      seen.set(a.actor.login.toLowerCase(), {
        login: a.actor.login.toLowerCase(),
        display: a.actor.login,
      });
    else
      seen.set('', { login: null, display: `a deleted account that pushed to ${pull.head.ref}` });
  }
  if (/rel="next"/.test(res.headers.link ?? '')) {
    seen.set('\0more', {
      login: null,
      display: `the authors of pushes to ${pull.head.ref} older than its latest 100 (open a new request from a fresh branch)`,
    });
  }
  return [...seen.values()];
}
