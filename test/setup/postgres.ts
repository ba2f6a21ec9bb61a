import { execFileSync } from 'node:child_process';
import { appendFileSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A superuser connection URL to a throwaway PostgreSQL server, for the postgres provider tests. */
    pgUrl: string;
  }
}

const INSTALL_HINT =
  "The postgres provider is tested against a real PostgreSQL server. Install one (Debian/Ubuntu: apt-get install postgresql), or point GRANTOPS_TEST_PG_URL at a server where the URL's user is a superuser.";

/**
 * Vitest globalSetup: a real, throwaway PostgreSQL for the test run, on a free port on
 * 127.0.0.1 only, with trust auth and its unix socket in a private temp dir; stopped and
 * deleted afterwards. GRANTOPS_TEST_PG_URL uses an existing server instead.
 */
export default async function setup(project: TestProject): Promise<(() => Promise<void>) | void> {
  const given = process.env.GRANTOPS_TEST_PG_URL;
  if (given) {
    await waitReady(given);
    project.provide('pgUrl', given);
    return;
  }
  const bin = findBinDir();
  const asPostgres = process.getuid?.() === 0 ? postgresUser() : null;
  const root = mkdtempSync(join(tmpdir(), 'grantops-pg-'));
  const data = join(root, 'data');
  const log = join(root, 'server.log');
  const run = (program: string, args: string[]) => {
    // PostgreSQL refuses to run as root: drop to the postgres system user for its tools.
    const [cmd, argv] = asPostgres
      ? ['runuser', ['-u', 'postgres', '--', program, ...args]]
      : [program, args];
    return execFileSync(cmd, argv, {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 120_000,
    }).toString();
  };
  if (asPostgres) chownSync(root, asPostgres.uid, asPostgres.gid);

  let started = false;
  const teardown = async () => {
    if (started) {
      try {
        run(join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } catch {
        // Already stopped.
      }
    }
    rmSync(root, { recursive: true, force: true });
  };
  try {
    run(join(bin, 'initdb'), [
      '-D',
      data,
      '-U',
      'postgres',
      '-A',
      'trust',
      '-E',
      'UTF8',
      '--locale=C',
      '--no-sync',
      '--no-instructions',
    ]);
    // The port is picked, then bound by the server: another process could take it in between,
    // so a failed start is retried on a new port.
    let url = '';
    for (let attempt = 1; !started; attempt++) {
      const port = await freePort();
      // Written to the config file rather than passed through pg_ctl -o, which a shell parses.
      appendFileSync(
        join(data, 'postgresql.conf'),
        `\nlisten_addresses = '127.0.0.1'\nport = ${port}\nunix_socket_directories = '${root}'\nfsync = off\nsynchronous_commit = off\nfull_page_writes = off\nmax_connections = 200\n`,
      );
      try {
        run(join(bin, 'pg_ctl'), ['-D', data, '-l', log, '-w', '-t', '60', 'start']);
        started = true;
        url = `postgres://postgres@127.0.0.1:${port}/postgres`;
      } catch (err) {
        if (attempt >= 3)
          throw new Error(`PostgreSQL did not start: ${String(err)}\n${tail(log)}`, { cause: err });
      }
    }
    await waitReady(url);
    project.provide('pgUrl', url);
    return teardown;
  } catch (err) {
    await teardown();
    throw err;
  }
}

function findBinDir(): string {
  for (const dir of (process.env.PATH ?? '').split(':')) {
    if (dir && existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'pg_ctl'))) return dir;
  }
  const base = '/usr/lib/postgresql';
  const versions = existsSync(base)
    ? readdirSync(base)
        .filter((v) => /^\d+$/.test(v) && existsSync(join(base, v, 'bin', 'initdb')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (versions[0]) return join(base, versions[0], 'bin');
  throw new Error(
    `No PostgreSQL server binaries (initdb, pg_ctl) on PATH or under ${base}/*/bin. ${INSTALL_HINT}`,
  );
}

function postgresUser(): { uid: number; gid: number } {
  try {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
    return { uid, gid };
  } catch {
    throw new Error(
      `Running as root, and there is no "postgres" system user to run the test server as (PostgreSQL refuses to run as root). ${INSTALL_HINT}`,
    );
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Waits until the server accepts connections, and checks the tests may create roles there. */
async function waitReady(url: string): Promise<void> {
  let last: unknown;
  for (let i = 0; i < 50; i++) {
    const client = new pg.Client({ connectionString: url });
    try {
      await client.connect();
    } catch (err) {
      last = err;
      await client.end().catch(() => {});
      await new Promise((r) => setTimeout(r, 200));
      continue;
    }
    try {
      const { rows } = await client.query<{ su: boolean }>(
        'SELECT rolsuper AS su FROM pg_roles WHERE rolname = current_user',
      );
      if (!rows[0]?.su)
        throw new Error(
          `The test server user must be a superuser (the tests create roles and databases). ${INSTALL_HINT}`,
        );
      return;
    } finally {
      await client.end();
    }
  }
  throw new Error(`PostgreSQL at the test URL is not reachable: ${String(last)}`);
}

function tail(file: string): string {
  try {
    return execFileSync('tail', ['-n', '30', file]).toString();
  } catch {
    return '';
  }
}
