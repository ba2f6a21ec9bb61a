import { randomBytes } from 'node:crypto';
import { addApp, install, verifyJwt, type App, type NewApp } from './apps.js';
import { appRoutes } from './app-routes.js';
import { checkRoutes } from './checks.js';
import { commitRoutes } from './commits.js';
import { contentRoutes } from './contents.js';
import { environmentRoutes } from './environments.js';
import { failure, type Fault } from './faults.js';
import { errorBody, HttpError, type FakeRequest, type FakeResponse } from './http.js';
import { issueRoutes } from './issues.js';
import { mergeRoutes } from './merge.js';
import { orgRoutes } from './orgs.js';
import { pullRoutes } from './pulls.js';
import { refRoutes } from './refs.js';
import type { Repo } from './repo.js';
import { reviewRoutes } from './reviews.js';
import { Router, type Route } from './router.js';
import { settingsRoutes } from './settings.js';
import { Store, type Account, type Actor } from './store.js';
import { teamRoutes } from './teams.js';
import { userRoutes } from './users.js';

export { Store } from './store.js';
export type { Actor, Team, TeamRole, Account } from './store.js';
export type { Route } from './router.js';
export type { App, Installation } from './apps.js';
export type { Repo } from './repo.js';
export type { Fault } from './faults.js';

/**
 * An in-memory GitHub REST API served as a `fetch` function, so tests run the real Octokit
 * (its pagination, retry and throttling plugins, its error paths) against state they can seed
 * and inspect. It checks the Authorization header, paginates like GitHub (`per_page`, `page`,
 * `Link`), answers errors with GitHub's JSON bodies, can be told to rate-limit, and records
 * every call so tests can count requests and prove that nothing was written.
 *
 * Resource families live in one module each (teams.ts, pulls.ts, checks.ts, …) and contribute
 * routes; add a family by writing a module that exports `Route[]` and listing it in
 * `familyRoutes`. Repositories are real bare git repositories (repo.ts), so clients can
 * `git fetch` what the API describes.
 */
export const familyRoutes: readonly Route[] = [
  ...teamRoutes,
  ...orgRoutes,
  ...pullRoutes,
  ...reviewRoutes,
  ...mergeRoutes,
  ...checkRoutes,
  ...issueRoutes,
  ...refRoutes,
  ...contentRoutes,
  ...commitRoutes,
  ...settingsRoutes,
  ...environmentRoutes,
  ...appRoutes,
  ...userRoutes,
];

export interface RecordedCall {
  method: string;
  /** Path below the API root, without the query. */
  path: string;
  query: string;
  /** `METHOD /openapi/path` of the route that served it, or null when none matched. */
  operation: string | null;
  status: number;
  requestBody: unknown;
  responseBody: unknown;
  responseHeaders: Record<string, string>;
}

export interface FakeGitHubOptions {
  /** The API root clients use (default https://api.github.com); GHES roots end in /api/v3. */
  origin?: string;
  /** Extra routes of resource families not listed in `familyRoutes`. */
  routes?: readonly Route[];
}

export class FakeGitHub {
  readonly store = new Store();
  readonly calls: RecordedCall[] = [];
  readonly origin: string;
  readonly router: Router;
  private readonly tokens = new Map<string, Actor>();
  private readonly faults: Fault[] = [];
  private requestCount = 0;

  constructor(options: FakeGitHubOptions = {}) {
    this.origin = (options.origin ?? 'https://api.github.com').replace(/\/+$/, '');
    this.router = new Router([...familyRoutes, ...(options.routes ?? [])]);
  }

  /** Accepts `token` as acting for `login` (an app installation acts as its bot account). */
  addToken(
    token: string,
    login: string,
    options: { canWrite?: boolean; app?: App; admin?: boolean } = {},
  ): void {
    if (!this.store.account(login))
      this.store.addUser(login, login.endsWith('[bot]') ? 'Bot' : 'User');
    this.tokens.set(token, {
      token,
      login,
      canWrite: options.canWrite ?? true,
      ...(options.app ? { app: options.app } : {}),
      ...(options.admin ? { admin: true } : {}),
    });
  }

  /** A GitHub App owned by `owner` with a fresh key pair (see apps.ts). */
  addApp(slug: string, owner: string, options?: Parameters<typeof addApp>[3]): NewApp {
    return addApp(this.store, slug, this.store.mustAccount(owner), options);
  }

  /** Installs `app` on `account` (all its repositories unless some are named). */
  install(app: App, account: string, repositories?: Repo[]) {
    return install(this.store, app, this.store.mustAccount(account), repositories);
  }

  /** Mints an installation token for `app`, as `POST …/access_tokens` would. */
  installationToken(app: App, token = `ghs_${randomBytes(18).toString('base64url')}`): string {
    this.addToken(token, app.bot.login, { app });
    return token;
  }

  /** The account a token acts as. */
  accountOf(token: string): Account {
    const actor = this.tokens.get(token);
    if (!actor) throw new Error('fake GitHub: unknown token');
    return this.store.mustAccount(actor.login);
  }

