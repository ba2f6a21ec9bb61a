import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { runCli } from '../src/cli.js';
import { demoCommand, type DemoSeams } from '../src/commands/demo.js';
import type { DemoDatabase, ReadResult } from '../src/demo/database.js';
import { openDemoDatabase } from '../src/demo/open-database.js';
import { Interrupted, Session } from '../src/demo/session.js';

/**
 * `grantops demo` (also `npm run demo`), run in-process as `grantops` runs it: the whole story
 * through the product's own commands, checked from outside: the trailers it leaves on main, and
 * alice's membership seen by a query of the test's own at each moment the demo reads the orders.
 */
let scratch: string;
beforeEach(() => {
  scratch = mkdtempSync(join(tmpdir(), 'grantops-demo-test-'));
});
afterEach(() => rmSync(scratch, { recursive: true, force: true }));

async function demo(argv: string[], env: Record<string, string>, seams: DemoSeams = {}) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(['demo', ...argv], {
    stdout: (s) => (stdout += `${s}\n`),
    stderr: (s) => (stderr += `${s}\n`),
    env,
    cwd: scratch,
    commands: { demo: demoCommand({ tmpdir: scratch, ...seams }) },
  });
  const work = /^WORK=(\S+)$/m.exec(stdout)?.[1];
  return { code, stdout, stderr, work };
}

/** The database the demo chose, with what the test saw at each of the demo's reads. */
function observed(check: (db: DemoDatabase) => Promise<boolean>) {
  const seen: { demo: ReadResult; member: boolean }[] = [];
  let closed = false;
  const database = (work: string, env: Readonly<Record<string, string | undefined>>) => {
    const db = openDemoDatabase(work, env);
    return {
      ...db,
      // Always waits, so the test sees that the progress line is not shown off a terminal.
      isStarting: () => true,
      async readOrders(login: string) {
        const demo = await db.readOrders(login);
        seen.push({ demo, member: await check(db) });
        return demo;
      },
      async close() {
        await db.close();
        closed = true;
      },
    };
  };
  return { database, seen, closed: () => closed };
}

const git = (dir: string, ...args: string[]) =>
  execFileSync('git', args, { cwd: dir, encoding: 'utf8' }).trim();

const STEPS = [
  'An access repository',
  'The orders database',
  'alice asks for 12 hours',
  'alice asks again',
  'alice approves her own request',
  'carol, of the group dba, approves',
  'merge lands it on main',
  'reconcile grants the role',
  'Time passes',
  'expire records the end',
  'audit: the timeline',
];

