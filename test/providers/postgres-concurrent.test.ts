import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryLedger, type Ledger } from '../../src/core/ledger.js';
import type { Policy } from '../../src/core/policy/types.js';
import type { Access, ApplyResult, Provider } from '../../src/core/provider.js';
import { Provisioner } from '../../src/core/provisioner.js';
import { ident } from '../../src/providers/postgres/db.js';
import { postgresProvider } from '../../src/providers/postgres/provider.js';
import { landing, policyWithMemory } from '../helpers/landed.js';
import { sandbox, type Sandbox } from '../helpers/pg.js';

/**
 * Two reconciles at once against the real PostgreSQL server, as a property over what the
 * database held before (part of what git backs, stale targets, access whose grant ended,
 * memberships given by hand): both finish without error, the database then holds exactly what
 * git backs (one record per grant, nothing granted twice, nothing given by hand taken), and the
 * next run has nothing to do. Each run has its own provider, so its own connection.
 */
const ROLES = 5;
const PEOPLE = 200; // 1,000 grants
const ENDED = 10;
const T0 = new Date('2026-11-25T10:00:00Z');
const NOW = new Date(T0.getTime() + 3600_000);
const login = (i: number) => `u${String(i).padStart(3, '0')}`;

let db: Sandbox;
let policy: Policy;
let ledger: Ledger;
let desired: Access[];
let ended: Access[];
const dbRole = (r: number, old = false) => `${old ? 'old' : 'r'}${r}_${db.id}`;
const member = (i: number) => `${login(i)}_${db.id}`;

beforeAll(async () => {
  db = await sandbox();
  const people = Array.from({ length: PEOPLE + ENDED }, (_, i) => i);
  for (let r = 0; r < ROLES; r++) {
    await db.role('', '', dbRole(r));
    await db.role('', '', dbRole(r, true));
  }
  for (const i of people) await db.role('', 'LOGIN', member(i));
  policy = policyWithMemory(`admins: ['@acme/security']
groups:
  people: [${people.map(login).join(', ')}]
  dba: [dana]
providers:
  db:
    type: postgres
    connection_env: TEST_DB_URL
    login: '{login}_${db.id}'
roles:
${Array.from(
  { length: ROLES },
  (_, r) => `  r${r}:
    description: Role ${r}
    provider: db
    grant: { role: ${dbRole(r)} }
    max_duration: 8h
    requesters: [people]
    approvers: [dba]
    approvals: 1
`,
).join('')}`);
  const commits = [];
  desired = [];
  ended = [];
  let t = T0.getTime() - 86400_000;
  const text = (d: string) => `duration: ${d}\nreason: INC-1 concurrent runs\n`;
  for (let r = 0; r < ROLES; r++) {
    for (let i = PEOPLE; i < PEOPLE + ENDED; i++) {
      commits.push(
        landing(policy, {
          role: `r${r}`,
          login: login(i),
          text: text('1h'),
          at: new Date((t += 1000)),
          approvedBy: ['dana'],
        }),
      );
      ended.push(access(r, i));
    }
  }
  t = T0.getTime();
  for (let r = 0; r < ROLES; r++) {
    for (let i = 0; i < PEOPLE; i++) {
      commits.push(
        landing(policy, {
          role: `r${r}`,
          login: login(i),
          text: text('8h'),
          at: new Date((t += 1000)),
          approvedBy: ['dana'],
        }),
      );
      desired.push(access(r, i));
    }
  }
  ledger = memoryLedger(commits);
}, 120_000);
afterAll(async () => {
  await db.done();
});

function access(r: number, i: number, old = false): Access {
  return { role: `r${r}`, login: login(i), identity: member(i), target: { role: dbRole(r, old) } };
}

async function provider() {
  const config = policy.providers.get('db')!;
  return postgresProvider.create(config, {
    env: { TEST_DB_URL: db.url },
    targets: [...policy.roles.values()].map((r) => ({ role: r.name, target: r.grant })),
  });
}

/**
 * Holds every run's apply until all runs have listed: the runs plan from the same state and
 * then all try to apply it, the interleaving in which a double grant would happen.
 */
function barrier(runs: number) {
  let listed = 0;
  let open = () => {};
  const opened = new Promise<void>((resolve) => (open = resolve));
  return {
    listed: () => void (++listed === runs && open()),
    opened,
  };
}

/** One whole reconcile with its own provider (its own connection); what its batch really did. */
async function reconcile(gate?: ReturnType<typeof barrier>) {
  const p = await Provisioner.read({ ledger, policy, now: NOW, reconciled: null });
  const inner = await provider();
  const applied: ApplyResult[] = [];
  const wrapped: Provider = {
    name: inner.name,
    type: inner.type,
    list: async () => {
      const accesses = await inner.list();
      gate?.listed();
      return accesses;
    },
    grant: (a) => inner.grant(a),
    revoke: (a) => inner.revoke(a),
    apply: async (c) => {
      await gate?.opened;
      const r = await inner.apply!(c);
      applied.push(r);
      return r;
    },
  };
  const providers = new Map([['db', wrapped]]);
  try {
    const planned = await p.plan(providers);
    return { planned, outcome: await p.apply(planned.plan, providers), applied };
  } finally {
    await inner.close?.();
  }
}

