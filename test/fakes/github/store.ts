import type { App } from './apps.js';
import { Repo, type RepoOptions } from './repo.js';

/**
 * The state of the fake GitHub: accounts, organizations, teams, memberships, invitations,
 * repositories (each a real bare git repository, see repo.ts) and GitHub Apps.
 * Plain data plus the rules GitHub applies to it; routes read and change it, tests seed it and
 * ask it what is really there. Logins are case-insensitive on GitHub, so every map is keyed by
 * the lower-case login and keeps the account's own spelling in the value.
 */

export type TeamRole = 'member' | 'maintainer';

/** Who a token acts as. Installation tokens act as the app's bot account. */
export interface Actor {
  token: string;
  login: string;
  /** False for a read-only token (GITHUB_TOKEN with read scopes): GitHub answers writes 403. */
  canWrite: boolean;
  /** Set for installation tokens: the App the token acts for (check runs, ruleset bypass). */
  app?: App;
  /** Repository admin: sees settings GitHub shows admins only (bypass actors, secrets). */
  admin?: boolean;
  /** Set when a JWT authenticated the App itself (only the /app endpoints accept it). */
  jwtApp?: App;
}

export interface Account {
  id: number;
  login: string;
  type: 'User' | 'Bot' | 'Organization';
}

export interface Org {
  id: number;
  login: string;
  members: Map<string, 'admin' | 'member'>;
}

export interface Team {
  id: number;
  org: Org;
  slug: string;
  name: string;
  description: string | null;
  /** Synced with an identity provider (team sync / EMU): membership writes answer 403. */
  idpSynced: boolean;
  /** Active, direct members. Pending members live on the organization invitation. */
  members: Map<string, TeamRole>;
  createdAt: string;
}

export interface Invitation {
  id: number;
  org: Org;
  invitee: Account;
  inviter: Account;
  /** Team id → the role the invitee will have there once they accept. */
  teams: Map<number, TeamRole>;
  createdAt: string;
}

const lc = (s: string) => s.toLowerCase();

export class Store {
  readonly accounts = new Map<string, Account>();
  readonly orgs = new Map<string, Org>();
  readonly teams: Team[] = [];
  readonly invitations: Invitation[] = [];
  readonly repos = new Map<string, Repo>();
  readonly apps: App[] = [];
  /** Extra verified emails (lower case) → login, as GitHub maps commit emails to accounts. */
  readonly emails = new Map<string, string>();
  private nextId = 1000;
  private base = Date.UTC(2026, 0, 5, 9, 0, 0);
  private tick = 0;

  /** Deterministic time: from a fixed instant (see `setTime`), one second further per call. */
  now(): Date {
    return new Date(this.base + 1000 * this.tick++);
  }

  /** Moves the fake's clock: later timestamps (commits, reviews, merges) start at `iso`. */
  setTime(iso: string): void {
    this.base = Date.parse(iso);
    this.tick = 0;
  }

  timestamp(): string {
    return this.now().toISOString().replace('.000Z', 'Z');
  }

  id(): number {
    return this.nextId++;
  }

  addUser(login: string, type: Account['type'] = 'User'): Account {
    const account = { id: this.id(), login, type };
    this.accounts.set(lc(login), account);
    return account;
  }

  account(login: string): Account | undefined {
    return this.accounts.get(lc(login));
  }

  mustAccount(login: string): Account {
    const a = this.account(login);
    if (!a) throw new Error(`fake GitHub: no account ${login}`);
    return a;
  }

  /** The account a commit email belongs to: a no-reply address or a verified email. */
  accountByEmail(email: string): Account | undefined {
    const noreply = /^(?:(\d+)\+)?([^@]+)@users\.noreply\.github\.com$/i.exec(email);
    if (noreply) {
      const a = this.account(noreply[2] as string);
      return a && (!noreply[1] || Number(noreply[1]) === a.id) ? a : undefined;
    }
    const login = this.emails.get(lc(email));
    return login ? this.account(login) : undefined;
  }

  addEmail(login: string, email: string): void {
    this.emails.set(lc(email), this.mustAccount(login).login);
  }

  /** A repository owned by a user or organization, backed by a new bare git repository. */
  addRepo(owner: string, name: string, options: RepoOptions = {}): Repo {
    const account = this.account(owner) ?? this.addUser(owner);
    const repo = new Repo(this, this.id(), account, name, options);
    this.repos.set(lc(repo.fullName), repo);
    return repo;
  }

  repo(owner: string, name: string): Repo | undefined {
    return this.repos.get(lc(`${owner}/${name}`));
  }

