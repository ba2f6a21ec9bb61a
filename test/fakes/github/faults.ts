import { errorBody, type FakeResponse } from './http.js';

/**
 * Failures tests ask the fake GitHub for: its rate limits (primary and secondary) and the
 * server errors it gives now and then, answered with GitHub's headers and bodies.
 */

const RATE_DOCS = 'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api';

export interface Fault {
  /**
   * primary: the hourly quota is used up; secondary: GitHub's abuse limit (retry-after);
   * server: a 5xx, as GitHub gives now and then under load.
   */
  kind: 'primary' | 'secondary' | 'server';
  /** GitHub answers rate limits with 403 or 429; server errors default to 502. */
  status?: number;
  /** How many consecutive matching requests are refused. */
  times: number;
  /** Only requests with this method. */
  method?: string;
  /** Only requests whose path below the API root (as sent, escapes included) matches. */
  path?: RegExp;
  /** secondary: the retry-after header, seconds (default 1). */
  retryAfterSeconds?: number;
  /** primary: seconds until x-ratelimit-reset (default 0: already reset). */
  resetInSeconds?: number;
  /**
   * GitHub did the work, then the answer was lost (a 502 from a proxy after the write): the
   * request is carried out and the fault is what the client sees.
   */
  afterHandling?: boolean;
}

export function failure(f: Fault): FakeResponse {
  if (f.kind === 'server') {
    const status = f.status ?? 502;
    return { status, body: errorBody(status, 'Server Error') };
  }
  const status = f.status ?? 403;
  if (f.kind === 'secondary') {
    return {
      status,
      headers: { 'retry-after': String(f.retryAfterSeconds ?? 1) },
      body: errorBody(
        status,
        'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
        `${RATE_DOCS}#about-secondary-rate-limits`,
      ),
    };
  }
  return {
    status,
    headers: {
      'x-ratelimit-remaining': '0',
      'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + (f.resetInSeconds ?? 0)),
    },
    body: errorBody(status, 'API rate limit exceeded for installation ID 1.', RATE_DOCS),
  };
}
