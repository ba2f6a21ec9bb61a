import { bodyOf, caller, requireString, writableRepo } from './access.js';
import { errorBody, HttpError, json, notFound } from './http.js';
import { repoApiUrl } from './repo-shapes.js';
import { route, type Context, type Route } from './router.js';
import { pushViolations } from './rules.js';
import { WEB } from './shapes.js';

/**
 * Deleting a file through the contents API
 * (https://docs.github.com/rest/repos/contents#delete-a-file): one commit on `branch`, made by
 * the caller (an App's bot for an installation token), whose parent is the branch's head. The
 * caller must name the blob it deletes (`sha`), so a file that changed since it was read is not
 * deleted: GitHub answers 409.
 */

const DOCS = 'https://docs.github.com/rest/repos/contents#delete-a-file';

function deleteFile(ctx: Context) {
  const repo = writableRepo(ctx, DOCS);
  const body = bodyOf(ctx);
  const message = requireString(body, 'message', 'Content', DOCS);
  const blob = requireString(body, 'sha', 'Content', DOCS);
  const branch = typeof body.branch === 'string' ? body.branch : repo.settings.default_branch;
  const path = ctx.params.path as string;
  const head = repo.branchSha(branch);
  if (!head) throw new HttpError(404, errorBody(404, `Branch ${branch} not found`, DOCS));
  const current = repo.git.blob(head, path);
  if (!current) throw notFound(DOCS);
  if (current !== blob)
    throw new HttpError(409, errorBody(409, `${path} does not match ${blob}`, DOCS));
  const refused = pushViolations(repo, branch, ctx.actor, 'push');
  if (refused.length)
    throw new HttpError(
      409,
      errorBody(409, `Repository rule violations found\n\n${refused.join('\n\n')}`, DOCS),
    );
  const who = caller(ctx);
  const person = repo.person(who);
  const sha = repo.git.deleteFile(head, path, message, person);
  repo.push(who, branch, sha);
  const c = repo.git.commit(sha);
  const api = repoApiUrl(ctx.origin, repo);
  return json({
    content: null,
    commit: {
      sha,
      node_id: Buffer.from(`0:Commit${sha.slice(0, 8)}`).toString('base64'),
      url: `${api}/git/commits/${sha}`,
      html_url: `${WEB}/${repo.fullName}/commit/${sha}`,
      author: c.author,
      committer: c.committer,
      message: c.message,
      tree: { sha: c.tree, url: `${api}/git/trees/${c.tree}` },
      parents: c.parents.map((p) => ({
        sha: p,
        url: `${api}/git/commits/${p}`,
        html_url: `${WEB}/${repo.fullName}/commit/${p}`,
      })),
      verification: {
        verified: false,
        reason: 'unsigned',
        signature: null,
        payload: null,
        verified_at: null,
      },
    },
  });
}

export const contentRoutes: Route[] = [
  route('DELETE', '/repos/{owner}/{repo}/contents/{path}', DOCS, deleteFile),
];
