import type { TestProject } from 'vitest/node';
import { startPgServer, waitReady } from '../../scripts/pg-server.mjs';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A superuser connection URL to a throwaway PostgreSQL server, for the postgres provider tests. */
    pgUrl: string;
  }
}

const VARIABLE = 'GRANTOPS_TEST_PG_URL';

/**
 * Vitest globalSetup: a real, throwaway PostgreSQL for the test run (scripts/pg-server.mjs,
 * shared with the reconcile benchmark), stopped and deleted afterwards.
 * GRANTOPS_TEST_PG_URL uses an existing server instead; its user must be a superuser.
 */
export default async function setup(project: TestProject): Promise<(() => Promise<void>) | void> {
  const given = process.env[VARIABLE];
  if (given) {
    await waitReady(given, VARIABLE);
    project.provide('pgUrl', given);
    return;
  }
  const server = await startPgServer({ variable: VARIABLE });
  project.provide('pgUrl', server.url);
  return server.stop;
}
