import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ProviderConfig } from '../../src/core/policy/types.js';
import { formatTrailers } from '../../src/core/trailers.js';
import { postgresProvider } from '../../src/providers/postgres/provider.js';
import { cliWith } from '../helpers/cli.js';
import { GitRepo } from '../helpers/gitrepo.js';
import { sandbox, type Sandbox } from '../helpers/pg.js';

/**
 * A role's target moved (orders_read → orders_read_v2) and the revoke of the old membership
 * failed, so the PostgreSQL provider lists both for one person. Reconcile must revoke exactly
 * the stale one and keep the current one: plan items carry the access they stand for, target
 * included. Real git repository, real PostgreSQL server, the CLI in-process.
 */
let db: Sandbox;
let repo: GitRepo;
let oldRole: string;
let newRole: string;
let alice: string;

const T0 = '2026-11-25T10:00:00Z';
const at = (hours: number) => new Date(new Date(T0).getTime() + hours * 3600_000).toISOString();

const policy = (dbRole: string) => `admins: ['@acme/security']
groups:
  dba: [dana]
providers:
  orders-db:
    type: postgres
    connection_env: ORDERS_DB_URL
    users: { alice: ${alice} }
roles:
  orders-db-read:
    description: Read-only SQL on orders
    provider: orders-db
    grant: { role: ${dbRole} }
    max_duration: 8h
    requesters: [alice]
    approvers: [dba]
    approvals: 1
`;

const run = async (now: string) => {
  const r = await cliWith(
    { env: { ORDERS_DB_URL: db.url } },
    repo.dir,
    'reconcile',
    '--repo',
    repo.dir,
    '--now',
    now,
    '--format',
    'json',
  );
  return { code: r.code, out: JSON.parse(r.stdout), stderr: r.stderr };
};

/** Grants the new target to alice through the provider itself, as the run that failed did. */
async function grantNewTargetDirectly() {
  const config: ProviderConfig = {
    name: 'orders-db',
    type: 'postgres',
    settings: { type: 'postgres', connection_env: 'ORDERS_DB_URL' },
    origin: { file: 'policies/all.yaml', at: null },
  };
  const target = { role: newRole };
  const provider = await postgresProvider.create(config, {
    env: { ORDERS_DB_URL: db.url },
    targets: [{ role: 'orders-db-read', target }],
  });
  try {
    const r = await provider.apply!({
      grant: [{ role: 'orders-db-read', login: 'alice', identity: alice, target }],
      revoke: [],
    });
    expect(r.failed).toEqual([]);
  } finally {
    await provider.close?.();
  }
}

beforeEach(async () => {
  db = await sandbox();
  // `orders_read_<id>` sorts before `orders_read_v2_<id>`: the provider lists the stale one first.
  oldRole = await db.role('orders_read');
  newRole = await db.role('orders_read_v2');
  alice = await db.role('alice', 'LOGIN');
  repo = GitRepo.create();
  repo.write('policies/all.yaml', policy(oldRole)).commit('Policies', at(-24));
  const path = 'grants/orders-db-read/alice.yaml';
  repo.write(path, 'duration: 8h\nreason: INC-4821 slow checkout queries\n');
  const trailers = formatTrailers({
    grants: [{ action: 'granted', path, role: 'orders-db-read', requester: 'alice' }],
    approvedBy: ['dana'],
  });
  repo.commit(`Grant orders-db-read to alice\n\n${trailers}`, at(0));
});
afterEach(async () => {
  repo.cleanup();
  await db.done();
});

describe('reconcile when PostgreSQL lists a stale and a current target for one person', () => {
  it('revokes the stale membership and keeps the current one', async () => {
    const first = await run(at(0.5));
    expect(first.code).toBe(0);
    expect(await db.member(oldRole, alice)).toBe(true);

    repo.write('policies/all.yaml', policy(newRole)).commit('orders-db-read moves to v2', at(1));
    await grantNewTargetDirectly();
    expect(await db.member(oldRole, alice)).toBe(true);
    expect(await db.member(newRole, alice)).toBe(true);

    const fixed = await run(at(1.5));
    expect(fixed.code).toBe(0);
    expect(fixed.out.grant).toEqual([]);
    expect(fixed.out.unchanged).toBe(1);
    expect(fixed.out.revoke).toMatchObject([
      {
        provider: 'orders-db',
        role: 'orders-db-read',
        requester: 'alice',
        identity: alice,
        target: { role: oldRole },
        why: `superseded: the grant now gives target {"role":"${newRole}"}, not {"role":"${oldRole}"}`,
      },
    ]);
    expect(fixed.out.applied).toEqual({ granted: 0, revoked: 1 });
    expect(await db.member(oldRole, alice)).toBe(false);
    expect(await db.member(newRole, alice)).toBe(true);

    const again = await run(at(2));
    expect(again.out).toMatchObject({ grant: [], revoke: [], unchanged: 1, errors: [] });
    expect(await db.member(newRole, alice)).toBe(true);
    const records = await db.sql(
      'SELECT db_role FROM grantops.managed_memberships WHERE login = $1 ORDER BY db_role',
      ['alice'],
    );
    expect(records.map((r) => r.db_role)).toEqual([newRole]);
  });

  it('moves the membership in one run when the policy changes and nothing failed', async () => {
    await run(at(0.5));
    repo.write('policies/all.yaml', policy(newRole)).commit('orders-db-read moves to v2', at(1));
    const moved = await run(at(1.5));
    expect(moved.code).toBe(0);
    expect(moved.out.grant).toMatchObject([{ requester: 'alice', target: { role: newRole } }]);
    expect(moved.out.revoke).toMatchObject([{ requester: 'alice', target: { role: oldRole } }]);
    expect(await db.member(oldRole, alice)).toBe(false);
    expect(await db.member(newRole, alice)).toBe(true);
  });
});
