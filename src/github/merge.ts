import type { CommitMessage, MergeOutcome } from '../core/forge.js';
import { githubError, statusOf } from './errors.js';
import type { GitHubClient } from './octokit.js';
import type { RepoRef } from './repo-ref.js';

/**
 * The one way grantops merges: `PUT /pulls/{n}/merge`, squash, `sha` pinned to the head it
 * judged, with its own title and message (the trailers; never the pull request's description).
 * GitHub's refusals are outcomes, not errors: 409 (the head moved since it was judged), 405 (a
 * rule is unmet, the repository forbids squash, or the change conflicts; "Base branch was
 * modified" means try again), 422 (the request was refused as invalid). Nothing merges then,
 * and the next event tries again.
 *
 * A merge whose answer was lost (a 5xx after GitHub had merged, then a retry that finds the pull
 * request closed) is read back: if the pull request is merged from the pinned head, it merged.
 */

const message = (e: unknown) => {
  const data = (e as { response?: { data?: { message?: unknown } } }).response?.data;
  const text = typeof data?.message === 'string' ? data.message : String((e as Error).message);
  return text.replace(/\s+/g, ' ').trim().slice(0, 500);
};

export async function squashMerge(
  octokit: GitHubClient,
  repo: RepoRef,
  number: number,
  spec: CommitMessage & { sha: string },
): Promise<MergeOutcome> {
  try {
    const { data } = await octokit.rest.pulls.merge({
      ...repo,
      pull_number: number,
      merge_method: 'squash',
      sha: spec.sha,
      commit_title: spec.title,
      commit_message: spec.message,
    });
    return { merged: true, commit: data.sha };
  } catch (e) {
    const status = statusOf(e);
    if (status !== 405 && status !== 409 && status !== 422) {
      throw githubError(e, {
        doing: `merging pull request #${number}`,
        tokenEnv: 'GRANTOPS_APP_TOKEN',
      });
    }
    const said = message(e);
    if (status === 405) {
      const { data: pull } = await octokit.rest.pulls.get({ ...repo, pull_number: number });
      if (pull.merged && pull.head.sha === spec.sha && pull.merge_commit_sha)
        return { merged: true, commit: pull.merge_commit_sha };
      if (pull.state !== 'open')
        return { merged: false, reason: 'not-allowed', message: `#${number} is closed.` };
      if (/base branch was modified/i.test(said))
        return { merged: false, reason: 'head-moved', message: `GitHub: ${said}` };
      if (pull.mergeable === false || /not mergeable|conflict/i.test(said))
        return { merged: false, reason: 'conflict', message: `GitHub: ${said}` };
    }
    if (status === 409) return { merged: false, reason: 'head-moved', message: `GitHub: ${said}` };
    return { merged: false, reason: 'not-allowed', message: `GitHub: ${said}` };
  }
}
