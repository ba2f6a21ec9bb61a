import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { memoryLedger, type Ledger } from '../../src/core/ledger.js';
import type { Policy } from '../../src/core/policy/types.js';
import type { Access, AccessChanges, ApplyResult, Provider } from '../../src/core/provider.js';
import { Provisioner } from '../../src/core/provisioner.js';
import type { LedgerCommit } from '../../src/core/timeline.js';
import {
  MemoryProvider,
  MemoryTarget,
  type MemoryCall,
} from '../../src/providers/memory/provider.js';
import { membershipKey, recordKey } from '../../src/providers/memory/target.js';
import { landing, policyWithMemory } from '../helpers/landed.js';

/**
 * Convergence under faults (DESIGN: idempotent and concurrent-safe), as a property: whatever the
 * provider held before (part of what git backs, stale targets, access whose grant ended, access
 * given by hand), a reconcile of 1,000 grants in which provider calls fail or time out at random
 * steps, then one clean run, leaves the provider holding exactly what git backs: every grant
 * recorded, nothing else recorded, and every membership either backed or given by hand.
 * In memory (ledger and provider), so a run takes milliseconds.
 */
const ROLES = 5;
const PEOPLE = 200; // 5 roles × 200 people = 1,000 active grants
const ENDED = 20; // people whose grants of every role ended long ago
const T0 = new Date('2026-11-25T10:00:00Z');
const NOW = new Date(T0.getTime() + 3600_000);
const login = (i: number) => `u${String(i).padStart(3, '0')}`;
const group = (r: number) => `g${r}`;

let policy: Policy;
let commits: LedgerCommit[];
/** What git backs at NOW: one access per active grant. */
let desired: Access[];
/** Access whose grant ended (expired): the provider may still hold it. */
let ended: Access[];

beforeAll(() => {
  const everyone = Array.from({ length: PEOPLE + ENDED }, (_, i) => login(i));
  policy = policyWithMemory(`admins: ['@acme/security']
groups:
  people: [${everyone.join(', ')}]
  dba: [dana]
providers:
  mem:
    type: memory
roles:
${Array.from(
  { length: ROLES },
  (_, r) => `  r${r}:
    description: Role ${r}
    provider: mem
    grant: { group: ${group(r)} }
    max_duration: 8h
    requesters: [people]
    approvers: [dba]
    approvals: 1
`,
).join('')}`);
  const text = (duration: string) => `duration: ${duration}\nreason: INC-1 property run\n`;
  commits = [];
  desired = [];
  ended = [];
  let t = T0.getTime() - 86400_000;
  for (let r = 0; r < ROLES; r++) {
    for (let i = PEOPLE; i < PEOPLE + ENDED; i++) {
      const at = new Date((t += 1000));
      commits.push(
        landing(policy, {
          role: `r${r}`,
          login: login(i),
          text: text('1h'),
          at,
          approvedBy: ['dana'],
        }),
      );
      ended.push(access(r, i));
    }
  }
  t = T0.getTime();
  for (let r = 0; r < ROLES; r++) {
    for (let i = 0; i < PEOPLE; i++) {
      const at = new Date((t += 1000));
      commits.push(
        landing(policy, {
          role: `r${r}`,
          login: login(i),
          text: text('8h'),
          at,
          approvedBy: ['dana'],
        }),
      );
      desired.push(access(r, i));
    }
  }
});

function access(r: number, i: number, target = group(r)): Access {
  return { role: `r${r}`, login: login(i), identity: login(i), target: { group: target } };
}

/** A small deterministic generator: the world of one run follows from its seed. */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = a;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

type FaultKind = 'fails' | 'times out after acting' | 'fails midway';

/** One reconcile's faults: every provider call fails with probability `rate`, in some way. */
interface Faults {
  seed: number;
  rate: number;
}

const world = fc.record({
  seed: fc.integer(),
  held: fc.double({ min: 0, max: 1, noNaN: true }),
  stale: fc.double({ min: 0, max: 0.2, noNaN: true }),
  endedHeld: fc.double({ min: 0, max: 1, noNaN: true }),
  byHand: fc.double({ min: 0, max: 0.1, noNaN: true }),
  batch: fc.boolean(),
  faultyRuns: fc.array(
    fc.record({ seed: fc.integer(), rate: fc.double({ min: 0.001, max: 0.5, noNaN: true }) }),
    { minLength: 1, maxLength: 3 },
  ),
});
type World = typeof world extends fc.Arbitrary<infer W> ? W : never;

