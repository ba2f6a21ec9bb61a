import { retry } from '@octokit/plugin-retry';
import { throttling, type ThrottlingOptions } from '@octokit/plugin-throttling';
import { Octokit } from '@octokit/rest';
import { pacedGroup, WritePacer } from './pacing.js';

/**
 * The one place grantops builds an Octokit: REST methods and pagination, retries of server
 * errors (plugin-retry) and GitHub's rate limits (plugin-throttling), a token, an optional
 * base URL (GitHub Enterprise Server) and an injectable `fetch`, which is how tests put an
 * in-memory GitHub behind the real client.
 */
export const GrantopsOctokit = Octokit.plugin(retry, throttling);
export type GitHubClient = InstanceType<typeof GrantopsOctokit>;

export interface GitHubLog {
  debug(message: string, ...rest: unknown[]): void;
  info(message: string, ...rest: unknown[]): void;
  warn(message: string, ...rest: unknown[]): void;
  error(message: string, ...rest: unknown[]): void;
}

export interface GitHubClientOptions {
  token: string;
  /** API root, e.g. https://ghe.example.com/api/v3; default https://api.github.com. */
  baseUrl?: string;
  /** The fetch Octokit uses; tests inject an in-memory GitHub here. */
  fetch?: typeof fetch;
  log?: GitHubLog;
  /** How many times one request is retried after a rate limit before it fails (default 2). */
  rateLimitRetries?: number;
  /**
   * The longest wait, in seconds, grantops accepts before retrying a rate-limited request
   * (default 120). A longer wait fails the run now: schedules run it again anyway, and a job
   * that sleeps for an hour blocks the expiry runs queued behind it.
   */
  maxRateLimitWaitSeconds?: number;
  /**
   * Tests only: retry and pace without waiting. Retry counts and limits are unchanged; only the
   * delays (GitHub's retry-after, the back-off between server-error retries, the one-second
   * pacing of writes) become zero, so a test never sleeps for real.
   */
  noWait?: boolean;
}

/** Diagnostics go to stderr; stdout is reserved for command output. */
const stderrLog: GitHubLog = {
  debug: () => {},
  info: () => {},
  warn: (message) => process.stderr.write(`grantops: github: ${message}\n`),
  // plugin-request-log reports every failed request at `error`, including the 404s grantops
  // expects (a membership that does not exist yet). The error itself reaches the caller, which
  // decides whether it matters, so these lines are noise here.
  error: () => {},
};

/**
 * A stand-in for a Bottleneck group that runs jobs at once. Writes are paced (below, and
 * plugin-throttling spaces notifying writes and searches) by process-wide groups; with `noWait`
 * the client gets this instead so tests do not sleep. The plugin only calls
 * `key(id).schedule(options, fn, ...args)` on it.
 */
const unpaced = {
  key: () => ({
    schedule: (_options: unknown, fn: (...args: unknown[]) => unknown, ...args: unknown[]) =>
      Promise.resolve(fn(...args)),
  }),
} as unknown as NonNullable<ThrottlingOptions['write']>;

/** Writes burst up to 3, then one a second (src/github/pacing.ts): ≤ 63 a minute. */
const WRITE_BURST = 3;
const WRITE_INTERVAL_MS = 1000;
let processWrites: NonNullable<ThrottlingOptions['write']> | undefined;

/** One pacer for every client of this process, as GitHub counts the writes of one App together. */
function writes(): NonNullable<ThrottlingOptions['write']> {
  processWrites ??= pacedGroup(
    new WritePacer({ burst: WRITE_BURST, intervalMs: WRITE_INTERVAL_MS }),
  ) as unknown as NonNullable<ThrottlingOptions['write']>;
  return processWrites;
}

export function createGitHubClient(options: GitHubClientOptions): GitHubClient {
  const log = options.log ?? stderrLog;
  const retries = options.rateLimitRetries ?? 2;
  const maxWait = options.maxRateLimitWaitSeconds ?? 120;
  const scale = options.noWait ? 0 : 1000;

  // Both limits get the same bounded policy: retry while under the count and the wait is
  // acceptable, and say so on stderr either way, since a rate limit means a slower run.
  const onLimit =
    (kind: string) =>
    (
      retryAfter: number,
      request: { method: string; url: string },
      _octokit: unknown,
      retryCount: number,
    ) => {
      const what = `${kind} rate limit on ${request.method} ${request.url}`;
      if (retryCount < retries && retryAfter <= maxWait) {
        log.warn(`${what}: retrying in ${retryAfter}s (retry ${retryCount + 1} of ${retries})`);
        return true;
      }
      log.warn(
        `${what}: giving up after ${retryCount} retries (GitHub asked to wait ${retryAfter}s)`,
      );
      return false;
    };

  const pacing = options.noWait
    ? { write: unpaced, notifications: unpaced, search: unpaced }
    : { write: writes() };

  return new GrantopsOctokit({
    auth: options.token,
    userAgent: 'grantops',
    ...(options.baseUrl ? { baseUrl: options.baseUrl.replace(/\/+$/, '') } : {}),
    log,
    request: options.fetch ? { fetch: options.fetch } : {},
    // plugin-retry handles server errors (5xx) only: left alone it would also retry 429s on its
    // own schedule, ignoring GitHub's retry-after and multiplying the throttling plugin's
    // bounded retries. 405 and 409 are answers, not failures (a merge refused, a head or a blob
    // that moved): asking again gets the same answer, after seconds of back-off per request.
    retry: {
      retryAfterBaseValue: scale,
      doNotRetry: [400, 401, 403, 404, 405, 409, 410, 422, 429, 451],
    },
    throttle: {
      onRateLimit: onLimit('primary'),
      onSecondaryRateLimit: onLimit('secondary'),
      retryAfterBaseValue: scale,
      ...pacing,
    },
  });
}
