import { describe, expect, it } from 'vitest';
import type { Landing } from '../../src/core/landing.js';
import { BatchJudge, type JudgeJob } from '../../src/git/landing-judge.js';
import type { LedgerStep } from '../../src/git/ledger-stream.js';
import type { RawChange } from '../../src/git/log-stream.js';

const change = (n: number): RawChange => ({
  status: 'A',
  newMode: '100644',
  newOid: String(n).padStart(40, '0'),
  path: `grants/db-read/u${n}.yaml`,
});
const step = (n: number): LedgerStep => ({
  oid: String(n).padStart(40, 'a'),
  landedAt: new Date(n * 1000),
  message: `Grant ${n}\n\nApproved-by: carol\n`,
  grants: [change(n)],
  epoch: { files: new Map(), policy: null },
});
const landing = (j: JudgeJob): Landing[] =>
  j.changes.map((c) => ({
    path: c.path,
    role: 'db-read',
    requester: 'u',
    state: 'invalid',
    grant: null,
    window: null,
    approval: null,
    problems: [],
  }));

describe('BatchJudge', () => {
  it('hands on what is judged as soon as the pass comes by, not only when too much is out', async () => {
    const sent: JudgeJob[][] = [];
    const judged: string[] = [];
    const judge = new BatchJudge<{ change: RawChange }>(
      async (jobs) => {
        sent.push(jobs);
        return jobs.map(landing);
      },
      (s, trailers, _items, landings) => {
        judged.push(`${s.oid.slice(-1)} ${trailers.approvedBy.join()} ${landings.length}`);
      },
    );
    judge.add(step(1), [{ change: change(1) }]);
    // Nothing else is being judged: the open commits go at once.
    expect(await judge.drain()).toBe(true);
    expect(sent).toHaveLength(1);
    // Its answer is in: the next time the pass comes by, it is handed on, although far fewer
    // commits than the bound are out.
    await Promise.resolve();
    judge.add(step(2), [{ change: change(2) }]);
    expect(await judge.drain()).toBe(true);
    expect(judged).toEqual(['1 carol 1']);
    expect(await judge.drain(0)).toBe(true);
    expect(judged).toEqual(['1 carol 1', '2 carol 1']);
  });

  it('keeps the order of the commits, whichever batch comes back first', async () => {
    const answers: (() => void)[] = [];
    const judged: number[] = [];
    const judge = new BatchJudge<{ change: RawChange }>(
      (jobs) => new Promise((done) => answers.push(() => done(jobs.map(landing)))),
      (s) => void judged.push(s.landedAt.getTime() / 1000),
    );
    judge.add(step(1), [{ change: change(1) }]);
    await judge.drain();
    judge.add(step(2), [{ change: change(2) }]);
    const all = judge.drain(0);
    // The second batch answers first; the first is still out.
    answers[1]!();
    await Promise.resolve();
    expect(judged).toEqual([]);
    answers[0]!();
    expect(await all).toBe(true);
    expect(judged).toEqual([1, 2]);
  });
});
