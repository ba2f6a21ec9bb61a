import type { Identity } from '../core/forge.js';
import type { GitHubClient } from './octokit.js';
import type { RepoRef } from './repo-ref.js';

/**
 * Pull requests as data: who opened it (I1: `user.login`, never a file's text), its base and
 * head, and for a fork whose repository it comes from. One call each for a pull request and for
 * its commits; the open list is paged 100 at a time.
 */

export interface PullRequestData {
  number: number;
  title: string;
  body: string | null;
  state: 'open' | 'closed';
  draft: boolean;
  author: Identity;
  base: { ref: string; sha: string };
  head: {
    ref: string;
    sha: string;
    /** The account owning the head repository: the fork's owner for a fork. */
    owner: string | null;
    /** The head lives in another repository (a fork, or a deleted fork). */
    fork: boolean;
  };
  labels: string[];
  url: string;
  merged: boolean;
  mergedBy: string | null;
  mergeCommitSha: string | null;
}

/** What `pulls.list` and `pulls.get` share (Octokit types them apart; GitHub's fields agree). */
interface PullFields {
  number: number;
  title: string;
  body: string | null;
  state: string;
  draft?: boolean;
  user: { login: string; type?: string } | null;
  base: { ref: string; sha: string; repo: { full_name: string } | null };
  head: {
    ref: string;
    sha: string;
    user: { login: string } | null;
    repo: { full_name: string; owner: { login: string } } | null;
  };
  labels: { name?: string }[];
  html_url: string;
  merged_at: string | null;
  merge_commit_sha: string | null;
  merged?: boolean;
  merged_by?: { login: string } | null;
}

export function identityOf(user: { login: string } | null | undefined, fallback: string): Identity {
  return user
    ? { login: user.login.toLowerCase(), display: user.login }
    : { login: null, display: fallback };
}

export function pullData(p: PullFields): PullRequestData {
  const fork = p.head.repo === null || p.head.repo.full_name !== p.base.repo?.full_name;
  return {
    number: p.number,
    title: p.title,
    body: p.body,
    state: p.state === 'open' ? 'open' : 'closed',
    draft: p.draft === true,
    author: identityOf(p.user, 'a deleted account (ghost)'),
    base: { ref: p.base.ref, sha: p.base.sha },
    head: {
      ref: p.head.ref,
      sha: p.head.sha,
      owner: (p.head.repo?.owner.login ?? p.head.user?.login ?? null)?.toLowerCase() ?? null,
      fork,
    },
    labels: p.labels.flatMap((l) => (l.name ? [l.name] : [])),
    url: p.html_url,
    merged: p.merged ?? p.merged_at !== null,
    mergedBy: p.merged_by?.login.toLowerCase() ?? null,
    mergeCommitSha: p.merge_commit_sha,
  };
}

export async function getPullRequest(
  octokit: GitHubClient,
  repo: RepoRef,
  number: number,
): Promise<PullRequestData> {
  const { data } = await octokit.rest.pulls.get({ ...repo, pull_number: number });
  return pullData(data);
}

/** Every open pull request into `base`, oldest first. */
export async function listOpenPullRequests(
  octokit: GitHubClient,
  repo: RepoRef,
  base?: string,
): Promise<PullRequestData[]> {
  const pulls = await octokit.paginate(octokit.rest.pulls.list, {
    ...repo,
    state: 'open',
    ...(base ? { base } : {}),
    sort: 'created',
    direction: 'asc',
    per_page: 100,
  });
  return pulls.map(pullData);
}

export interface CommitIdentities {
  sha: string;
  author: Identity;
  committer: Identity;
}

/**
 * Who GitHub says wrote and committed each commit: the account owning the commit's email, or
 * nobody (login null) when no account does. One call, the first 100 commits; `complete` is
 * false beyond that, and the caller treats the rest as unknown rather than paging on.
 */
export async function pullCommitIdentities(
  octokit: GitHubClient,
  repo: RepoRef,
  number: number,
): Promise<{ commits: CommitIdentities[]; complete: boolean }> {
  const res = await octokit.rest.pulls.listCommits({ ...repo, pull_number: number, per_page: 100 });
  // GitHub answers `null` (or `{}`) for a commit email that belongs to no account.
  const person = (account: object | null, git: { name?: string; email?: string } | null) =>
    identityOf(
      account && 'login' in account && typeof account.login === 'string'
        ? { login: account.login }
        : null,
      `${git?.name ?? '?'} <${git?.email ?? '?'}>`,
    );
  return {
    commits: res.data.map((c) => ({
      sha: c.sha,
      author: person(c.author, c.commit.author),
      committer: person(c.committer, c.commit.committer),
    })),
    complete: !/rel="next"/.test(res.headers.link ?? ''),
  };
}
