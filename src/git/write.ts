import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ExternalError } from '../core/errors.js';
import type { CommitSpec, Signature, TreeEdit } from '../core/git-port.js';
import { git, gitOk } from './run.js';

export type { CommitSpec, Signature, TreeEdit };

/**
 * Writing commits without touching any work tree: blobs, trees edited in a private index,
 * three-way merges of trees (`git merge-tree`), and commits with explicit identities and times.
 * The local forge builds requests, merges and reverts this way, so a user's checkout is never
 * disturbed, and the time of every commit comes from grantops' clock.
 */

/** git's raw date: exact, whatever git's date parser makes of other formats. */
const rawDate = (at: Date) => `@${Math.floor(at.getTime() / 1000)} +0000`;

export async function writeBlob(repo: string, content: string | Buffer): Promise<string> {
  return (await gitOk(repo, ['hash-object', '-w', '--stdin'], content)).toString('utf8').trim();
}

export async function treeOf(repo: string, commit: string): Promise<string> {
  return (await gitOk(repo, ['rev-parse', '--verify', `${commit}^{tree}`])).toString('utf8').trim();
}

/** The tree of `commit` with `edits` applied, built in a throw-away index. */
export async function editTree(
  repo: string,
  commit: string,
  edits: readonly TreeEdit[],
): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'grantops-index-'));
  const env = { GIT_INDEX_FILE: join(dir, 'index') };
  try {
    await gitOk(repo, ['read-tree', commit], undefined, env);
    for (const e of edits) {
      const args = e.blob
        ? ['update-index', '--add', '--cacheinfo', `${e.mode ?? '100644'},${e.blob},${e.path}`]
        : ['update-index', '--force-remove', '--', e.path];
      await gitOk(repo, args, undefined, env);
    }
    return (await gitOk(repo, ['write-tree'], undefined, env)).toString('utf8').trim();
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * The tree of merging `theirs` into `ours` (from their merge base), or null on a conflict.
 * What a squash merge of `theirs` onto `ours` would commit.
 */
export async function mergeTree(
  repo: string,
  ours: string,
  theirs: string,
): Promise<string | null> {
  const r = await git(repo, ['merge-tree', '--write-tree', '--no-messages', ours, theirs]);
  if (r.code === 1) return null;
  if (r.code !== 0)
    throw new ExternalError(
      'E_GIT',
      `git merge-tree failed: ${r.stderr.trim()}. Fix what git reports, then run again.`,
    );
  return r.stdout.toString('utf8').split('\n', 1)[0]!.trim();
}

export async function writeCommit(repo: string, spec: CommitSpec): Promise<string> {
  const env = {
    GIT_AUTHOR_NAME: spec.author.name,
    GIT_AUTHOR_EMAIL: spec.author.email,
    GIT_AUTHOR_DATE: rawDate(spec.at),
    GIT_COMMITTER_NAME: spec.committer.name,
    GIT_COMMITTER_EMAIL: spec.committer.email,
    GIT_COMMITTER_DATE: rawDate(spec.at),
  };
  const args = ['commit-tree', spec.tree, ...spec.parents.flatMap((p) => ['-p', p]), '-F', '-'];
  return (await gitOk(repo, args, spec.message, env)).toString('utf8').trim();
}
