// The example's database: an embedded PGlite in the work dir, or, when DATABASE_URL is set, a
// throwaway database on that real server. Either way the example creates what the policy's
// `orders-db-read` role needs (the database role `orders_read` and a login for alice), because
// grantops manages memberships only, never roles or logins.
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { Unexpected } from './session.mjs';

/** What the example creates: the role the grant gives, and alice's login. */
const ROLES = [
  ['orders_read', 'NOLOGIN'],
  ['alice', 'LOGIN'],
];

const quote = (name) => `"${name.replaceAll('"', '""')}"`;

/** The URL without its password, for printing. */
function redact(url) {
  const u = new URL(url);
  if (u.password) u.password = '***';
  return u.toString();
}

/**
 * Chooses the database. Returns { kind, url (what ORDERS_DB_URL is set to), shownUrl,
 * prepare(), isMember(member, role), close() }. `close` removes what the example made.
 */
export function exampleDatabase(work, env = process.env) {
  return env.DATABASE_URL ? serverDatabase(env.DATABASE_URL) : embeddedDatabase(work);
}

/**
 * PGlite stores the database in a directory that one process may use at a time: every use here
 * opens it, does one thing, and closes it before grantops runs.
 */
function embeddedDatabase(work) {
  const dir = join(work, 'db');
  const withDb = async (fn) => {
    const { PGlite } = await import('@electric-sql/pglite');
    const db = await PGlite.create(dir);
    try {
      return await fn((sql, params) => db.query(sql, params).then((r) => r.rows));
    } finally {
      await db.close();
    }
  };
  return {
    kind: 'embedded PostgreSQL (PGlite)',
    slowToPrepare: true,
    url: `pglite://${dir.split('/').map(encodeURIComponent).join('/')}`,
    shownUrl: 'pglite://$WORK/db',
    prepare: () =>
      new Promise((resolve, reject) => {
        const sql = ROLES.map(([name, options]) => `CREATE ROLE ${quote(name)} ${options};`);
        const worker = new Worker(new URL('./pglite-init.mjs', import.meta.url), {
          workerData: { dir, sql: sql.join('\n') },
        });
        worker.once('error', (err) =>
          reject(new Unexpected(`could not set up PGlite in $WORK/db: ${err.message}`)),
        );
        worker.once('exit', (code) =>
          code === 0 ? resolve() : reject(new Error(`PGlite setup stopped with exit ${code}`)),
        );
      }),
    isMember: (member, role) => withDb((sql) => membership(sql, member, role)),
    close: async () => {}, // the directory goes with the work dir
  };
}

/**
 * A real server: the example works in a database of its own, created and dropped here, and
 * creates the two roles (roles belong to the whole server) only if they are missing, dropping
 * only those it created.
 */
function serverDatabase(serverUrl) {
  if (!URL.canParse(serverUrl) || !/^postgres(ql)?:$/.test(new URL(serverUrl).protocol))
    throw new Unexpected('DATABASE_URL must be a URL like postgres://user:password@host:5432/db.');
  const dbName = `grantops_example_${randomBytes(4).toString('hex')}`;
  const url = Object.assign(new URL(serverUrl), { pathname: `/${dbName}` }).toString();
  const created = { database: false, roles: [] };
  const withClient = async (connectionString, fn) => {
    const { default: pg } = await import('pg');
    const client = new pg.Client({ connectionString, application_name: 'grantops-example' });
    await client.connect();
    try {
      return await fn((sql, params) => client.query(sql, params).then((r) => r.rows));
    } finally {
      await client.end();
    }
  };
  return {
    kind: 'PostgreSQL server from DATABASE_URL',
    url,
    shownUrl: redact(url),
    prepare: () =>
      withClient(serverUrl, async (sql) => {
        await sql(`CREATE DATABASE ${quote(dbName)}`);
        created.database = true;
        for (const [name, options] of ROLES) {
          const [exists] = await sql('SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = $1', [
            name,
          ]);
          if (exists) continue;
          await sql(`CREATE ROLE ${quote(name)} ${options}`);
          created.roles.push(name);
        }
        if (await membership(sql, 'alice', 'orders_read'))
          throw new Unexpected(
            'alice is already a member of orders_read on the DATABASE_URL server, so the example could not show grantops granting and revoking it. Use a throwaway server.',
          );
      }).catch((err) => {
        if (err instanceof Unexpected) throw err;
        throw new Unexpected(`could not prepare the DATABASE_URL server: ${err.message}`);
      }),
    isMember: (member, role) => withClient(serverUrl, (sql) => membership(sql, member, role)),
    close: async () => {
      if (!created.database) return;
      await withClient(serverUrl, async (sql) => {
        // A run that stopped half-way may have left alice in a role that was already there.
        if (
          !created.roles.length &&
          (await membership(sql, 'alice', 'orders_read').catch(() => false))
        )
          await sql('REVOKE orders_read FROM alice');
        await sql(`DROP DATABASE IF EXISTS ${quote(dbName)} WITH (FORCE)`);
        for (const name of created.roles.reverse()) await sql(`DROP ROLE IF EXISTS ${quote(name)}`);
      });
    },
  };
}

async function membership(sql, member, role) {
  const [row] = await sql("SELECT pg_catalog.pg_has_role($1, $2, 'MEMBER') AS member", [
    member,
    role,
  ]);
  return row.member === true;
}
