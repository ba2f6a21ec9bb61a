import { ConfigError, ExternalError } from '../../core/errors.js';
import type { ProviderConfig } from '../../core/policy/types.js';
import { problem, quote, type Problem } from '../../core/problem.js';
import { createGitHubClient, type GitHubClient } from '../../github/octokit.js';
import { identityFor } from '../identity.js';
import type { Access, Provider, ProviderDeps, ProviderFactory } from '../types.js';
import { githubError, statusOf } from './errors.js';
import * as schema from './schema.js';

type TeamRole = 'member' | 'maintainer';

interface TeamTarget {
  team: string;
  role: TeamRole;
  exclusive: boolean;
}

/** One team and the roles whose grants put people in it. */
interface TeamPlan {
  slug: string;
  roles: { role: string; target: Record<string, unknown> }[];
  /** grantops owns the whole team: any member without a grant is drift. */
  exclusive: boolean;
}

/** A person GitHub shows in a team: an active member or a pending invitee. */
interface Present {
  login: string;
  state: 'active' | 'pending';
}

function teamTarget(target: Record<string, unknown>): TeamTarget {
  return {
    team: String(target.team).toLowerCase(),
    role: target.role === 'maintainer' ? 'maintainer' : 'member',
    exclusive: target.exclusive === true,
  };
}

/**
 * Access as membership in a GitHub team. GitHub cannot record who added a member, so grantops
 * treats as its own exactly the people with a landed grant for the team's roles (`deps.managed`);
 * anyone else in the team is never listed or removed, unless a role marks the team `exclusive`,
 * in which case grantops owns the team and removes members without a grant as drift.
 */
export class GitHubTeamProvider implements Provider {
  readonly type = 'github-team';
  readonly nativeExpiry = false;
  readonly name: string;
  private readonly org: string;
  private readonly tokenEnv: string;
  private readonly teams = new Map<string, TeamPlan>();
  /** role → logins with a landed grant of that role. */
  private readonly managed = new Map<string, string[]>();

  constructor(
    private readonly config: ProviderConfig,
    deps: ProviderDeps,
    private readonly client: GitHubClient,
    private readonly report: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
  ) {
    this.name = config.name;
    this.org = String(config.settings.org);
    this.tokenEnv = String(config.settings.token_env);
    for (const { role, target } of [...deps.targets].sort((a, b) => a.role.localeCompare(b.role))) {
      const t = teamTarget(target);
      const plan = this.teams.get(t.team) ?? { slug: t.team, roles: [], exclusive: false };
      plan.roles.push({ role, target });
      plan.exclusive ||= t.exclusive; // one exclusive role makes the team grantops-owned
      this.teams.set(t.team, plan);
    }
    for (const key of deps.managed ?? []) {
      const slash = key.indexOf('/');
      const role = key.slice(0, slash);
      this.managed.set(role, [
        ...(this.managed.get(role) ?? []),
        key.slice(slash + 1).toLowerCase(),
      ]);
    }
  }

  /**
   * One paginated read of members and one of invitations per team, whatever the number of
   * grants: pending invitees count as granted (GitHub keeps them out of the member list).
   */
  async list(): Promise<Access[]> {
    const out: Access[] = [];
    for (const plan of this.teams.values()) {
      const present = await this.readTeam(plan.slug);
      const claimed = new Set<string>();
      for (const { role, target } of plan.roles) {
        for (const login of this.managed.get(role) ?? []) {
          const identity = identityFor(this.config, login);
          if (!present.has(identity.toLowerCase())) continue;
          claimed.add(identity.toLowerCase());
          out.push({ role, login, identity, target });
        }
      }
      if (!plan.exclusive) continue;
      const owner = plan.roles.find((r) => teamTarget(r.target).exclusive) ?? plan.roles[0];
      for (const [key, p] of present) {
        if (claimed.has(key) || !owner) continue;
        this.report(
          `grantops: ${this.name}: ${p.login} is ${p.state === 'pending' ? 'invited to' : 'a member of'} ${this.org}/${plan.slug} without a grant; the team is exclusive to grantops, so this is drift to remove`,
        );
        out.push({ role: owner.role, login: key, identity: p.login, target: owner.target });
      }
    }
    return out;
  }

