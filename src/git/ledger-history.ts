import type { LedgerChange, LedgerCommit } from '../core/timeline.js';
import { openJudging } from './judge-worker.js';
import { BatchJudge } from './landing-judge.js';
import type { LedgerOptions } from './ledger.js';
import { ledgerSteps } from './ledger-stream.js';
import type { RawChange } from './log-stream.js';
import { gitOk } from './run.js';

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
  const judging = openJudging(repo, opts);
  // The history holds at least one version of every grant file at the tip: when that is more
  // than the main thread judges before a worker starts, the worker starts now, while git's log
  // starts, instead of after the main thread has loaded the same policies first.
  let tip: Promise<void> | null = grantFilesAt(repo, commit)
    .then((n) => judging.expect(n))
    .catch(() => undefined); // only a hint: the pass reads the history either way
  try {
    const judge = new BatchJudge<{ change: RawChange }>(
      judging.judge,
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
      judging.depth,
    );
    for await (const steps of ledgerSteps(repo, commit, judging.policies)) {
      // Known before the first commit is judged (git lists a tree before a log has much to say).
      if (tip) {
        await tip;
        tip = null;
      }
      for (const step of steps)
        judge.add(
          step,
          step.grants.filter((c) => c.status !== 'D').map((change) => ({ change })),
        );
      if (!(await judge.drain())) return;
    }
    await judge.drain(0);
  } finally {
    await judging.close();
  }
}

/** How many files are under grants/ at `commit`: one `git ls-tree`, its entries counted. */
async function grantFilesAt(repo: string, commit: string): Promise<number> {
  const out = await gitOk(repo, [
    'ls-tree',
    '-r',
    '-z',
    '--name-only',
    '--full-tree',
    commit,
    '--',
    'grants/',
  ]);
  let n = 0;
  for (let i = out.indexOf(0); i !== -1; i = out.indexOf(0, i + 1)) n++;
  return n;
}
