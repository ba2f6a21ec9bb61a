import { installationFor } from './apps.js';
import { forbidden, notFound, validationFailed } from './http.js';
import type { Repo, Pull, IssueRecord } from './repo.js';
import type { Context } from './router.js';
import type { Account } from './store.js';

/**
 * What every repository route starts with: the repository, seen by this caller. Like GitHub,
 * a repository an installation was not given answers 404 (it does not exist for that token),
 * and writes by a read-only token answer 403 "Resource not accessible by integration".
 */

export function findRepo(ctx: Context, docs: string): Repo {
  const repo = ctx.store.repo(ctx.params.owner as string, ctx.params.repo as string);
  if (!repo) throw notFound(docs);
  if (ctx.actor.jwtApp) throw notFound(docs);
  if (ctx.actor.app && !installationFor(ctx.actor.app, repo)) throw notFound(docs);
  return repo;
}

export function writableRepo(ctx: Context, docs: string): Repo {
  const repo = findRepo(ctx, docs);
  if (!ctx.actor.canWrite) throw forbidden('Resource not accessible by integration', docs);
  return repo;
}

/** The account the caller acts as (an installation: its App's bot). */
export function caller(ctx: Context): Account {
  return ctx.store.mustAccount(ctx.actor.login);
}

export function findPull(ctx: Context, repo: Repo, docs: string): Pull {
  const pull = repo.pull(Number(ctx.params.pull_number));
  if (!pull) throw notFound(docs);
  return pull;
}

export function findIssue(ctx: Context, repo: Repo, docs: string): IssueRecord {
  const issue = repo.issue(Number(ctx.params.issue_number));
  if (!issue) throw notFound(docs);
  return issue;
}

/** The JSON body as an object; GitHub answers 422 when a required field is missing. */
export function bodyOf(ctx: Context): Record<string, unknown> {
  const body = ctx.req.body;
  return typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
}

export function requireString(
  body: Record<string, unknown>,
  field: string,
  resource: string,
  docs: string,
): string {
  const v = body[field];
  if (typeof v !== 'string' || v === '')
    throw validationFailed(docs, [{ resource, field, code: 'missing_field' }]);
  return v;
}
