#!/usr/bin/env node
import { createRequire as __grantopsCreateRequire } from 'node:module'; const require = __grantopsCreateRequire(import.meta.url);
import {
  identityFor
} from "./chunk-SYGJAFQC.js";
import {
  githubError,
  statusOf
} from "./chunk-X4SEJDSL.js";
import {
  createGitHubClient
} from "./chunk-AS4FJDT4.js";
import {
  grant,
  settings
} from "./chunk-6J4V7PVO.js";
import "./chunk-MEJTM6IP.js";
import {
  ConfigError,
  ExternalError,
  problem
} from "./chunk-P6HFGWWX.js";
import {
  quote
} from "./chunk-LUMG572G.js";
import "./chunk-LC3XKIL7.js";

// src/providers/github-team/team-api.ts
var TeamApi = class {
  constructor(client, org, tokenEnv, providerName) {
    this.client = client;
    this.org = org;
    this.tokenEnv = tokenEnv;
    this.providerName = providerName;
  }
  client;
  org;
  tokenEnv;
  providerName;
  /**
   * Members and invitees of a team, keyed by lower-case login: one paginated read of each
   * (100 a page, following GitHub's Link headers). Pending invitees are not in the member list.
   */
  async people(slug) {
    const params = { org: this.org, team_slug: slug, per_page: 100 };
    const doing = `listing team ${this.org}/${slug}`;
    try {
      const teams = this.client.rest.teams;
      const members = await this.client.paginate(teams.listMembersInOrg, params);
      const invitations = await this.client.paginate(teams.listPendingInvitationsInOrg, params);
      const present = /* @__PURE__ */ new Map();
      for (const i of invitations) {
        if (i.login) present.set(i.login.toLowerCase(), { login: i.login, state: "pending" });
      }
      for (const m of members)
        present.set(m.login.toLowerCase(), { login: m.login, state: "active" });
      return present;
    } catch (e) {
      if (statusOf(e) === 404) throw await this.notFound(slug, null, doing);
      throw githubError(e, { doing, tokenEnv: this.tokenEnv });
    }
  }
  /** A user's membership of a team, or null when there is none. */
  async membership(team, user) {
    try {
      const { data } = await this.client.rest.teams.getMembershipForUserInOrg({
        org: this.org,
        team_slug: team,
        username: user
      });
      return data;
    } catch (e) {
      if (statusOf(e) === 404) return null;
      const doing = `reading ${user}'s membership of ${this.org}/${team}`;
      throw githubError(e, { doing, tokenEnv: this.tokenEnv });
    }
  }
  /**
   * Adds (or changes the role of) a member. For someone outside the organization this does not
   * fail: GitHub sends an invitation and the membership stays `pending` until it is accepted.
   */
  async add(team, user, role) {
    const doing = `adding ${user} to team ${this.org}/${team} as ${role}`;
    try {
      await this.client.rest.teams.addOrUpdateMembershipForUserInOrg({
        org: this.org,
        team_slug: team,
        username: user,
        role
      });
    } catch (e) {
      if (statusOf(e) === 404) throw await this.notFound(team, user, doing);
      throw githubError(e, {
        doing,
        tokenEnv: this.tokenEnv,
        membershipWriteOn: `${this.org}/${team}`
      });
    }
  }
  /**
   * Removes a membership. Removing a pending one only takes the team off the organization
   * invitation, which stays and would still let the person join the organization; when this
   * team is the invitation's only team, the invitation exists for this access alone and is
   * cancelled instead.
   */
  async remove(team, user, pending) {
    const doing = `removing ${user} from team ${this.org}/${team}`;
    try {
      if (pending && await this.cancelSoleInvitation(team, user)) return;
      await this.client.rest.teams.removeMembershipForUserInOrg({
        org: this.org,
        team_slug: team,
        username: user
      });
    } catch (e) {
      if (statusOf(e) === 404) return;
      throw githubError(e, {
        doing,
        tokenEnv: this.tokenEnv,
        membershipWriteOn: `${this.org}/${team}`
      });
    }
  }
  async teamExists(slug) {
    try {
      await this.client.rest.teams.getByName({ org: this.org, team_slug: slug });
      return true;
    } catch (e) {
      if (statusOf(e) === 404) return false;
      throw githubError(e, { doing: `reading team ${this.org}/${slug}`, tokenEnv: this.tokenEnv });
    }
  }
  async cancelSoleInvitation(team, user) {
    const invitations = await this.client.paginate(
      this.client.rest.teams.listPendingInvitationsInOrg,
      {
        org: this.org,
        team_slug: team,
        per_page: 100
      }
    );
    const invitation = invitations.find((i) => i.login?.toLowerCase() === user.toLowerCase());
    if (!invitation || invitation.team_count > 1) return false;
    await this.client.rest.orgs.cancelInvitation({ org: this.org, invitation_id: invitation.id });
    return true;
  }
  /** GitHub answers 404 for a missing team and a missing user alike; ask which it was. */
  async notFound(team, user, doing) {
    if (user === null || !await this.teamExists(team)) {
      return new ExternalError(
        "E_PROVIDER_TARGET_MISSING",
        `GitHub has no team ${this.org}/${team} visible to the token in ${this.tokenEnv} (while ${doing}). Create the team, fix the role's grant.team, or install the GitHub App on ${this.org}.`
      );
    }
    return new ExternalError(
      "E_PROVIDER_IDENTITY_MISSING",
      `GitHub has no user ${quote(user)} (while ${doing}). Check provider ${quote(this.providerName)}'s login template or users override for this person.`
    );
  }
};

