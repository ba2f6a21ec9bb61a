import type { GitCommit } from './git.js';
import type { Pull, Repo, Review } from './repo.js';
import { repoApiUrl, repository } from './repo-shapes.js';
import { labelShape } from './issue-shapes.js';
import { nodeId, simpleUser, WEB } from './shapes.js';
import type { Account, Store } from './store.js';

/**
 * The JSON GitHub returns for pull requests, their commits and reviews (`pull-request`,
 * `pull-request-simple`, `commit`, `pull-request-review`), built from the store.
 */

function side(api: string, repo: Repo, ref: string, sha: string) {
  return {
    label: `${repo.owner.login}:${ref}`,
    ref,
    sha,
    user: simpleUser(api, repo.owner),
    repo: repository(api, repo),
  };
}

function authorAssociation(store: Store, repo: Repo, user: Account): string {
  if (user === repo.owner) return 'OWNER';
  const org = store.org(repo.owner.login);
  return org?.members.has(user.login.toLowerCase()) ? 'MEMBER' : 'CONTRIBUTOR';
}

/** The fields `pull-request-simple` and `pull-request` share. */
export function pullRequestSimple(api: string, repo: Repo, p: Pull) {
  const n = p.issue.number;
  const u = `${repoApiUrl(api, repo)}/pulls/${n}`;
  const issue = `${repoApiUrl(api, repo)}/issues/${n}`;
  const html = `${WEB}/${repo.fullName}/pull/${n}`;
  const statuses = `${repoApiUrl(api, repo)}/statuses/${p.headSha}`;
  const link = (href: string) => ({ href });
  return {
    url: u,
    id: p.id,
    node_id: nodeId(':PullRequest', p.id),
    html_url: html,
    diff_url: `${html}.diff`,
    patch_url: `${html}.patch`,
    issue_url: issue,
    commits_url: `${u}/commits`,
    review_comments_url: `${u}/comments`,
    review_comment_url: `${repoApiUrl(api, repo)}/pulls/comments{/number}`,
    comments_url: `${issue}/comments`,
    statuses_url: statuses,
    number: n,
    state: p.issue.state,
    locked: false,
    title: p.issue.title,
    user: simpleUser(api, p.issue.user),
    body: p.issue.body,
    labels: p.issue.labels.map((l) => labelShape(api, repo, l)),
    milestone: null,
    active_lock_reason: null,
    created_at: p.issue.createdAt,
    updated_at: p.issue.updatedAt,
    closed_at: p.issue.closedAt,
    merged_at: p.mergedAt,
    merge_commit_sha: p.mergeCommitSha,
    assignee: null,
    assignees: [],
    requested_reviewers: [],
    requested_teams: [],
    head: side(api, p.head.repo, p.head.ref, p.headSha),
    base: side(api, repo, p.base, repo.branchSha(p.base) ?? p.headSha),
    _links: {
      self: link(u),
      html: link(html),
      issue: link(issue),
      comments: link(`${issue}/comments`),
      review_comments: link(`${u}/comments`),
      review_comment: link(`${repoApiUrl(api, repo)}/pulls/comments{/number}`),
      commits: link(`${u}/commits`),
      statuses: link(statuses),
    },
    author_association: authorAssociation(repo.store, repo, p.issue.user),
    auto_merge: null,
    draft: p.draft,
  };
}

/** `GET /pulls/{n}`: the simple fields plus merge state and counts, computed from git. */
export function pullRequest(api: string, repo: Repo, p: Pull) {
  const base = repo.branchSha(p.base) ?? p.headSha;
  const mergeable = p.issue.state === 'open' ? repo.git.mergeTree(base, p.headSha) !== null : null;
  const files = repo.git.numstat(base, p.headSha);
  return {
    ...pullRequestSimple(api, repo, p),
    merged: p.merged,
    mergeable,
    rebaseable: mergeable,
    mergeable_state: mergeable === null ? 'unknown' : mergeable ? 'clean' : 'dirty',
    merged_by: p.mergedBy ? simpleUser(api, p.mergedBy) : null,
    comments: repo.comments.filter((c) => c.issue === p.issue.number).length,
    review_comments: 0,
    maintainer_can_modify: false,
    commits: repo.git.commitsBetween(base, p.headSha).length,
    additions: files.reduce((n, f) => n + f.added, 0),
    deletions: files.reduce((n, f) => n + f.deleted, 0),
    changed_files: files.length,
  };
}

/** A commit as the pull request commits API gives it: git's data plus GitHub's accounts. */
export function pullCommit(api: string, repo: Repo, c: GitCommit) {
  const u = `${repoApiUrl(api, repo)}/commits/${c.sha}`;
  // GitHub links a commit to the account that owns its email; an unknown email gives null.
  const account = (email: string) => {
    const a = repo.store.accountByEmail(email);
    return a ? simpleUser(api, a) : null;
  };
  return {
    url: u,
    sha: c.sha,
    node_id: nodeId(':Commit', parseInt(c.sha.slice(0, 8), 16)),
    html_url: `${WEB}/${repo.fullName}/commit/${c.sha}`,
    comments_url: `${u}/comments`,
    commit: {
      url: `${repoApiUrl(api, repo)}/git/commits/${c.sha}`,
      author: c.author,
      committer: c.committer,
      message: c.message,
      comment_count: 0,
      tree: { sha: c.tree, url: `${repoApiUrl(api, repo)}/git/trees/${c.tree}` },
      verification: {
        verified: false,
        reason: 'unsigned',
        signature: null,
        payload: null,
        verified_at: null,
      },
    },
    author: account(c.author.email),
    committer: account(c.committer.email),
    parents: c.parents.map((sha) => ({
      sha,
      url: `${repoApiUrl(api, repo)}/commits/${sha}`,
      html_url: `${WEB}/${repo.fullName}/commit/${sha}`,
    })),
  };
}

export function review(api: string, repo: Repo, r: Review) {
  const pr = `${repoApiUrl(api, repo)}/pulls/${r.pull}`;
  const html = `${WEB}/${repo.fullName}/pull/${r.pull}#pullrequestreview-${r.id}`;
  return {
    id: r.id,
    node_id: nodeId(':PullRequestReview', r.id),
    user: simpleUser(api, r.user),
    body: r.body,
    state: r.state,
    html_url: html,
    pull_request_url: pr,
    _links: { html: { href: html }, pull_request: { href: pr } },
    submitted_at: r.submittedAt,
    commit_id: r.commitId,
    author_association: authorAssociation(repo.store, repo, r.user),
  };
}
