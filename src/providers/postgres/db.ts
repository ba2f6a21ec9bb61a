import pg from 'pg';
import { ConfigError } from '../../core/errors.js';

export type Row = Record<string, unknown>;

/** What the provider needs of a database: the same few calls on `pg` and on PGlite. */
export interface Queryable {
  /** One statement; every value travels as a bound parameter, never inside the SQL text. */
  query<R = Row>(sql: string, params?: readonly unknown[]): Promise<R[]>;
  /**
   * Several statements in one round trip, without parameters: only for statements built from
   * quoted identifiers (GRANT and REVOKE cannot take their role names as parameters).
   */
  exec(sql: string): Promise<void>;
}

export interface Db extends Queryable {
  readonly kind: 'pg' | 'pglite';
  /** Runs `fn` in one transaction: committed when it returns, rolled back when it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/**
 * Opens the database a connection URL names. `postgres://` and `postgresql://` go to a server
 * through `pg`; `pglite://memory` is a fresh in-memory PGlite, `pglite:///abs/dir` a PGlite
 * stored in that directory (the embedded default of the demo). The URL may hold a password, so
 * no message ever repeats it.
 */
export async function openDb(url: string, variable: string): Promise<Db> {
  if (/^postgres(ql)?:\/\//.test(url)) return pgDb(url);
  if (url === 'pglite://memory') return pgliteDb(undefined);
  if (url.startsWith('pglite:///'))
    return pgliteDb(decodeURIComponent(url.slice('pglite://'.length)));
  throw new ConfigError(
    `The connection URL in ${variable} must start with postgres:// or postgresql:// (a server), or be pglite://memory or pglite:///absolute/dir (embedded PGlite).`,
  );
}

function pgDb(url: string): Db {
  const pool = new pg.Pool({
    connectionString: url,
    // One connection reads, one applies: grantops never needs more, and a busy server should
    // not see a burst from it.
    max: 2,
    application_name: 'grantops',
    connectionTimeoutMillis: 15_000,
    // A grant waits for locks (another grantops run, a long DDL) only this long, then fails
    // loudly; the next scheduled run retries.
    lock_timeout: 30_000,
    statement_timeout: 60_000,
  });
  // An idle connection that the server drops must not crash grantops; the pool reconnects.
  pool.on('error', () => {});
  const on = (c: pg.Pool | pg.PoolClient): Queryable => ({
    query: async <R>(sql: string, params?: readonly unknown[]) =>
      (await c.query(sql, params ? [...params] : undefined)).rows as R[],
    exec: async (sql) => {
      await c.query(sql); // no parameters: the simple protocol, which runs several statements
    },
  });
  return {
    kind: 'pg',
    ...on(pool),
    async transaction(fn) {
      const client = await pool.connect();
      let broken: Error | undefined;
      try {
        await client.query('BEGIN');
        const out = await fn(on(client));
        await client.query('COMMIT');
        return out;
      } catch (err) {
        await client.query('ROLLBACK').catch((e: Error) => (broken = e));
        throw err;
      } finally {
        client.release(broken); // a connection that could not roll back is discarded
      }
    },
    close: () => pool.end(),
  };
}

async function pgliteDb(dataDir: string | undefined): Promise<Db> {
  // Loaded only when used: it is a WebAssembly build of PostgreSQL, heavy to start.
  const { PGlite } = await import('@electric-sql/pglite');
  const db = dataDir === undefined ? await PGlite.create() : await PGlite.create(dataDir);
  type Tx = Pick<typeof db, 'query' | 'exec'>;
  const on = (c: Tx): Queryable => ({
    query: async <R>(sql: string, params?: readonly unknown[]) =>
      (await c.query<R>(sql, params ? [...params] : undefined)).rows,
    exec: async (sql) => {
      await c.exec(sql);
    },
  });
  return {
    kind: 'pglite',
    ...on(db),
    transaction: (fn) => db.transaction((tx) => fn(on(tx))),
    close: () => db.close(),
  };
}

/**
 * A quoted SQL identifier. Role names reach SQL only this way (GRANT cannot bind them), and only
 * from policy: database roles from `grant.role`, members from the login template.
 */
export function ident(name: string): string {
  if (name.includes('\u0000')) throw new Error('identifier contains a NUL byte');
  return `"${name.replaceAll('"', '""')}"`;
}

/** PostgreSQL silently truncates longer names (NAMEDATALEN - 1), which could name another role. */
export const MAX_NAME_BYTES = 63;

export function nameProblem(name: unknown, what: string): string | undefined {
  // The names come from the policies: the role's grant.role, or the provider's login mapping.
  const fix = 'Change it in the policies (the grant.role, or the login template or users).';
  if (typeof name !== 'string' || name === '') return `${what} must be a non-empty string. ${fix}`;
  if (name.includes('\u0000')) return `${what} contains a NUL byte. ${fix}`;
  if (Buffer.byteLength(name, 'utf8') > MAX_NAME_BYTES) {
    return `${what} ${JSON.stringify(name)} is longer than PostgreSQL's ${MAX_NAME_BYTES}-byte name limit; PostgreSQL would truncate it and could name another role. ${fix}`;
  }
  return undefined;
}
