import { ExternalError } from '../core/errors.js';
import type { ForgeRequest, Identity, RequestCommit } from '../core/forge.js';
import type { GitRepository } from '../core/git-port.js';
import { quote } from '../core/problem.js';
import { identityOf } from './identity.js';
import { REQUEST_BRANCHES, branchOf, heads } from './names.js';

/** The commits of `base..head`, oldest first, with their authors and committers read as logins. */
async function commitsBetween(
  git: GitRepository,
  base: string,
  head: string,
): Promise<RequestCommit[]> {
  return (await git.commitsBetween(base, head)).map((c) => ({
    sha: c.sha,
    author: identityOf(c.author.name, c.author.email),
    committer: identityOf(c.committer.name, c.committer.email),
  }));
}

/**
 * A request branch as the forge port describes it. The author is the author of its first
 * commit after the base (I1): whoever made the branch asked. Everyone who wrote or committed a
 * commit on it pushed to it (I2). Null when the branch has no commit of its own.
 */
export async function readRequest(
  git: GitRepository,
  base: string,
  branch: string,
): Promise<ForgeRequest | null> {
  const [head, baseSha] = await Promise.all([git.readRef(heads(branch)), git.readRef(heads(base))]);
  if (!head) return null;
  if (!baseSha) {
    throw new ExternalError(
      'E_GIT_REF',
      `The base branch ${quote(base)} does not exist in ${git.dir}: the local forge merges requests into it. Create it with the policies committed on it, then run again.`,
    );
  }
  const commits = await commitsBetween(git, baseSha, head);
  if (commits.length === 0) return null;
  const seen = new Set<string>();
  const pushers: Identity[] = [];
  for (const who of commits.flatMap((c) => [c.author, c.committer])) {
    const key = who.login ?? who.display;
    if (seen.has(key)) continue;
    seen.add(key);
    pushers.push(who);
  }
  return {
    id: branch,
    reference: branch,
    title: branch,
    author: commits[0]!.author,
    base: { ref: base, sha: baseSha },
    head: { ref: branch, sha: head },
    commits,
    pushers,
    url: null,
  };
}

/** Every request branch with commits of its own, by name. */
export async function listRequestBranches(git: GitRepository): Promise<string[]> {
  return (await git.listRefs(REQUEST_BRANCHES)).map((r) => branchOf(r.name));
}

/**
 * The branch a user means: `request/db-read/alice`, `refs/heads/request/…`, or `db-read/alice`.
 * Never a branch outside `request/`: only those are requests.
 */
export async function resolveRequestBranch(git: GitRepository, id: string): Promise<string> {
  const trimmed = id.trim().replace(/^refs\/heads\//, '');
  const candidates = trimmed.startsWith('request/') ? [trimmed] : [`request/${trimmed}`, trimmed];
  for (const c of candidates) {
    if (c.startsWith('request/') && (await git.readRef(heads(c)))) return c;
  }
  const open = await listRequestBranches(git);
  throw new ExternalError(
    'E_REQUEST_NOT_FOUND',
    `There is no request ${quote(id)}: requests are branches request/<role>/<login>.${open.length ? ` Open: ${open.slice(0, 10).join(', ')}${open.length > 10 ? ', …' : ''}.` : ' None is open; make one with grantops request.'}`,
  );
}