/** Members of every target role (current and old), as `role member`. */
async function memberships(): Promise<Set<string>> {
  const roles = Array.from({ length: ROLES }, (_, r) => [dbRole(r), dbRole(r, true)]).flat();
  const rows = await db.sql(
    `SELECT r.rolname AS role, u.rolname AS member FROM pg_auth_members am
     JOIN pg_roles r ON r.oid = am.roleid JOIN pg_roles u ON u.oid = am.member
     WHERE r.rolname = ANY($1::text[])`,
    [roles],
  );
  return new Set(rows.map((x) => `${x.role} ${x.member}`));
}

const world = fc.record({
  held: fc.subarray(Array.from({ length: ROLES * PEOPLE }, (_, n) => n)),
  stale: fc.uniqueArray(fc.nat(ROLES * PEOPLE - 1), { maxLength: 50 }),
  endedHeld: fc.subarray(Array.from({ length: ROLES * ENDED }, (_, n) => n)),
  byHand: fc.uniqueArray(
    fc.record({ r: fc.nat(ROLES - 1), i: fc.nat(PEOPLE + ENDED - 1), old: fc.boolean() }),
    { maxLength: 20, selector: (h) => `${h.r} ${h.i} ${h.old}` },
  ),
});

describe('two reconciles at once against a real PostgreSQL (property)', () => {
  it('converge: no error, exactly what git backs, and the next run has nothing to do', async () => {
    const backed = desired.map((a) => `${a.target.role} ${a.identity}`);
    let runs = 0;
    const started = performance.now();
    await fc.assert(
      fc.asyncProperty(world, async (w) => {
        runs += 1;
        // The database before: nothing, then the world's access given by grantops and by hand.
        const everyone = Array.from({ length: PEOPLE + ENDED }, (_, i) => ident(member(i)));
        const targets = Array.from({ length: ROLES }, (_, r) => [dbRole(r), dbRole(r, true)])
          .flat()
          .map(ident);
        await db.sql(
          `SET client_min_messages = error; REVOKE ${targets.join(', ')} FROM ${everyone.join(', ')}`,
        );
        await db.sql(
          `DO $$ BEGIN IF to_regclass('grantops.managed_memberships') IS NOT NULL THEN DELETE FROM grantops.managed_memberships; END IF; END $$`,
        );
        const hand = w.byHand.map((h) => `${dbRole(h.r, h.old)} ${member(h.i)}`);
        for (const h of w.byHand)
          await db.sql(`GRANT ${ident(dbRole(h.r, h.old))} TO ${ident(member(h.i))}`);
        const setup = await provider();
        await setup.apply!({
          grant: [
            ...w.held.map((n) => desired[n]!),
            ...w.stale.map((n) => access(Math.floor(n / PEOPLE), n % PEOPLE, true)),
            ...w.endedHeld.map((n) => ended[n]!),
          ],
          revoke: [],
        });
        await setup.close?.();

        const gate = barrier(2);
        const [a, b] = await Promise.all([reconcile(gate), reconcile(gate)]);
        for (const run of [a, b]) {
          expect(run.planned.plan.errors).toEqual([]);
          expect(run.outcome.errors).toEqual([]);
        }
        // Both planned from the same state; between them, each change was made exactly once.
        expect(b.planned.plan.grant.length).toBe(a.planned.plan.grant.length);
        const made = [...a.applied, ...b.applied];
        const granted = made.flatMap((r) => r.granted.map((x) => `${x.target.role} ${x.identity}`));
        const revoked = made.flatMap((r) => r.revoked.map((x) => `${x.target.role} ${x.identity}`));
        expect(granted).toHaveLength(a.planned.plan.grant.length);
        expect(new Set(granted).size).toBe(granted.length);
        expect(revoked).toHaveLength(a.planned.plan.revoke.length);
        expect(new Set(revoked).size).toBe(revoked.length);
        expect(await memberships()).toEqual(new Set([...backed, ...hand]));
        const records = await db.sql(
          'SELECT role, login, db_role, member FROM grantops.managed_memberships',
        );
        expect(records).toHaveLength(desired.length);
        expect(new Set(records.map((x) => `${x.db_role} ${x.member}`))).toEqual(new Set(backed));

        const next = await reconcile();
        expect(next.planned.plan).toMatchObject({ grant: [], revoke: [], unchanged: 1000 });
      }),
      { numRuns: 6 },
    );
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.info(`concurrent reconciles property: ${runs} runs in ${seconds} s`);
  }, 300_000);
});
