/**
 * HTTP pieces of the fake GitHub: the request a handler sees, the response it returns, and
 * GitHub's error bodies. GitHub's errors are JSON `{ message, documentation_url, status }`
 * (`status` is a string), and 422s add `errors: [{ resource, field, code }]`.
 */

export interface FakeRequest {
  method: string;
  url: URL;
  headers: Headers;
  /** Parsed JSON body, or undefined when there is none. */
  body: unknown;
}

export interface FakeResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** Thrown by handlers; the router turns it into GitHub's error response. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: Record<string, unknown>,
    readonly headers: Record<string, string> = {},
  ) {
    super(String(body.message));
  }
}

const DOCS = 'https://docs.github.com/rest';

export function errorBody(
  status: number,
  message: string,
  docs = DOCS,
  extra: Record<string, unknown> = {},
) {
  return { message, documentation_url: docs, status: String(status), ...extra };
}

export const notFound = (docs?: string) => new HttpError(404, errorBody(404, 'Not Found', docs));

export const forbidden = (message: string, docs?: string) =>
  new HttpError(403, errorBody(403, message, docs));

export function validationFailed(
  docs: string,
  errors: { resource: string; field?: string; code: string; message?: string }[],
): HttpError {
  return new HttpError(422, errorBody(422, 'Validation Failed', docs, { errors }));
}

export const json = (
  body: unknown,
  status = 200,
  headers: Record<string, string> = {},
): FakeResponse => ({
  status,
  body,
  headers,
});

export const noContent = (): FakeResponse => ({ status: 204 });

/** GitHub's `per_page` (default 30, at most 100) and `page` (from 1). */
function pageParams(url: URL): { perPage: number; page: number } {
  const perPage = Number.parseInt(url.searchParams.get('per_page') ?? '', 10);
  const page = Number.parseInt(url.searchParams.get('page') ?? '', 10);
  return {
    perPage: Number.isFinite(perPage) && perPage > 0 ? Math.min(perPage, 100) : 30,
    page: Number.isFinite(page) && page > 0 ? page : 1,
  };
}

/**
 * One page of `items` with GitHub's `Link` header. Like GitHub, the links may point at a
 * different URL than the one requested (`linkBase`): team endpoints page through
 * `/organizations/{org_id}/team/{team_id}/…`, so a client must follow the links it is given,
 * not rebuild them. Pages past the end are empty arrays, not errors.
 */
export function paginate<T>(req: FakeRequest, items: readonly T[], linkBase: URL): FakeResponse {
  const { perPage, page } = pageParams(req.url);
  const last = Math.max(1, Math.ceil(items.length / perPage));
  const slice = items.slice((page - 1) * perPage, page * perPage);
  const at = (n: number) => {
    const u = new URL(linkBase);
    for (const [k, v] of req.url.searchParams)
      if (k !== 'page' && k !== 'per_page') u.searchParams.set(k, v);
    u.searchParams.set('per_page', String(perPage));
    u.searchParams.set('page', String(n));
    return `<${u.toString()}>`;
  };
  const links: string[] = [];
  if (page > 1) links.push(`${at(Math.min(page - 1, last))}; rel="prev"`);
  if (page < last) links.push(`${at(page + 1)}; rel="next"`, `${at(last)}; rel="last"`);
  if (page > 1) links.push(`${at(1)}; rel="first"`);
  return json(slice, 200, links.length ? { link: links.join(', ') } : {});
}
