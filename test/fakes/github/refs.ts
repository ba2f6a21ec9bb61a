import { bodyOf, caller, findRepo, requireString, writableRepo } from './access.js';
import { errorBody, HttpError, json, noContent, validationFailed } from './http.js';
import { gitRef } from './issue-shapes.js';
import { route, type Context, type Route } from './router.js';
import { pushViolations } from './rules.js';

/**
 * Git references (https://docs.github.com/rest/git/refs). Creating a branch is a push by the
 * caller (it is in the activity log); creating one that exists answers 422 "Reference already
 * exists", which is how concurrent runs that race for one branch name learn they lost.
 * `matching-refs` returns every ref under a prefix in one answer (GitHub does not page it).
 */

const DOCS = {
  matching: 'https://docs.github.com/rest/git/refs#list-matching-references',
  create: 'https://docs.github.com/rest/git/refs#create-a-reference',
  delete: 'https://docs.github.com/rest/git/refs#delete-a-reference',
};

const unprocessable = (docs: string, message: string) =>
  new HttpError(422, errorBody(422, message, docs));

function matchingRefs(ctx: Context) {
  const repo = findRepo(ctx, DOCS.matching);
  const prefix = `refs/${ctx.params.ref}`;
  const refs = repo.git
    .refs(prefix.replace(/\/[^/]*$/, '/'))
    .filter((r) => r.ref.startsWith(prefix) && !r.ref.startsWith('refs/pull/'))
    .map((r) => gitRef(ctx.origin, repo, r.ref, r.sha));
  return json(refs);
}

function createRef(ctx: Context) {
  const repo = writableRepo(ctx, DOCS.create);
  const body = bodyOf(ctx);
  const ref = requireString(body, 'ref', 'Reference', DOCS.create);
  const sha = requireString(body, 'sha', 'Reference', DOCS.create);
  if (!/^refs\/[^/]+\/.+/.test(ref) || ref.includes('..') || /[\s~^:?*[\\]/.test(ref))
    throw unprocessable(DOCS.create, `${ref} is not a valid ref name.`);
  if (repo.git.resolve(ref)) throw unprocessable(DOCS.create, 'Reference already exists');
  if (!/^[0-9a-f]{40}$/.test(sha) || !repo.git.resolve(sha))
    throw unprocessable(DOCS.create, 'Object does not exist');
  const who = caller(ctx);
  if (ref.startsWith('refs/heads/')) {
    const branch = ref.slice('refs/heads/'.length);
    const refused = pushViolations(repo, branch, ctx.actor, 'push');
    if (refused.length)
      throw unprocessable(
        DOCS.create,
        `Repository rule violations found\n\n${refused.join('\n\n')}`,
      );
    repo.push(who, branch, sha);
  } else {
    repo.git.setRef(ref, sha);
  }
  return json(gitRef(ctx.origin, repo, ref, sha), 201, {
    location: `${ctx.origin}/repos/${repo.fullName}/git/${ref}`,
  });
}

function deleteRef(ctx: Context) {
  const repo = writableRepo(ctx, DOCS.delete);
  const ref = `refs/${ctx.params.ref}`;
  if (!repo.git.resolve(ref)) throw unprocessable(DOCS.delete, 'Reference does not exist');
  if (ref.startsWith('refs/heads/')) {
    const branch = ref.slice('refs/heads/'.length);
    const refused = pushViolations(repo, branch, ctx.actor, 'delete');
    if (refused.length)
      throw validationFailed(DOCS.delete, [
        { resource: 'Reference', code: 'custom', message: refused.join(' ') },
      ]);
    repo.push(caller(ctx), branch, null);
  } else {
    repo.git.deleteRef(ref);
  }
  return noContent();
}

export const refRoutes: Route[] = [
  route('GET', '/repos/{owner}/{repo}/git/matching-refs/{ref}', DOCS.matching, matchingRefs),
  route('POST', '/repos/{owner}/{repo}/git/refs', DOCS.create, createRef),
  route('DELETE', '/repos/{owner}/{repo}/git/refs/{ref}', DOCS.delete, deleteRef),
];