  async grant(access: Access): Promise<void> {
    const t = teamTarget(access.target);
    const user = access.identity;
    const current = await this.membership(t.team, user);
    // A maintainer already has everything a member has: never demote someone on a grant.
    if (current && (current.role === t.role || current.role === 'maintainer')) return;
    const doing = `adding ${user} to team ${this.org}/${t.team} as ${t.role}`;
    try {
      // For someone outside the organization this does not fail: GitHub sends an invitation
      // and the membership is `pending` until they accept. grantops counts that as granted
      // (the person can do nothing more about it) and lists it; revoke cancels it.
      await this.client.rest.teams.addOrUpdateMembershipForUserInOrg({
        org: this.org,
        team_slug: t.team,
        username: user,
        role: t.role,
      });
    } catch (e) {
      if (statusOf(e) === 404) throw await this.notFound(t.team, user, doing);
      throw githubError(e, {
        doing,
        tokenEnv: this.tokenEnv,
        membershipWriteOn: `${this.org}/${t.team}`,
      });
    }
  }

  async revoke(access: Access): Promise<void> {
    const t = teamTarget(access.target);
    const exclusive = t.exclusive || this.teams.get(t.team)?.exclusive === true;
    const managed = this.managed.get(access.role)?.includes(access.login.toLowerCase()) === true;
    // Never touch membership grantops did not give, unless it owns the whole team.
    if (!managed && !exclusive) return;
    const user = access.identity;
    const current = await this.membership(t.team, user);
    if (!current) return;
    const doing = `removing ${user} from team ${this.org}/${t.team}`;
    try {
      if (current.state === 'pending' && (await this.cancelInvitation(t.team, user))) return;
      await this.client.rest.teams.removeMembershipForUserInOrg({
        org: this.org,
        team_slug: t.team,
        username: user,
      });
    } catch (e) {
      if (statusOf(e) === 404) return; // removed meanwhile: the goal is reached
      throw githubError(e, {
        doing,
        tokenEnv: this.tokenEnv,
        membershipWriteOn: `${this.org}/${t.team}`,
      });
    }
  }

  /** Every team the roles name must exist and be visible to the token. */
  async check(): Promise<Problem[]> {
    const problems: Problem[] = [];
    for (const plan of this.teams.values()) {
      try {
        await this.client.rest.teams.getByName({ org: this.org, team_slug: plan.slug });
      } catch (e) {
        if (statusOf(e) !== 404)
          throw githubError(e, {
            doing: `reading team ${this.org}/${plan.slug}`,
            tokenEnv: this.tokenEnv,
          });
        problems.push(
          problem(
            this.config.origin.file,
            this.config.origin.at,
            'E_GITHUB_TEAM_NOT_FOUND',
            `Provider ${quote(this.name)}: team ${quote(plan.slug)} does not exist in ${this.org}, or the GitHub App cannot see it (roles ${plan.roles.map((r) => r.role).join(', ')}). Create the team or fix the role's grant.team.`,
          ),
        );
      }
    }
    return problems;
  }

  /** Members (active) and invitees (pending) of a team, keyed by lower-case login. */
  private async readTeam(slug: string): Promise<Map<string, Present>> {
    const params = { org: this.org, team_slug: slug, per_page: 100 };
    try {
      const members = await this.client.paginate(this.client.rest.teams.listMembersInOrg, params);
      const invitations = await this.client.paginate(
        this.client.rest.teams.listPendingInvitationsInOrg,
        params,
      );
      const present = new Map<string, Present>();
      // Invitations by email have no login until the person signs up: nobody to match yet.
      for (const i of invitations)
        if (i.login) present.set(i.login.toLowerCase(), { login: i.login, state: 'pending' });
      for (const m of members)
        present.set(m.login.toLowerCase(), { login: m.login, state: 'active' });
      return present;
    } catch (e) {
      if (statusOf(e) === 404)
        throw await this.notFound(slug, null, `listing team ${this.org}/${slug}`);
      throw githubError(e, { doing: `listing team ${this.org}/${slug}`, tokenEnv: this.tokenEnv });
    }
  }

