import { randomBytes } from 'node:crypto';
import { ConfigError, ExternalError } from '../core/errors.js';
import { ident, openDb, type Db } from '../providers/postgres/db.js';
import { DBA_SETUP, isMemberOf, readOrdersAs, type DemoDatabase } from './database.js';

const ROLES = [
  ['orders_read', 'NOLOGIN'],
  ['alice', 'LOGIN'],
] as const;

/** The URL without its password, for printing. */
export function redact(url: string): string {
  const u = new URL(url);
  if (u.password) u.password = '***';
  return u.toString();
}

/**
 * A real server (DATABASE_URL): the demo works in a database of its own, created now and
 * dropped at the end, whatever happens. Roles belong to the whole server: the story's two are
 * created only when missing and dropped only when the demo created them. Its user must be able
 * to create databases and roles and to SET ROLE alice (a superuser of a throwaway server).
 */
export function serverDatabase(serverUrl: string): DemoDatabase {
  if (!URL.canParse(serverUrl) || !/^postgres(ql)?:$/.test(new URL(serverUrl).protocol))
    throw new ConfigError(
      'DATABASE_URL must be a PostgreSQL URL like postgres://user:password@localhost:5432/postgres; unset it to use the embedded database.',
    );
  const name = `grantops_demo_${randomBytes(4).toString('hex')}`;
  const url = Object.assign(new URL(serverUrl), { pathname: `/${name}` }).toString();
  const made = { database: false, roles: [] as string[] };
  let db: Db | undefined;
  let starting = true;

  const prepare = async () => {
    await onServer(serverUrl, async (server) => {
      await server.exec(`CREATE DATABASE ${ident(name)}`);
      made.database = true;
      for (const [role, options] of ROLES) {
        const [exists] = await server.query(
          'SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = $1',
          [role],
        );
        if (exists) continue;
        await server.exec(`CREATE ROLE ${ident(role)} ${options}`);
        made.roles.push(role);
      }
      if (await isMemberOf(server, 'alice', 'orders_read'))
        throw new ConfigError(
          `alice is already a member of orders_read on the server of DATABASE_URL (${redact(serverUrl)}), so the demo could not show grantops granting and revoking it. Use a throwaway server, or unset DATABASE_URL for the embedded database.`,
        );
    });
    db = await openDb(url, 'DATABASE_URL');
    await db.exec(DBA_SETUP.filter((s) => !s.startsWith('CREATE ROLE')).join('\n'));
  };
  const ready = prepare().then(
    () => void (starting = false),
    (err: unknown) => {
      starting = false;
      if (err instanceof ConfigError) throw err;
      throw new ExternalError(
        'E_DEMO_DATABASE',
        `The demo could not prepare the PostgreSQL server of DATABASE_URL (${redact(serverUrl)}): ${(err as Error).message}. Its user must be able to create databases and roles; unset DATABASE_URL to use the embedded database.`,
      );
    },
  );
  ready.catch(() => {}); // awaited by the story; a failure must not be unhandled meanwhile

  const opened = () => {
    if (!db) throw new Error('the demo database is not ready');
    return db;
  };
  return {
    label: `the PostgreSQL server of DATABASE_URL, in a throwaway database ${name}`,
    url,
    shownUrl: redact(url),
    keptIn: null, // the throwaway database is dropped even with --keep: the server is not ours
    factories: {},
    ready,
    isStarting: () => starting,
    readOrders: (login) => readOrdersAs(opened(), login),
    isMember: (login, role) => isMemberOf(opened(), login, role),
    async close() {
      await ready.catch(() => {});
      await db?.close();
      if (!made.database) return;
      await onServer(serverUrl, async (server) => {
        // A run that stopped half-way may have left alice in a role that was there before.
        if (
          !made.roles.includes('orders_read') &&
          (await isMemberOf(server, 'alice', 'orders_read'))
        )
          await server.exec('REVOKE orders_read FROM alice');
        await server.exec(`DROP DATABASE IF EXISTS ${ident(name)} WITH (FORCE)`);
        for (const role of made.roles.reverse())
          await server.exec(`DROP ROLE IF EXISTS ${ident(role)}`);
      });
    },
  };
}

async function onServer<T>(url: string, fn: (server: Db) => Promise<T>): Promise<T> {
  const server = await openDb(url, 'DATABASE_URL');
  try {
    return await fn(server);
  } finally {
    await server.close();
  }
}
