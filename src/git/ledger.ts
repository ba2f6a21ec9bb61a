import type { Directory } from '../core/directory.js';
import { ExternalError } from '../core/errors.js';
import type { Ledger } from '../core/ledger.js';
import type { ProviderSchemaSet } from '../core/policy/load.js';
import { readGrants } from './ledger-grants.js';
import { readHistory } from './ledger-history.js';
import { git, resolveCommit, tryResolveCommit } from './run.js';
import { ensureFullHistory } from './shallow.js';

/**
 * The ledger: grant files and their history read from git in one streamed pass over the
 * first-parent history of a branch (ledger-stream.ts), with file contents from one `git cat-file
 * --batch` running alongside. Windows, states and events are computed by the pure core.
 */

export { readGrants, readHistory };

/** Branches tried, in order, when no --ref is given: the protected main branch is the record. */
export const DEFAULT_REFS = [
  'refs/remotes/origin/HEAD',
  'refs/remotes/origin/main',
  'refs/heads/main',
  'HEAD',
];

export interface LedgerRef {
  /** As given or chosen (e.g. `refs/remotes/origin/main`). */
  ref: string;
  commit: string;
}

/** Resolves `ref`, or the first of DEFAULT_REFS that exists, and makes sure history is complete. */
export async function openLedger(
  repo: string,
  ref: string | undefined,
  note: (s: string) => void,
): Promise<LedgerRef> {
  // The first ref is resolved by the same git run that says whether the clone is shallow.
  const first = await resolveFirst(repo, ref ?? DEFAULT_REFS[0]!);
  let chosen: LedgerRef | null = null;
  if (ref !== undefined) chosen = { ref, commit: first.commit ?? (await resolveCommit(repo, ref)) };
  else {
    for (const candidate of DEFAULT_REFS) {
      const commit =
        candidate === DEFAULT_REFS[0] ? first.commit : await tryResolveCommit(repo, candidate);
      if (commit !== null) {
        chosen = { ref: candidate.replace(/^refs\/(heads|remotes)\//, ''), commit };
        break;
      }
    }
    if (!chosen)
      throw new ExternalError(
        'E_GIT_REF',
        `${repo} has no commits on origin/main, main or HEAD. Pass --ref with the branch that holds the grants.`,
      );
  }
  await ensureFullHistory(repo, note, first.shallow);
  return chosen;
}

/** The commit `rev` names (null: none), and whether the clone is shallow, in one git run. */
async function resolveFirst(
  repo: string,
  rev: string,
): Promise<{ commit: string | null; shallow: boolean }> {
  const r = await git(repo, [
    'rev-parse',
    '--is-shallow-repository',
    '--verify',
    '--quiet',
    '--end-of-options',
    `${rev}^{commit}`,
  ]);
  const [shallow, commit] = r.stdout.toString('utf8').split('\n');
  if (shallow !== 'true' && shallow !== 'false')
    throw new ExternalError(
      'E_GIT',
      `git rev-parse failed: ${r.stderr.trim() || `exit ${r.code}`}. Fix what git reports, then run again.`,
    );
  return { commit: r.code === 0 && commit ? commit : null, shallow: shallow === 'true' };
}

/**
 * Whether `commit` is still in the history of `ref` (git merge-base --is-ancestor). The
 * provisioner remembers the main commit it last acted on and stops granting when main no
 * longer descends from it (history rewritten, DESIGN I6). Throws when either side is unknown
 * to git: callers must treat that like a rewrite.
 */
export async function descendsFrom(repo: string, ref: string, commit: string): Promise<boolean> {
  const [tip, base] = await Promise.all([resolveCommit(repo, ref), resolveCommit(repo, commit)]);
  const r = await git(repo, ['merge-base', '--is-ancestor', base, tip]);
  if (r.code === 0) return true;
  if (r.code === 1) return false;
  throw new ExternalError(
    'E_GIT',
    `git merge-base failed: ${r.stderr.trim()}. Fix what git reports, then run again.`,
  );
}

export interface LedgerOptions {
  /** The provider types' settings schemas, to load the policies of the past (git knows no provider). */
  schemas: ProviderSchemaSet;
  /**
   * Where `@org/team` members come from when a role's requesters or approvers name a team. Without
   * one, no team resolves: a requester or approver eligible only through a team does not count.
   */
  directory?: Directory;
  /**
   * Where landed versions are judged: a built judging worker (judge-worker.ts; by default this
   * module's own build, when it is one), or null for this thread.
   */
  worker?: URL | null;
  /**
   * How many commits are judged on this thread before the worker starts (default
   * WORKER_AFTER): starting a thread costs more than judging a short history.
   */
  workerAfter?: number;
}

/** The Ledger port over a real repository, at the commit `openLedger` resolved. */
export function gitLedger(repo: string, at: LedgerRef, opts: LedgerOptions): Ledger {
  return {
    ref: at.ref,
    commit: at.commit,
    grants: (o) => readGrants(repo, at.commit, { ...opts, ...o }),
    history: (onCommit) => readHistory(repo, at.commit, onCommit, opts),
    descendsFrom: (commit) => descendsFrom(repo, at.commit, commit),
  };
}
