import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, ExternalError } from '../../src/core/errors.js';
import type { ProviderConfig } from '../../src/core/policy/types.js';
import { ident, openDb, type Db, type Queryable } from '../../src/providers/postgres/db.js';
import {
  createPostgresProvider,
  postgresProvider,
  type PostgresProvider,
} from '../../src/providers/postgres/provider.js';
import type { Access } from '../../src/core/provider.js';
import { providerContract } from './contract.js';
import { sandbox, type Sandbox } from '../helpers/pg.js';

/**
 * The postgres provider against the real PostgreSQL server started by test/setup/postgres.ts,
 * and the same contract against PGlite. Every test works in its own database with its own
 * uniquely named roles, so test files can run in parallel on one server.
 */
const config = (name = 'orders-db'): ProviderConfig => ({
  name,
  type: 'postgres',
  settings: { type: 'postgres', connection_env: 'TEST_DB_URL' },
  origin: { file: 'policies/db.yaml', at: null },
});

const access = (
  role: string,
  login: string,
  identity: string,
  target: Record<string, unknown>,
): Access => ({
  role,
  login,
  identity,
  target,
});

/** A Db that logs every statement it is asked to run, to count round trips. */
function counting(db: Db) {
  const log: string[] = [];
  const wrap = (q: Queryable): Queryable => ({
    query: (s, p) => (log.push(s), q.query(s, p)),
    exec: (s) => (log.push(s), q.exec(s)),
  });
  const counted: Db = {
    kind: db.kind,
    ...wrap(db),
    transaction: (fn) => (log.push('BEGIN'), db.transaction((tx) => fn(wrap(tx)))),
    close: () => db.close(),
  };
  return { db: counted, log };
}

providerContract('postgres on a PostgreSQL server', async () => {
  const s = await sandbox();
  const dbRole = await s.role('orders_read');
  const alice = await s.role('alice', 'LOGIN');
  const bob = await s.role('bob', 'LOGIN');
  const target = { role: dbRole };
  const provider = await postgresProvider.create(config(), {
    env: { TEST_DB_URL: s.url },
    targets: [{ role: 'orders-db-read', target }],
  });
  return {
    provider,
    access: access('orders-db-read', 'alice', alice, target),
    grantByHand: async () => void (await s.sql(`GRANT ${ident(dbRole)} TO ${ident(bob)}`)),
    handGrantExists: () => s.member(dbRole, bob),
    accessInEffect: () => s.member(dbRole, alice),
    cleanup: async () => {
      await provider.close?.();
      await s.done();
    },
  };
});

providerContract('postgres on PGlite (pglite://memory)', async () => {
  const db = await openDb('pglite://memory', 'TEST_DB_URL');
  await db.exec('CREATE ROLE orders_read; CREATE ROLE alice LOGIN; CREATE ROLE bob LOGIN;');
  const target = { role: 'orders_read' };
  const member = async (who: string) =>
    (
      await db.query<{ m: boolean }>("SELECT pg_has_role($1, 'orders_read', 'MEMBER') AS m", [who])
    )[0]!.m;
  return {
    provider: createPostgresProvider(config(), { targets: [] }, db),
    access: access('orders-db-read', 'alice', 'alice', target),
    grantByHand: () => db.exec('GRANT orders_read TO bob'),
    handGrantExists: () => member('bob'),
    accessInEffect: () => member('alice'),
  };
});

describe('postgres provider on PGlite (PostgreSQL 16+ grant semantics)', () => {
  it('keeps its state in a pglite:/// directory across provider instances, as the demo needs', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'grantops-pglite-'));
    try {
      const env = { TEST_DB_URL: `pglite://${dir}` };
      const first = await postgresProvider.create(config(), { env, targets: [] });
      const setup = await openDb(env.TEST_DB_URL, 'TEST_DB_URL');
      await setup.exec('CREATE ROLE r; CREATE ROLE alice LOGIN;');
      await setup.close();
      const a = access('read', 'alice', 'alice', { role: 'r' });
      await first.grant(a);
      await first.close?.();
      const second = await postgresProvider.create(config(), { env, targets: [] });
      expect(await second.list()).toEqual([a]);
      await second.close?.();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('fails loudly, changing nothing, when a revoke leaves the membership granted by another role', async () => {
    const db = await openDb('pglite://memory', 'TEST_DB_URL');
    await db.exec(
      'CREATE ROLE r; CREATE ROLE alice LOGIN; CREATE ROLE ops; GRANT r TO ops WITH ADMIN OPTION;',
    );
    const provider = createPostgresProvider(config(), { targets: [] }, db);
    const a = access('read', 'alice', 'alice', { role: 'r' });
    await provider.grant(a);
    // Someone else grants the same membership by hand: since PostgreSQL 16 that is a second
    // grant (grantor ops), which grantops' REVOKE does not remove.
    await db.exec('SET ROLE ops; GRANT r TO alice; RESET ROLE;');
    await expect(provider.revoke(a)).rejects.toThrow(
      /REVOKE "r" FROM "alice" did not take effect; nothing was changed/,
    );
    expect(await provider.list()).toEqual([a]);
    await provider.close();
  });
});