  /** Deletes the repositories' git directories. */
  dispose(): void {
    for (const repo of this.store.repos.values()) repo.git.dispose();
  }

  /** The real time, for JWTs: clients sign them with the clock GitHub checks them against. */
  jwtNow: () => number = () => Math.floor(Date.now() / 1000);

  /** Makes the next matching requests fail as GitHub does under load. */
  fail(fault: Fault): void {
    this.faults.push({ ...fault });
  }

  /** Calls that changed (or tried to change) state. */
  writes(): RecordedCall[] {
    return this.calls.filter((c) => c.method !== 'GET' && c.method !== 'HEAD');
  }

  clearCalls(): void {
    this.calls.length = 0;
  }

  /** The `fetch` to hand to Octokit (`request: { fetch }`). */
  readonly fetch: typeof fetch = async (input, init) => this.handle(new Request(input, init));

  private async handle(request: Request): Promise<Response> {
    const url = new URL(request.url);
    if (!url.href.startsWith(`${this.origin}/`)) {
      // A test must never reach the network: fail like fetch does for an unreachable host.
      throw new TypeError(`fetch failed: the fake GitHub serves ${this.origin}, not ${url.origin}`);
    }
    const path = url.pathname.slice(new URL(this.origin).pathname.replace(/\/$/, '').length);
    const text = await request.text();
    const call: RecordedCall = {
      method: request.method,
      path,
      query: url.search,
      operation: null,
      status: 0,
      requestBody: text ? safeJson(text) : undefined,
      responseBody: undefined,
      responseHeaders: {},
    };
    const res = this.respond(request, url, path, call);
    const headers = { ...this.standardHeaders(), ...res.headers };
    Object.assign(call, { status: res.status, responseBody: res.body, responseHeaders: headers });
    this.calls.push(call);
    const body = res.status === 204 || res.body === undefined ? null : JSON.stringify(res.body);
    return new Response(body, { status: res.status, headers });
  }

  private respond(request: Request, url: URL, path: string, call: RecordedCall): FakeResponse {
    try {
      const matched = this.router.match(request.method, path);
      call.operation = matched.route.operation;
      const actor = this.authenticate(request.headers);
      const fault = this.takeFault(request.method, path);
      if (fault && !fault.afterHandling) return failure(fault);
      if (call.requestBody instanceof SyntaxError) {
        throw new HttpError(400, errorBody(400, 'Problems parsing JSON', matched.route.docs));
      }
      const req: FakeRequest = {
        method: request.method,
        url,
        headers: request.headers,
        body: call.requestBody,
      };
      const answer = matched.route.handler({
        req,
        params: matched.params,
        store: this.store,
        actor,
        origin: this.origin,
        mintToken: (app) => this.installationToken(app),
      });
      return fault ? failure(fault) : answer;
    } catch (e) {
      if (e instanceof HttpError) return { status: e.status, body: e.body, headers: e.headers };
      throw e;
    }
  }

  private authenticate(headers: Headers): Actor {
    // GitHub refuses requests without a User-Agent before looking at anything else.
    if (!headers.get('user-agent')) {
      throw new HttpError(
        403,
        errorBody(
          403,
          'Request forbidden by administrative rules. Please make sure your request has a User-Agent header',
        ),
      );
    }
    const auth = /^(?:token|bearer)\s+(\S+)$/i.exec(headers.get('authorization') ?? '');
    if (!auth) throw new HttpError(401, errorBody(401, 'Requires authentication'));
    const token = auth[1] as string;
    const actor = this.tokens.get(token);
    if (actor) return actor;
    if (token.split('.').length === 3) {
      // An App's JSON Web Token: it authenticates as the App itself, for the /app endpoints.
      const verdict = verifyJwt(this.store, token, this.jwtNow());
      if ('refused' in verdict) throw new HttpError(401, errorBody(401, verdict.refused));
      return { token, login: verdict.app.slug, canWrite: false, jwtApp: verdict.app };
    }
    throw new HttpError(401, errorBody(401, 'Bad credentials'));
  }

  private takeFault(method: string, path: string): Fault | undefined {
    const fault = this.faults.find(
      (f) => f.times > 0 && (!f.method || f.method === method) && (!f.path || f.path.test(path)),
    );
    if (fault) fault.times--;
    return fault;
  }

  private standardHeaders(): Record<string, string> {
    this.requestCount++;
    return {
      'content-type': 'application/json; charset=utf-8',
      'x-github-api-version-selected': '2022-11-28',
      'x-github-request-id': `FAKE:${this.requestCount.toString(16).toUpperCase().padStart(6, '0')}`,
      'x-ratelimit-limit': '5000',
      'x-ratelimit-remaining': String(Math.max(0, 5000 - this.requestCount)),
      'x-ratelimit-used': String(this.requestCount),
      'x-ratelimit-resource': 'core',
      'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 3600),
    };
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    return e;
  }
}

export function createFakeGitHub(options?: FakeGitHubOptions): FakeGitHub {
  return new FakeGitHub(options);
}
