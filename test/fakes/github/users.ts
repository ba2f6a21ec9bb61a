import { forbidden, json } from './http.js';
import { route, type Context, type Route } from './router.js';
import { simpleUser } from './shapes.js';

/**
 * The authenticated user (https://docs.github.com/rest/users/users): who a person's token acts
 * for. GitHub answers an installation token here with 403 "Resource not accessible by
 * integration": it acts for an App, not for a person. The profile fields the fake has no data
 * for are GitHub's values for an empty profile.
 */

const DOCS = {
  authenticated: 'https://docs.github.com/rest/users/users#get-the-authenticated-user',
};

const EPOCH = '2020-01-01T00:00:00Z';

function authenticatedUser(ctx: Context) {
  if (ctx.actor.app || ctx.actor.jwtApp)
    throw forbidden('Resource not accessible by integration', DOCS.authenticated);
  const account = ctx.store.mustAccount(ctx.actor.login);
  return json({
    ...simpleUser(ctx.origin, account),
    name: null,
    company: null,
    blog: '',
    location: null,
    email: null,
    hireable: null,
    bio: null,
    public_repos: 0,
    public_gists: 0,
    followers: 0,
    following: 0,
    created_at: EPOCH,
    updated_at: EPOCH,
  });
}

export const userRoutes: Route[] = [route('GET', '/user', DOCS.authenticated, authenticatedUser)];
