import type { Review, ReviewState } from '../core/forge.js';
import type { GitHubClient } from './octokit.js';
import type { RepoRef } from './repo-ref.js';

/**
 * A pull request's reviews, oldest first, each with the commit it was given on. The decision
 * keeps each reviewer's latest and counts an approval only while its `commit_id` is the head:
 * GitHub's own "dismiss stale approvals" misses pushes that leave the diff unchanged, such as a
 * clean rebase. Pending (unsubmitted) reviews are not reviews yet. Reviews are paged 100 at a
 * time; the latest are on the last page, so all pages are read.
 */

const STATES: Record<string, ReviewState> = {
  APPROVED: 'approved',
  CHANGES_REQUESTED: 'changes_requested',
  COMMENTED: 'commented',
  DISMISSED: 'dismissed',
};

export async function listReviews(
  octokit: GitHubClient,
  repo: RepoRef,
  number: number,
): Promise<Review[]> {
  const reviews = await octokit.paginate(octokit.rest.pulls.listReviews, {
    ...repo,
    pull_number: number,
    per_page: 100,
  });
  return reviews.flatMap((r) => {
    const state = STATES[r.state];
    if (!state || !r.user) return [];
    return [
      {
        reviewer: r.user.login.toLowerCase(),
        state,
        commit: r.commit_id ?? '',
        submittedAt: r.submitted_at ?? null,
      },
    ];
  });
}
