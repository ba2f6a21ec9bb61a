import { describe, expect, it } from 'vitest';
import { memoryLedger, type Ledger } from '../../src/core/ledger.js';
import type { Access, Provider } from '../../src/core/provider.js';
import type { LandingChecks } from '../../src/core/landing-checks.js';
import { Provisioner, type ProviderSet } from '../../src/core/provisioner.js';
import type { LedgerCommit } from '../../src/core/timeline.js';
import { MemoryProvider, MemoryTarget } from '../../src/providers/memory/provider.js';
import { deletion, landing, policyWithMemory } from '../helpers/landed.js';

/**
 * The provisioner over the in-memory ledger and memory providers: the plan as data, applied
 * item by item, exactly as it was planned.
 */
const T0 = new Date('2026-11-25T10:00:00Z');
const at = (hours: number) => new Date(T0.getTime() + hours * 3600_000);

const policyText = (opts: { target?: string; users?: string } = {}) => `admins: ['@acme/security']
groups:
  dba: [dana]
providers:
  mem:
    type: memory
    ${opts.users ?? ''}
  other:
    type: memory
  unused:
    type: memory
roles:
  read:
    description: Read the orders
    provider: mem
    grant: { group: ${opts.target ?? 'readers'} }
    max_duration: 8h
    requesters: [alice, bob, carol]
    approvers: [dba]
    approvals: 1
  admin:
    description: Administer the other system
    provider: other
    grant: { group: admins }
    max_duration: 8h
    requesters: [alice, bob]
    approvers: [dba]
    approvals: 1
`;
const policy = policyWithMemory(policyText());
const moved = policyWithMemory(policyText({ target: 'readers_v2' }));

const grantText = 'duration: 4h\nreason: INC-4821 slow checkout queries\n';
const landed = (role: string, login: string, hours: number): LedgerCommit =>
  landing(policy, { role, login, text: grantText, at: at(hours), approvedBy: ['dana'] });

const access = (login: string, group = 'readers', role = 'read'): Access => ({
  role,
  login,
  identity: login,
  target: { group },
});

/** A ledger that counts how often the branch's ancestry is asked about. */
function counting(ledger: Ledger) {
  const asked: string[] = [];
  return {
    asked,
    ledger: { ...ledger, descendsFrom: (c: string) => (asked.push(c), ledger.descendsFrom(c)) },
  };
}

async function reconcile(
  ledger: Ledger,
  providers: ProviderSet,
  opts: { policy?: typeof policy; now?: Date; reconciled?: string | null } = {},
) {
  const p = await Provisioner.read({
    ledger,
    policy: opts.policy ?? policy,
    now: opts.now ?? at(1),
    reconciled: opts.reconciled ?? null,
  });
  const planned = await p.plan(providers);
  return { planned, outcome: await p.apply(planned.plan, providers) };
}

/** A memory provider without the batch capability: changes go one by one. */
function oneByOne(inner: MemoryProvider): Provider {
  return {
    name: inner.name,
    type: inner.type,
    list: () => inner.list(),
    grant: (a) => inner.grant(a),
    revoke: (a) => inner.revoke(a),
  };
}

