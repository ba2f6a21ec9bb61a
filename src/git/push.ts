import { ExternalError } from '../core/errors.js';
import type { GitSource } from '../core/git-port.js';
import { quote } from '../core/text.js';
import { authEnv, SHA1 } from './fetch.js';
import { git } from './run.js';

/** A branch name grantops makes (`request/<role>/<login>`): nothing git could read as an option. */
const BRANCH = /^[a-z0-9][a-z0-9/_-]{0,200}$/;

/**
 * Creates `branch` at `sha` in the remote repository, only if the remote has no such branch
 * yet: the push is a compare-and-swap against "absent" (`--force-with-lease=<ref>:` with an
 * empty expected value), so a branch that exists there (someone's request, or another version
 * of this one) is never moved, whatever its history. True when the remote branch points at
 * `sha` afterwards (git has nothing to do when it already did); false when it points elsewhere.
 *
 * The token goes in an HTTP header for this one process, as for fetching (fetch.ts `authEnv`).
 * The user's own hooks run: a pre-push hook that refuses stops the request, and says why.
 */
export async function pushNewBranch(
  repo: string,
  target: GitSource,
  branch: string,
  sha: string,
): Promise<boolean> {
  if (!SHA1.test(sha) || !BRANCH.test(branch) || branch.includes('//'))
    throw new ExternalError(
      'E_GIT',
      `Only a full SHA-1 to a request branch can be pushed; got ${quote(sha, 60)} to ${quote(branch, 120)}. This is a bug in grantops: please report it.`,
    );
  const ref = `refs/heads/${branch}`;
  const r = await git(
    repo,
    [
      'push',
      '--quiet',
      '--porcelain',
      `--force-with-lease=${ref}:`,
      '--end-of-options',
      target.url,
      `${sha}:${ref}`,
    ],
    undefined,
    authEnv(target.url, target.token),
  );
  if (r.code === 0) return true;
  // `[rejected] (stale info)`: the lease failed, the branch exists on the remote.
  if (/^!\t[^\t]*\t\[rejected\]/m.test(r.stdout.toString('utf8'))) return false;
  throw new ExternalError(
    'E_GIT',
    `git could not push ${branch} to the remote: ${r.stderr.trim().slice(0, 300) || `exit ${r.code}`}. The token must be able to write the repository's branches (for a fine-grained token: Contents, read and write).`,
  );
}
