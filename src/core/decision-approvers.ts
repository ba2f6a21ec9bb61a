import type { EligibleApprovers } from './forge.js';
import { expandPrincipals, type TeamMembers } from './policy/principals.js';
import type { Policy, Role } from './policy/types.js';

export interface EligibleQuestion {
  role: Role;
  groups: Policy['groups'];
  /** Team members as far as they were resolved; an unresolved team is shown as it is. */
  teams: TeamMembers;
  requester: string;
  /** Everyone who pushed to the request, the commits' authors and committers included. */
  pushers: readonly string[];
}

/**
 * Who a requester can ask: the role's approvers (groups expanded, teams kept as `@org/team`),
 * less those I2 never counts on this request. Said by the same rules `judgeApprovals` counts
 * by, so the card never names someone whose approval would then be ignored.
 */
export function eligibleApprovers(q: EligibleQuestion): EligibleApprovers {
  const { logins, teams } = expandPrincipals(q.role.approvers, q.groups);
  const requester = q.requester.toLowerCase();
  const pushed = new Set(q.pushers.map((p) => p.toLowerCase()));
  const why = (login: string, via: string | null): string | null => {
    const member = via ? ` (a member of ${via})` : '';
    if (login === requester) return `the requester${member}, who never approves their own access`;
    if (pushed.has(login)) return `pushed to this request${member}`;
    if (/\[bot\]$/.test(login) || login === 'github-actions') return `a bot${member}`;
    return null;
  };

  const excluded = new Map<string, string>();
  const mayApprove: string[] = [];
  for (const team of [...teams].sort()) {
    const members = q.teams.get(team);
    if (!members) {
      mayApprove.push(team);
      continue;
    }
    let someoneMay = false;
    for (const m of members) {
      const login = m.toLowerCase();
      const reason = why(login, team);
      if (reason === null) someoneMay = true;
      else if (!excluded.has(login) && (login === requester || pushed.has(login)))
        excluded.set(login, reason);
    }
    if (someoneMay) mayApprove.push(team);
  }
  for (const login of [...logins].sort()) {
    const reason = why(login, null);
    if (reason === null) mayApprove.push(login);
    else excluded.set(login, reason);
  }
  return {
    role: q.role.name,
    required: q.role.approvals,
    may_approve: mayApprove,
    excluded: [...excluded]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([login, reason]) => ({ login, why: reason })),
  };
}