describe('postgres provider on a PostgreSQL server', () => {
  let s: Sandbox;
  let provider: PostgresProvider;
  let count: ReturnType<typeof counting>;
  beforeAll(async () => {
    s = await sandbox();
    count = counting(await openDb(s.url, 'TEST_DB_URL'));
    provider = createPostgresProvider(config(), { targets: [] }, count.db);
  });
  afterAll(async () => {
    await provider?.close();
    await s?.done();
  });

  it('treats hostile role and login names as names, never as SQL', async () => {
    const canary = await s.role('canary');
    const evilRole = await s.role('', '', `r"; DROP ROLE ${canary}; --${s.id}`);
    const evilLogin = await s.role(
      '',
      'LOGIN',
      `a'); DROP TABLE grantops.managed_memberships; --"${s.id}`,
    );
    const a = access(`role'); DELETE FROM grantops.managed_memberships; --`, 'alice', evilLogin, {
      role: evilRole,
    });
    await provider.grant(a);
    expect(await s.member(evilRole, evilLogin)).toBe(true);
    expect(await provider.list()).toEqual([{ ...a, target: { role: evilRole } }]);
    expect(await s.sql('SELECT 1 FROM pg_roles WHERE rolname = $1', [canary])).toHaveLength(1);
    await provider.revoke(a);
    expect(await s.member(evilRole, evilLogin)).toBe(false);
    expect(await provider.list()).toEqual([]);
  });

  it('records a membership given by hand as pre-existing: listed, and left in place on revoke', async () => {
    const dbRole = await s.role('pre_role');
    const login = await s.role('pre_login', 'LOGIN');
    await s.sql(`GRANT ${ident(dbRole)} TO ${ident(login)}`);
    const a = access('pre', 'carol', login, { role: dbRole });
    await provider.grant(a);
    expect((await provider.list()).map((x) => x.identity)).toContain(login);
    const [rec] = await s.sql(
      'SELECT preexisting FROM grantops.managed_memberships WHERE member = $1',
      [login],
    );
    expect(rec).toEqual({ preexisting: true });
    await provider.revoke(a);
    expect(await s.member(dbRole, login)).toBe(true);
    expect((await provider.list()).map((x) => x.identity)).not.toContain(login);
  });

  it('lists a membership removed by hand as missing, and grants it again', async () => {
    const dbRole = await s.role('drift_role');
    const login = await s.role('drift_login', 'LOGIN');
    const a = access('drift', 'dan', login, { role: dbRole });
    await provider.grant(a);
    await s.sql(`REVOKE ${ident(dbRole)} FROM ${ident(login)}`);
    expect((await provider.list()).map((x) => x.identity)).not.toContain(login);
    await provider.grant(a);
    expect(await s.member(dbRole, login)).toBe(true);
    expect((await provider.list()).map((x) => x.identity)).toContain(login);
    await provider.revoke(a);
    expect(await s.member(dbRole, login)).toBe(false);
  });

  it('keeps a membership two grants share until the last one is revoked', async () => {
    const dbRole = await s.role('shared_role');
    const login = await s.role('shared_login', 'LOGIN');
    const one = access('read-a', 'erin', login, { role: dbRole });
    const two = access('read-b', 'erin', login, { role: dbRole });
    await provider.apply({ grant: [one, two], revoke: [] });
    await provider.revoke(one);
    expect(await s.member(dbRole, login)).toBe(true);
    await provider.revoke(two);
    expect(await s.member(dbRole, login)).toBe(false);
  });

  it('reads state with one query, and applies a batch of any size in one transaction of a fixed number of statements', async () => {
    const dbRole = await s.role('batch_role');
    const logins: string[] = [];
    for (let i = 0; i < 40; i++) logins.push(await s.role(`batch_${i}`, 'LOGIN'));
    const batch = (from: number, to: number) =>
      logins.slice(from, to).map((l, i) => access('batch', `u${from + i}`, l, { role: dbRole }));
    count.log.length = 0;
    const small = await provider.apply({ grant: batch(0, 2), revoke: [] });
    const smallStatements = count.log.length;
    count.log.length = 0;
    const big = await provider.apply({ grant: batch(2, 40), revoke: [] });
    expect(big.granted).toHaveLength(38);
    expect(small.granted).toHaveLength(2);
    expect(count.log.length).toBe(smallStatements);
    expect(count.log.filter((q) => q === 'BEGIN')).toHaveLength(1);
    count.log.length = 0;
    const listed = await provider.list();
    expect(count.log).toHaveLength(1);
    expect(listed.filter((a) => a.role === 'batch')).toHaveLength(40);
    const all = batch(0, 40);
    const result = await provider.apply({ grant: [], revoke: all });
    expect(result.revoked).toHaveLength(40);
    for (const l of logins) expect(await s.member(dbRole, l)).toBe(false);
  });

  it('rolls back the whole batch when one change fails in the middle', async () => {
    const dbRole = await s.role('atomic_role');
    const before = await s.role('atomic_a', 'LOGIN');
    const after = await s.role('atomic_b', 'LOGIN');
    const kept = await s.role('atomic_kept', 'LOGIN');
    const keep = access('atomic', 'kept', kept, { role: dbRole });
    await provider.grant(keep);
    // GRANT r TO r is refused by PostgreSQL itself ("role is a member of role"): a real failure
    // inside the transaction, after the checks grantops does up front.
    const loop = access('atomic', 'loop', dbRole, { role: dbRole });
    const changes = {
      grant: [
        access('atomic', 'a', before, { role: dbRole }),
        loop,
        access('atomic', 'b', after, { role: dbRole }),
      ],
      revoke: [keep],
    };
    await expect(provider.apply(changes)).rejects.toThrow(ExternalError);
    expect(await s.member(dbRole, before)).toBe(false);
    expect(await s.member(dbRole, after)).toBe(false);
    expect(await s.member(dbRole, kept)).toBe(true);
    const recorded = await s.sql(
      'SELECT login FROM grantops.managed_memberships WHERE db_role = $1',
      [dbRole],
    );
    expect(recorded).toEqual([{ login: 'kept' }]);
  });

  it('names a missing login or role, reports both in check() without changing anything, and still applies the rest', async () => {
    const dbRole = await s.role('miss_role');
    const login = await s.role('miss_login', 'LOGIN');
    const noLogin = access('miss', 'ghost', `ghost_${s.id}`, { role: dbRole });
    const noRole = access('miss', 'frank', login, { role: `nope_${s.id}` });
    await expect(provider.grant(noLogin)).rejects.toThrow(
      `Database login "ghost_${s.id}" for GitHub user "ghost" does not exist`,
    );
    await expect(provider.grant(noRole)).rejects.toThrow(`Database role "nope_${s.id}"`);
    const problems = await provider.check([
      noLogin,
      noRole,
      access('miss', 'frank', login, { role: dbRole }),
    ]);
    expect(problems.map((p) => [p.path, p.code])).toEqual([
      ['grants/miss/ghost.yaml', 'E_PROVIDER_IDENTITY_MISSING'],
      ['grants/miss/frank.yaml', 'E_PROVIDER_TARGET_MISSING'],
    ]);
    const good = access('miss', 'frank', login, { role: dbRole });
    const result = await provider.apply({ grant: [noLogin, good], revoke: [] });
    expect(result.failed.map((f) => f.access.login)).toEqual(['ghost']);
    expect(result.granted).toEqual([good]);
    expect(await s.member(dbRole, login)).toBe(true);
  });

  it('refuses a login longer than PostgreSQL keeps, rather than let it be truncated into another name', async () => {
    const long = access('long', 'x', 'a'.repeat(64), { role: 'whatever' });
    await expect(provider.grant(long)).rejects.toThrow(/63-byte name limit/);
  });

  it('records the expiry and updates it on renewal', async () => {
    const dbRole = await s.role('exp_role');
    const login = await s.role('exp_login', 'LOGIN');
    const a = {
      ...access('exp', 'gina', login, { role: dbRole }),
      expiresAt: new Date('2030-01-01T10:00:00Z'),
    };
    await provider.grant(a);
    await provider.grant({ ...a, expiresAt: new Date('2030-01-01T12:00:00Z') });
    const listed = (await provider.list()).find((x) => x.identity === login);
    expect(listed?.expiresAt?.toISOString()).toBe('2030-01-01T12:00:00.000Z');
  });

  it('converges when two runs grant the same access at once', async () => {
    const dbRole = await s.role('race_role');
    const login = await s.role('race_login', 'LOGIN');
    const a = access('race', 'hal', login, { role: dbRole });
    const other = createPostgresProvider(
      config(),
      { targets: [] },
      await openDb(s.url, 'TEST_DB_URL'),
    );
    await Promise.all([provider.grant(a), other.grant(a)]);
    await other.close();
    expect((await provider.list()).filter((x) => x.identity === login)).toEqual([a]);
  });
});