function expectTheStory(stdout: string) {
  const headings = stdout.split('\n').filter((l) => l.startsWith('== '));
  expect(headings).toHaveLength(STEPS.length);
  STEPS.forEach((title, i) => expect(headings[i]).toContain(`${i + 1}. ${title}`));
  // Each refusal the story tells, as the commands printed it.
  expect(stdout).toContain('E_DURATION_TOO_LONG');
  expect(stdout).toMatch(/alice's approval .* was not recorded/);
  expect(stdout).toContain('E_APPROVALS_MISSING');
  expect(stdout).toContain('$ git log -1\ncommit ');
  expect(stdout).toContain('```mermaid\ngantt');
  expect(stdout).toMatch(/Every step behaved as told \(\d+\.\d s\)/);
}

describe('grantops demo', () => {
  it('on the embedded PGlite: grants, proves, revokes, records; --keep leaves the repository', async () => {
    const watch = observed(async (db) => db.isMember('alice', 'orders_read'));
    const run = await demo(['--keep'], {}, { terminal: false, database: watch.database });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expectTheStory(run.stdout);
    expect(run.stdout).toContain('$ export ORDERS_DB_URL=pglite://$WORK/db');

    // The orders were read three times: denied, allowed while a member, denied again.
    expect(watch.seen).toEqual([
      { demo: expect.objectContaining({ allowed: false, sqlstate: '42501' }), member: false },
      { demo: { allowed: true, count: 3 }, member: true },
      { demo: expect.objectContaining({ allowed: false, sqlstate: '42501' }), member: false },
    ]);
    expect(watch.closed()).toBe(true);

    // What the story left on main, read with git alone.
    const repo = join(run.work!, 'access');
    expect(run.stdout).toContain(`Kept: the repository ${repo}`);
    expect(run.stdout).toContain(`  cd ${repo}\n  git log`);
    const log = git(repo, 'log', '--format=%s%n%(trailers:only,unfold)%x00', 'main')
      .split('\0')
      .map((c) => c.trim())
      .filter(Boolean);
    expect(log).toHaveLength(4);
    expect(log[1]).toBe(
      [
        'Grant orders-db-read to alice for 2h',
        'Grant-Action: granted',
        'Grant-Path: grants/orders-db-read/alice.yaml',
        'Grant-Role: orders-db-read',
        'Grant-Requester: alice',
        'Grant-Starts: 2026-11-25T09:10:00Z',
        'Grant-Expires: 2026-11-25T11:10:00Z',
        'Grant-Duration: 2h',
        'Reason: INC-4821 slow checkout queries need EXPLAIN',
        'Approved-by: carol',
        'Pull-Request: request/orders-db-read/alice',
      ].join('\n'),
    );
    expect(log[0]).toMatch(/^Expire orders-db-read for alice\n/);
    expect(log[0]).toContain(
      '\nGrant-Action: expired\nGrant-Path: grants/orders-db-read/alice.yaml\n',
    );
    expect(git(repo, 'ls-tree', '-r', '--name-only', 'main', 'grants/')).toBe('grants/.gitkeep');
    expect(git(repo, 'for-each-ref', 'refs/heads/request/', 'refs/grantops/approvals/')).toBe('');
    // The kept database is the one the story used, closed.
    expect(readdirSync(join(run.work!, 'db')).length).toBeGreaterThan(0);
  }, 180_000);

  it('with DATABASE_URL: the same story on that server, and nothing left there', async () => {
    const url = inject('pgUrl');
    const server = new pg.Client({ connectionString: url });
    await server.connect();
    try {
      const member = async () =>
        (
          await server.query<{ m: boolean }>(
            "SELECT pg_has_role('alice', 'orders_read', 'MEMBER') AS m",
          )
        ).rows[0]!.m;
      const watch = observed(member);
      const run = await demo(
        [],
        { DATABASE_URL: url },
        { terminal: false, database: watch.database },
      );
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      expectTheStory(run.stdout);
      expect(run.stdout).toMatch(
        /\$ export ORDERS_DB_URL=postgres(ql)?:\/\/\S+\/grantops_demo_[0-9a-f]{8}\n/,
      );
      expect(watch.seen.map((s) => [s.demo.allowed, s.member])).toEqual([
        [false, false],
        [true, true],
        [false, false],
      ]);
      expect(existsSync(run.work!)).toBe(false);
      const left = await server.query(
        `SELECT datname AS name FROM pg_database WHERE datname LIKE 'grantops_demo_%'
         UNION ALL SELECT rolname FROM pg_roles WHERE rolname IN ('alice', 'orders_read')`,
      );
      expect(left.rows).toEqual([]);
    } finally {
      await server.end();
    }
  }, 120_000);
});

describe('grantops demo when a step misbehaves', () => {
  /** A database that says alice can read the orders before anything granted her access. */
  function lyingDatabase() {
    const calls: string[] = [];
    const db: DemoDatabase = {
      label: 'a database that lies',
      url: 'pglite:///nowhere',
      shownUrl: 'pglite:///nowhere',
      keptIn: null,
      factories: {},
      ready: Promise.resolve(),
      isStarting: () => true,
      readOrders: async () => (calls.push('read'), { allowed: true, count: 3 }),
      isMember: async () => (calls.push('member'), true),
      close: async () => void calls.push('close'),
    };
    return { db, calls };
  }

  it('exits 1 naming the step, says why, and removes everything; progress on a terminal', async () => {
    const lying = lyingDatabase();
    const run = await demo([], {}, { terminal: true, database: () => lying.db });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      [
        '… waiting for a database that lies to be ready',
        'grantops demo: step 8. reconcile grants the role in PostgreSQL did not behave as the story says: alice could read the orders without access.',
        '',
      ].join('\n'),
    );
    // It stopped there: reconcile never ran, and nothing was left behind.
    expect(run.stdout).not.toContain('$ grantops reconcile');
    expect(lying.calls).toEqual(['read', 'close']);
    expect(existsSync(run.work!)).toBe(false);
  }, 60_000);

  it('stops when interrupted (exit 130) and removes everything, --keep or not', async () => {
    const stop = new AbortController();
    const lying = lyingDatabase();
    const database = () => (stop.abort(), lying.db); // Ctrl-C as the story starts
    const run = await demo(['--keep'], {}, { database, signal: stop.signal });
    expect(run.code).toBe(130);
    expect(run.stderr).toBe('grantops demo: interrupted; what it made is removed.\n');
    expect(run.stdout).not.toContain('$ grantops init');
    expect(lying.calls).toEqual(['close']);
    expect(existsSync(run.work!)).toBe(false);
  });

  it('an interruption also ends a wait, for the database say', async () => {
    const stop = new AbortController();
    const session = new Session({
      work: scratch,
      print: () => {},
      commands: {},
      env: {},
      signal: stop.signal,
    });
    const waiting = session.until(new Promise(() => {})); // never settles by itself
    stop.abort();
    await expect(waiting).rejects.toBeInstanceOf(Interrupted);
    await expect(session.until(Promise.resolve(1))).rejects.toBeInstanceOf(Interrupted);
  });

  it('refuses a DATABASE_URL that is not PostgreSQL (exit 2), leaving nothing behind', async () => {
    const run = await demo([], { DATABASE_URL: 'mysql://root@localhost/db' });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('DATABASE_URL must be a PostgreSQL URL');
    expect(readdirSync(scratch)).toEqual([]);
  });

  it('refuses to run where git is pointed at another repository (a git hook)', async () => {
    process.env.GIT_DIR = join(scratch, 'elsewhere.git');
    try {
      const run = await demo([], {});
      expect(run.code).toBe(2);
      expect(run.stderr).toContain('GIT_DIR is set (in a git hook?)');
    } finally {
      delete process.env.GIT_DIR;
    }
    expect(readdirSync(scratch)).toEqual([]);
  });

  it('refuses --repo and --now: the demo has its own repository and clock', async () => {
    for (const flag of ['--repo=.', '--now=2026-01-01T00:00:00Z']) {
      const run = await demo([flag], {});
      expect(run.code).toBe(2);
      expect(run.stderr).toContain('does not apply');
    }
    expect(readdirSync(scratch)).toEqual([]);
  });
});
