import { EXPIRY_PREFIX } from '../core/forge.js';
import { githubError, statusOf } from './errors.js';
import type { GitHubClient } from './octokit.js';
import { pullData, type PullRequestData } from './pulls.js';
import type { RepoRef } from './repo-ref.js';

/**
 * The GitHub side of revert pull requests that record expiry, as small steps the forge chains:
 * a branch with a deterministic name (creating one that exists answers 422, so concurrent runs
 * meet on one branch and only one of them goes on), one commit deleting the grant file (the
 * contents API, pinned to the blob that was judged), the pull request, its label. Each step
 * tolerates having been done already, so a run that died half-way is finished by the next.
 *
 * Writes per expired grant: branch, commit, pull request, label, merge (five), and the branch
 * deletion after the merge when the repository does not delete merged branches itself (six).
 */

export const EXPIRY_LABEL = 'grantops:expiry';

const doing = (what: string) => ({ doing: what, tokenEnv: 'GRANTOPS_APP_TOKEN' });

/** Every branch under `grantops/expire/`, in one call (GitHub does not page matching-refs). */
export async function listExpiryBranches(
  octokit: GitHubClient,
  repo: RepoRef,
): Promise<{ branch: string; sha: string }[]> {
  return branchesUnder(octokit, repo, EXPIRY_PREFIX);
}

async function branchesUnder(octokit: GitHubClient, repo: RepoRef, prefix: string) {
  const { data } = await octokit.rest.git.listMatchingRefs({ ...repo, ref: `heads/${prefix}` });
  return data.map((r) => ({ branch: r.ref.replace(/^refs\/heads\//, ''), sha: r.object.sha }));
}

/** The branch's head, or null when it does not exist. */
export async function branchHead(
  octokit: GitHubClient,
  repo: RepoRef,
  branch: string,
): Promise<string | null> {
  const found = await branchesUnder(octokit, repo, branch);
  return found.find((b) => b.branch === branch)?.sha ?? null;
}

/** Creates `branch` at `sha`; false when it already exists (another run made it). */
export async function createBranch(
  octokit: GitHubClient,
  repo: RepoRef,
  branch: string,
  sha: string,
): Promise<boolean> {
  try {
    await octokit.rest.git.createRef({ ...repo, ref: `refs/heads/${branch}`, sha });
    return true;
  } catch (e) {
    if (statusOf(e) === 422 && /already exists/i.test(String((e as Error).message))) return false;
    throw githubError(e, doing(`creating the branch ${branch}`));
  }
}

export async function deleteBranch(octokit: GitHubClient, repo: RepoRef, branch: string) {
  try {
    await octokit.rest.git.deleteRef({ ...repo, ref: `heads/${branch}` });
  } catch (e) {
    // Already gone (GitHub deletes merged branches when the repository asks it to).
    if (statusOf(e) === 422 || statusOf(e) === 404) return;
    throw githubError(e, doing(`deleting the branch ${branch}`));
  }
}

/** One commit on `branch` deleting `path`, which must still be the blob `blob`. */
export async function commitDeletion(
  octokit: GitHubClient,
  repo: RepoRef,
  spec: { branch: string; path: string; blob: string; message: string },
): Promise<string> {
  const { data } = await octokit.rest.repos.deleteFile({
    ...repo,
    path: spec.path,
    branch: spec.branch,
    sha: spec.blob,
    message: spec.message,
  });
  if (!data.commit.sha)
    throw githubError(new Error('no commit in the answer'), doing(`deleting ${spec.path}`));
  return data.commit.sha;
}

/**
 * Opens the pull request, or returns the one GitHub says exists for that head: the newest of
 * any state, since the run that opened it may have merged it between GitHub's answer and the
 * lookup.
 */
export async function openPullRequest(
  octokit: GitHubClient,
  repo: RepoRef,
  spec: { head: string; base: string; title: string; body: string },
): Promise<{ pull: PullRequestData; created: boolean }> {
  try {
    const { data } = await octokit.rest.pulls.create({ ...repo, ...spec });
    return { pull: pullData(data), created: true };
  } catch (e) {
    if (statusOf(e) !== 422)
      throw githubError(e, doing(`opening a pull request from ${spec.head}`));
    const [existing] = await pullsForHead(octokit, repo, spec.head, 'all');
    if (!existing) throw githubError(e, doing(`opening a pull request from ${spec.head}`));
    return { pull: existing, created: false };
  }
}

/** The pull requests from `branch` of this repository, newest first. */
export async function pullsForHead(
  octokit: GitHubClient,
  repo: RepoRef,
  branch: string,
  state: 'open' | 'all',
): Promise<PullRequestData[]> {
  const { data } = await octokit.rest.pulls.list({
    ...repo,
    head: `${repo.owner}:${branch}`,
    state,
    per_page: 100,
  });
  return data.map(pullData);
}

export async function addLabel(
  octokit: GitHubClient,
  repo: RepoRef,
  number: number,
  label: string,
) {
  await octokit.rest.issues.addLabels({ ...repo, issue_number: number, labels: [label] });
}

export async function closePullRequest(
  octokit: GitHubClient,
  repo: RepoRef,
  number: number,
  why: string,
): Promise<void> {
  await octokit.rest.issues.createComment({ ...repo, issue_number: number, body: why });
  await octokit.rest.pulls.update({ ...repo, pull_number: number, state: 'closed' });
}
