import { ExternalError } from '../core/errors.js';
import type { GitRepository } from '../core/git-port.js';
import { quote } from '../core/problem.js';
import type { Clock } from '../core/time.js';
import { signatureFor } from './identity.js';
import { heads } from './names.js';

export interface RequestBranchSpec {
  git: GitRepository;
  clock: Clock;
  /** The branch the request starts from (main). */
  base: string;
  branch: string;
  /** The grant file and its text. */
  path: string;
  text: string;
  /** The requester: the commit's author and committer, so the request's author is them (I1). */
  login: string;
  title: string;
}

export type RequestBranchResult =
  { created: true; commit: string; base: string } | { created: false; existing: string };

/**
 * One commit on a new branch from the base, adding or changing one grant file, authored by the
 * requester at the clock's time. Made with git's plumbing: the user's checkout and index are
 * never touched. An existing branch is never overwritten (it may hold someone's request).
 */
export async function writeRequestBranch(spec: RequestBranchSpec): Promise<RequestBranchResult> {
  const { git } = spec;
  const ref = heads(spec.branch);
  const existing = await git.readRef(ref);
  if (existing) return { created: false, existing };
  const base = await git.readRef(heads(spec.base));
  if (!base)
    throw new ExternalError(
      'E_GIT_REF',
      `The base branch ${quote(spec.base)} does not exist. Create it with the policies committed on it, then run again.`,
    );
  const blob = await git.writeBlob(spec.text);
  const who = signatureFor(spec.login);
  const commit = await git.writeCommit({
    tree: await git.editTree(base, [{ path: spec.path, blob }]),
    parents: [base],
    message: `${spec.title}\n`,
    author: who,
    committer: who,
    at: spec.clock.now(),
  });
  if (await git.swapRef(ref, commit, null, 'grantops request'))
    return { created: true, commit, base };
  return { created: false, existing: (await git.readRef(ref)) ?? commit };
}
