import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { Db, Queryable, Row } from '../providers/postgres/db.js';

/**
 * An embedded PostgreSQL (PGlite) running on a worker thread, reached through the postgres
 * provider's own `Db` interface. PGlite spends seconds of CPU creating a database (its initdb
 * runs in WebAssembly, on the thread that opens it): on a worker it does so beside the demo's
 * first steps instead of before them. A PGlite data directory may be open once at a time, so
 * this one instance serves both `grantops reconcile` and the demo's own queries.
 *
 * The worker is source text, not a file: the CLI is bundled into one file, and the worker only
 * needs PGlite, whose path is resolved here, next to this module.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const failure = (e) => ({ message: String(e && e.message || e), code: e && e.code, detail: e && e.detail });
(async () => {
  let db;
  try {
    const { PGlite } = require(workerData.pglite);
    db = await PGlite.create(workerData.dir, { relaxedDurability: true });
    await db.exec(workerData.setup);
  } catch (e) {
    parentPort.postMessage({ ready: false, error: failure(e) });
    if (db) await db.close().catch(() => {});
    return;
  }
  parentPort.postMessage({ ready: true });
  parentPort.on('message', async (m) => {
    if (m.op === 'close') {
      await db.close().catch(() => {});
      parentPort.close();
      return;
    }
    try {
      const rows = m.op === 'exec' ? (await db.exec(m.sql), []) : (await db.query(m.sql, m.params)).rows;
      parentPort.postMessage({ id: m.id, rows });
    } catch (e) {
      parentPort.postMessage({ id: m.id, error: failure(e) });
    }
  });
})();
`;

interface WireError {
  message: string;
  code?: string;
  detail?: string;
}
type Reply =
  { ready: boolean; error?: WireError } | { id: number; rows?: Row[]; error?: WireError };

/** An error from the worker, with the SQLSTATE the provider reads (`code`). */
export class WorkerDbError extends Error {
  readonly code: string | undefined;
  constructor(e: WireError) {
    super(e.message);
    this.code = e.code;
  }
}

export interface PgliteWorker {
  /** Resolves when the database exists and `setup` has run; rejects if either failed. */
  readonly ready: Promise<void>;
  /** The database, for the provider and the demo. Its `close` does nothing: see `stop`. */
  readonly db: Db;
  /** Closes the database and ends the thread (or ends it at once when it never got ready). */
  stop(): Promise<void>;
}

/** Starts PGlite on a worker thread with its data in `dir`, and runs `setup` there. */
export function startPgliteWorker(dir: string, setup: string): PgliteWorker {
  const pglite = createRequire(import.meta.url).resolve('@electric-sql/pglite');
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { pglite, dir, setup } });
  const pending = new Map<number, { resolve: (rows: Row[]) => void; reject: (e: Error) => void }>();
  let nextId = 0;
  let isReady = false;
  let gone: Error | null = null;

  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  const ready = new Promise<void>((resolve, reject) => {
    worker.on('message', (m: Reply) => {
      if ('ready' in m) {
        isReady = m.ready;
        if (m.ready) resolve();
        else reject(new WorkerDbError(m.error ?? { message: 'PGlite did not start' }));
        return;
      }
      const waiter = pending.get(m.id);
      pending.delete(m.id);
      if (m.error) waiter?.reject(new WorkerDbError(m.error));
      else waiter?.resolve(m.rows ?? []);
    });
    const end = (why: Error) => {
      gone = why;
      reject(why);
      for (const w of pending.values()) w.reject(why);
      pending.clear();
    };
    worker.once('error', (e) => end(e));
    worker.once('exit', (code) => end(new Error(`the PGlite thread ended (exit ${code})`)));
  });
  ready.catch(() => {}); // awaited by the story; a failure must not be unhandled meanwhile

  const call = async (op: 'query' | 'exec', sql: string, params?: readonly unknown[]) => {
    await ready; // the worker listens for queries only once the database is there
    return new Promise<Row[]>((resolve, reject) => {
      if (gone) return reject(gone);
      const id = nextId++;
      pending.set(id, { resolve, reject });
      worker.postMessage({ id, op, sql, params: params ? [...params] : undefined });
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
        worker.postMessage({ op: 'close' });
        const late = setTimeout(() => void worker.terminate(), 10_000);
        await exited;
        clearTimeout(late);
      } else {
        await worker.terminate();
      }
    },
  };
}