describe('postgres provider: sessions and privileges', () => {
  let s: Sandbox;
  beforeAll(async () => {
    s = await sandbox();
  });
  afterAll(async () => {
    await s?.done();
  });

  /** A session of `login` that has switched to `dbRole`, as someone using the grant would. */
  async function sessionAs(login: string, dbRole: string) {
    const client = new pg.Client({ connectionString: s.urlAs(login) });
    client.on('error', () => {}); // a terminated session reports here; the test asserts it below
    await client.connect();
    await client.query(`SET ROLE ${ident(dbRole)}`);
    return client;
  }
  const sessionsOf = async (login: string) =>
    (await s.sql('SELECT count(*)::int AS n FROM pg_stat_activity WHERE usename = $1', [login]))[0]!
      .n as number;

  it('without terminate_sessions, a session that did SET ROLE keeps the role after revoke', async () => {
    const dbRole = await s.role('keep_role');
    const login = await s.role('keep_login', 'LOGIN');
    const provider = createPostgresProvider(
      config(),
      { targets: [] },
      await openDb(s.url, 'TEST_DB_URL'),
    );
    const a = access('keep', 'ivy', login, { role: dbRole });
    await provider.grant(a);
    const client = await sessionAs(login, dbRole);
    await provider.revoke(a);
    expect((await client.query('SELECT current_user AS u')).rows).toEqual([{ u: dbRole }]);
    await client.end();
    await provider.close();
  });

  it('with terminate_sessions, revoke ends every session of the grantee, using only the privileges README.md lists', async () => {
    // Its own database, so that grantops' schema is created by the unprivileged role itself.
    const outer = s;
    s = await sandbox();
    try {
      await terminatesWithLeastPrivilege();
    } finally {
      await s.done();
      s = outer;
    }
  });

  async function terminatesWithLeastPrivilege() {
    const dbRole = await s.role('term_role');
    const login = await s.role('term_login', 'LOGIN');
    const ops = await s.role('term_grantops', 'LOGIN'); // not a superuser, no CREATEROLE
    await s.sql(`GRANT CREATE ON DATABASE ${ident(s.dbName)} TO ${ident(ops)}`);
    const provider = createPostgresProvider(
      config('term'),
      { targets: [] },
      await openDb(s.urlAs(ops), 'TEST_DB_URL'),
    );
    const a = access('term', 'jo', login, { role: dbRole, terminate_sessions: true });

    expect((await provider.check([a])).map((p) => p.code)).toEqual(['E_PROVIDER_CANNOT_GRANT']);
    await expect(provider.grant(a)).rejects.toThrow(/permission denied|must have admin option/);
    expect(await s.member(dbRole, login)).toBe(false);

    await s.sql(`GRANT ${ident(dbRole)} TO ${ident(ops)} WITH ADMIN OPTION`);
    await s.sql(`GRANT pg_signal_backend TO ${ident(ops)}`);
    expect(await provider.check([a])).toEqual([]);
    await provider.grant(a);
    const first = await sessionAs(login, dbRole);
    const second = await sessionAs(login, dbRole);
    expect(await sessionsOf(login)).toBe(2);
    await provider.revoke(a);
    expect(await sessionsOf(login)).toBe(0);
    await expect(first.query('SELECT 1')).rejects.toThrow();
    await expect(second.query('SELECT 1')).rejects.toThrow();
    expect(await s.member(dbRole, login)).toBe(false);
    await first.end().catch(() => {});
    await second.end().catch(() => {});
    await provider.close();
  }
});

