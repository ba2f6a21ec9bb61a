import { ExternalError } from '../core/errors.js';
import type { RefEntry } from '../core/git-port.js';
import { git, gitOk } from './run.js';

export type { RefEntry };

const ZERO_OID = '0000000000000000000000000000000000000000';

/** Every ref under `prefix` (a folder of refs, ending in `/`), sorted by name. */
export async function listRefs(repo: string, prefix: string): Promise<RefEntry[]> {
  const out = await gitOk(repo, [
    'for-each-ref',
    '--sort=refname',
    '--format=%(objectname) %(refname)',
    prefix,
  ]);
  return out
    .toString('utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => ({
      oid: line.slice(0, line.indexOf(' ')),
      name: line.slice(line.indexOf(' ') + 1),
    }));
}

/** The object a ref points at, or null when there is no such ref. */
export async function readRef(repo: string, ref: string): Promise<string | null> {
  const r = await git(repo, ['rev-parse', '--verify', '--quiet', '--end-of-options', ref]);
  return r.code === 0 ? r.stdout.toString('utf8').trim() : null;
}

/** Points `ref` at `oid`, whatever it pointed at before. */
export async function setRef(
  repo: string,
  ref: string,
  oid: string,
  reason: string,
): Promise<void> {
  await gitOk(repo, ['update-ref', '-m', reason, ref, oid]);
}

/**
 * Moves `ref` to `to` only if it still points at `from` (null: only if it does not exist yet),
 * atomically, as git's own compare-and-swap. Returns false when someone else moved it first:
 * this is what lets two runs race without either overwriting the other.
 */
export async function swapRef(
  repo: string,
  ref: string,
  to: string,
  from: string | null,
  reason: string,
): Promise<boolean> {
  const r = await git(repo, ['update-ref', '-m', reason, ref, to, from ?? ZERO_OID]);
  if (r.code === 0) return true;
  // Lost the race: the ref moved, was created meanwhile, or another git holds its lock now.
  if (/but expected|reference already exists|\.lock': File exists/.test(r.stderr)) return false;
  throw new ExternalError(
    'E_GIT',
    `git update-ref ${ref} failed: ${r.stderr.trim()}. Fix what git reports (a lock file left by a stopped git?), then run again.`,
  );
}

/** Deletes `ref` only if it still points at `from`; false when it moved or is gone. */
export async function deleteRef(repo: string, ref: string, from: string): Promise<boolean> {
  const r = await git(repo, ['update-ref', '-d', ref, from]);
  return r.code === 0;
}

/** Whether `ancestor` is in the history of `descendant`. */
export async function isAncestor(
  repo: string,
  ancestor: string,
  descendant: string,
): Promise<boolean> {
  const r = await git(repo, ['merge-base', '--is-ancestor', ancestor, descendant]);
  if (r.code === 0) return true;
  if (r.code === 1) return false;
  throw new ExternalError(
    'E_GIT',
    `git merge-base failed: ${r.stderr.trim()}. Fix what git reports, then run again.`,
  );
}
