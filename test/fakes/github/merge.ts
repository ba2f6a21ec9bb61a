import { bodyOf, caller, findPull, writableRepo } from './access.js';
import { errorBody, HttpError, json, validationFailed } from './http.js';
import type { Pull, Repo } from './repo.js';
import { route, type Context, type Route } from './router.js';
import { mergeViolations } from './rules.js';

/**
 * `PUT /repos/{owner}/{repo}/pulls/{pull_number}/merge`
 * (https://docs.github.com/rest/pulls/pulls#merge-a-pull-request), as GitHub answers it:
 * - 409 "Head branch was modified" when `sha` is given and is no longer the head;
 * - 405 when the merge cannot happen: rule violations, a merge method the repository does not
 *   allow, a closed pull request, or a conflict ("Pull Request is not mergeable": GitHub uses
 *   405 for conflicts too);
 * - 422 when the request itself is invalid (an unknown `merge_method`).
 * A squash commit's message is exactly `commit_title` and `commit_message` as sent; without
 * them GitHub's button defaults apply (the repository's squash settings, which may copy the pull
 * request's description). The author is the pull request's author, the committer is GitHub.
 */

const DOCS = 'https://docs.github.com/rest/pulls/pulls#merge-a-pull-request';

const notAllowed = (message: string) => new HttpError(405, errorBody(405, message, DOCS));

const GITHUB = { name: 'GitHub', email: 'noreply@github.com' };

function defaultSquashMessage(
  repo: Repo,
  pull: Pull,
  base: string,
): { title: string; body: string } {
  const commits = repo.git.commitsBetween(base, pull.headSha);
  const only = commits.length === 1 ? commits[0] : undefined;
  const subject =
    only && repo.settings.squash_merge_commit_title === 'COMMIT_OR_PR_TITLE'
      ? (only.message.split('\n')[0] as string)
      : pull.issue.title;
  const s = repo.settings.squash_merge_commit_message;
  const body =
    s === 'PR_BODY'
      ? (pull.issue.body ?? '')
      : s === 'BLANK'
        ? ''
        : commits.map((c) => `* ${c.message}`).join('\n\n');
  return { title: `${subject} (#${pull.issue.number})`, body };
}

function merge(ctx: Context) {
  const repo = writableRepo(ctx, DOCS);
  const pull = findPull(ctx, repo, DOCS);
  const body = bodyOf(ctx);
  const method = body.merge_method ?? 'merge';
  if (pull.issue.state !== 'open') throw notAllowed('Pull Request is not mergeable');
  if (method !== 'merge' && method !== 'squash' && method !== 'rebase') {
    throw validationFailed(DOCS, [
      { resource: 'PullRequest', field: 'merge_method', code: 'invalid' },
    ]);
  }
  if (body.sha !== undefined && body.sha !== pull.headSha) {
    throw new HttpError(
      409,
      errorBody(409, 'Head branch was modified. Review and try the merge again.', DOCS),
    );
  }
  const allowed = {
    merge: repo.settings.allow_merge_commit,
    squash: repo.settings.allow_squash_merge,
    rebase: repo.settings.allow_rebase_merge,
  }[method];
  if (!allowed) {
    const what = { merge: 'Merge commits', squash: 'Squash merges', rebase: 'Rebase merges' }[
      method
    ];
    throw notAllowed(`${what} are not allowed on this repository.`);
  }
  const violations = mergeViolations(repo, pull, ctx.actor);
  if (violations.length) {
    throw notAllowed(`Repository rule violations found\n\n${violations.join('\n\n')}\n\n`);
  }
  const base = repo.branchSha(pull.base) as string;
  const merger = caller(ctx);
  const now = ctx.store.timestamp();
  const author = { ...repo.person(pull.issue.user), date: now };
  const committer = { ...GITHUB, date: now };
  let sha: string | null;
  if (method === 'merge') {
    const title =
      body.commit_title ??
      `Merge pull request #${pull.issue.number} from ${pull.head.repo.owner.login}/${pull.head.ref}`;
    const message = body.commit_message ?? pull.issue.title;
    const tree = repo.git.mergeTree(base, pull.headSha);
    sha =
      tree &&
      repo.git.commitTree(
        tree,
        [base, pull.headSha],
        `${title}\n\n${message}`,
        { ...repo.person(merger), date: now },
        committer,
      );
  } else {
    const defaults = defaultSquashMessage(repo, pull, base);
    const title = typeof body.commit_title === 'string' ? body.commit_title : defaults.title;
    const message = typeof body.commit_message === 'string' ? body.commit_message : defaults.body;
    sha = repo.git.squash(
      base,
      pull.headSha,
      message ? `${title}\n\n${message}` : title,
      author,
      committer,
    );
  }
  if (!sha) throw notAllowed('Pull Request is not mergeable');
  repo.git.setRef(`refs/heads/${pull.base}`, sha);
  repo.record('pr_merge', `refs/heads/${pull.base}`, base, sha, merger);
  Object.assign(pull, { merged: true, mergedBy: merger, mergeCommitSha: sha, mergedAt: now });
  Object.assign(pull.issue, { state: 'closed', closedAt: now, updatedAt: now });
  if (repo.settings.delete_branch_on_merge && pull.head.repo === repo)
    repo.push(merger, pull.head.ref, null);
  return json({ sha, merged: true, message: 'Pull Request successfully merged' });
}

export const mergeRoutes: Route[] = [
  route('PUT', '/repos/{owner}/{repo}/pulls/{pull_number}/merge', DOCS, merge),
];
