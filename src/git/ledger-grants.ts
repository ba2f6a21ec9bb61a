import { LatestVersions } from '../core/latest.js';
import { recordOf, type GrantRecord } from '../core/record.js';
import { openJudging } from './judge-worker.js';
import { BatchJudge } from './landing-judge.js';
import type { LedgerOptions } from './ledger.js';
import { ledgerSteps, type LedgerStep } from './ledger-stream.js';
import type { RawChange } from './log-stream.js';
import { gitOk, splitZ } from './run.js';

/** A version of a grant file: the commit that landed it until it is judged, then its record. */
interface Version {
  change: RawChange;
  step: LedgerStep | null;
  record: GrantRecord | null;
}

/**
 * The latest landing of every grant file on the branch, checked against the policies in force
 * when it landed. With `until`, the branch as it was then: the pass stops at the first commit
 * that landed after `until`.
 *
 * Only versions still on the branch at the end are judged. Without `until`, those are known
 * before history is read: the files at the tip (one `git ls-tree`). Only a version whose blob is
 * the one at the tip is kept, and judged as the log streams by, while git reads on; should the
 * file change again later (and come back), the later version is judged too and the first is
 * dropped. With `until`, every version is kept and the latest ones are judged at the end.
 */
export async function readGrants(
  repo: string,
  commit: string,
  opts: LedgerOptions & { until?: Date },
): Promise<GrantRecord[]> {
  const judging = openJudging(repo, opts);
  try {
    const judge = new BatchJudge<Version>(
      judging.judge,
      (step, trailers, items, landings) => {
        const landed = { commit: step.oid, landedAt: step.landedAt, message: step.message };
        items.forEach((v, i) => {
          v.record = recordOf({ ...landed, path: v.change.path, version: landings[i]! }, trailers);
          v.step = null; // from now on the record is all that is kept
        });
      },
      judging.depth,
    );
    const files = new LatestVersions<Version>();
    const until = opts.until?.getTime() ?? Number.POSITIVE_INFINITY;
    const tip = opts.until === undefined ? blobsAt(repo, commit, 'grants/') : null;
    // Awaited below, unless the walk fails first. A long pass starts the worker as soon as the
    // tip says how long, while git's log starts.
    tip?.then((paths) => judging.expect(paths.size)).catch(() => undefined);
    let atTip: Map<string, string> | null = null;
    walk: for await (const steps of ledgerSteps(repo, commit, judging.policies)) {
      if (tip) atTip ??= await tip;
      for (const step of steps) {
        if (step.landedAt.getTime() > until) break walk;
        const landed = { oid: step.oid, committedAt: step.landedAt, message: step.message };
        const now: Version[] = [];
        for (const change of step.grants) {
          // At the tip, a file's last change leaves the tip's blob: no other version of a file
          // still there can be its latest, and a file gone by then has none.
          const there = atTip?.get(change.path);
          if (atTip && there === undefined) continue;
          if (change.status === 'D') {
            files.record(landed, change.path, null);
            continue;
          }
          if (atTip && there !== change.newOid) continue;
          const v: Version = { change, step, record: null };
          files.record(landed, change.path, v);
          if (atTip) now.push(v);
        }
        if (now.length) judge.add(step, now);
      }
      await judge.drain();
    }
    const latest = files.values();
    // Versions not judged on the way (with `until`, all of them), one commit at a time.
    const left = new Map<LedgerStep, Version[]>();
    for (const { version: v } of latest) {
      if (!v.step) continue;
      const same = left.get(v.step);
      if (same) same.push(v);
      else left.set(v.step, [v]);
    }
    for (const [step, versions] of left) judge.add(step, versions);
    await judge.drain(0);
    return latest.map((p) => p.version.record!);
  } finally {
    await judging.close();
  }
}

/** Path → blob id of every file under `prefix` at `commit` (paths byte for byte, as the log's). */
async function blobsAt(repo: string, commit: string, prefix: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const entries = splitZ(
    await gitOk(repo, ['ls-tree', '-r', '-z', '--full-tree', commit, '--', prefix]),
  );
  for (const line of entries) {
    // `<mode> <type> <oid>\t<path>`
    const tab = line.indexOf('\t');
    out.set(line.slice(tab + 1), line.slice(line.lastIndexOf(' ', tab) + 1, tab));
  }
  return out;
}
