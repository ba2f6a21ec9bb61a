import { notFound, type FakeRequest, type FakeResponse } from './http.js';
import type { App } from './apps.js';
import type { Actor, Store } from './store.js';

/** What a handler is given: the request, its path parameters, the store and who is calling. */
export interface Context {
  req: FakeRequest;
  params: Record<string, string>;
  store: Store;
  actor: Actor;
  /** The API root the client used, e.g. https://api.github.com, for URLs in responses. */
  origin: string;
  /** Registers a new installation token for `app` and returns it. */
  mintToken(app: App): string;
}

export type Handler = (ctx: Context) => FakeResponse;

export interface Route {
  method: string;
  /** The OpenAPI path, e.g. `/orgs/{org}/teams/{team_slug}/members`. */
  path: string;
  /** `METHOD path`: the operation's key in the OpenAPI fixture. */
  operation: string;
  /** GitHub's documentation page for the endpoint, quoted in its error bodies. */
  docs: string;
  handler: Handler;
  /** Other paths GitHub serves the same operation at (the id-based team URLs its links use). */
  aliases: string[];
  /** True for requests that change state. */
  write: boolean;
}

/**
 * Declares one endpoint. Keep the first two arguments string literals on one line:
 * `scripts/github-openapi.mjs` finds the endpoints the fake serves by reading these calls.
 */
export function route(
  method: string,
  path: string,
  docs: string,
  handler: Handler,
  aliases: string[] = [],
): Route {
  return {
    method,
    path,
    operation: `${method} ${path}`,
    docs,
    handler,
    aliases,
    write: method !== 'GET',
  };
}

const GREEDY = new Set(['ref', 'path', 'branch']);

interface Compiled {
  route: Route;
  method: string;
  regex: RegExp;
  names: string[];
}

function compile(route: Route, path: string): Compiled {
  const names: string[] = [];
  const source = path
    .split('/')
    .map((segment) => {
      const param = /^\{(\w+)\}$/.exec(segment);
      if (!param) return segment.replace(/[.*+?^$()|[\]\\]/g, '\\$&');
      names.push(param[1] as string);
      // A ref, a file path or a branch may hold slashes, sent raw or as %2F.
      return GREEDY.has(param[1] as string) ? '(.+)' : '([^/]+)';
    })
    .join('/');
  return { route, method: route.method, regex: new RegExp(`^${source}/?$`), names };
}

/** A small method + path router over the routes of every resource family. */
export class Router {
  private readonly table: Compiled[];

  constructor(readonly routes: readonly Route[]) {
    this.table = routes.flatMap((r) => [r.path, ...r.aliases].map((p) => compile(r, p)));
  }

  match(method: string, pathname: string): { route: Route; params: Record<string, string> } {
    for (const c of this.table) {
      if (c.method !== method) continue;
      const m = c.regex.exec(pathname);
      if (!m) continue;
      const params: Record<string, string> = {};
      c.names.forEach((n, i) => (params[n] = decodeURIComponent(m[i + 1] ?? '')));
      return { route: c.route, params };
    }
    // GitHub answers an unknown route with 404 Not Found, like a missing resource.
    throw notFound();
  }
}
