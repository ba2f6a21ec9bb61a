import type { Account, Invitation, Org, Team, TeamRole } from './store.js';

/**
 * The JSON GitHub returns for each kind of object, built from the store. Field sets follow
 * GitHub's OpenAPI description (`simple-user`, `team-full`, `team-membership`,
 * `organization-invitation`); test/fakes/github-openapi.test.ts checks them against it.
 */

export const WEB = 'https://github.com';

/** `node_id`s are opaque base64 global ids; only their presence and type matter to clients. */
export const nodeId = (kind: string, id: number) => Buffer.from(`0${kind}${id}`).toString('base64');

export function simpleUser(api: string, a: Account) {
  // Bot logins end in "[bot]"; GitHub percent-encodes the brackets in URLs and links a bot's
  // page to its app.
  const u = `${api}/users/${encodeURIComponent(a.login)}`;
  return {
    login: a.login,
    id: a.id,
    node_id: nodeId(a.type === 'Organization' ? ':Organization' : ':User', a.id),
    avatar_url: `https://avatars.githubusercontent.com/u/${a.id}?v=4`,
    gravatar_id: '',
    url: u,
    html_url:
      a.type === 'Bot' ? `${WEB}/apps/${a.login.replace(/\[bot\]$/, '')}` : `${WEB}/${a.login}`,
    followers_url: `${u}/followers`,
    following_url: `${u}/following{/other_user}`,
    gists_url: `${u}/gists{/gist_id}`,
    starred_url: `${u}/starred{/owner}{/repo}`,
    subscriptions_url: `${u}/subscriptions`,
    organizations_url: `${u}/orgs`,
    repos_url: `${u}/repos`,
    events_url: `${u}/events{/privacy}`,
    received_events_url: `${u}/received_events`,
    type: a.type,
    user_view_type: 'public',
    site_admin: false,
  };
}

/** The id-based URL GitHub uses for a team in responses and in pagination links. */
export const teamUrl = (api: string, t: Team) => `${api}/organizations/${t.org.id}/team/${t.id}`;

function teamOrganization(api: string, o: Org) {
  const u = `${api}/orgs/${o.login}`;
  return {
    login: o.login,
    id: o.id,
    node_id: nodeId(':Organization', o.id),
    url: u,
    repos_url: `${u}/repos`,
    events_url: `${u}/events`,
    hooks_url: `${u}/hooks`,
    issues_url: `${u}/issues`,
    members_url: `${u}/members{/member}`,
    public_members_url: `${u}/public_members{/member}`,
    avatar_url: `https://avatars.githubusercontent.com/u/${o.id}?v=4`,
    description: null,
    html_url: `${WEB}/${o.login}`,
    has_organization_projects: true,
    has_repository_projects: true,
    public_repos: 0,
    public_gists: 0,
    followers: 0,
    following: 0,
    type: 'Organization',
    created_at: '2020-01-01T00:00:00Z',
    updated_at: '2026-01-01T00:00:00Z',
    archived_at: null,
  };
}

export function teamFull(api: string, t: Team) {
  const u = teamUrl(api, t);
  return {
    id: t.id,
    node_id: nodeId(':Team', t.id),
    url: u,
    html_url: `${WEB}/orgs/${t.org.login}/teams/${t.slug}`,
    name: t.name,
    slug: t.slug,
    description: t.description,
    privacy: 'closed',
    notification_setting: 'notifications_enabled',
    permission: 'pull',
    members_url: `${u}/members{/member}`,
    repositories_url: `${u}/repos`,
    parent: null,
    members_count: t.members.size,
    repos_count: 0,
    created_at: t.createdAt,
    updated_at: t.createdAt,
    organization: teamOrganization(api, t.org),
    type: 'organization',
    organization_id: t.org.id,
  };
}

export function teamMembership(
  api: string,
  t: Team,
  login: string,
  m: { state: string; role: TeamRole },
) {
  return { url: `${teamUrl(api, t)}/memberships/${login}`, role: m.role, state: m.state };
}

export function organizationInvitation(api: string, i: Invitation) {
  return {
    id: i.id,
    node_id: nodeId(':OrganizationInvitation', i.id),
    login: i.invitee.login,
    email: null,
    role: 'direct_member',
    created_at: i.createdAt,
    failed_at: null,
    failed_reason: null,
    inviter: simpleUser(api, i.inviter),
    team_count: i.teams.size,
    invitation_teams_url: `${api}/organizations/${i.org.id}/invitations/${i.id}/teams`,
    invitation_source: 'member',
  };
}
