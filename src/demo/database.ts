import { ident, type Db, type Queryable } from '../providers/postgres/db.js';
import type { ProviderFactory } from '../providers/types.js';

/**
 * The demo's database: what a DBA would have set up before grantops is used. grantops manages
 * who is in `orders_read`, never roles, logins or table privileges, so those exist first.
 */
export const DBA_SETUP = [
  'CREATE ROLE orders_read NOLOGIN;',
  'CREATE ROLE alice LOGIN;',
  'CREATE TABLE orders (id int PRIMARY KEY, item text NOT NULL, total numeric NOT NULL);',
  "INSERT INTO orders VALUES (1, 'espresso machine', 249), (2, 'grinder', 129), (3, 'beans', 18);",
  'GRANT SELECT ON orders TO orders_read;',
];

/** The proof the story shows: `SELECT count(*) FROM orders` as a login. */
export const READ_ORDERS = 'SELECT count(*)::int AS n FROM orders';

export type ReadResult =
  { allowed: true; count: number } | { allowed: false; sqlstate: string; message: string };

/** PostgreSQL's SQLSTATE for "permission denied". */
export const INSUFFICIENT_PRIVILEGE = '42501';

export interface DemoDatabase {
  /** What it is, for the narration. */
  readonly label: string;
  /** The value of ORDERS_DB_URL (the example policies' provider reads it), and how it is shown. */
  readonly url: string;
  readonly shownUrl: string;
  /** Provider types reconcile is built with in this process (the shared PGlite), or none. */
  readonly factories: Readonly<Record<string, ProviderFactory>>;
  /** The folder holding its data, kept with --keep; null when nothing of it is kept. */
  readonly keptIn: string | null;
  /** Set up in the background from the start; rejects with why it could not be. */
  readonly ready: Promise<void>;
  isStarting(): boolean;
  /** `READ_ORDERS` as `login` (SET ROLE in a transaction rolled back): rows, or the refusal. */
  readOrders(login: string): Promise<ReadResult>;
  isMember(login: string, role: string): Promise<boolean>;
  /** Removes what the demo made in it (an embedded database's files go with the work folder). */
  close(): Promise<void>;
}

/** Runs `READ_ORDERS` as `login` on one session; only "permission denied" is an answer. */
export async function readOrdersAs(db: Pick<Db, 'transaction'>, login: string) {
  const rollback = new Error('rollback');
  let result: ReadResult | undefined;
  await db
    .transaction(async (tx: Queryable) => {
      await tx.exec(`SET LOCAL ROLE ${ident(login)}`);
      try {
        const [row] = await tx.query<{ n: number }>(READ_ORDERS);
        result = { allowed: true, count: Number(row?.n) };
      } catch (err) {
        const e = err as { code?: unknown; message?: string };
        if (e.code !== INSUFFICIENT_PRIVILEGE) throw err;
        result = { allowed: false, sqlstate: e.code, message: e.message ?? String(err) };
      }
      throw rollback; // nothing the demo reads should stay changed, SET LOCAL included
    })
    .catch((err: unknown) => {
      if (err !== rollback) throw err;
    });
  return result!;
}

export async function isMemberOf(db: Pick<Db, 'query'>, login: string, role: string) {
  const [row] = await db.query<{ member: boolean }>(
    "SELECT pg_catalog.pg_has_role($1, $2, 'MEMBER') AS member",
    [login, role],
  );
  return row?.member === true;
}
