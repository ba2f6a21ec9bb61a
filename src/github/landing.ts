import type { LandingProof } from '../core/forge.js';
import type { GitHubClient } from './octokit.js';
import { pullCommitIdentities, pullData } from './pulls.js';
import { pushersOf } from './pushers.js';
import type { RepoRef } from './repo-ref.js';
import { listReviews } from './reviews.js';

/**
 * How a commit on the base branch landed, asked of GitHub instead of read from the commit's
 * trailers (I5): the pull request whose merge made this very commit, who merged it, its final
 * head, each review, and everyone who pushed. A commit no pull request merged (an admin's push,
 * or a commit that only passed through a pull request's branch) has no proof: null.
 * Five calls, in two rounds: the commit's pull requests, then the pull request, its reviews,
 * commits and pushers.
 */
export async function landingOf(
  octokit: GitHubClient,
  repo: RepoRef,
  commit: string,
  baseBranch: string,
): Promise<LandingProof | null> {
  const { data: associated } = await octokit.rest.repos.listPullRequestsAssociatedWithCommit({
    ...repo,
    commit_sha: commit,
  });
  const merged = associated.find((p) => p.merge_commit_sha === commit && p.base.ref === baseBranch);
  if (!merged || merged.merged_at === null) return null;
  // The pull request in full (who merged it) and what it went through are asked at once: each is
  // a round trip between an approval and its access. The listing's copy of the pull request
  // names its branch and fork, all the pushers need.
  const [{ data }, reviews, commits, pushers] = await Promise.all([
    octokit.rest.pulls.get({ ...repo, pull_number: merged.number }),
    listReviews(octokit, repo, merged.number),
    pullCommitIdentities(octokit, repo, merged.number),
    pushersOf(octokit, repo, pullData(merged)),
  ]);
  const pull = pullData(data);
  // GitHub keeps `merge_commit_sha` on pull requests it did not merge (a test merge): only a
  // merged pull request whose merge is this commit proves anything.
  if (!pull.merged || pull.mergeCommitSha !== commit) return null;
  const fromCommits = commits.commits.flatMap((c) => [c.author, c.committer]);
  const incomplete = commits.complete
    ? []
    : [{ login: null, display: `the authors of commits beyond the first 100 of #${pull.number}` }];
  return {
    request: `#${pull.number}`,
    author: pull.author,
    mergedBy: pull.mergedBy,
    head: pull.head.sha,
    reviews,
    pushers: [...pushers, ...fromCommits, ...incomplete],
  };
}