describe('provisioner', () => {
  for (const flavour of ['batch', 'one by one'] as const) {
    for (const order of ['stale listed first', 'current listed first'] as const) {
      it(`revokes a stale target and keeps the current one (${flavour}, ${order})`, async () => {
        const world = new MemoryTarget();
        const mem = new MemoryProvider({ name: 'mem', target: world });
        const stale = access('alice');
        const current = access('alice', 'readers_v2');
        for (const a of order === 'stale listed first' ? [stale, current] : [current, stale])
          await mem.grant(a);
        const providers = new Map([['mem', flavour === 'batch' ? mem : oneByOne(mem)]]);

        const { planned, outcome } = await reconcile(
          memoryLedger([landed('read', 'alice', 0)]),
          providers,
          { policy: moved },
        );
        expect(planned.plan.grant).toEqual([]);
        expect(planned.plan.revoke.map((i) => i.access)).toEqual([stale]);
        expect(outcome).toMatchObject({ granted: 0, revoked: 1, errors: [] });
        expect(world.has({ group: 'readers' }, 'alice')).toBe(false);
        expect(world.has({ group: 'readers_v2' }, 'alice')).toBe(true);
        expect((await mem.list()).map((a) => a.target)).toEqual([{ group: 'readers_v2' }]);
      });
    }
  }

  it('plans without changing anything: every provider is only listed', async () => {
    const world = new MemoryTarget();
    const providers = new Map([
      ['mem', new MemoryProvider({ name: 'mem', target: world })],
      ['other', new MemoryProvider({ name: 'other', target: world })],
    ]);
    await providers.get('mem')!.grant(access('carol'));
    world.calls.length = 0;
    const p = await Provisioner.read({
      ledger: memoryLedger([landed('read', 'alice', 0), landed('admin', 'bob', 0.1)]),
      policy,
      now: at(1),
      reconciled: null,
    });
    const planned = await p.plan(providers);
    expect(planned.plan.grant.map((i) => [i.provider, i.access.login])).toEqual([
      ['mem', 'alice'],
      ['other', 'bob'],
    ]);
    expect(planned.plan.revoke.map((i) => [i.provider, i.access.login, i.why])).toEqual([
      ['mem', 'carol', 'no grant for it on the branch'],
    ]);
    expect(world.calls.map((c) => `${c.provider} ${c.method}`)).toEqual(['mem list', 'other list']);
  });

  it('never contacts a provider no role uses, and tells each provider only its own people', () => {
    return Provisioner.read({
      ledger: memoryLedger([landed('read', 'alice', 0), landed('admin', 'bob', 0.1)]),
      policy,
      now: at(1),
      reconciled: null,
    }).then((p) => {
      expect(p.scopes().map((s) => [s.config.name, [...s.managed]])).toEqual([
        ['mem', ['read/alice']],
        ['other', ['admin/bob']],
      ]);
    });
  });

  it('refuses every grant after a history rewrite, and still revokes', async () => {
    const world = new MemoryTarget();
    const mem = new MemoryProvider({ name: 'mem', target: world });
    await mem.grant(access('carol'));
    const { planned, outcome } = await reconcile(
      memoryLedger([landed('read', 'alice', 0)]),
      new Map([
        ['mem', mem],
        ['other', new MemoryProvider({ name: 'other', target: world })],
      ]),
      { reconciled: 'f'.repeat(40) },
    );
    expect(planned.trusted).toBe(false);
    expect(planned.plan.errors.map((e) => e.code)).toEqual(['E_HISTORY_REWRITTEN']);
    expect(planned.plan.grant).toEqual([]);
    expect(outcome.revoked).toBe(1);
    expect(world.has({ group: 'readers' }, 'alice')).toBe(false);
    expect(world.has({ group: 'readers' }, 'carol')).toBe(false);
  });

  it('asks about ancestry only when the branch moved since the last run', async () => {
    const commits = [landed('read', 'alice', 0)];
    const head = commits[0]!.oid;
    const same = counting(memoryLedger(commits));
    const p = await Provisioner.read({ ledger: same.ledger, policy, now: at(1), reconciled: head });
    expect(same.asked).toEqual([]);
    expect((await p.plan(new Map())).trusted).toBe(true);

    const later = counting(memoryLedger([...commits, landed('read', 'bob', 0.5)]));
    await Provisioner.read({ ledger: later.ledger, policy, now: at(1), reconciled: head });
    expect(later.asked).toEqual([head]);
  });

  it('reports a provider that could not be built and goes on with the others', async () => {
    const world = new MemoryTarget();
    const providers: ProviderSet = new Map<
      string,
      Provider | { unavailable: string; configError: boolean }
    >([
      ['mem', { unavailable: 'MEM_URL is not set', configError: true }],
      ['other', new MemoryProvider({ name: 'other', target: world })],
    ]);
    const { planned, outcome } = await reconcile(
      memoryLedger([landed('read', 'alice', 0), landed('admin', 'bob', 0.1)]),
      providers,
    );
    expect(planned.configErrors).toBe(true);
    expect(planned.plan.errors.map((e) => [e.provider, e.code, e.requester])).toEqual([
      ['mem', 'E_PROVIDER_STATE', null],
      ['mem', 'E_NOT_PLANNED', 'alice'],
    ]);
    expect(outcome.granted).toBe(1);
    expect(world.has({ group: 'admins' }, 'bob')).toBe(true);
  });

  it('holds back a provider whose identity mapping fails, touching nothing there', async () => {
    const bad = policyWithMemory(policyText({ users: "users: { alice: '   ' }" }));
    const world = new MemoryTarget();
    const mem = new MemoryProvider({ name: 'mem', target: world });
    await mem.grant(access('carol'));
    world.calls.length = 0;
    const { planned, outcome } = await reconcile(
      memoryLedger([
        landing(bad, {
          role: 'read',
          login: 'alice',
          text: grantText,
          at: at(0),
          approvedBy: ['dana'],
        }),
      ]),
      new Map([
        ['mem', mem],
        ['other', new MemoryProvider({ name: 'other', target: world })],
      ]),
      { policy: bad },
    );
    expect(planned.configErrors).toBe(true);
    expect(planned.plan.errors[0]).toMatchObject({ provider: 'mem', code: 'E_PROVIDER_STATE' });
    expect(planned.plan.errors[0]!.message).toContain('empty identity');
    expect(outcome).toMatchObject({ granted: 0, revoked: 0, errors: [] });
    expect(world.callsOf('mem')).toEqual([]);
    expect(world.has({ group: 'readers' }, 'carol')).toBe(true);
  });

  it('marks exactly the changes a provider failed, and applies the rest', async () => {
    const world = new MemoryTarget();
    const mem = new MemoryProvider({
      name: 'mem',
      target: world,
      failWith: (method, a) =>
        method === 'grant' && a?.login === 'bob' ? new Error('boom') : undefined,
    });
    const { planned, outcome } = await reconcile(
      memoryLedger([landed('read', 'alice', 0), landed('read', 'bob', 0.1)]),
      new Map([['mem', oneByOne(mem)]]),
    );
    const [alice, bob] = planned.plan.grant;
    expect(outcome.granted).toBe(1);
    expect(outcome.failed.has(bob!)).toBe(true);
    expect(outcome.failed.has(alice!)).toBe(false);
    expect(outcome.errors).toEqual([
      {
        provider: 'mem',
        role: 'read',
        requester: 'bob',
        code: 'E_PROVIDER_APPLY',
        message: 'boom',
      },
    ]);
  });

  it('gives the reason a grant ended to its revocation', async () => {
    const world = new MemoryTarget();
    const mem = new MemoryProvider({ name: 'mem', target: world });
    await mem.grant(access('alice'));
    await mem.grant(access('bob'));
    const { planned } = await reconcile(
      memoryLedger([
        landed('read', 'alice', 0),
        landed('read', 'bob', 0),
        deletion('read', 'bob', at(1)),
      ]),
      new Map([['mem', mem]]),
      { now: at(5) },
    );
    expect(planned.plan.revoke.map((i) => [i.access.login, i.why])).toEqual([
      ['alice', 'expired at 2026-11-25T14:00:00Z'],
      ['bob', 'revoked at 2026-11-25T11:00:00Z (file deleted)'],
    ]);
  });
});

