import { expandPrincipals, membership, type TeamMembers } from '../policy/principals.js';
import { LOGIN_PATTERN } from '../policy/schema.js';
import type { Policy, Role } from '../policy/types.js';
import { problem, quote, type Problem } from '../problem.js';
import type { RequestInput } from './types.js';

/**
 * GitHub's rule for a login (1 to 39 letters, digits and single hyphens, neither first nor last).
 * An approval names one person by login; anything else (`Name <email>`, `@login`, a sentence)
 * is text that whoever wrote the commit could have typed, and names nobody.
 */
const GITHUB_LOGIN = new RegExp(LOGIN_PATTERN);

/** Accounts that act for automation, not for a person; their approval is never a review. */
const AUTOMATION = new Set(['github-actions']);

export interface ApprovalCount {
  required: number;
  /** Distinct logins (lower case) that count. */
  counted: string[];
  /** Values that did not count, as given, each with why. */
  ignored: { value: string; why: string }[];
  /** Teams whose membership a value's eligibility depended on and nobody could resolve. */
  unresolved: string[];
}

export interface ApprovalQuestion {
  role: Role;
  /** The groups of the policies the role is judged under. */
  groups: Policy['groups'];
  teams: TeamMembers;
  requester: string;
  /** Approvals as given: review logins from the forge, or `Approved-by` trailer values. */
  values: readonly string[];
  /** People who pushed to the pull request: their approvals never count. */
  pushed?: readonly string[];
  /** False when no directory was asked about teams at all: said in the reason, so it can be fixed. */
  directory?: boolean;
}

/**
 * I2, the one rule for counting approvals, for review logins and trailer values alike: a value
 * counts when it is a bare GitHub login (compared case-insensitively), an eligible approver of
 * the role, not the requester in any spelling, not a bot nor `github-actions`, not a pusher,
 * and not counted already. Everything else is listed with why.
 */
export function judgeApprovals(q: ApprovalQuestion): ApprovalCount {
  const approvers = expandPrincipals(q.role.approvers, q.groups);
  const requester = q.requester.toLowerCase();
  const pushed = new Set((q.pushed ?? []).map((c) => c.toLowerCase()));
  const out: ApprovalCount = {
    required: q.role.approvals,
    counted: [],
    ignored: [],
    unresolved: [],
  };
  const seen = new Set<string>();
  for (const raw of q.values) {
    const value = raw.trim();
    const login = value.toLowerCase();
    if (seen.has(login)) continue; // the same person twice counts once; the same text, once
    seen.add(login);
    const why = refusal(value, requester, pushed);
    if (why) {
      out.ignored.push({ value, why });
      continue;
    }
    const m = membership(login, approvers, q.teams);
    if (m.member) {
      out.counted.push(login);
      continue;
    }
    out.unresolved.push(...m.unresolved.filter((t) => !out.unresolved.includes(t)));
    out.ignored.push({
      value,
      why: m.unresolved.length
        ? `membership in ${m.unresolved.join(', ')} could not be resolved${q.directory === false ? ' (no directory was given: team members are known only through one)' : ''}`
        : `not an approver of ${q.role.name} (approvers: ${q.role.approvers.join(', ')})`,
    });
  }
  return out;
}

/** Why a value can never be an approval, whoever the role's approvers are; null if it may be. */
function refusal(value: string, requester: string, pushed: ReadonlySet<string>): string | null {
  const lower = value.toLowerCase();
  // The requester in any spelling: `Alice`, `@alice`, `Alice <alice@example.com>`.
  if (lower.split(/[^a-z0-9-]+/).includes(requester))
    return 'names the requester, who never approves their own access';
  if (/\[bot\]$/.test(lower) || AUTOMATION.has(lower.replace(/^@/, '')))
    return 'a bot or automation account: bots never approve';
  if (!GITHUB_LOGIN.test(value))
    return 'not a bare GitHub login (an approval names one person by login, like carol)';
  if (pushed.has(lower)) return 'pushed commits to this pull request';
  return null;
}

/** Validate's view: the forge's reviews of the head commit, judged by the one rule above. */
export function countApprovals(role: Role, input: RequestInput): ApprovalCount {
  return judgeApprovals({
    role,
    groups: input.policy.groups,
    teams: input.teams,
    requester: input.author,
    values: input.approvedBy ?? [],
    ...(input.committers ? { pushed: input.committers } : {}),
  });
}

/** The values that did not count, quoted and escaped, at most `max` of them. */
export function describeIgnored(count: ApprovalCount, max = 10): string {
  const shown = count.ignored.slice(0, max).map((i) => `${quote(i.value)} (${i.why})`);
  const more = count.ignored.length - shown.length;
  return `${shown.join('; ')}${more > 0 ? `; and ${more} more` : ''}`;
}

export function approvalProblem(path: string, role: Role, count: ApprovalCount): Problem | null {
  if (count.counted.length >= count.required) return null;
  const missing = count.required - count.counted.length;
  const ignored = count.ignored.length ? ` Not counted: ${describeIgnored(count)}.` : '';
  return problem(
    path,
    null,
    'E_APPROVALS_MISSING',
    `${role.name} needs ${count.required} approval${count.required > 1 ? 's' : ''} from ${role.approvers.join(', ')} on the latest commit; ${count.counted.length} counted${count.counted.length ? ` (${count.counted.join(', ')})` : ''}, ${missing} missing.${ignored}`,
  );
}
