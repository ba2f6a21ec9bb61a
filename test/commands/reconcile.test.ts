import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { formatTrailers } from '../../src/core/trailers.js';
import { cliWith } from '../helpers/cli.js';
import { GitRepo } from '../helpers/gitrepo.js';
import { sandbox, type Sandbox } from '../helpers/pg.js';
import { ROOT } from '../helpers/policy.js';

/**
 * plan / reconcile end to end: a real git access repository and a real PostgreSQL server.
 * Every database role and login is unique to the test, so files can run in parallel.
 */
let db: Sandbox;
let repo: GitRepo;
let readRole: string;
let alice: string;
let bob: string;
let carol: string;

const T0 = '2026-11-25T10:00:00Z';
const at = (hours: number) => new Date(new Date(T0).getTime() + hours * 3600_000).toISOString();

function policies(provider = 'connection_env: ORDERS_DB_URL') {
  return `admins: ['@acme/security']
groups:
  dba: [dana, dmitri]
providers:
  orders-db:
    type: postgres
    ${provider}
    users: { alice: ${alice}, bob: ${bob}, carol: ${carol} }
roles:
  orders-db-read:
    description: Read-only SQL on orders
    provider: orders-db
    grant: { role: ${readRole}, terminate_sessions: true }
    max_duration: 8h
    requesters: [alice, bob, carol]
    approvers: [dba]
    approvals: 1
`;
}

const grant = (duration: string, extra = '') =>
  `duration: ${duration}\nreason: INC-4821 slow checkout queries\n${extra}`;

/** A merge as grantops records it: the grant's trailers and who approved. */
function land(path: string, text: string, when: string, approvedBy: string[] = ['dana']): string {
  const [, role, file] = path.split('/');
  const trailers = formatTrailers({
    grants: [{ action: 'granted', path, role, requester: file!.replace('.yaml', '') }],
    approvedBy,
  });
  repo.write(path, text);
  return repo.commit(`Grant ${role} to ${file}\n\n${trailers}`, when);
}

/** Runs a command at `now` with the given environment; `run` is the usual JSON run with the database URL. */
const runWith = (env: Record<string, string>, cmd: string, now: string, ...extra: string[]) =>
  cliWith({ env }, repo.dir, cmd, '--repo', repo.dir, '--now', now, ...extra);
const run = (cmd: string, now: string, ...extra: string[]) =>
  runWith({ ORDERS_DB_URL: db.url }, cmd, now, '--format', 'json', ...extra);

beforeEach(async () => {
  db = await sandbox();
  readRole = await db.role('orders_read');
  alice = await db.role('alice', 'LOGIN');
  bob = await db.role('bob', 'LOGIN');
  carol = await db.role('carol', 'LOGIN');
  repo = GitRepo.create();
  repo.write('policies/all.yaml', policies()).commit('Policies', at(-24));
});
afterEach(async () => {
  repo.cleanup();
  await db.done();
});