  mustRepo(fullName: string): Repo {
    const r = this.repos.get(lc(fullName));
    if (!r) throw new Error(`fake GitHub: no repository ${fullName}`);
    return r;
  }

  /** `login`'s fork of `parent`, with the parent's branches. */
  fork(parent: Repo, login: string): Repo {
    const fork = this.addRepo(login, parent.name, { parent });
    for (const { ref } of parent.git.refs('refs/heads/')) fork.git.fetchFrom(parent.git, ref, ref);
    return fork;
  }

  addOrg(login: string): Org {
    // Organizations and users share one namespace on GitHub.
    const { id } = this.addUser(login, 'Organization');
    const org: Org = { id, login, members: new Map() };
    this.orgs.set(lc(login), org);
    return org;
  }

  org(login: string): Org | undefined {
    return this.orgs.get(lc(login));
  }

  addOrgMember(org: string, login: string, role: 'admin' | 'member' = 'member'): void {
    const o = this.mustOrg(org);
    const account = this.account(login) ?? this.addUser(login);
    o.members.set(lc(account.login), role);
  }

  addTeam(org: string, slug: string, options: { idpSynced?: boolean; name?: string } = {}): Team {
    const team: Team = {
      id: this.id(),
      org: this.mustOrg(org),
      slug,
      name: options.name ?? slug,
      description: null,
      idpSynced: options.idpSynced ?? false,
      members: new Map(),
      createdAt: this.timestamp(),
    };
    this.teams.push(team);
    return team;
  }

  team(org: string, slug: string): Team | undefined {
    return this.teams.find((t) => lc(t.org.login) === lc(org) && t.slug === lc(slug));
  }

  teamById(orgId: number, teamId: number): Team | undefined {
    return this.teams.find((t) => t.org.id === orgId && t.id === teamId);
  }

  /** Adds an existing organization member to a team directly (as a person would in the UI). */
  addTeamMember(org: string, slug: string, login: string, role: TeamRole = 'member'): void {
    const team = this.mustTeam(org, slug);
    if (!team.org.members.has(lc(login))) this.addOrgMember(org, login);
    team.members.set(lc(login), role);
  }

  /** Invites `login` to the organization, into `teams`; it stays pending until accepted. */
  invite(
    org: string,
    login: string,
    inviter: Account,
    teams: { team: Team; role: TeamRole }[],
  ): Invitation {
    const o = this.mustOrg(org);
    const invitee = this.account(login) ?? this.addUser(login);
    let inv = this.invitationFor(o, invitee.login);
    if (!inv) {
      inv = {
        id: this.id(),
        org: o,
        invitee,
        inviter,
        teams: new Map(),
        createdAt: this.timestamp(),
      };
      this.invitations.push(inv);
    }
    for (const t of teams) inv.teams.set(t.team.id, t.role);
    return inv;
  }

  invitationFor(org: Org, login: string): Invitation | undefined {
    return this.invitations.find((i) => i.org === org && lc(i.invitee.login) === lc(login));
  }

  /** What the invitee does by clicking "Join": the pending team memberships become active. */
  acceptInvitation(org: string, login: string): void {
    const o = this.mustOrg(org);
    const inv = this.invitationFor(o, login);
    if (!inv) throw new Error(`fake GitHub: ${login} has no invitation to ${org}`);
    this.cancelInvitation(inv);
    o.members.set(lc(login), 'member');
    for (const [teamId, role] of inv.teams)
      this.teams.find((t) => t.id === teamId)?.members.set(lc(login), role);
  }

  cancelInvitation(inv: Invitation): void {
    this.invitations.splice(this.invitations.indexOf(inv), 1);
  }

  /** The membership GitHub would report: active (direct member), pending (invited) or none. */
  membership(team: Team, login: string): { state: 'active' | 'pending'; role: TeamRole } | null {
    const role = team.members.get(lc(login));
    if (role) return { state: 'active', role };
    const pending = this.invitationFor(team.org, login)?.teams.get(team.id);
    return pending ? { state: 'pending', role: pending } : null;
  }

  teamInvitations(team: Team): Invitation[] {
    return this.invitations.filter((i) => i.teams.has(team.id));
  }

  mustOrg(login: string): Org {
    const o = this.org(login);
    if (!o) throw new Error(`fake GitHub: no organization ${login}`);
    return o;
  }

  mustTeam(org: string, slug: string): Team {
    const t = this.team(org, slug);
    if (!t) throw new Error(`fake GitHub: no team ${org}/${slug}`);
    return t;
  }
}
