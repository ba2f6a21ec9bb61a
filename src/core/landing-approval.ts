import { problem, type Problem } from './problem.js';
import { describeIgnored, judgeApprovals } from './request/approvals.js';
import type { GrantCheck } from './request/rule.js';
import { requesterEligible } from './request/who-rules.js';

/**
 * Whether a landing was approved, judged from what its commit says, under the policies in force
 * when it landed (DESIGN I2, I5). Trailers are evidence, not authority: a merge message carries
 * text the requester controls (a pull request title in GitHub's merge commit, a squashed
 * commit's body, their own commits in a rebase merge). So a value counts only when it is a bare
 * login of an eligible approver of the role then, never the requester, never a bot (the one rule,
 * `judgeApprovals`), and the requester must have been eligible to ask. Until the forge confirms
 * who reviewed, this is the most text can prove; a landing that fails it grants nothing.
 */
export interface LandingApproval {
  required: number;
  /** Approvers that count (lower-case logins). */
  counted: string[];
  /** `Approved-by` values that do not count, as written, each with why. */
  notCounted: { value: string; why: string }[];
  /** Why the requester was not an eligible requester of the role at landing (empty: they were). */
  requester: Problem[];
  approved: boolean;
}

export interface ApprovalEvidence {
  /** The landing commit's `Approved-by` values, exactly as written. */
  approvedBy: readonly string[];
  /** False when no directory was given: a team-only approver or requester then never counts. */
  directory: boolean;
}

/** `c` is the landing's check, with `c.input.now` its landing time and the policies then. */
export function judgeLanding(c: GrantCheck, evidence: ApprovalEvidence): LandingApproval | null {
  const role = c.role;
  if (!role) return null;
  const count = judgeApprovals({
    role,
    groups: c.input.policy.groups,
    teams: c.input.teams,
    requester: c.login,
    values: evidence.approvedBy,
    directory: evidence.directory,
  });
  const requester = [...requesterEligible(c)];
  return {
    required: count.required,
    counted: count.counted,
    notCounted: count.ignored,
    requester,
    approved: count.counted.length >= count.required && requester.length === 0,
  };
}

/** The alarm about a landing that was not approved: what counted, what did not and why, the fix. */
export function unapprovedProblem(
  path: string,
  roleName: string,
  approvers: readonly string[],
  a: LandingApproval,
): Problem {
  const parts: string[] = [];
  if (a.counted.length < a.required) {
    parts.push(
      `${roleName} needed ${a.required} approval${a.required > 1 ? 's' : ''} from ${approvers.join(', ')} when this landed; the landing commit's Approved-by trailers name ${a.counted.length} that count${a.counted.length ? ` (${a.counted.join(', ')})` : ''}.`,
    );
  }
  if (a.notCounted.length) {
    parts.push(
      `Not counted: ${describeIgnored({ required: a.required, counted: a.counted, ignored: a.notCounted, unresolved: [] })}.`,
    );
  }
  for (const p of a.requester) parts.push(`Requester: ${p.message}`);
  parts.push(
    `Trailers are evidence, not authority: anyone who writes the commit writes them. A landing that skipped review or eligibility grants nothing; revert it, or land the request through grantops.`,
  );
  return problem(path, null, 'E_UNAPPROVED_LANDING', parts.join(' '));
}
