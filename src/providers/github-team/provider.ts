import { ConfigError } from '../../core/errors.js';
import type { ProviderConfig } from '../../core/policy/types.js';
import { problem, quote, type Problem } from '../../core/problem.js';
import { createGitHubClient, type GitHubLog } from '../../github/octokit.js';
import { identityFor } from '../../core/identity.js';
import type { Access, Provider, ProviderLog } from '../../core/provider.js';
import type { ProviderDeps, ProviderFactory } from '../types.js';
import * as schema from './schema.js';
import { TeamApi, type TeamRole } from './team-api.js';

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
  private readonly teams = new Map<string, TeamPlan>();
  /** role → logins with a landed grant of that role. */
  private readonly managed = new Map<string, Set<string>>();

  private readonly report: ProviderLog;

  constructor(
    private readonly config: ProviderConfig,
    deps: ProviderDeps,
    private readonly api: TeamApi,
  ) {
    this.name = config.name;
    this.report = deps.log ?? (() => {});
    this.org = String(config.settings.org);
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
      const logins = this.managed.get(role) ?? new Set<string>();
      logins.add(key.slice(slash + 1).toLowerCase());
      this.managed.set(role, logins);
    }
  }

  /**
   * One paginated read of members and one of invitations per team, whatever the number of
   * grants. Pending invitees count as granted: the person can do nothing more about it until
   * they accept, and revoke cancels the invitation.
   */
  async list(): Promise<Access[]> {
    const out: Access[] = [];
    for (const plan of this.teams.values()) {
      const present = await this.api.people(plan.slug);
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
      // Drift is listed under the exclusive role, so reconcile (which revokes what is listed
      // but has no grant) removes it and its plan shows who was removed.
      const owner = plan.roles.find((r) => teamTarget(r.target).exclusive) ?? plan.roles[0];
      for (const [key, p] of present) {
        if (claimed.has(key) || !owner) continue;
        const how = p.state === 'pending' ? 'invited to' : 'a member of';
        this.report(
          `grantops: ${this.name}: ${p.login} is ${how} ${this.org}/${plan.slug} without a grant; the team is exclusive to grantops, so this is drift to remove`,
        );
        out.push({ role: owner.role, login: key, identity: p.login, target: owner.target });
      }
    }
    return out;
  }

  async grant(access: Access): Promise<void> {
    const t = teamTarget(access.target);
    const current = await this.api.membership(t.team, access.identity);
    // A maintainer already has everything a member has: never demote someone on a grant.
    if (current && (current.role === t.role || current.role === 'maintainer')) return;
    await this.api.add(t.team, access.identity, t.role);
  }

  async revoke(access: Access): Promise<void> {
    const t = teamTarget(access.target);
    const exclusive = t.exclusive || this.teams.get(t.team)?.exclusive === true;
    const managed = this.managed.get(access.role)?.has(access.login.toLowerCase()) === true;
    // Never touch membership grantops did not give, unless it owns the whole team.
    if (!managed && !exclusive) return;
    const current = await this.api.membership(t.team, access.identity);
    if (!current) return;
    await this.api.remove(t.team, access.identity, current.state === 'pending');
  }

  /** Every team the roles name must exist and be visible to the token. */
  async check(): Promise<Problem[]> {
    const problems: Problem[] = [];
    for (const plan of this.teams.values()) {
      if (await this.api.teamExists(plan.slug)) continue;
      const roles = plan.roles.map((r) => r.role).join(', ');
      problems.push(
        problem(
          this.config.origin.file,
          this.config.origin.at,
          'E_PROVIDER_TARGET_MISSING',
          `Provider ${quote(this.name)}: team ${quote(plan.slug)} does not exist in ${this.org}, or the GitHub App cannot see it (roles ${roles}). Create the team or fix the role's grant.team.`,
        ),
      );
    }
    return problems;
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
      // Rate-limit notices go where the provider's other lines go, never to the process's stderr.
      log: clientLog(deps.log),
      // An injected fetch is a test double (ProviderDeps.fetch): GitHub's pacing and retry
      // delays protect the real API only, and tests must never sleep.
      ...(deps.fetch ? { fetch: deps.fetch, noWait: true } : {}),
    });
    const api = new TeamApi(client, String(config.settings.org), tokenEnv, config.name);
    return new GitHubTeamProvider(config, deps, api);
  },
};

/** The GitHub client's diagnostics through the provider's sink: only warnings matter there. */
function clientLog(log: ProviderLog | undefined): GitHubLog {
  const quiet = () => {};
  return {
    debug: quiet,
    info: quiet,
    warn: (message) => log?.(`grantops: github: ${message}`),
    // plugin-request-log reports every failed request, including the 404s a membership check
    // expects; the error itself reaches the caller, which decides whether it matters.
    error: quiet,
  };
}
