import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import type { Db, Queryable, Row } from '../providers/postgres/db.js';

/**
 * An embedded PostgreSQL (PGlite) in a child process, reached through the postgres provider's
 * own `Db` interface. PGlite spends seconds of CPU creating a database (initdb in WebAssembly):
 * in its own process it does so beside the demo's first steps instead of before them. Not a
 * worker thread: PGlite grows a process to hundreds of megabytes, and every git command grantops
 * starts would then fork that much larger a process (measured: 4x the system time per spawn).
 * A PGlite data directory may be open once at a time, so this one instance serves both
 * `grantops reconcile` and the demo's own queries.
 *
 * The child is source text, not a file: the CLI is bundled, and the child needs only PGlite,
 * whose path is resolved here, next to this module.
 */
const CHILD_SOURCE = `
const { pglite, dir, setup } = JSON.parse(process.argv[1]);
const failure = (e) => ({ message: String((e && e.message) || e), code: e && e.code });
process.on('disconnect', () => process.exit(0)); // the demo is gone: so is its database
(async () => {
  let db;
  try {
    const { PGlite } = require(pglite);
    db = await PGlite.create(dir, { relaxedDurability: true });
    await db.exec(setup);
  } catch (e) {
    process.send({ ready: false, error: failure(e) });
    if (db) await db.close().catch(() => {});
    process.disconnect();
    return;
  }
  process.send({ ready: true });
  process.on('message', async (m) => {
    if (m.op === 'close') {
      await db.close().catch(() => {});
      process.disconnect();
      return;
    }
    try {
      const rows = m.op === 'exec' ? (await db.exec(m.sql), []) : (await db.query(m.sql, m.params)).rows;
      process.send({ id: m.id, rows });
    } catch (e) {
      process.send({ id: m.id, error: failure(e) });
    }
  });
})();
`;

interface WireError {
  message: string;
  code?: string;
}
type Reply =
  { ready: boolean; error?: WireError } | { id: number; rows?: Row[]; error?: WireError };

/** An error from the child, with the SQLSTATE the provider reads (`code`). */
export class PgliteError extends Error {
  readonly code: string | undefined;
  constructor(e: WireError) {
    super(e.message);
    this.code = e.code;
  }
}

export interface PgliteProcess {
  /** Resolves when the database exists and `setup` has run; rejects if either failed. */
  readonly ready: Promise<void>;
  /** The database, for the provider and the demo. Its `close` does nothing: see `stop`. */
  readonly db: Db;
  /** Closes the database and ends the process (or ends it at once when it never got ready). */
  stop(): Promise<void>;
}

/** Starts PGlite in a child process with its data in `dir`, and runs `setup` there. */
export function startPglite(dir: string, setup: string): PgliteProcess {
  const pglite = createRequire(import.meta.url).resolve('@electric-sql/pglite');
  const child = spawn(
    process.execPath,
    ['-e', CHILD_SOURCE, JSON.stringify({ pglite, dir, setup })],
    {
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      serialization: 'advanced', // rows keep their Dates and BigInts
    },
  );
  let stderr = '';
  child.stderr!.on('data', (b: Buffer) => (stderr = (stderr + b.toString('utf8')).slice(-2000)));
  const pending = new Map<number, { resolve: (rows: Row[]) => void; reject: (e: Error) => void }>();
  let nextId = 0;
  let isReady = false;
  let gone: Error | null = null;

  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const ready = new Promise<void>((resolve, reject) => {
    child.on('message', (m: Reply) => {
      if ('ready' in m) {
        isReady = m.ready;
        if (m.ready) resolve();
        else reject(new PgliteError(m.error ?? { message: 'PGlite did not start' }));
        return;
      }
      const waiter = pending.get(m.id);
      pending.delete(m.id);
      if (m.error) waiter?.reject(new PgliteError(m.error));
      else waiter?.resolve(m.rows ?? []);
    });
    const end = (why: Error) => {
      gone = why;
      reject(why);
      for (const w of pending.values()) w.reject(why);
      pending.clear();
    };
    child.once('error', (e) => end(e));
    child.once('exit', (code, signal) =>
      end(
        new Error(
          `the PGlite process ended (${signal ?? `exit ${code}`})${stderr.trim() ? `: ${stderr.trim()}` : ''}`,
        ),
      ),
    );
  });
  ready.catch(() => {}); // awaited by the story; a failure must not be unhandled meanwhile

  const call = async (op: 'query' | 'exec', sql: string, params?: readonly unknown[]) => {
    await ready; // the child listens for queries only once the database is there
    return new Promise<Row[]>((resolve, reject) => {
      if (gone) return reject(gone);
      const id = nextId++;
      pending.set(id, { resolve, reject });
      child.send({ id, op, sql, params: params ? [...params] : undefined });
    });
  };
  const direct: Queryable = {
    query: async <R>(sql: string, params?: readonly unknown[]) =>
      (await call('query', sql, params)) as R[],
    exec: async (sql) => {
      await call('exec', sql);
    },
  };

  // One session: a transaction holds it until it ends, so nothing else runs inside it.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const run = queue.then(fn, fn);
    queue = run.catch(() => {});
    return run;
  };
  const db: Db = {
    kind: 'pglite',
    query: (sql, params) => serial(() => direct.query(sql, params)),
    exec: (sql) => serial(() => direct.exec(sql)),
    transaction: (fn) =>
      serial(async () => {
        await direct.exec('BEGIN');
        try {
          const out = await fn(direct);
          await direct.exec('COMMIT');
          return out;
        } catch (err) {
          await direct.exec('ROLLBACK').catch(() => {});
          throw err;
        }
      }),
    close: async () => {},
  };

  return {
    ready,
    db,
    async stop() {
      if (gone) return;
      if (isReady) {
        await queue;
        child.send({ op: 'close' });
        const late = setTimeout(() => child.kill(), 10_000);
        await exited;
        clearTimeout(late);
      } else {
        child.kill();
        await exited;
      }
    },
  };
}
