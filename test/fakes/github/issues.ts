import { bodyOf, caller, findIssue, findRepo, requireString, writableRepo } from './access.js';
import { forbidden, json, noContent, notFound, paginate, validationFailed } from './http.js';
import { issueComment, issueShape, labelShape } from './issue-shapes.js';
import type { Comment, IssueRecord, Repo } from './repo.js';
import { route, type Context, type Route } from './router.js';

/**
 * Issues, issue comments and labels (https://docs.github.com/rest/issues). Pull requests are
 * issues here too: they share numbers, appear in the issue listing, and take comments and labels
 * through these endpoints. What matters for trust: only a comment's author can edit it (so a
 * comment that copies grantops' hidden marker cannot be taken over, only ignored), a body is at
 * most 65,536 characters, and adding a label the repository lacks creates it.
 */

const DOCS = {
  list: 'https://docs.github.com/rest/issues/issues#list-repository-issues',
  create: 'https://docs.github.com/rest/issues/issues#create-an-issue',
  update: 'https://docs.github.com/rest/issues/issues#update-an-issue',
  comments: 'https://docs.github.com/rest/issues/comments#list-issue-comments',
  comment: 'https://docs.github.com/rest/issues/comments#create-an-issue-comment',
  editComment: 'https://docs.github.com/rest/issues/comments#update-an-issue-comment',
  deleteComment: 'https://docs.github.com/rest/issues/comments#delete-an-issue-comment',
  labels: 'https://docs.github.com/rest/issues/labels#add-labels-to-an-issue',
};

export const MAX_BODY = 65536;

function checkBody(body: unknown, resource: string, docs: string): string | null {
  if (body === undefined || body === null) return null;
  if (typeof body !== 'string')
    throw validationFailed(docs, [{ resource, field: 'body', code: 'invalid' }]);
  if (body.length > MAX_BODY) {
    throw validationFailed(docs, [
      {
        resource,
        field: 'body',
        code: 'custom',
        message: `Body is too long (maximum is ${MAX_BODY} characters)`,
      },
    ]);
  }
  return body;
}

function setLabels(repo: Repo, issue: IssueRecord, names: unknown, docs: string): void {
  if (!Array.isArray(names) || names.some((n) => typeof n !== 'string' || n === ''))
    throw validationFailed(docs, [{ resource: 'Label', field: 'labels', code: 'invalid' }]);
  for (const name of names as string[]) {
    const label = repo.label(name);
    if (!issue.labels.includes(label)) issue.labels.push(label);
  }
}

function listIssues(ctx: Context) {
  const repo = findRepo(ctx, DOCS.list);
  const q = ctx.req.url.searchParams;
  const state = q.get('state') ?? 'open';
  const labels = (q.get('labels') ?? '')
    .split(',')
    .map((l) => l.trim().toLowerCase())
    .filter(Boolean);
  const creator = q.get('creator')?.toLowerCase();
  const issues = repo.issues
    .filter((i) => state === 'all' || i.state === state)
    .filter((i) => labels.every((l) => i.labels.some((x) => x.name.toLowerCase() === l)))
    .filter((i) => !creator || i.user.login.toLowerCase() === creator)
    .sort((a, b) => (q.get('direction') === 'asc' ? 1 : -1) * (a.number - b.number))
    .map((i) => issueShape(ctx.origin, repo, i));
  return paginate(ctx.req, issues, ctx.req.url);
}

function createIssue(ctx: Context) {
  const repo = writableRepo(ctx, DOCS.create);
  const body = bodyOf(ctx);
  const title = requireString(body, 'title', 'Issue', DOCS.create);
  const issue = repo.newIssue(caller(ctx), title, checkBody(body.body, 'Issue', DOCS.create));
  if (body.labels !== undefined) setLabels(repo, issue, body.labels, DOCS.create);
  return json(issueShape(ctx.origin, repo, issue), 201);
}

