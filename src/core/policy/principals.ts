import type { Policy } from './types.js';

/** People a list of principals stands for: logins and @org/team slugs, all lower case. */
export interface Principals {
  logins: Set<string>;
  teams: Set<string>;
}

export const isTeam = (p: string) => p.startsWith('@');

/**
 * Expands group names (recursively) into logins and team slugs. A bare name is a group when
 * `groups` defines it and a GitHub login otherwise. Cycles are reported when policies load, so
 * here a group already on the path is simply not entered twice.
 */
export function expandPrincipals(list: readonly string[], groups: Policy['groups']): Principals {
  const out: Principals = { logins: new Set(), teams: new Set() };
  const visit = (items: readonly string[], path: Set<string>) => {
    for (const raw of items) {
      const p = raw.toLowerCase();
      if (isTeam(p)) out.teams.add(p);
      else if (groups.has(raw) && !path.has(raw)) visit(groups.get(raw)!, new Set([...path, raw]));
      else if (!groups.has(raw)) out.logins.add(p);
    }
  };
  visit(list, new Set());
  return out;
}

/** Team slug → its members (lower case), or null when the team could not be resolved. */
export type TeamMembers = ReadonlyMap<string, readonly string[] | null>;

export type Membership = { member: true; via: string } | { member: false; unresolved: string[] };

/** Whether a login belongs to a set of principals, looking inside teams through `teams`. */
export function membership(login: string, principals: Principals, teams: TeamMembers): Membership {
  const l = login.toLowerCase();
  if (principals.logins.has(l)) return { member: true, via: l };
  const unresolved: string[] = [];
  for (const team of principals.teams) {
    const members = teams.get(team);
    if (members === undefined || members === null) unresolved.push(team);
    else if (members.some((m) => m.toLowerCase() === l)) return { member: true, via: team };
  }
  return { member: false, unresolved };
}

/** CODEOWNERS owner names for a list of principals: `@login` and `@org/team`. */
export function ownersOf(list: readonly string[], groups: Policy['groups']): string[] {
  const { logins, teams } = expandPrincipals(list, groups);
  return [...[...teams].sort(), ...[...logins].sort().map((l) => `@${l}`)];
}
