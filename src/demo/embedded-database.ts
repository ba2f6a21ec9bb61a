import { ExternalError } from '../core/errors.js';
import type { Db } from '../providers/postgres/db.js';
import { createPostgresProvider, postgresProvider } from '../providers/postgres/provider.js';
import type { ProviderFactory } from '../providers/types.js';
import { DBA_SETUP, isMemberOf, readOrdersAs, type DemoDatabase } from './database.js';
import { startPglite } from './pglite-process.js';

/**
 * PGlite stored in `dir`, started now in a child process. reconcile reaches it through a postgres
 * provider type that hands out this open database for exactly its URL, as a connection pool
 * would: one process may open a PGlite directory only once.
 */
export function embeddedDatabase(dir: string, shownDir: string): DemoDatabase {
  const url = `pglite://${dir.split('/').map(encodeURIComponent).join('/')}`;
  const pglite = startPglite(dir, DBA_SETUP.join('\n'));
  let starting = true;
  const ready = pglite.ready.then(
    () => void (starting = false),
    (err: unknown) => {
      starting = false;
      throw new ExternalError(
        'E_DEMO_DATABASE',
        `The embedded PostgreSQL (PGlite) did not start in ${shownDir}: ${(err as Error).message}. Set DATABASE_URL to use a PostgreSQL server instead.`,
      );
    },
  );
  ready.catch(() => {}); // awaited by the story; a failure must not be unhandled meanwhile
  return {
    label: 'an embedded PostgreSQL (PGlite)',
    url,
    shownUrl: `pglite://${shownDir}`,
    keptIn: dir,
    factories: { postgres: sharedPostgres(url, pglite.db) },
    ready,
    isStarting: () => starting,
    readOrders: (login) => readOrdersAs(pglite.db, login),
    isMember: (login, role) => isMemberOf(pglite.db, login, role),
    close: () => pglite.stop(),
  };
}

/** The postgres provider type, serving `db` to a provider whose connection_env holds `url`. */
function sharedPostgres(url: string, db: Db): ProviderFactory {
  return {
    ...postgresProvider,
    create: (config, deps) =>
      deps.env[config.settings.connection_env as string] === url
        ? createPostgresProvider(config, deps, db)
        : postgresProvider.create(config, deps),
  };
}
