import type { Landing } from './landing.js';
import { LatestVersions } from './latest.js';
import { recordOf, type GrantRecord } from './record.js';
import type { LedgerCommit } from './timeline.js';

/**
 * The Ledger port: what the rest of grantops asks of git history. `src/git/ledger.ts` reads a
 * real repository; `memoryLedger` replays commits held in memory, for tests of the commands and
 * the provisioner that need a history but not git.
 */
export interface Ledger {
  /** The branch read and the commit it pointed at. */
  readonly ref: string;
  readonly commit: string;
  /** The latest landing of every grant file on the branch (as of `until`, when given). */
  grants(opts?: { until?: Date }): Promise<GrantRecord[]>;
  /** Every commit that changed a grant file, oldest first; `onCommit` may return 'stop'. */
  history(onCommit: (c: LedgerCommit) => void | 'stop'): Promise<void>;
  /** Whether `commit` is still in the branch's history (false: the branch was rewritten). */
  descendsFrom(commit: string): Promise<boolean>;
}

/** The records a sequence of commits leaves on the branch: what `grants()` means. */
export function recordsOf(commits: Iterable<LedgerCommit>, until?: Date): GrantRecord[] {
  const files = new LatestVersions<Landing>();
  for (const c of commits) {
    if (until && c.committedAt > until) break;
    for (const change of c.changes) files.record(c, change.path, change.landing);
  }
  return files.values().map((v) => recordOf(v));
}

/**
 * A ledger over commits given in order (oldest first). `ancestors` lists commits that are in
 * the branch's history without changing grants (by default: exactly the given commits).
 */
export function memoryLedger(
  commits: readonly LedgerCommit[],
  opts: { ref?: string; ancestors?: readonly string[] } = {},
): Ledger {
  const known = new Set([...commits.map((c) => c.oid), ...(opts.ancestors ?? [])]);
  return {
    ref: opts.ref ?? 'main',
    commit: commits[commits.length - 1]?.oid ?? '',
    grants: async (o = {}) => recordsOf(commits, o.until),
    history: async (onCommit) => {
      for (const c of commits) if (onCommit(c) === 'stop') return;
    },
    descendsFrom: async (commit) => known.has(commit),
  };
}
