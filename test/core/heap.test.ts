import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MinHeap, RunQueue } from '../../src/core/heap.js';

interface Item {
  at: number;
  seq: number;
}
const less = (a: Item, b: Item) => a.at < b.at || (a.at === b.at && a.seq < b.seq);

/** Pushes and pops, in the order given; a pop is null. Keys repeat and mostly rise, as events do. */
const ops = fc.array(
  fc.oneof(
    { weight: 3, arbitrary: fc.integer({ min: -3, max: 20 }) },
    { weight: 2, arbitrary: fc.constant(null) },
  ),
  { maxLength: 400 },
);

function run(
  queue: { push(i: Item): void; pop(): Item | undefined; peek(): Item | undefined; size: number },
  steps: (number | null)[],
): (Item | undefined)[] {
  // The oracle: what is queued, sorted, smallest out first.
  const held: Item[] = [];
  const out: (Item | undefined)[] = [];
  let at = 0;
  let seq = 0;
  for (const s of steps) {
    if (s === null) {
      held.sort((a, b) => (less(a, b) ? -1 : 1));
      expect(queue.size).toBe(held.length);
      expect(queue.peek()).toBe(held[0]);
      const got = queue.pop();
      expect(got).toBe(held.shift());
      out.push(got);
    } else {
      at += s; // mostly forward, sometimes back
      const item = { at, seq: seq++ };
      held.push(item);
      queue.push(item);
    }
  }
  return out;
}

describe('heaps', () => {
  it('MinHeap pops the smallest of what it holds, whatever the order of pushes', () => {
    fc.assert(
      fc.property(ops, (steps) => void run(new MinHeap(less), steps)),
      { numRuns: 300 },
    );
  });

  it('RunQueue pops exactly what one heap would, in order or not', () => {
    fc.assert(
      fc.property(ops, (steps) => {
        expect(run(new RunQueue(less), steps)).toEqual(run(new MinHeap(less), steps));
      }),
      { numRuns: 300 },
    );
  });

  it('RunQueue keeps only what is queued over a long in-order run', () => {
    const q = new RunQueue(less);
    for (let i = 0; i < 5000; i++) {
      q.push({ at: i, seq: i });
      if (i >= 10) expect(q.pop()).toEqual({ at: i - 10, seq: i - 10 });
    }
    expect(q.size).toBe(10);
    // What came out is dropped: the run's array is compacted, not left to grow.
    expect((q as unknown as { run: unknown[] }).run.length).toBeLessThan(2100);
  });
});
