import type { GitHubClient } from './octokit.js';
import type { RepoRef } from './repo-ref.js';

/**
 * The times GitHub saw a branch rewritten: force pushes and deletions (a deleted branch can be
 * pushed again with any history), from the repository activity log, newest first. The log is
 * GitHub's record, not the repository's: whoever can push can delete the marker that tells
 * reconcile which commit it last acted on (refs/grantops/reconciled), but not this. Pages of
 * 100 are read only until the events are older than `since` (usually one call).
 */
export interface BranchRewrite {
  kind: 'force_push' | 'branch_deletion';
  actor: string | null;
  at: Date;
}

const REWRITES = new Set<string>(['force_push', 'branch_deletion']);

export async function rewritesSince(
  octokit: GitHubClient,
  repo: RepoRef,
  branch: string,
  since: Date,
): Promise<BranchRewrite[]> {
  const out: BranchRewrite[] = [];
  const pages = octokit.paginate.iterator(octokit.rest.repos.listActivities, {
    ...repo,
    ref: `refs/heads/${branch}`,
    direction: 'desc',
    per_page: 100,
  });
  for await (const { data } of pages) {
    let older = false;
    for (const a of data) {
      const at = new Date(a.timestamp);
      if (at < since) {
        older = true;
        break;
      }
      if (REWRITES.has(a.activity_type))
        out.push({
          kind: a.activity_type as BranchRewrite['kind'],
          actor: a.actor?.login ?? null,
          at,
        });
    }
    if (older) break;
  }
  return out;
}
