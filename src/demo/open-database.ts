import type { DemoDatabase } from './database.js';
import { embeddedDatabase } from './embedded-database.js';
import { serverDatabase } from './server-database.js';

/**
 * The server of DATABASE_URL when it is set, else PGlite in `$WORK/db`; either starts setting
 * itself up now, in the background.
 */
export function openDemoDatabase(
  work: string,
  env: Readonly<Record<string, string | undefined>>,
): DemoDatabase {
  const serverUrl = env.DATABASE_URL;
  return serverUrl ? serverDatabase(serverUrl) : embeddedDatabase(`${work}/db`, '$WORK/db');
}
