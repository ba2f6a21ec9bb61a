import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pacedGroup, WritePacer } from '../../src/github/pacing.js';

/** A pacer on a virtual clock: sleeping moves the clock, so nothing waits for real. */
function virtual(burst = 3, intervalMs = 1000) {
  let t = 0;
  const pacer = new WritePacer({
    burst,
    intervalMs,
    now: () => t,
    sleep: async (ms) => {
      t += ms;
    },
  });
  return {
    pacer,
    at: (ms: number) => {
      t = Math.max(t, ms);
    },
    get now() {
      return t;
    },
  };
}

describe('WritePacer', () => {
  it('lets a burst go at once, then one write an interval', async () => {
    const v = virtual();
    const sent: number[] = [];
    for (let i = 0; i < 6; i++) {
      await v.pacer.slot();
      sent.push(v.now);
    }
    expect(sent).toEqual([0, 0, 0, 1000, 2000, 3000]);
  });

  it('gives the burst back after a quiet spell, and not before', async () => {
    const v = virtual();
    for (let i = 0; i < 3; i++) await v.pacer.slot();
    v.at(1500); // one interval and a half later: one slot back, and half of the next
    await v.pacer.slot();
    expect(v.now).toBe(1500);
    await v.pacer.slot();
    expect(v.now).toBe(2000);
    v.at(10_000);
    const sent: number[] = [];
    for (let i = 0; i < 4; i++) {
      await v.pacer.slot();
      sent.push(v.now);
    }
    expect(sent).toEqual([10_000, 10_000, 10_000, 11_000]);
  });

  it('never lets more than burst + W / interval writes into any window of W ms', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 0, max: 5000 }), { minLength: 1, maxLength: 120 }),
        fc.integer({ min: 1, max: 5 }),
        async (gaps, burst) => {
          const v = virtual(burst, 1000);
          const sent: number[] = [];
          for (const gap of gaps) {
            v.at(v.now + gap);
            await v.pacer.slot();
            sent.push(v.now);
          }
          for (const window of [1000, 10_000, 60_000]) {
            for (let i = 0; i < sent.length; i++) {
              const inside = sent.filter((s) => s >= sent[i]! && s < sent[i]! + window).length;
              expect(inside).toBeLessThanOrEqual(burst + window / 1000);
            }
          }
          // A write never waits when the pace allows it: sent at once after a long enough gap.
          expect(sent[0]).toBe(gaps[0]);
        },
      ),
    );
  });

  it("keeps writes in the order they asked, as plugin-throttling's group does", async () => {
    const v = virtual(1, 1000);
    const group = pacedGroup(v.pacer);
    const order: string[] = [];
    const job = (name: string) => {
      order.push(`${name}@${v.now}`);
      return name.toUpperCase();
    };
    const results = await Promise.all(
      ['check', 'merge', 'card'].map((n) => group.key().schedule({}, job, n)),
    );
    expect(results).toEqual(['CHECK', 'MERGE', 'CARD']);
    expect(order).toEqual(['check@0', 'merge@1000', 'card@2000']);
  });

  it('refuses a pace that would not pace', () => {
    expect(() => new WritePacer({ burst: 0, intervalMs: 1000 })).toThrow(RangeError);
    expect(() => new WritePacer({ burst: 2, intervalMs: 0 })).toThrow(RangeError);
  });
});

describe("the client's writes", () => {
  it('go out three at once, then wait their turn: the pacer, not a second before each', async () => {
    const { createGitHubClient } = await import('../../src/github/octokit.js');
    const sent: string[] = [];
    const fetch = (async (url: string | URL | Request) => {
      sent.push(String(url));
      return new Response(JSON.stringify({ id: sent.length }), {
        status: 201,
        headers: { 'content-type': 'application/json' },
      });
    }) as typeof globalThis.fetch;
    const gh = createGitHubClient({
      token: 't',
      fetch,
      log: { debug() {}, info() {}, warn() {}, error() {} },
    });
    const post = () =>
      gh.request('POST /repos/{owner}/{repo}/check-runs', {
        owner: 'acme',
        repo: 'access',
        name: 'grantops/decision',
        head_sha: 'a'.repeat(40),
      });
    const writes = [post(), post(), post(), post()];
    // Half of the one-second spacing later: the burst is out, the fourth waits for the next slot
    // (plugin-throttling's own spacing would have let one out by now, no pacing all four).
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(sent).toHaveLength(3);
    await Promise.all(writes);
    expect(sent).toHaveLength(4);
  });
});