// src/providers/github-team/provider.ts
function teamTarget(target) {
  return {
    team: String(target.team).toLowerCase(),
    role: target.role === "maintainer" ? "maintainer" : "member",
    exclusive: target.exclusive === true
  };
}
var GitHubTeamProvider = class {
  constructor(config, deps, api) {
    this.config = config;
    this.api = api;
    this.name = config.name;
    this.report = deps.log ?? (() => {
    });
    this.org = String(config.settings.org);
    for (const { role, target } of [...deps.targets].sort((a, b) => a.role.localeCompare(b.role))) {
      const t = teamTarget(target);
      const plan = this.teams.get(t.team) ?? { slug: t.team, roles: [], exclusive: false };
      plan.roles.push({ role, target });
      plan.exclusive ||= t.exclusive;
      this.teams.set(t.team, plan);
    }
    for (const key of deps.managed ?? []) {
      const slash = key.indexOf("/");
      const role = key.slice(0, slash);
      const logins = this.managed.get(role) ?? /* @__PURE__ */ new Set();
      logins.add(key.slice(slash + 1).toLowerCase());
      this.managed.set(role, logins);
    }
  }
  config;
  api;
  type = "github-team";
  nativeExpiry = false;
  name;
  org;
  teams = /* @__PURE__ */ new Map();
  /** role → logins with a landed grant of that role. */
  managed = /* @__PURE__ */ new Map();
  report;
  /**
   * One paginated read of members and one of invitations per team, whatever the number of
   * grants. Pending invitees count as granted: the person can do nothing more about it until
   * they accept, and revoke cancels the invitation.
   */
  async list() {
    const out = [];
    for (const plan of this.teams.values()) {
      const present = await this.api.people(plan.slug);
      const claimed = /* @__PURE__ */ new Set();
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
        const how = p.state === "pending" ? "invited to" : "a member of";
        this.report(
          `grantops: ${this.name}: ${p.login} is ${how} ${this.org}/${plan.slug} without a grant; the team is exclusive to grantops, so this is drift to remove`
        );
        out.push({ role: owner.role, login: key, identity: p.login, target: owner.target });
      }
    }
    return out;
  }
  async grant(access) {
    const t = teamTarget(access.target);
    const current = await this.api.membership(t.team, access.identity);
    if (current && (current.role === t.role || current.role === "maintainer")) return;
    await this.api.add(t.team, access.identity, t.role);
  }
  async revoke(access) {
    const t = teamTarget(access.target);
    const exclusive = t.exclusive || this.teams.get(t.team)?.exclusive === true;
    const managed = this.managed.get(access.role)?.has(access.login.toLowerCase()) === true;
    if (!managed && !exclusive) return;
    const current = await this.api.membership(t.team, access.identity);
    if (!current) return;
    await this.api.remove(t.team, access.identity, current.state === "pending");
  }
  /** Every team the roles name must exist and be visible to the token. */
  async check() {
    const problems = [];
    for (const plan of this.teams.values()) {
      if (await this.api.teamExists(plan.slug)) continue;
      const roles = plan.roles.map((r) => r.role).join(", ");
      problems.push(
        problem(
          this.config.origin.file,
          this.config.origin.at,
          "E_PROVIDER_TARGET_MISSING",
          `Provider ${quote(this.name)}: team ${quote(plan.slug)} does not exist in ${this.org}, or the GitHub App cannot see it (roles ${roles}). Create the team or fix the role's grant.team.`
        )
      );
    }
    return problems;
  }
};
var githubTeamProvider = {
  type: "github-team",
  settings,
  grant,
  create(config, deps) {
    const tokenEnv = String(config.settings.token_env);
    const token = deps.env[tokenEnv];
    if (!token) {
      throw new ConfigError(
        `Provider ${quote(config.name)} (github-team): the environment variable ${tokenEnv} is not set. It must hold a GitHub App installation token with the organization permission "Members: read and write" (GITHUB_TOKEN cannot manage teams), e.g. from actions/create-github-app-token.`
      );
    }
    const urlEnv = config.settings.api_url_env;
    const baseUrl = urlEnv ? deps.env[urlEnv] : void 0;
    if (urlEnv && !baseUrl) {
      throw new ConfigError(
        `Provider ${quote(config.name)} (github-team): the environment variable ${urlEnv} (api_url_env) is not set. It must hold the API root, e.g. https://github.example.com/api/v3.`
      );
    }
    const client = createGitHubClient({
      token,
      ...baseUrl ? { baseUrl } : {},
      // Rate-limit notices go where the provider's other lines go, never to the process's stderr.
      log: clientLog(deps.log),
      // An injected fetch is a test double (ProviderDeps.fetch): GitHub's pacing and retry
      // delays protect the real API only, and tests must never sleep.
      ...deps.fetch ? { fetch: deps.fetch, noWait: true } : {}
    });
    const api = new TeamApi(client, String(config.settings.org), tokenEnv, config.name);
    return new GitHubTeamProvider(config, deps, api);
  }
};
function clientLog(log) {
  const quiet = () => {
  };
  return {
    debug: quiet,
    info: quiet,
    warn: (message) => log?.(`grantops: github: ${message}`),
    // plugin-request-log reports every failed request, including the 404s a membership check
    // expects; the error itself reaches the caller, which decides whether it matters.
    error: quiet
  };
}
export {
  GitHubTeamProvider,
  githubTeamProvider
};