/** The provider's state before any reconcile, given through the provider itself and by hand. */
async function initialState(w: World, target: MemoryTarget): Promise<Set<string>> {
  const next = random(w.seed);
  const byHand = new Set<string>();
  for (let r = 0; r < ROLES; r++) {
    for (let i = 0; i < PEOPLE + ENDED + 10; i++) {
      if (next() >= w.byHand) continue;
      const t = { group: next() < 0.5 ? group(r) : `${group(r)}_old` };
      target.giveByHand(t, login(i));
      byHand.add(membershipKey(t, login(i)));
    }
  }
  const mem = new MemoryProvider({ name: 'mem', target });
  for (const [r, i] of desired.map((a, n) => [Math.floor(n / PEOPLE), n % PEOPLE] as const)) {
    if (next() < w.held) await mem.grant(access(r, i));
    if (next() < w.stale) await mem.grant(access(r, i, `${group(r)}_old`));
  }
  for (const a of ended) if (next() < w.endedHeld) await mem.grant(a);
  return byHand;
}

/**
 * The memory provider behind a faulty connection: a call may fail before it acts, or act and
 * then fail as a timed-out call does (the change happened, the caller never heard); a batch may
 * also fail midway, and is then undone as a transaction would be.
 */
function faulty(target: MemoryTarget, batch: boolean, f: Faults): Provider {
  const next = random(f.seed);
  const kind = (): FaultKind | null => {
    if (next() >= f.rate) return null;
    const k = next();
    return k < 0.4 ? 'fails' : k < 0.8 ? 'times out after acting' : 'fails midway';
  };
  let midway = -1;
  const inner = new MemoryProvider({
    name: 'mem',
    target,
    failWith: (method) => {
      if (method !== 'grant' && method !== 'revoke') return undefined;
      return midway-- === 0 ? new Error('connection reset in the middle of the batch') : undefined;
    },
  });
  const call = async <T>(act: () => Promise<T>, steps = 0): Promise<T> => {
    const fault = kind();
    if (fault === 'fails' || (fault === 'fails midway' && steps === 0))
      throw new Error('connection refused');
    if (fault === 'fails midway') midway = Math.floor(next() * steps);
    const result = await act();
    midway = -1;
    if (fault === 'times out after acting') throw new Error('timed out waiting for the reply');
    return result;
  };
  const provider: Provider = {
    name: 'mem',
    type: 'memory',
    list: () => call(() => inner.list()),
    grant: (a) => call(() => inner.grant(a)),
    revoke: (a) => call(() => inner.revoke(a)),
  };
  if (batch)
    provider.apply = (c: AccessChanges): Promise<ApplyResult> =>
      call(() => inner.apply(c), c.grant.length + c.revoke.length);
  return provider;
}

/** A fault-free connection, batch or one change at a time. */
function clean(target: MemoryTarget, batch: boolean): Provider {
  return faulty(target, batch, { seed: 0, rate: 0 });
}

async function reconcile(ledger: Ledger, provider: Provider) {
  const p = await Provisioner.read({ ledger, policy, now: NOW, reconciled: null });
  const providers = new Map([['mem', provider]]);
  const planned = await p.plan(providers);
  return { planned, outcome: await p.apply(planned.plan, providers) };
}

const recordsOf = (t: MemoryTarget) => new Set(t.records.keys());
const changesOf = (calls: MemoryCall[]) => calls.filter((c) => c.method !== 'list').length;

describe('reconcile converges under provider faults (property)', () => {
  it('after faulty runs and one clean run, the provider holds exactly what git backs', async () => {
    const ledger = memoryLedger(commits);
    const backed = new Set(desired.map((a) => recordKey('mem', a)));
    const backedMemberships = new Set(desired.map((a) => membershipKey(a.target, a.identity)));
    let runs = 0;
    let faultsSeen = 0;
    const started = performance.now();
    await fc.assert(
      fc.asyncProperty(world, async (w) => {
        runs += 1;
        const target = new MemoryTarget();
        const byHand = await initialState(w, target);
        const before = recordsOf(target);

        for (const f of w.faultyRuns) {
          const { outcome, planned } = await reconcile(ledger, faulty(target, w.batch, f));
          faultsSeen += outcome.errors.length + planned.plan.errors.length;
          // Safety at every step: nothing recorded that neither git backs nor was there before,
          // and nothing given by hand is ever taken away.
          for (const k of recordsOf(target)) expect(backed.has(k) || before.has(k)).toBe(true);
          for (const m of byHand) expect(target.memberships.has(m)).toBe(true);
        }

        const final = await reconcile(ledger, clean(target, w.batch));
        expect(final.planned.plan.errors).toEqual([]);
        expect(final.outcome.errors).toEqual([]);
        expect(recordsOf(target)).toEqual(backed);
        expect(target.memberships).toEqual(new Set([...backedMemberships, ...byHand]));

        // And the next run has nothing to do.
        target.calls.length = 0;
        const idle = await reconcile(ledger, clean(target, w.batch));
        expect(idle.planned.plan).toMatchObject({ grant: [], revoke: [], unchanged: 1000 });
        expect(changesOf(target.calls)).toBe(0);
      }),
      { numRuns: 20 },
    );
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    // Reported for the record: how many runs, and that faults did happen.
    console.info(`convergence property: ${runs} runs in ${seconds} s, ${faultsSeen} faults met`);
    expect(faultsSeen).toBeGreaterThan(runs);
  }, 120_000);
});
