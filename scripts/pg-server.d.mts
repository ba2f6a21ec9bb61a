/** Types of pg-server.mjs: a throwaway PostgreSQL server for tests and benchmarks. */

export interface PgServer {
  /** A superuser connection URL (`postgres://postgres@127.0.0.1:<port>/postgres`). */
  url: string;
  /** The server's private temp dir (data directory, unix socket, log). */
  dir: string;
  /** The server's log file (what `log_statement` and friends write to). */
  logFile: string;
  /** Stops the server and deletes its directory; safe to call twice. */
  stop(): Promise<void>;
}

export interface PgServerOptions {
  /** Extra postgresql.conf settings; numbers are written as they are, strings quoted. */
  settings?: Record<string, string | number>;
  /** The environment variable messages suggest for using an existing server instead. */
  variable?: string;
}

export function installHint(variable: string): string;
export function startPgServer(options?: PgServerOptions): Promise<PgServer>;
export function waitReady(url: string, variable?: string): Promise<void>;
