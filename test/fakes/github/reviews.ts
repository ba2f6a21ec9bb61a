import { bodyOf, caller, findPull, findRepo } from './access.js';
import { errorBody, HttpError, json, notFound, paginate } from './http.js';
import { review } from './pull-shapes.js';
import type { ReviewState } from './repo.js';
import { route, type Context, type Route } from './router.js';

/**
 * Pull request reviews (https://docs.github.com/rest/pulls/reviews). Each review carries the
 * `commit_id` it was given on; a push does not change it. GitHub refuses a review of one's own
 * pull request, and an approval by GitHub Actions' token unless the repository allows it.
 * Reviews are listed oldest first, as GitHub does.
 */

const DOCS = {
  list: 'https://docs.github.com/rest/pulls/reviews#list-reviews-for-a-pull-request',
  create: 'https://docs.github.com/rest/pulls/reviews#create-a-review-for-a-pull-request',
  dismiss: 'https://docs.github.com/rest/pulls/reviews#dismiss-a-review-for-a-pull-request',
};

const EVENTS: Record<string, ReviewState> = {
  APPROVE: 'APPROVED',
  REQUEST_CHANGES: 'CHANGES_REQUESTED',
  COMMENT: 'COMMENTED',
};

/** GitHub's 422 for reviews: `errors` is a list of strings here. */
const unprocessable = (docs: string, error: string) =>
  new HttpError(422, errorBody(422, 'Unprocessable Entity', docs, { errors: [error] }));

function listReviews(ctx: Context) {
  const repo = findRepo(ctx, DOCS.list);
  const pull = findPull(ctx, repo, DOCS.list);
  const reviews = repo.reviews
    .filter((r) => r.pull === pull.issue.number)
    .map((r) => review(ctx.origin, repo, r));
  return paginate(ctx.req, reviews, ctx.req.url);
}

function createReview(ctx: Context) {
  const repo = findRepo(ctx, DOCS.create);
  const pull = findPull(ctx, repo, DOCS.create);
  const body = bodyOf(ctx);
  const state = EVENTS[String(body.event)];
  if (!state)
    throw unprocessable(DOCS.create, 'Review event must be APPROVE, REQUEST_CHANGES or COMMENT');
  const user = caller(ctx);
  if (state !== 'COMMENTED' && user === pull.issue.user) {
    const verb = state === 'APPROVED' ? 'approve' : 'request changes on';
    throw unprocessable(DOCS.create, `Review Can not ${verb} your own pull request`);
  }
  if (
    state === 'APPROVED' &&
    ctx.actor.app?.slug === 'github-actions' &&
    !repo.workflowPermissions.can_approve_pull_request_reviews
  ) {
    throw unprocessable(DOCS.create, 'GitHub Actions is not permitted to approve pull requests.');
  }
  if (pull.issue.state !== 'open') throw unprocessable(DOCS.create, 'Pull request is closed');
  const commitId = typeof body.commit_id === 'string' ? body.commit_id : pull.headSha;
  if (!repo.git.resolve(commitId)) throw unprocessable(DOCS.create, 'Commit not found');
  const r = {
    id: ctx.store.id(),
    pull: pull.issue.number,
    user,
    state,
    body: typeof body.body === 'string' ? body.body : '',
    commitId,
    submittedAt: ctx.store.timestamp(),
  };
  repo.reviews.push(r);
  return json(review(ctx.origin, repo, r));
}

function dismissReview(ctx: Context) {
  const repo = findRepo(ctx, DOCS.dismiss);
  const pull = findPull(ctx, repo, DOCS.dismiss);
  const r = repo.reviews.find(
    (x) => x.pull === pull.issue.number && x.id === Number(ctx.params.review_id),
  );
  if (!r) throw notFound(DOCS.dismiss);
  if (!ctx.actor.canWrite)
    throw new HttpError(
      403,
      errorBody(403, 'Resource not accessible by integration', DOCS.dismiss),
    );
  if (r.state !== 'APPROVED' && r.state !== 'CHANGES_REQUESTED')
    throw unprocessable(DOCS.dismiss, 'Can not dismiss a commented pull request review');
  r.state = 'DISMISSED';
  return json(review(ctx.origin, repo, r));
}

export const reviewRoutes: Route[] = [
  route('GET', '/repos/{owner}/{repo}/pulls/{pull_number}/reviews', DOCS.list, listReviews),
  route('POST', '/repos/{owner}/{repo}/pulls/{pull_number}/reviews', DOCS.create, createReview),
  route(
    'PUT',
    '/repos/{owner}/{repo}/pulls/{pull_number}/reviews/{review_id}/dismissals',
    DOCS.dismiss,
    dismissReview,
  ),
];
