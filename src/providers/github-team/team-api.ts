import { ExternalError } from '../../core/errors.js';
import { quote } from '../../core/problem.js';
import type { GitHubClient } from '../../github/octokit.js';
import { githubError, statusOf } from '../../github/errors.js';

export type TeamRole = 'member' | 'maintainer';

/** A person GitHub shows in a team: an active member or a pending invitee. */
export interface Present {
  login: string;
  state: 'active' | 'pending';
}

/**
 * GitHub's team-membership REST API with its quirks handled, and failures turned into
 * messages about teams and people. Everything GitHub-specific about teams lives here; the
 * provider decides what grantops may touch.
 */
export class TeamApi {
  constructor(
    private readonly client: GitHubClient,
    private readonly org: string,
    private readonly tokenEnv: string,
    private readonly providerName: string,
  ) {}

  /**
   * Members and invitees of a team, keyed by lower-case login: one paginated read of each
   * (100 a page, following GitHub's Link headers). Pending invitees are not in the member list.
   */
  async people(slug: string): Promise<Map<string, Present>> {
    const params = { org: this.org, team_slug: slug, per_page: 100 };
    const doing = `listing team ${this.org}/${slug}`;
    try {
      const teams = this.client.rest.teams;
      const members = await this.client.paginate(teams.listMembersInOrg, params);
      const invitations = await this.client.paginate(teams.listPendingInvitationsInOrg, params);
      const present = new Map<string, Present>();
      // Invitations by email have no login until the person signs up: nobody to match yet.
      for (const i of invitations) {
        if (i.login) present.set(i.login.toLowerCase(), { login: i.login, state: 'pending' });
      }
      for (const m of members)
        present.set(m.login.toLowerCase(), { login: m.login, state: 'active' });
      return present;
    } catch (e) {
      if (statusOf(e) === 404) throw await this.notFound(slug, null, doing);
      throw githubError(e, { doing, tokenEnv: this.tokenEnv });
    }
  }

  /** A user's membership of a team, or null when there is none. */
  async membership(team: string, user: string): Promise<{ state: string; role: string } | null> {
    try {
      const { data } = await this.client.rest.teams.getMembershipForUserInOrg({
        org: this.org,
        team_slug: team,
        username: user,
      });
      return data;
    } catch (e) {
      // 404 means "no membership" but also "no such team": a write that follows tells them apart.
      if (statusOf(e) === 404) return null;
      const doing = `reading ${user}'s membership of ${this.org}/${team}`;
      throw githubError(e, { doing, tokenEnv: this.tokenEnv });
    }
  }

  /**
   * Adds (or changes the role of) a member. For someone outside the organization this does not
   * fail: GitHub sends an invitation and the membership stays `pending` until it is accepted.
   */
  async add(team: string, user: string, role: TeamRole): Promise<void> {
    const doing = `adding ${user} to team ${this.org}/${team} as ${role}`;
    try {
      await this.client.rest.teams.addOrUpdateMembershipForUserInOrg({
        org: this.org,
        team_slug: team,
        username: user,
        role,
      });
    } catch (e) {
      if (statusOf(e) === 404) throw await this.notFound(team, user, doing);
      throw githubError(e, {
        doing,
        tokenEnv: this.tokenEnv,
        membershipWriteOn: `${this.org}/${team}`,
      });
    }
  }

  /**
   * Removes a membership. Removing a pending one only takes the team off the organization
   * invitation, which stays and would still let the person join the organization; when this
   * team is the invitation's only team, the invitation exists for this access alone and is
   * cancelled instead.
   */
  async remove(team: string, user: string, pending: boolean): Promise<void> {
    const doing = `removing ${user} from team ${this.org}/${team}`;
    try {
      if (pending && (await this.cancelSoleInvitation(team, user))) return;
      await this.client.rest.teams.removeMembershipForUserInOrg({
        org: this.org,
        team_slug: team,
        username: user,
      });
    } catch (e) {
      if (statusOf(e) === 404) return; // removed meanwhile: the goal is reached
      throw githubError(e, {
        doing,
        tokenEnv: this.tokenEnv,
        membershipWriteOn: `${this.org}/${team}`,
      });
    }
  }

  async teamExists(slug: string): Promise<boolean> {
    try {
      await this.client.rest.teams.getByName({ org: this.org, team_slug: slug });
      return true;
    } catch (e) {
      if (statusOf(e) === 404) return false;
      throw githubError(e, { doing: `reading team ${this.org}/${slug}`, tokenEnv: this.tokenEnv });
    }
  }

  private async cancelSoleInvitation(team: string, user: string): Promise<boolean> {
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
    if (user === null || !(await this.teamExists(team))) {
      return new ExternalError(
        'E_PROVIDER_TARGET_MISSING',
        `GitHub has no team ${this.org}/${team} visible to the token in ${this.tokenEnv} (while ${doing}). Create the team, fix the role's grant.team, or install the GitHub App on ${this.org}.`,
      );
    }
    return new ExternalError(
      'E_PROVIDER_IDENTITY_MISSING',
      `GitHub has no user ${quote(user)} (while ${doing}). Check provider ${quote(this.providerName)}'s login template or users override for this person.`,
    );
  }
}
