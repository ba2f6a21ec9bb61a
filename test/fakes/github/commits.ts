import { findRepo } from './access.js';
import { errorBody, HttpError, json } from './http.js';
import { activity } from './issue-shapes.js';
import { pullRequestSimple } from './pull-shapes.js';
import { route, type Context, type Route } from './router.js';

/**
 * Which pull requests a commit belongs to
 * (https://docs.github.com/rest/commits/commits#list-pull-requests-associated-with-a-commit) and
 * the repository activity log (https://docs.github.com/rest/repos/repos#list-repository-activities).
 *
 * A squash or merge commit on the base branch is associated with the pull request it merged; a
 * commit on an open pull request's branch with that pull request; a commit pushed straight to
 * main with none. The activity log records every push, force push, branch creation and deletion
 * and merge with the account that made it, newest first, paged with `before`/`after` cursors.
 */

const DOCS = {
  pulls: 'https://docs.github.com/rest/commits/commits#list-pull-requests-associated-with-a-commit',
  activity: 'https://docs.github.com/rest/repos/repos#list-repository-activities',
};

function pullsOfCommit(ctx: Context) {
  const repo = findRepo(ctx, DOCS.pulls);
  const sha = repo.git.resolve(ctx.params.commit_sha as string);
  if (!sha)
    throw new HttpError(
      422,
      errorBody(422, `No commit found for SHA: ${ctx.params.commit_sha}`, DOCS.pulls),
    );
  const pulls = repo.pulls.filter((p) => {
    if (p.mergeCommitSha === sha) return true;
    if (p.issue.state !== 'open' || !repo.git.isAncestor(sha, p.headSha)) return false;
    const base = repo.branchSha(p.base);
    return !base || !repo.git.isAncestor(sha, base);
  });
  return json(pulls.map((p) => pullRequestSimple(ctx.origin, repo, p)));
}

const TYPES = [
  'push',
  'force_push',
  'branch_creation',
  'branch_deletion',
  'pr_merge',
  'merge_queue_merge',
];

function listActivity(ctx: Context) {
  const repo = findRepo(ctx, DOCS.activity);
  const q = ctx.req.url.searchParams;
  const type = q.get('activity_type');
  if (type && !TYPES.includes(type)) {
    throw new HttpError(
      422,
      errorBody(422, 'Validation Failed', DOCS.activity, {
        errors: [`activity_type is not one of ${TYPES.join(', ')}`],
      }),
    );
  }
  const ref = q.get('ref');
  const fullRef = ref && !ref.startsWith('refs/') ? `refs/heads/${ref}` : ref;
  const actor = q.get('actor')?.toLowerCase();
  const asc = q.get('direction') === 'asc';
  const perPage = Math.min(Number(q.get('per_page')) || 30, 100);
  let items = repo.activity
    .filter((a) => !fullRef || a.ref === fullRef)
    .filter((a) => !actor || a.actor.login.toLowerCase() === actor)
    .filter((a) => !type || a.type === type);
  if (!asc) items = [...items].reverse();
  const after = q.get('after');
  const before = q.get('before');
  let start = 0;
  let end = items.length;
  if (after) start = items.findIndex((a) => String(a.id) === after) + 1;
  if (before)
    end = Math.max(
      0,
      items.findIndex((a) => String(a.id) === before),
    );
  const page = before
    ? items.slice(Math.max(start, end - perPage), end)
    : items.slice(start, start + perPage);
  const headers: Record<string, string> = {};
  const last = page.at(-1);
  if (last && items.indexOf(last) < items.length - 1) {
    const next = new URL(ctx.req.url);
    next.searchParams.delete('before');
    next.searchParams.set('after', String(last.id));
    headers.link = `<${next}>; rel="next"`;
  }
  return json(
    page.map((a) => activity(ctx.origin, a)),
    200,
    headers,
  );
}

export const commitRoutes: Route[] = [
  route('GET', '/repos/{owner}/{repo}/commits/{commit_sha}/pulls', DOCS.pulls, pullsOfCommit),
  route('GET', '/repos/{owner}/{repo}/activity', DOCS.activity, listActivity),
];