describe('grantops reconcile against a real PostgreSQL', () => {
  it('grants when the window opens, changes nothing on a re-run, revokes at the end without any merge', async () => {
    land('grants/orders-db-read/alice.yaml', grant('2h'), at(0));
    expect(await db.member(readRole, alice)).toBe(false);

    const first = await run('reconcile', at(0.5));
    expect(first.code).toBe(0);
    const out = JSON.parse(first.stdout);
    expect(out.grant).toMatchObject([
      {
        provider: 'orders-db',
        role: 'orders-db-read',
        requester: 'alice',
        identity: alice,
        expires_at: '2026-11-25T12:00:00Z',
      },
    ]);
    expect(out.applied).toEqual({ granted: 1, revoked: 0 });
    expect(await db.member(readRole, alice)).toBe(true);

    const again = JSON.parse((await run('reconcile', at(1))).stdout);
    expect(again).toMatchObject({
      grant: [],
      revoke: [],
      unchanged: 1,
      errors: [],
      applied: { granted: 0, revoked: 0 },
    });

    const after = await run('reconcile', at(2.01));
    expect(after.code).toBe(0);
    expect(JSON.parse(after.stdout).revoke).toMatchObject([
      { requester: 'alice', why: 'expired at 2026-11-25T12:00:00Z' },
    ]);
    expect(await db.member(readRole, alice)).toBe(false);
  });

  it('never touches a membership granted by hand', async () => {
    await db.sql(`GRANT "${readRole}" TO "${carol}"`);
    land('grants/orders-db-read/alice.yaml', grant('1h'), at(0));
    await run('reconcile', at(0.5));
    await run('reconcile', at(3));
    expect(await db.member(readRole, alice)).toBe(false);
    expect(await db.member(readRole, carol)).toBe(true);
  });

  it('waits for a scheduled start and never provisions a window that ended before the run', async () => {
    land('grants/orders-db-read/alice.yaml', grant('1h', `start: ${at(5)}\n`), at(0));
    land('grants/orders-db-read/bob.yaml', grant('1h'), at(0.1));
    const early = JSON.parse((await run('reconcile', at(3))).stdout);
    expect(early.grant).toEqual([]);
    expect(await db.member(readRole, alice)).toBe(false);
    expect(await db.member(readRole, bob)).toBe(false);
    await run('reconcile', at(5.5));
    expect(await db.member(readRole, alice)).toBe(true);
  });

  it('revokes at once when the grant file is deleted early', async () => {
    land('grants/orders-db-read/alice.yaml', grant('4h'), at(0));
    await run('reconcile', at(0.5));
    repo.remove('grants/orders-db-read/alice.yaml');
    repo.commit('Revoke', at(1));
    const r = JSON.parse((await run('reconcile', at(1.5))).stdout);
    expect(r.revoke).toMatchObject([
      { requester: 'alice', why: 'revoked at 2026-11-25T11:00:00Z (file deleted)' },
    ]);
    expect(await db.member(readRole, alice)).toBe(false);
  });

  it('grants nothing for a landing without recorded approvals, and raises an alarm', async () => {
    land('grants/orders-db-read/alice.yaml', grant('2h'), at(0), []);
    land('grants/orders-db-read/bob.yaml', grant('2h'), at(0.1), ['bob']);
    const r = await run('reconcile', at(0.5));
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout);
    expect(out.grant).toEqual([]);
    expect(out.alarms.map((a: { code: string; path: string }) => [a.code, a.path])).toEqual([
      ['E_UNAPPROVED_LANDING', 'grants/orders-db-read/alice.yaml'],
      ['E_UNAPPROVED_LANDING', 'grants/orders-db-read/bob.yaml'],
    ]);
    expect(await db.member(readRole, alice)).toBe(false);
    expect(await db.member(readRole, bob)).toBe(false);
  });

  it('never provisions an invalid grant file, even approved and merged', async () => {
    land('grants/orders-db-read/alice.yaml', grant('forever'), at(0));
    land(
      'grants/orders-db-read/bob.yaml',
      'duration: 2h\nreason: INC-1 ok\nrole: superuser\n',
      at(0.1),
    );
    const r = await run('reconcile', at(0.5));
    const out = JSON.parse(r.stdout);
    expect(out.grant).toEqual([]);
    expect(await db.member(readRole, alice)).toBe(false);
    expect(await db.member(readRole, bob)).toBe(false);
    const status = JSON.parse((await run('status', at(0.5))).stdout);
    expect(status.map((g: { requester: string; state: string }) => [g.requester, g.state])).toEqual(
      [
        ['alice', 'invalid'],
        ['bob', 'invalid'],
      ],
    );
  });

  it('never provisions a grant longer than its role allowed when it landed (I4)', async () => {
    land('grants/orders-db-read/alice.yaml', grant('100h'), at(0));
    const out = JSON.parse((await run('reconcile', at(0.5))).stdout);
    expect(out.grant).toEqual([]);
    expect(await db.member(readRole, alice)).toBe(false);
  });

  it('refuses to grant when the branch was rewritten, but still revokes', async () => {
    land('grants/orders-db-read/alice.yaml', grant('2h'), at(0));
    await run('reconcile', at(0.5));
    expect(await db.member(readRole, alice)).toBe(true);
    // Rewrite main: drop alice's landing and land bob's instead.
    repo.git(['reset', '-q', '--hard', 'HEAD~1']);
    land('grants/orders-db-read/bob.yaml', grant('2h'), at(0.6));
    const r = await run('reconcile', at(0.7));
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout);
    expect(out.errors.map((e: { code: string }) => e.code)).toEqual(['E_HISTORY_REWRITTEN']);
    expect(out.grant).toEqual([]);
    expect(await db.member(readRole, bob)).toBe(false);
    expect(await db.member(readRole, alice)).toBe(false);
  });

  it('plan and --dry-run print the plan a real run applies, and change nothing', async () => {
    land('grants/orders-db-read/alice.yaml', grant('2h'), at(0));
    const plan = JSON.parse((await run('plan', at(0.5))).stdout);
    const dry = JSON.parse((await run('reconcile', at(0.5), '--dry-run')).stdout);
    expect(dry.grant).toEqual(plan.grant);
    expect(dry.applied).toBeUndefined();
    expect(await db.member(readRole, alice)).toBe(false);
    const real = JSON.parse((await run('reconcile', at(0.5))).stdout);
    expect(real.grant).toEqual(plan.grant);
    expect(await db.member(readRole, alice)).toBe(true);
  });

  it('exits 2 naming the variable when the secret is missing', async () => {
    land('grants/orders-db-read/alice.yaml', grant('2h'), at(0));
    const r = await runWith({}, 'reconcile', at(0.5));
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('ORDERS_DB_URL');
    expect(await db.member(readRole, alice)).toBe(false);
  });

  it('marks a change the provider could not make as failed in the text report', async () => {
    land('grants/orders-db-read/alice.yaml', grant('2h'), at(0));
    await db.sql(`DROP ROLE "${readRole}"`);
    const r = await runWith({ ORDERS_DB_URL: db.url }, 'reconcile', at(0.5));
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/\+ grant {2}orders-db-read for alice .*✗ FAILED, see errors/);
    expect(r.stdout).toContain('applied: 0 granted, 0 revoked');
    expect(r.stdout).toContain(`E_PROVIDER_APPLY (orders-db)`);
  });

  it('prints a readable plan', async () => {
    land('grants/orders-db-read/alice.yaml', grant('2h'), at(0));
    const r = await runWith({ ORDERS_DB_URL: db.url }, 'plan', at(0.5));
    expect(r.stdout).toContain(
      `+ grant  orders-db-read for alice (as ${alice}) at orders-db: window open until 2026-11-25T12:00:00Z`,
    );
    expect(r.stdout).toContain('0 unchanged');
  });

  it('keeps going past a provider that fails, exits 1, and converges on the next run', async () => {
    const state = join(repo.dir, '..', `${repo.dir.split('/').pop()}-vault.json`);
    const script = join(ROOT, 'test/fixtures/commands/json-state.mjs');
    repo.write(
      'policies/vault.yaml',
      `providers:\n  vault:\n    type: command\n    command: [${JSON.stringify(process.execPath)}, ${JSON.stringify(script)}]\n    env: [ACCESS_STATE]\nroles:\n  vault-read:\n    description: Read secrets\n    provider: vault\n    grant: { path: secret/orders }\n    max_duration: 8h\n    requesters: [alice]\n    approvers: [dba]\n    approvals: 1\n`,
    );
    repo.commit('Vault policy', at(-1));
    land('grants/orders-db-read/alice.yaml', grant('2h'), at(0));
    land('grants/vault-read/alice.yaml', grant('2h'), at(0.1));
    const env = { PATH: process.env.PATH ?? '', ACCESS_STATE: state };

    const broken = await runWith(
      { ...env, ORDERS_DB_URL: 'postgres://grantops@127.0.0.1:1/nowhere' },
      'reconcile',
      at(0.5),
      '--format',
      'json',
    );
    expect(broken.code).toBe(1);
    const out = JSON.parse(broken.stdout);
    expect(out.errors.map((e: { provider: string; code: string }) => [e.provider, e.code])).toEqual(
      [
        ['orders-db', 'E_PROVIDER_STATE'],
        ['orders-db', 'E_NOT_PLANNED'],
      ],
    );
    expect(out.grant.map((g: { provider: string }) => g.provider)).toEqual(['vault']);
    expect(JSON.parse(readFileSync(state, 'utf8')).managed).toMatchObject([
      { role: 'vault-read', login: 'alice' },
    ]);
    expect(await db.member(readRole, alice)).toBe(false);

    const fixed = await runWith(
      { ...env, ORDERS_DB_URL: db.url },
      'reconcile',
      at(0.6),
      '--format',
      'json',
    );
    expect(fixed.code).toBe(0);
    expect(JSON.parse(fixed.stdout)).toMatchObject({
      unchanged: 1,
      applied: { granted: 1, revoked: 0 },
    });
    expect(await db.member(readRole, alice)).toBe(true);
    rmSync(state, { force: true });
  });
});