describe('provisioner: listing while the forge is asked', () => {
  /**
   * A plan of `landed` under `policy` whose forge answer is held back: `settle()` lets a turn of
   * the event loop pass, `refuse()` then answers that the forge refused the landing.
   */
  async function planWhileAsking(landed: LedgerCommit, withPolicy: typeof policy) {
    const world = new MemoryTarget();
    const mem = new MemoryProvider({ name: 'mem', target: world });
    const p = await Provisioner.read({
      ledger: memoryLedger([landed]),
      policy: withPolicy,
      now: at(1),
      reconciled: null,
    });
    let answer!: (c: LandingChecks) => void;
    const planning = p.plan(new Map([['mem', mem]]), new Promise((resolve) => (answer = resolve)));
    return {
      methods: () => world.callsOf('mem').map((c) => c.method),
      settle: () => new Promise((resolve) => setImmediate(resolve)),
      refuse() {
        const verdict = {
          commit: landed.oid,
          passed: false,
          request: null,
          author: null,
          mergedBy: null,
          approvers: [],
          problems: [],
          final: true,
        };
        answer({ judged: [], refused: new Map([[landed.oid, verdict]]), unchecked: new Map() });
        return planning;
      },
    };
  }

  it('lists the providers before the forge answers, and changes nothing until it has', async () => {
    const asking = await planWhileAsking(landed('read', 'alice', 0), policy);
    await asking.settle();
    // Read while the forge is still out; nothing granted or revoked.
    expect(asking.methods()).toEqual(['list']);
    // The forge refuses alice's landing: the listing read early still plans no grant for her.
    const planned = await asking.refuse();
    expect(planned.plan.grant).toEqual([]);
    expect(planned.alarms.map((a) => a.code)).toEqual(['E_LANDING_REJECTED']);
    expect(asking.methods()).toEqual(['list']);
  });

  it('leaves a provider an identity mapping may hold back unread until the forge answers', async () => {
    const bad = policyWithMemory(policyText({ users: "users: { alice: '   ' }" }));
    const alice = landing(bad, {
      role: 'read',
      login: 'alice',
      text: grantText,
      at: at(0),
      approvedBy: ['dana'],
    });
    const asking = await planWhileAsking(alice, bad);
    await asking.settle();
    expect(asking.methods()).toEqual([]);
    // Refused: the grant with the bad identity no longer holds the provider back, so it is read.
    const planned = await asking.refuse();
    expect(planned.configErrors).toBe(false);
    expect(asking.methods()).toEqual(['list']);
  });
});
