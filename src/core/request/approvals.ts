import { expandPrincipals, membership } from '../policy/principals.js';
import type { Role } from '../policy/types.js';
import { problem, type Problem } from '../problem.js';
import type { RequestInput } from './types.js';

export interface ApprovalCount {
  required: number;
  counted: string[];
  /** Approvals that did not count, each with why. */
  ignored: { login: string; why: string }[];
  unresolved: string[];
}

/**
 * I2: distinct approvals from the role's approvers on the head commit; never the requester,
 * never someone who pushed to the PR, never a bot. The caller passes each reviewer's latest
 * review state already reduced to "approved on the head commit".
 */
export function countApprovals(role: Role, input: RequestInput): ApprovalCount {
  const approvers = expandPrincipals(role.approvers, input.policy.groups);
  const author = input.author.toLowerCase();
  const pushed = new Set((input.committers ?? []).map((c) => c.toLowerCase()));
  const out: ApprovalCount = { required: role.approvals, counted: [], ignored: [], unresolved: [] };
  for (const login of new Set((input.approvedBy ?? []).map((l) => l.toLowerCase()))) {
    if (login === author)
      out.ignored.push({ login, why: 'the requester cannot approve their own request' });
    else if (login.endsWith('[bot]')) out.ignored.push({ login, why: 'bots never approve' });
    else if (pushed.has(login))
      out.ignored.push({ login, why: 'pushed commits to this pull request' });
    else {
      const m = membership(login, approvers, input.teams);
      if (m.member) out.counted.push(login);
      else {
        out.ignored.push({
          login,
          why: m.unresolved.length
            ? `membership in ${m.unresolved.join(', ')} could not be resolved`
            : `not an approver of ${role.name}`,
        });
        out.unresolved.push(...m.unresolved);
      }
    }
  }
  return out;
}

export function approvalProblem(path: string, role: Role, count: ApprovalCount): Problem | null {
  if (count.counted.length >= count.required) return null;
  const missing = count.required - count.counted.length;
  const ignored = count.ignored.length
    ? ` Not counted: ${count.ignored.map((i) => `${i.login} (${i.why})`).join('; ')}.`
    : '';
  return problem(
    path,
    null,
    'E_APPROVALS_MISSING',
    `${role.name} needs ${count.required} approval${count.required > 1 ? 's' : ''} from ${role.approvers.join(', ')} on the latest commit; ${count.counted.length} counted${count.counted.length ? ` (${count.counted.join(', ')})` : ''}, ${missing} missing.${ignored}`,
  );
}
