import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { expect, inject, test } from 'vitest';

// `npm run example` is the first command in the README: the whole lifecycle, offline, as a
// newcomer sees it. It checks itself at every step, so it doubles as a smoke test of dist/.
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'dist', 'cli.js');

function runExample(env: NodeJS.ProcessEnv) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(
      process.execPath,
      [join(root, 'scripts', 'example.mjs')],
      { cwd: root, env, timeout: 55_000, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) =>
        resolve({ code: error ? Number(error.code ?? -1) : 0, stdout, stderr }),
    );
  });
}

function expectLifecycle(run: { code: number; stdout: string; stderr: string }) {
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  const out = run.stdout;
  expect(out).toContain('✓ valid and approved request by alice');
  expect(out).toContain('E_REQUESTER_MISMATCH');
  expect(out).toContain('E_SCOPE');
  expect(out).toContain('Approved-by: dana');
  expect(out).toMatch(/orders-db-read\s+alice\s+active\s+2026-11-25 09:00\s+2026-11-25 11:00/);
  expect(out).toMatch(/\+ grant\s+orders-db-read for alice/);
  expect(out).toContain('applied: 1 granted, 0 revoked');
  expect(out).toContain('(alice is a member)');
  expect(out).toContain('nothing to change');
  expect(out).toContain('expired at 2026-11-25T11:00:00Z');
  expect(out).toContain('applied: 0 granted, 1 revoked');
  expect(out).toContain('(alice is not a member)');
  expect(out).toMatch(/granted\s+orders-db-read\s+alice/);
  expect(out).toContain('```mermaid\ngantt');
  expect(out).toContain('Access in force at 2026-11-25T10:00:00Z');
  expect(out).toContain('Everything behaved as expected');
  // It leaves nothing behind.
  const work = /^\$ WORK=(\S+)/m.exec(out)?.[1];
  expect(work).toBeTruthy();
  expect(existsSync(work!)).toBe(false);
}

const withoutDatabaseUrl = () => {
  const env = { ...process.env };
  delete env.DATABASE_URL;
  return env;
};

test('dist/cli.js is there to run (it is committed; npm run build makes it)', () => {
  expect(existsSync(cli)).toBe(true);
});

test('the example runs the whole lifecycle into an embedded PGlite and exits 0', async () => {
  expect(existsSync(cli)).toBe(true);
  const run = await runExample(withoutDatabaseUrl());
  expectLifecycle(run);
  expect(run.stdout).toContain('$ export ORDERS_DB_URL=pglite://$WORK/db');
}, 60_000);

test('with DATABASE_URL it uses that server, and drops what it created there', async () => {
  expect(existsSync(cli)).toBe(true);
  const url = inject('pgUrl');
  const run = await runExample({ ...withoutDatabaseUrl(), DATABASE_URL: url });
  expectLifecycle(run);
  expect(run.stdout).toMatch(/export ORDERS_DB_URL=postgres(ql)?:\/\/\S+\/grantops_example_/);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const left = await client.query(
      `SELECT datname AS name FROM pg_database WHERE datname LIKE 'grantops_example_%'
       UNION ALL SELECT rolname FROM pg_roles WHERE rolname IN ('alice', 'orders_read')`,
    );
    expect(left.rows).toEqual([]);
  } finally {
    await client.end();
  }
}, 60_000);
