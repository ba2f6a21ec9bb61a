import { bodyOf, caller, findPull, findRepo, requireString, writableRepo } from './access.js';
import { json, paginate, validationFailed } from './http.js';
import { pullCommit, pullRequest, pullRequestSimple } from './pull-shapes.js';
import type { Pull, Repo } from './repo.js';
import { route, type Context, type Route } from './router.js';

/**
 * Pull requests (https://docs.github.com/rest/pulls/pulls). What matters for trust:
 * - The author of a pull request is the account of the token that created it.
 * - One open pull request per head and base: a second `POST` answers 422 ("A pull request
 *   already exists"), which is what lets concurrent runs meet on one pull request.
 * - `refs/pull/N/head` exists in the base repository from the start, for forks too.
 * - The commits listing is git's `base...head`, oldest first, capped at 250 like GitHub's.
 */

const DOCS = {
  list: 'https://docs.github.com/rest/pulls/pulls#list-pull-requests',
  get: 'https://docs.github.com/rest/pulls/pulls#get-a-pull-request',
  create: 'https://docs.github.com/rest/pulls/pulls#create-a-pull-request',
  update: 'https://docs.github.com/rest/pulls/pulls#update-a-pull-request',
  commits: 'https://docs.github.com/rest/pulls/pulls#list-commits-on-a-pull-request',
};

function listPulls(ctx: Context) {
  const repo = findRepo(ctx, DOCS.list);
  const q = ctx.req.url.searchParams;
  const state = q.get('state') ?? 'open';
  const head = q.get('head');
  const base = q.get('base');
  const asc = q.get('direction') === 'asc';
  const pulls = repo.pulls
    .filter((p) => state === 'all' || p.issue.state === state)
    .filter(
      (p) =>
        !head || `${p.head.repo.owner.login}:${p.head.ref}`.toLowerCase() === head.toLowerCase(),
    )
    .filter((p) => !base || p.base === base)
    .sort((a, b) => (asc ? 1 : -1) * (a.issue.number - b.issue.number))
    .map((p) => pullRequestSimple(ctx.origin, repo, p));
  return paginate(ctx.req, pulls, new URL(`${ctx.origin}/repos/${repo.fullName}/pulls`));
}

function getPull(ctx: Context) {
  const repo = findRepo(ctx, DOCS.get);
  return json(pullRequest(ctx.origin, repo, findPull(ctx, repo, DOCS.get)));
}

/** `branch` or `owner:branch` (a fork of this repository). */
function headRepo(ctx: Context, repo: Repo, head: string): { repo: Repo; ref: string } {
  const colon = head.indexOf(':');
  if (colon < 0) return { repo, ref: head };
  const owner = head.slice(0, colon);
  const ref = head.slice(colon + 1);
  if (owner.toLowerCase() === repo.owner.login.toLowerCase()) return { repo, ref };
  const fork = ctx.store.repo(owner, repo.name);
  if (!fork || fork.parent !== repo) {
    throw validationFailed(DOCS.create, [
      { resource: 'PullRequest', field: 'head', code: 'invalid' },
    ]);
  }
  return { repo: fork, ref };
}

