import type { Activity, CheckRun, Comment, IssueRecord, Label, Repo } from './repo.js';
import { integration, repoApiUrl } from './repo-shapes.js';
import { nodeId, simpleUser, WEB } from './shapes.js';

/**
 * The JSON GitHub returns for issues, comments, labels, check runs, git refs and repository
 * activity (`issue`, `issue-comment`, `label`, `check-run`, `git-ref`, `activity`).
 */

export function labelShape(api: string, repo: Repo, l: Label) {
  return {
    id: l.id,
    node_id: nodeId(':Label', l.id),
    url: `${repoApiUrl(api, repo)}/labels/${encodeURIComponent(l.name)}`,
    name: l.name,
    description: l.description,
    color: l.color,
    default: false,
  };
}

export function issueShape(api: string, repo: Repo, i: IssueRecord) {
  const u = `${repoApiUrl(api, repo)}/issues/${i.number}`;
  const html = `${WEB}/${repo.fullName}/${i.pull ? 'pull' : 'issues'}/${i.number}`;
  return {
    id: i.id,
    node_id: nodeId(':Issue', i.id),
    url: u,
    repository_url: repoApiUrl(api, repo),
    labels_url: `${u}/labels{/name}`,
    comments_url: `${u}/comments`,
    events_url: `${u}/events`,
    html_url: html,
    number: i.number,
    state: i.state,
    state_reason: i.state === 'closed' ? 'completed' : null,
    title: i.title,
    body: i.body,
    user: simpleUser(api, i.user),
    labels: i.labels.map((l) => labelShape(api, repo, l)),
    assignee: null,
    assignees: [],
    milestone: null,
    locked: false,
    active_lock_reason: null,
    comments: repo.comments.filter((c) => c.issue === i.number).length,
    closed_at: i.closedAt,
    created_at: i.createdAt,
    updated_at: i.updatedAt,
    author_association: 'NONE',
    ...(i.pull
      ? {
          pull_request: {
            url: `${repoApiUrl(api, repo)}/pulls/${i.number}`,
            html_url: html,
            diff_url: `${html}.diff`,
            patch_url: `${html}.patch`,
            merged_at: i.pull.mergedAt,
          },
          draft: i.pull.draft,
        }
      : {}),
  };
}

export function issueComment(api: string, repo: Repo, c: Comment) {
  const issueUrl = `${repoApiUrl(api, repo)}/issues/${c.issue}`;
  const kind = repo.issue(c.issue)?.pull ? 'pull' : 'issues';
  return {
    id: c.id,
    node_id: nodeId(':IssueComment', c.id),
    url: `${repoApiUrl(api, repo)}/issues/comments/${c.id}`,
    html_url: `${WEB}/${repo.fullName}/${kind}/${c.issue}#issuecomment-${c.id}`,
    body: c.body,
    user: simpleUser(api, c.user),
    created_at: c.createdAt,
    updated_at: c.updatedAt,
    issue_url: issueUrl,
    author_association: 'NONE',
    performed_via_github_app: c.app ? integration(c.app, api) : null,
  };
}

export function checkRun(api: string, repo: Repo, r: CheckRun) {
  const u = `${repoApiUrl(api, repo)}/check-runs/${r.id}`;
  return {
    id: r.id,
    head_sha: r.headSha,
    node_id: nodeId(':CheckRun', r.id),
    external_id: r.externalId,
    url: u,
    html_url: `${WEB}/${repo.fullName}/runs/${r.id}`,
    details_url: r.detailsUrl,
    status: r.status,
    conclusion: r.conclusion,
    started_at: r.startedAt,
    completed_at: r.completedAt,
    output: {
      title: r.title,
      summary: r.summary,
      text: r.text,
      annotations_count: r.annotations.length,
      annotations_url: `${u}/annotations`,
    },
    name: r.name,
    check_suite: { id: r.id + 1 },
    app: integration(r.app, api),
    pull_requests: repo.pulls
      .filter((p) => p.issue.state === 'open' && p.headSha === r.headSha && p.head.repo === repo)
      .map((p) => ({
        id: p.id,
        number: p.issue.number,
        url: `${repoApiUrl(api, repo)}/pulls/${p.issue.number}`,
        head: { ref: p.head.ref, sha: p.headSha, repo: minimalRepo(api, repo) },
        base: { ref: p.base, sha: repo.branchSha(p.base) ?? '', repo: minimalRepo(api, repo) },
      })),
  };
}

const minimalRepo = (api: string, repo: Repo) => ({
  id: repo.id,
  url: repoApiUrl(api, repo),
  name: repo.name,
});

export function gitRef(api: string, repo: Repo, ref: string, sha: string) {
  return {
    ref,
    node_id: Buffer.from(`0:Ref${repo.id}:${ref}`).toString('base64'),
    url: `${repoApiUrl(api, repo)}/git/${ref}`,
    object: { type: 'commit', sha, url: `${repoApiUrl(api, repo)}/git/commits/${sha}` },
  };
}

export function activity(api: string, a: Activity) {
  return {
    id: a.id,
    node_id: nodeId(':RepositoryActivity', a.id),
    before: a.before,
    after: a.after,
    ref: a.ref,
    timestamp: a.timestamp,
    activity_type: a.type,
    actor: simpleUser(api, a.actor),
  };
}
