import { ExternalError } from '../core/errors.js';
import type { CommitPeople, PathChange } from '../core/git-port.js';
import { git, gitOk, splitZ } from './run.js';

/** Reading a request's history: its commits and identities, where it left its base, what it changes. */

/**
 * The commits of `base..head`, oldest first, with their authors and committers as written.
 * Five NUL-separated fields per commit: names may hold any other character.
 */
export async function commitsBetween(
  repo: string,
  base: string,
  head: string,
): Promise<CommitPeople[]> {
  const out = await gitOk(repo, [
    'log',
    '-z',
    '--reverse',
    '--topo-order',
    '--no-show-signature',
    '--format=%H%x00%an%x00%ae%x00%cn%x00%ce',
    `${base}..${head}`,
    '--',
  ]);
  const fields = out.toString('utf8').split('\0');
  const commits: CommitPeople[] = [];
  for (let i = 0; i + 4 < fields.length; i += 5) {
    commits.push({
      sha: fields[i]!.trim(),
      author: { name: fields[i + 1]!, email: fields[i + 2]! },
      committer: { name: fields[i + 3]!, email: fields[i + 4]! },
    });
  }
  return commits;
}

/** A commit's first parent, or null for a root commit (or a name that is no commit). */
export async function firstParent(repo: string, commit: string): Promise<string | null> {
  const r = await git(repo, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${commit}^`]);
  return r.code === 0 ? r.stdout.toString('utf8').trim() : null;
}

export async function mergeBase(repo: string, a: string, b: string): Promise<string> {
  const r = await git(repo, ['merge-base', '--end-of-options', a, b]);
  if (r.code === 0) return r.stdout.toString('utf8').trim();
  // Exit 1 and no output: the two commits share no history at all.
  throw new ExternalError(
    'E_GIT',
    r.code === 1 && !r.stderr.trim()
      ? `${a.slice(0, 12)} and ${b.slice(0, 12)} have no history in common: name a base and a head of the same repository.`
      : `git merge-base failed: ${r.stderr.trim() || `exit ${r.code}`}. Fix what git reports, then run again.`,
  );
}

/** `git diff --name-status` from `base` to `head`, renames as a deletion and an addition. */
export async function changedPaths(
  repo: string,
  base: string,
  head: string,
): Promise<PathChange[]> {
  const fields = splitZ(
    await gitOk(repo, ['diff', '--no-renames', '--name-status', '-z', base, head, '--']),
  );
  const changes: PathChange[] = [];
  for (let i = 0; i + 1 < fields.length; i += 2)
    changes.push({ status: fields[i]!, path: fields[i + 1]! });
  return changes;
}
