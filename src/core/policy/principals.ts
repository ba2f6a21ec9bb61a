import type { Policy } from './types.js';

/** People a list of principals stands for: logins and @org/team slugs, all lower case. */
export interface Principals {
  readonly logins: ReadonlySet<string>;
  readonly teams: ReadonlySet<string>;
}

export const isTeam = (p: string) => p.startsWith('@');

/**
 * Expansions already made, by the groups they were read from. Loaded policies are never changed,
 * and the ledger asks the same question (who may request or approve this role) for every landing
 * under one policy: expanding a group of thousands for each of them dominated its time. A group
 * is expanded once per groups map; a list, once per groups map too. (One weak key per groups
 * map: many weak keys would cost every garbage collection.)
 */
const expansions = new WeakMap<
  Policy['groups'],
  { lists: Map<readonly string[], Principals>; groups: Map<string, Principals> }
>();

/**
 * Expands group names (recursively) into logins and team slugs. A bare name is a group when
 * `groups` defines it and a GitHub login otherwise. Cycles are reported when policies load;
 * here a group already visited is not entered twice, so a cycle ends and every group reachable
 * from the list counts. The result is shared: read it, never change it.
 */
export function expandPrincipals(list: readonly string[], groups: Policy['groups']): Principals {
  let memo = expansions.get(groups);
  if (!memo) expansions.set(groups, (memo = { lists: new Map(), groups: new Map() }));
  let out = memo.lists.get(list);
  if (out) return out;
  // A list naming one group (`requesters: [engineers]`) is that group: share its expansion.
  const only = list.length === 1 ? list[0]! : null;
  if (only !== null && groups.has(only)) {
    out = memo.groups.get(only);
    if (!out) memo.groups.set(only, (out = expand(list, groups)));
  } else out = expand(list, groups);
  memo.lists.set(list, out);
  return out;
}

function expand(list: readonly string[], groups: Policy['groups']): Principals {
  const logins = new Set<string>();
  const teams = new Set<string>();
  const visited = new Set<string>();
  const visit = (items: readonly string[]) => {
    for (const raw of items) {
      const p = raw.toLowerCase();
      if (isTeam(p)) teams.add(p);
      else if (!groups.has(raw)) logins.add(p);
      else if (!visited.has(raw)) {
        visited.add(raw);
        visit(groups.get(raw)!);
      }
    }
  };
  visit(list);
  return { logins, teams };
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
