import {
  forbidden,
  HttpError,
  errorBody,
  json,
  noContent,
  notFound,
  paginate,
  validationFailed,
} from './http.js';
import type { Context, Route } from './router.js';
import { route } from './router.js';
import { organizationInvitation, simpleUser, teamFull, teamMembership, teamUrl } from './shapes.js';
import type { Team, TeamRole } from './store.js';

/**
 * Teams and team memberships (https://docs.github.com/rest/teams). The quirks reproduced
 * here are the ones grantops must cope with:
 * - Adding someone who is not in the organization does not fail: GitHub invites them to the
 *   organization and the membership is `pending` until they accept. Pending members are not in
 *   `GET …/members`; they appear in `GET …/invitations`.
 * - Removing a pending membership takes the team off the invitation, but the organization
 *   invitation itself stays (only `DELETE /orgs/{org}/invitations/{id}` cancels it).
 * - Teams synced with an identity provider answer 403 to every membership write.
 * - Every team endpoint is also served at `/organizations/{org_id}/team/{team_id}/…`, the form
 *   GitHub uses in `Link` headers.
 */

const DOCS = {
  team: 'https://docs.github.com/rest/teams/teams#get-a-team-by-name',
  members: 'https://docs.github.com/rest/teams/members#list-team-members',
  invitations: 'https://docs.github.com/rest/teams/members#list-pending-team-invitations',
  get: 'https://docs.github.com/rest/teams/members#get-team-membership-for-a-user',
  put: 'https://docs.github.com/rest/teams/members#add-or-update-team-membership-for-a-user',
  delete: 'https://docs.github.com/rest/teams/members#remove-team-membership-for-a-user',
};

const byId = (suffix: string) => [`/organizations/{org_id}/team/{team_id}${suffix}`];

function findTeam(ctx: Context, docs: string): Team {
  const { org, team_slug, org_id, team_id } = ctx.params;
  const team =
    org !== undefined && team_slug !== undefined
      ? ctx.store.team(org, team_slug)
      : ctx.store.teamById(Number(org_id), Number(team_id));
  if (!team) throw notFound(docs);
  return team;
}

/** Membership writes: the token must be allowed to write, and the team must not be IdP-synced. */
function writableTeam(ctx: Context, docs: string): Team {
  const team = findTeam(ctx, docs);
  if (!ctx.actor.canWrite) throw forbidden('Resource not accessible by integration', docs);
  if (team.idpSynced) {
    // GitHub documents a 403 here ("Forbidden if team synchronization is set up") but not its
    // wording; this message is the fake's own, so clients must not match on it.
    throw forbidden(
      `The membership of team ${team.slug} is synchronized with an identity provider and cannot be changed through the API.`,
      docs,
    );
  }
  return team;
}

function getTeam(ctx: Context) {
  return json(teamFull(ctx.origin, findTeam(ctx, DOCS.team)));
}

function listMembers(ctx: Context) {
  const team = findTeam(ctx, DOCS.members);
  const role = ctx.req.url.searchParams.get('role') ?? 'all';
  const members = [...team.members]
    .filter(([, r]) => role === 'all' || r === role)
    .map(([login]) => ctx.store.account(login))
    .filter((a) => a !== undefined)
    .sort((a, b) => a.id - b.id)
    .map((a) => simpleUser(ctx.origin, a));
  return paginate(ctx.req, members, new URL(`${teamUrl(ctx.origin, team)}/members`));
}

function listInvitations(ctx: Context) {
  const team = findTeam(ctx, DOCS.invitations);
  const invitations = ctx.store
    .teamInvitations(team)
    .map((i) => organizationInvitation(ctx.origin, i));
  return paginate(ctx.req, invitations, new URL(`${teamUrl(ctx.origin, team)}/invitations`));
}

function getMembership(ctx: Context) {
  const team = findTeam(ctx, DOCS.get);
  const login = ctx.params.username as string;
  const m = ctx.store.membership(team, login);
  if (!m) throw notFound(DOCS.get);
  return json(teamMembership(ctx.origin, team, ctx.store.account(login)?.login ?? login, m));
}

function putMembership(ctx: Context) {
  const team = writableTeam(ctx, DOCS.put);
  const body = (ctx.req.body ?? {}) as { role?: unknown };
  const role = (body.role ?? 'member') as TeamRole;
  if (role !== 'member' && role !== 'maintainer') {
    throw new HttpError(
      422,
      errorBody(
        422,
        `Invalid request.\n\nFor 'properties/role', ${JSON.stringify(body.role)} is not one of ["member", "maintainer"].`,
        DOCS.put,
      ),
    );
  }
  const account = ctx.store.account(ctx.params.username as string);
  if (!account) throw notFound(DOCS.put);
  if (account.type === 'Organization') {
    throw validationFailed(DOCS.put, [{ resource: 'TeamMember', field: 'user', code: 'invalid' }]);
  }
  if (team.org.members.has(account.login.toLowerCase())) {
    team.members.set(account.login.toLowerCase(), role);
  } else {
    ctx.store.invite(team.org.login, account.login, ctx.store.account(ctx.actor.login) ?? account, [
      { team, role },
    ]);
  }
  const m = ctx.store.membership(team, account.login);
  return json(teamMembership(ctx.origin, team, account.login, m ?? { state: 'active', role }));
}

function deleteMembership(ctx: Context) {
  const team = writableTeam(ctx, DOCS.delete);
  const login = (ctx.params.username as string).toLowerCase();
  if (team.members.delete(login)) return noContent();
  const invitation = ctx.store.invitationFor(team.org, login);
  if (invitation?.teams.delete(team.id)) return noContent();
  // Undocumented: removing someone who has no membership. The fake answers 404, so a client
  // must treat "not found" on removal as already removed.
  throw notFound(DOCS.delete);
}

export const teamRoutes: Route[] = [
  route('GET', '/orgs/{org}/teams/{team_slug}', DOCS.team, getTeam, byId('')),
  route(
    'GET',
    '/orgs/{org}/teams/{team_slug}/members',
    DOCS.members,
    listMembers,
    byId('/members'),
  ),
  route(
    'GET',
    '/orgs/{org}/teams/{team_slug}/invitations',
    DOCS.invitations,
    listInvitations,
    byId('/invitations'),
  ),
  route(
    'GET',
    '/orgs/{org}/teams/{team_slug}/memberships/{username}',
    DOCS.get,
    getMembership,
    byId('/memberships/{username}'),
  ),
  route(
    'PUT',
    '/orgs/{org}/teams/{team_slug}/memberships/{username}',
    DOCS.put,
    putMembership,
    byId('/memberships/{username}'),
  ),
  route(
    'DELETE',
    '/orgs/{org}/teams/{team_slug}/memberships/{username}',
    DOCS.delete,
    deleteMembership,
    byId('/memberships/{username}'),
  ),
];
