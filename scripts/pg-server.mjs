/**
 * A real, throwaway PostgreSQL server for the postgres provider's tests and the reconcile
 * benchmark: a fresh cluster in a private temp dir, listening on a free port on 127.0.0.1 only,
 * with trust auth and its unix socket in that dir; stopped and deleted by `stop()`.
 *
 * Plain JavaScript so that both vitest's globalSetup (TypeScript) and `npm run bench` (plain
 * node) load the same code; the types are in pg-server.d.mts.
 */
import { execFileSync } from 'node:child_process';
import { appendFileSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

/** What to do when there is no server to run: names the variable that points at an existing one. */
export const installHint = (variable) =>
  `grantops runs against a real PostgreSQL server here. Install one (Debian/Ubuntu: apt-get install postgresql), or point ${variable} at a server where the URL's user is a superuser.`;

/** Settings every throwaway server gets: local only, and no durability (nothing here must survive). */
const BASE_SETTINGS = {
  listen_addresses: '127.0.0.1',
  fsync: 'off',
  synchronous_commit: 'off',
  full_page_writes: 'off',
  max_connections: 200,
};

/**
 * Starts a server and waits until it accepts connections. `settings` are added to
 * postgresql.conf (e.g. `{ log_statement: 'all' }`); `variable` is the environment variable
 * that error messages suggest for using an existing server instead.
 * Returns { url (a superuser URL), dir, logFile (the server's log), stop() }.
 */
export async function startPgServer({ settings = {}, variable = 'GRANTOPS_TEST_PG_URL' } = {}) {
  const bin = findBinDir(variable);
  const asPostgres = process.getuid?.() === 0 ? postgresUser(variable) : null;
  const root = mkdtempSync(join(tmpdir(), 'grantops-pg-'));
  const data = join(root, 'data');
  const logFile = join(root, 'server.log');
  const run = (program, args) => {
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
  const stop = async () => {
    if (started) {
      started = false;
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
    // so a failed start is retried on a new port (a later line of postgresql.conf wins).
    let url = '';
    for (let attempt = 1; !started; attempt++) {
      const port = await freePort();
      // Written to the config file rather than passed through pg_ctl -o, which a shell parses.
      appendFileSync(
        join(data, 'postgresql.conf'),
        conf({ ...BASE_SETTINGS, ...settings, port, unix_socket_directories: root }),
      );
      try {
        run(join(bin, 'pg_ctl'), ['-D', data, '-l', logFile, '-w', '-t', '60', 'start']);
        started = true;
        url = `postgres://postgres@127.0.0.1:${port}/postgres`;
      } catch (err) {
        if (attempt >= 3)
          throw new Error(`PostgreSQL did not start: ${String(err)}\n${tail(logFile)}`, {
            cause: err,
          });
      }
    }
    await waitReady(url, variable);
    return { url, dir: root, logFile, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

/** postgresql.conf lines: numbers as they are, everything else as a quoted string. */
function conf(settings) {
  const value = (v) => (typeof v === 'number' ? String(v) : `'${String(v).replaceAll("'", "''")}'`);
  return `\n${Object.entries(settings)
    .map(([k, v]) => `${k} = ${value(v)}`)
    .join('\n')}\n`;
}

function findBinDir(variable) {
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
    `No PostgreSQL server binaries (initdb, pg_ctl) on PATH or under ${base}/*/bin. ${installHint(variable)}`,
  );
}

function postgresUser(variable) {
  try {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
    return { uid, gid };
  } catch {
    throw new Error(
      `Running as root, and there is no "postgres" system user to run the server as (PostgreSQL refuses to run as root). ${installHint(variable)}`,
    );
  }
}

function freePort() {
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

/**
 * Waits until the server at `url` accepts connections, and checks that its user is a superuser
 * (the tests and the benchmark create roles and databases). The URL is never repeated in a
 * message: it may hold a password.
 */
export async function waitReady(url, variable = 'GRANTOPS_TEST_PG_URL') {
  let last;
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
      const { rows } = await client.query(
        'SELECT rolsuper AS su FROM pg_roles WHERE rolname = current_user',
      );
      if (!rows[0]?.su)
        throw new Error(
          `The PostgreSQL user must be a superuser (the tests and the benchmark create roles and databases). ${installHint(variable)}`,
        );
      return;
    } finally {
      await client.end();
    }
  }
  throw new Error(`PostgreSQL did not accept connections within 10 s: ${String(last)}`);
}

function tail(file) {
  try {
    return execFileSync('tail', ['-n', '30', file]).toString();
  } catch {
    return '';
  }
}