function updateIssue(ctx: Context) {
  const repo = writableRepo(ctx, DOCS.update);
  const issue = findIssue(ctx, repo, DOCS.update);
  const body = bodyOf(ctx);
  if (typeof body.title === 'string') issue.title = body.title;
  if (body.body !== undefined) issue.body = checkBody(body.body, 'Issue', DOCS.update);
  if (body.state === 'closed' && issue.state === 'open') {
    issue.state = 'closed';
    issue.closedAt = ctx.store.timestamp();
  } else if (body.state === 'open' && issue.state === 'closed' && !issue.pull?.merged) {
    issue.state = 'open';
    issue.closedAt = null;
  }
  if (body.labels !== undefined) {
    issue.labels = [];
    setLabels(repo, issue, body.labels, DOCS.update);
  }
  issue.updatedAt = ctx.store.timestamp();
  return json(issueShape(ctx.origin, repo, issue));
}

function listComments(ctx: Context) {
  const repo = findRepo(ctx, DOCS.comments);
  const issue = findIssue(ctx, repo, DOCS.comments);
  const comments = repo.comments
    .filter((c) => c.issue === issue.number)
    .map((c) => issueComment(ctx.origin, repo, c));
  return paginate(ctx.req, comments, ctx.req.url);
}

function createComment(ctx: Context) {
  const repo = writableRepo(ctx, DOCS.comment);
  const issue = findIssue(ctx, repo, DOCS.comment);
  const text = checkBody(
    requireString(bodyOf(ctx), 'body', 'IssueComment', DOCS.comment),
    'IssueComment',
    DOCS.comment,
  ) as string;
  const now = ctx.store.timestamp();
  const comment: Comment = {
    id: ctx.store.id(),
    issue: issue.number,
    user: caller(ctx),
    body: text,
    createdAt: now,
    updatedAt: now,
    app: ctx.actor.app ?? null,
  };
  repo.comments.push(comment);
  return json(issueComment(ctx.origin, repo, comment), 201);
}

function updateComment(ctx: Context) {
  const repo = writableRepo(ctx, DOCS.editComment);
  const comment = repo.comments.find((c) => c.id === Number(ctx.params.comment_id));
  if (!comment) throw notFound(DOCS.editComment);
  // Repository admins may edit anyone's comment; everyone else only their own.
  if (comment.user !== caller(ctx) && !ctx.actor.admin)
    throw forbidden('Resource not accessible by integration', DOCS.editComment);
  comment.body = checkBody(
    requireString(bodyOf(ctx), 'body', 'IssueComment', DOCS.editComment),
    'IssueComment',
    DOCS.editComment,
  ) as string;
  comment.updatedAt = ctx.store.timestamp();
  return json(issueComment(ctx.origin, repo, comment));
}

function deleteComment(ctx: Context) {
  const repo = writableRepo(ctx, DOCS.deleteComment);
  const at = repo.comments.findIndex((c) => c.id === Number(ctx.params.comment_id));
  const comment = repo.comments[at];
  if (!comment) throw notFound(DOCS.deleteComment);
  if (comment.user !== caller(ctx) && !ctx.actor.admin)
    throw forbidden('Resource not accessible by integration', DOCS.deleteComment);
  repo.comments.splice(at, 1);
  return noContent();
}

function addLabels(ctx: Context) {
  const repo = writableRepo(ctx, DOCS.labels);
  const issue = findIssue(ctx, repo, DOCS.labels);
  setLabels(repo, issue, bodyOf(ctx).labels, DOCS.labels);
  return json(issue.labels.map((l) => labelShape(ctx.origin, repo, l)));
}

export const issueRoutes: Route[] = [
  route('GET', '/repos/{owner}/{repo}/issues', DOCS.list, listIssues),
  route('POST', '/repos/{owner}/{repo}/issues', DOCS.create, createIssue),
  route('PATCH', '/repos/{owner}/{repo}/issues/{issue_number}', DOCS.update, updateIssue),
  route('GET', '/repos/{owner}/{repo}/issues/{issue_number}/comments', DOCS.comments, listComments),
  route(
    'POST',
    '/repos/{owner}/{repo}/issues/{issue_number}/comments',
    DOCS.comment,
    createComment,
  ),
  route(
    'PATCH',
    '/repos/{owner}/{repo}/issues/comments/{comment_id}',
    DOCS.editComment,
    updateComment,
  ),
  route(
    'DELETE',
    '/repos/{owner}/{repo}/issues/comments/{comment_id}',
    DOCS.deleteComment,
    deleteComment,
  ),
  route('POST', '/repos/{owner}/{repo}/issues/{issue_number}/labels', DOCS.labels, addLabels),
];