function createPull(ctx: Context) {
  const repo = writableRepo(ctx, DOCS.create);
  const body = bodyOf(ctx);
  const title = requireString(body, 'title', 'PullRequest', DOCS.create);
  const base = requireString(body, 'base', 'PullRequest', DOCS.create);
  const head = headRepo(ctx, repo, requireString(body, 'head', 'PullRequest', DOCS.create));
  const baseSha = repo.branchSha(base);
  const headSha = head.repo.branchSha(head.ref);
  const invalid = (field: string) =>
    validationFailed(DOCS.create, [{ resource: 'PullRequest', field, code: 'invalid' }]);
  if (!baseSha) throw invalid('base');
  if (!headSha) throw invalid('head');
  const label = `${head.repo.owner.login}:${head.ref}`;
  const existing = repo.pulls.find(
    (p) =>
      p.issue.state === 'open' &&
      p.base === base &&
      p.head.repo === head.repo &&
      p.head.ref === head.ref,
  );
  const custom = (message: string) =>
    validationFailed(DOCS.create, [{ resource: 'PullRequest', code: 'custom', message }]);
  if (existing) throw custom(`A pull request already exists for ${label}.`);
  if (head.repo === repo) {
    if (repo.git.isAncestor(headSha, baseSha))
      throw custom(`No commits between ${base} and ${head.ref}`);
  }
  const user = caller(ctx);
  const issue = repo.newIssue(user, title, typeof body.body === 'string' ? body.body : null);
  const lastPush = [...head.repo.activity]
    .reverse()
    .find((a) => a.ref === `refs/heads/${head.ref}`);
  const pull: Pull = {
    id: ctx.store.id(),
    issue,
    base,
    head,
    headSha,
    lastPusher: lastPush?.actor ?? user,
    draft: body.draft === true,
    merged: false,
    mergedBy: null,
    mergeCommitSha: null,
    mergedAt: null,
  };
  issue.pull = pull;
  const pullRef = `refs/pull/${issue.number}/head`;
  if (head.repo === repo) repo.git.setRef(pullRef, headSha);
  else repo.git.fetchFrom(head.repo.git, `refs/heads/${head.ref}`, pullRef);
  return json(pullRequest(ctx.origin, repo, pull), 201, {
    location: `${ctx.origin}/repos/${repo.fullName}/pulls/${issue.number}`,
  });
}

function updatePull(ctx: Context) {
  const repo = writableRepo(ctx, DOCS.update);
  const pull = findPull(ctx, repo, DOCS.update);
  const body = bodyOf(ctx);
  if (typeof body.title === 'string') pull.issue.title = body.title;
  if (typeof body.body === 'string') pull.issue.body = body.body;
  if (body.state === 'closed' && pull.issue.state === 'open') {
    pull.issue.state = 'closed';
    pull.issue.closedAt = ctx.store.timestamp();
  } else if (body.state === 'open' && pull.issue.state === 'closed') {
    if (pull.merged)
      throw validationFailed(DOCS.update, [
        {
          resource: 'PullRequest',
          code: 'custom',
          field: 'state',
          message: 'state cannot be changed. The pull request has been merged.',
        },
      ]);
    pull.issue.state = 'open';
    pull.issue.closedAt = null;
  } else if (body.state !== undefined && body.state !== 'open' && body.state !== 'closed') {
    throw validationFailed(DOCS.update, [
      { resource: 'PullRequest', field: 'state', code: 'invalid' },
    ]);
  }
  pull.issue.updatedAt = ctx.store.timestamp();
  return json(pullRequest(ctx.origin, repo, pull));
}

function listCommits(ctx: Context) {
  const repo = findRepo(ctx, DOCS.commits);
  const pull = findPull(ctx, repo, DOCS.commits);
  const base = pull.merged
    ? (repo.git.commit(pull.mergeCommitSha as string).parents[0] as string)
    : (repo.branchSha(pull.base) as string);
  const commits = repo.git
    .commitsBetween(base, pull.headSha)
    .slice(0, 250)
    .map((c) => pullCommit(ctx.origin, repo, c));
  return paginate(ctx.req, commits, ctx.req.url);
}

export const pullRoutes: Route[] = [
  route('GET', '/repos/{owner}/{repo}/pulls', DOCS.list, listPulls),
  route('POST', '/repos/{owner}/{repo}/pulls', DOCS.create, createPull),
  route('GET', '/repos/{owner}/{repo}/pulls/{pull_number}', DOCS.get, getPull),
  route('PATCH', '/repos/{owner}/{repo}/pulls/{pull_number}', DOCS.update, updatePull),
  route('GET', '/repos/{owner}/{repo}/pulls/{pull_number}/commits', DOCS.commits, listCommits),
];