  private async membership(
    team: string,
    user: string,
  ): Promise<{ state: string; role: string } | null> {
    try {
      const { data } = await this.client.rest.teams.getMembershipForUserInOrg({
        org: this.org,
        team_slug: team,
        username: user,
      });
      return data;
    } catch (e) {
      // 404 means "no membership" but also "no such team": the write that follows tells them apart.
      if (statusOf(e) === 404) return null;
      throw githubError(e, {
        doing: `reading ${user}'s membership of ${this.org}/${team}`,
        tokenEnv: this.tokenEnv,
      });
    }
  }

  /**
   * Removing a pending membership leaves the organization invitation behind (GitHub only takes
   * the team off it), and that invitation would still let the person join the organization.
   * When this team is the invitation's only team, the invitation exists for this grant alone,
   * so it is cancelled instead. Returns false when some other team shares the invitation.
   */
  private async cancelInvitation(team: string, user: string): Promise<boolean> {
    const invitations = await this.client.paginate(
      this.client.rest.teams.listPendingInvitationsInOrg,
      {
        org: this.org,
        team_slug: team,
        per_page: 100,
      },
    );
    const invitation = invitations.find((i) => i.login?.toLowerCase() === user.toLowerCase());
    if (!invitation || invitation.team_count > 1) return false;
    await this.client.rest.orgs.cancelInvitation({ org: this.org, invitation_id: invitation.id });
    return true;
  }

  /** GitHub answers 404 for a missing team and a missing user alike; ask which it was. */
  private async notFound(team: string, user: string | null, doing: string): Promise<ExternalError> {
    let teamExists = false;
    try {
      await this.client.rest.teams.getByName({ org: this.org, team_slug: team });
      teamExists = true;
    } catch (e) {
      if (statusOf(e) !== 404) throw githubError(e, { doing, tokenEnv: this.tokenEnv });
    }
    if (!teamExists || user === null) {
      return new ExternalError(
        'E_GITHUB_TEAM_NOT_FOUND',
        `GitHub has no team ${this.org}/${team} visible to the token in ${this.tokenEnv} (while ${doing}). Create the team, fix the role's grant.team, or install the GitHub App on ${this.org}.`,
      );
    }
    return new ExternalError(
      'E_GITHUB_USER_NOT_FOUND',
      `GitHub has no user ${quote(user)} (while ${doing}). Check provider ${quote(this.name)}'s login template or users override for this person.`,
    );
  }
}

export const githubTeamProvider: ProviderFactory = {
  type: 'github-team',
  settings: schema.settings,
  grant: schema.grant,
  create(config, deps) {
    const tokenEnv = String(config.settings.token_env);
    const token = deps.env[tokenEnv];
    if (!token) {
      throw new ConfigError(
        `Provider ${quote(config.name)} (github-team): the environment variable ${tokenEnv} is not set. It must hold a GitHub App installation token with the organization permission "Members: read and write" (GITHUB_TOKEN cannot manage teams), e.g. from actions/create-github-app-token.`,
      );
    }
    const urlEnv = config.settings.api_url_env as string | undefined;
    const baseUrl = urlEnv ? deps.env[urlEnv] : undefined;
    if (urlEnv && !baseUrl) {
      throw new ConfigError(
        `Provider ${quote(config.name)} (github-team): the environment variable ${urlEnv} (api_url_env) is not set. It must hold the API root, e.g. https://github.example.com/api/v3.`,
      );
    }
    const client = createGitHubClient({
      token,
      ...(baseUrl ? { baseUrl } : {}),
      // An injected fetch is a test double (ProviderDeps.fetch): GitHub's pacing and retry
      // delays protect the real API only, and tests must never sleep.
      ...(deps.fetch ? { fetch: deps.fetch, noWait: true } : {}),
    });
    return new GitHubTeamProvider(config, deps, client);
  },
};
