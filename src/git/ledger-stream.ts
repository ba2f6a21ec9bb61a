import { isGrantCandidate } from '../core/landing.js';
import { LandingClock } from '../core/latest.js';
import { GRANTS_DIR } from '../core/paths.js';
import { firstParentBatches, type RawChange } from './log-stream.js';
import { policyCommits, type PolicyFiles, type PolicyHistory } from './policy-history.js';

/** One first-parent commit that changed grant files, as the ledger reads it. */
export interface LedgerStep {
  oid: string;
  /** Its committer time, clamped so that it never precedes the ledger commit before it. */
  landedAt: Date;
  message: string;
  /** Its changes to grant files (`grants/**.yaml`), against its first parent. */
  grants: RawChange[];
  /** The policies in force when it landed: those of its first parent. */
  epoch: PolicyFiles;
}

/**
 * The ledger's one pass over history, oldest first, in batches as git's output arrives:
 *
 *   git log --first-parent --reverse --raw --relative=grants/ COMMIT
 *   git log --first-parent --raw COMMIT -- policies/
 *
 * The second lists the few commits that changed a policy, with their changes, while the first
 * starts; the first lists every first-parent commit (so a commit that changed only policies is
 * met in its place) with its changes to grants/. `policies` follows the epochs: a commit's
 * grant files are judged by the policies before it, never by its own change.
 *
 * Landing times never go backwards (`LandingClock`) over the commits that change grants/ or
 * policies/; other commits are not the ledger's and do not move the clock.
 */
export async function* ledgerSteps(
  repo: string,
  commit: string,
  policies: PolicyHistory,
): AsyncGenerator<LedgerStep[]> {
  const changedPolicies = policyCommits(repo, commit);
  changedPolicies.catch(() => undefined); // awaited below, unless the walk fails first
  const clock = new LandingClock();
  let policyChanges: Map<string, RawChange[]> | null = null;
  const select = { everyCommit: true, folder: GRANTS_DIR } as const;
  for await (const batch of firstParentBatches(repo, commit, select)) {
    policyChanges ??= await changedPolicies;
    const steps: LedgerStep[] = [];
    for (const raw of batch) {
      const policy = policyChanges.get(raw.oid);
      if (!policy && raw.changes.length === 0) continue;
      const landedAt = clock.next(new Date(raw.committedAt * 1000));
      const grants = raw.changes.filter((c) => isGrantCandidate(c.path));
      if (grants.length)
        steps.push({
          oid: raw.oid,
          landedAt,
          message: raw.message,
          grants,
          epoch: policies.current,
        });
      if (policy) policies.apply(policy);
    }
    if (steps.length) yield steps;
  }
}
