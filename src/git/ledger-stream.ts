import { isGrantCandidate } from '../core/landing.js';
import { LandingClock } from '../core/latest.js';
import { GRANTS_DIR, POLICIES_DIR } from '../core/paths.js';
import { firstParentBatches, type RawChange } from './log-stream.js';
import type { PolicyFiles, PolicyHistory } from './policy-history.js';

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
 * The ledger's one pass over history, oldest first, in batches as git's output arrives: one
 * `git log --first-parent --reverse --raw COMMIT` lists every first-parent commit with all its
 * changes, so a commit that changed only policies is met in its place. `policies` follows the
 * epochs: a commit's grant files are judged by the policies before it, never by its own change.
 *
 * Landing times never go backwards (`LandingClock`) over the commits that change grants/ or
 * policies/; other commits are not the ledger's and do not move the clock.
 */
export async function* ledgerSteps(
  repo: string,
  commit: string,
  policies: PolicyHistory,
): AsyncGenerator<LedgerStep[]> {
  const clock = new LandingClock();
  for await (const batch of firstParentBatches(repo, commit)) {
    const steps: LedgerStep[] = [];
    for (const raw of batch) {
      let ledger = false;
      let grants: RawChange[] | null = null;
      let policy: RawChange[] | null = null;
      for (const c of raw.changes) {
        if (c.path.startsWith(GRANTS_DIR)) {
          ledger = true;
          if (isGrantCandidate(c.path)) (grants ??= []).push(c);
        } else if (c.path.startsWith(POLICIES_DIR)) {
          ledger = true;
          (policy ??= []).push(c);
        }
      }
      if (!ledger) continue;
      const landedAt = clock.next(new Date(raw.committedAt * 1000));
      if (grants)
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
