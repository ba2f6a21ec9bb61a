import type { Directory } from './directory.js';
import { expandPrincipals, type TeamMembers } from './policy/principals.js';
import type { Policy } from './policy/types.js';

/** Resolves, once each and concurrently, every team that the named roles' requesters and approvers mention. */
export async function resolveTeams(
  policy: Policy,
  roleNames: Iterable<string>,
  directory: Directory,
): Promise<TeamMembers> {
  const teams = new Set<string>();
  for (const name of roleNames) {
    const role = policy.roles.get(name);
    if (!role) continue;
    for (const list of [role.requesters, role.approvers])
      expandPrincipals(list, policy.groups).teams.forEach((t) => teams.add(t));
  }
  const entries = await Promise.all(
    [...teams].map(async (t) => [t, await directory.members(t)] as const),
  );
  return new Map(entries);
}