describe('postgres provider settings', () => {
  const deps = (env: Record<string, string>) => ({ env, targets: [] });

  it('names the missing environment variable', async () => {
    await expect(async () => postgresProvider.create(config(), deps({}))).rejects.toThrow(
      ConfigError,
    );
    await expect(async () => postgresProvider.create(config(), deps({}))).rejects.toThrow(
      /TEST_DB_URL, which is not set/,
    );
  });

  it('refuses an unknown URL scheme without repeating the URL, which may hold a password', async () => {
    const p = await postgresProvider.create(
      config(),
      deps({ TEST_DB_URL: 'mysql://root:s3cret@db/x' }),
    );
    const err = await p.list().then(
      () => null,
      (e: Error) => e,
    );
    expect(err).toBeInstanceOf(ConfigError);
    expect(err?.message).toMatch(/TEST_DB_URL must start with postgres:\/\//);
    expect(err?.message).not.toContain('s3cret');
  });

  it('reports an unreachable server as a provider error', async () => {
    const p = await postgresProvider.create(
      config(),
      deps({ TEST_DB_URL: 'postgres://u:s3cret@127.0.0.1:1/x' }),
    );
    const err = await p.list().then(
      () => null,
      (e: Error) => e,
    );
    expect(err).toBeInstanceOf(ExternalError);
    expect(err?.message).toMatch(/"orders-db" \(postgres\): list failed: .*ECONNREFUSED/);
    expect(err?.message).not.toContain('s3cret');
    await p.close?.();
  });
});
