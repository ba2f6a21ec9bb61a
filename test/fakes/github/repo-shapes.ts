import type { App } from './apps.js';
import type { Repo } from './repo.js';
import { nodeId, simpleUser, WEB } from './shapes.js';

/**
 * The JSON GitHub returns for repositories and Apps (`repository`, `full-repository`,
 * `integration`), built from the store; test/fakes/github-openapi.test.ts checks them.
 */

const URL_TEMPLATES: Record<string, string> = {
  archive_url: '/{archive_format}{/ref}',
  assignees_url: '/assignees{/user}',
  blobs_url: '/git/blobs{/sha}',
  branches_url: '/branches{/branch}',
  collaborators_url: '/collaborators{/collaborator}',
  comments_url: '/comments{/number}',
  commits_url: '/commits{/sha}',
  compare_url: '/compare/{base}...{head}',
  contents_url: '/contents/{+path}',
  contributors_url: '/contributors',
  deployments_url: '/deployments',
  downloads_url: '/downloads',
  events_url: '/events',
  forks_url: '/forks',
  git_commits_url: '/git/commits{/sha}',
  git_refs_url: '/git/refs{/sha}',
  git_tags_url: '/git/tags{/sha}',
  hooks_url: '/hooks',
  issue_comment_url: '/issues/comments{/number}',
  issue_events_url: '/issues/events{/number}',
  issues_url: '/issues{/number}',
  keys_url: '/keys{/key_id}',
  labels_url: '/labels{/name}',
  languages_url: '/languages',
  merges_url: '/merges',
  milestones_url: '/milestones{/number}',
  notifications_url: '/notifications{?since,all,participating}',
  pulls_url: '/pulls{/number}',
  releases_url: '/releases{/id}',
  stargazers_url: '/stargazers',
  statuses_url: '/statuses/{sha}',
  subscribers_url: '/subscribers',
  subscription_url: '/subscription',
  tags_url: '/tags',
  teams_url: '/teams',
  trees_url: '/git/trees{/sha}',
};

export const repoApiUrl = (api: string, r: Repo) => `${api}/repos/${r.fullName}`;

export function repository(api: string, r: Repo) {
  const u = repoApiUrl(api, r);
  const urls = Object.fromEntries(Object.entries(URL_TEMPLATES).map(([k, v]) => [k, `${u}${v}`]));
  const openIssues = r.issues.filter((i) => i.state === 'open').length;
  return {
    id: r.id,
    node_id: nodeId(':Repository', r.id),
    name: r.name,
    full_name: r.fullName,
    owner: simpleUser(api, r.owner),
    private: r.private,
    html_url: `${WEB}/${r.fullName}`,
    description: null,
    fork: r.parent !== null,
    url: u,
    ...urls,
    git_url: `git://github.com/${r.fullName}.git`,
    ssh_url: `git@github.com:${r.fullName}.git`,
    clone_url: `${WEB}/${r.fullName}.git`,
    svn_url: `${WEB}/${r.fullName}`,
    mirror_url: null,
    homepage: null,
    language: null,
    license: null,
    forks: 0,
    forks_count: 0,
    stargazers_count: 0,
    watchers_count: 0,
    watchers: 0,
    size: 1,
    default_branch: r.settings.default_branch,
    open_issues_count: openIssues,
    open_issues: openIssues,
    has_issues: true,
    has_projects: false,
    has_wiki: false,
    has_pages: false,
    has_downloads: true,
    archived: false,
    disabled: false,
    visibility: r.private ? 'private' : 'public',
    pushed_at: r.activity.at(-1)?.timestamp ?? r.createdAt,
    created_at: r.createdAt,
    updated_at: r.createdAt,
  };
}

/**
 * `GET /repos/{owner}/{repo}`. Like GitHub, the merge settings are only in the answer for
 * someone who may change them (a repository admin): other tokens simply do not see them.
 */
export function fullRepository(api: string, r: Repo, admin: boolean) {
  const s = r.settings;
  return {
    ...repository(api, r),
    has_discussions: false,
    network_count: 0,
    subscribers_count: 0,
    ...(admin
      ? {
          allow_squash_merge: s.allow_squash_merge,
          allow_merge_commit: s.allow_merge_commit,
          allow_rebase_merge: s.allow_rebase_merge,
          allow_auto_merge: s.allow_auto_merge,
          delete_branch_on_merge: s.delete_branch_on_merge,
          squash_merge_commit_message: s.squash_merge_commit_message,
          squash_merge_commit_title: s.squash_merge_commit_title,
        }
      : {}),
    ...(r.parent ? { parent: repository(api, r.parent), source: repository(api, r.parent) } : {}),
  };
}

export function integration(a: App, api: string) {
  return {
    id: a.id,
    slug: a.slug,
    node_id: nodeId(':Integration', a.id),
    client_id: a.clientId,
    owner: simpleUser(api, a.owner),
    name: a.name,
    description: null,
    external_url: `${WEB}/apps/${a.slug}`,
    html_url: `${WEB}/apps/${a.slug}`,
    created_at: a.createdAt,
    updated_at: a.createdAt,
    permissions: a.permissions,
    events: a.events,
  };
}
