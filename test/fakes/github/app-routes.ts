import { bodyOf } from './access.js';
import { installationFor, type App } from './apps.js';
import { errorBody, HttpError, json, notFound, validationFailed } from './http.js';
import { integration } from './repo-shapes.js';
import { route, type Context, type Route } from './router.js';
import { simpleUser } from './shapes.js';

/**
 * The endpoints a GitHub App calls as itself, with a JWT signed by its private key
 * (https://docs.github.com/rest/apps/apps): who it is, where it is installed, and an
 * installation access token. Other tokens are refused here, and a JWT is refused elsewhere.
 */

const DOCS = {
  app: 'https://docs.github.com/rest/apps/apps#get-the-authenticated-app',
  token: 'https://docs.github.com/rest/apps/apps#create-an-installation-access-token-for-an-app',
  installation:
    'https://docs.github.com/rest/apps/apps#get-a-repository-installation-for-the-authenticated-app',
};

function jwtApp(ctx: Context, docs: string): App {
  const app = ctx.actor.jwtApp;
  if (!app) {
    throw new HttpError(401, errorBody(401, 'A JSON web token could not be decoded', docs));
  }
  return app;
}

function getApp(ctx: Context) {
  return json(integration(jwtApp(ctx, DOCS.app), ctx.origin));
}

function createToken(ctx: Context) {
  const app = jwtApp(ctx, DOCS.token);
  const inst = app.installations.find((i) => i.id === Number(ctx.params.installation_id));
  if (!inst) throw notFound(DOCS.token);
  const asked = bodyOf(ctx).permissions as Record<string, string> | undefined;
  const permissions = asked ?? app.permissions;
  for (const [k, v] of Object.entries(permissions)) {
    const has = app.permissions[k];
    if (!has || (v === 'write' && has !== 'write')) {
      throw validationFailed(DOCS.token, [
        {
          resource: 'Installation',
          field: 'permissions',
          code: 'custom',
          message: 'The permissions requested are not granted to this installation.',
        },
      ]);
    }
  }
  const token = ctx.mintToken(app);
  return json(
    {
      token,
      expires_at: new Date(Date.now() + 3600_000).toISOString().replace(/\.\d{3}Z$/, 'Z'),
      permissions,
      repository_selection: inst.repositories === 'all' ? 'all' : 'selected',
    },
    201,
  );
}

function repoInstallation(ctx: Context) {
  const app = jwtApp(ctx, DOCS.installation);
  const repo = ctx.store.repo(ctx.params.owner as string, ctx.params.repo as string);
  const inst = repo && installationFor(app, repo);
  if (!inst) throw notFound(DOCS.installation);
  return json({
    id: inst.id,
    account: simpleUser(ctx.origin, inst.account),
    repository_selection: inst.repositories === 'all' ? 'all' : 'selected',
    access_tokens_url: `${ctx.origin}/app/installations/${inst.id}/access_tokens`,
    repositories_url: `${ctx.origin}/installation/repositories`,
    html_url: `https://github.com/settings/installations/${inst.id}`,
    app_id: app.id,
    client_id: app.clientId,
    target_id: inst.account.id,
    target_type: inst.account.type === 'Organization' ? 'Organization' : 'User',
    permissions: app.permissions,
    events: app.events,
    created_at: inst.createdAt,
    updated_at: inst.createdAt,
    single_file_name: null,
    app_slug: app.slug,
    suspended_by: null,
    suspended_at: null,
  });
}

export const appRoutes: Route[] = [
  route('GET', '/app', DOCS.app, getApp),
  route('POST', '/app/installations/{installation_id}/access_tokens', DOCS.token, createToken),
  route('GET', '/repos/{owner}/{repo}/installation', DOCS.installation, repoInstallation),
];
