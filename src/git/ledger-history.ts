import { MAX_GRANT_BYTES, MAX_POLICY_BYTES } from '../core/paths.js';
import type { LedgerChange, LedgerCommit } from '../core/timeline.js';
import { BlobReader } from './blob-stream.js';
import { BatchJudge, TeamLookup } from './landing-judge.js';
import type { LedgerOptions } from './ledger.js';
import { ledgerSteps } from './ledger-stream.js';
import type { RawChange } from './log-stream.js';
import { PolicyHistory } from './policy-history.js';

/**
 * Every first-parent commit that changed a grant file, oldest first, with each new version
 * checked against the policies in force when it landed. `onCommit` may return 'stop' to end the
 * pass early. Contents are asked for as the log is read and judged a batch at a time, in order,
 * so git's log and cat-file run side by side and memory stays bounded, however long the history.
 */
export async function readHistory(
  repo: string,
  commit: string,
  onCommit: (c: LedgerCommit) => void | 'stop',
  opts: LedgerOptions,
): Promise<void> {
  const blobs = new BlobReader(repo, Math.max(MAX_GRANT_BYTES, MAX_POLICY_BYTES));
  try {
    const policies = new PolicyHistory(blobs, opts.schemas);
    const judge = new BatchJudge<{ change: RawChange }>(
      blobs,
      policies,
      new TeamLookup(opts.directory),
      (step, trailers, _items, landings) => {
        let next = 0;
        const changes = step.grants.map((c): LedgerChange =>
          c.status === 'D'
            ? { path: c.path, kind: 'deleted', landing: null }
            : {
                path: c.path,
                kind: c.status === 'A' ? 'added' : 'changed',
                landing: landings[next++]!,
              },
        );
        return onCommit({
          oid: step.oid,
          committedAt: step.landedAt,
          message: step.message,
          trailers,
          changes,
        });
      },
    );
    for await (const steps of ledgerSteps(repo, commit, policies)) {
      for (const step of steps)
        judge.add(
          step,
          step.grants.filter((c) => c.status !== 'D').map((change) => ({ change })),
        );
      if (!(await judge.drain())) return;
    }
    await judge.drain(0);
  } finally {
    await blobs.close();
  }
}
