import type { EligibleApprovers, ForgeKind } from '../core/forge.js';
import { formatProblem, type Problem } from '../core/problem.js';
import { approverLines } from './approvers.js';
import { printable } from './escape.js';

/** What `grantops request` did: DESIGN §3's `{request, branch, path, pr}`, and more for people. */
export interface RequestResult {
  /**
   * The request as `grantops merge` names it: the branch on the local forge, the pull
   * request's number on GitHub; null when none is open (nothing written, or not opened yet).
   */
  request: string | null;
  branch: string;
  path: string;
  /** The pull request's address (GitHub). */
  pr: string | null;
  /** The request branch's head: the commit written, or found already holding this request. */
  commit: string | null;
  forge: ForgeKind;
  /** The branch is on GitHub. */
  pushed: boolean;
  /** False when an earlier run had done it all already, and nothing was written this time. */
  changed: boolean;
  requester: string;
  role: string;
  renewal?: boolean;
  approvals_required?: number | null;
  /** The role's approvers as the policy names them (groups, teams, logins). */
  approvers?: string[];
  /** Who may approve this request, and who cannot. */
  eligible?: EligibleApprovers;
  /** The roles the requester may ask for, to help when this one is wrong. */
  may_request: string[];
  problems: Problem[];
}

export function requestJson(r: RequestResult): string {
  return JSON.stringify(r, null, 2);
}

export function renderRequest(r: RequestResult): string {
  const role = printable(r.role);
  const who = printable(r.requester);
  if (r.problems.length || !r.commit) {
    const lines = [
      `✗ ${role} for ${who} was not requested (nothing was written):`,
      ...r.problems.map((p) => `  ${formatProblem(p)}`),
    ];
    if (r.problems.some((p) => p.code === 'E_NOT_ELIGIBLE'))
      lines.push(`  ${who} may request: ${r.may_request.join(', ') || 'no role'}.`);
    return lines.join('\n');
  }
  const what = `${r.renewal ? 'renewal of' : 'requested'} ${role} for ${who}`;
  const where = `${printable(r.branch)} (${r.commit.slice(0, 10)}): ${printable(r.path)}`;
  const approvers = r.eligible ? approverLines(r.eligible, '  ') : [];
  if (r.forge === 'local') {
    return [
      `✓ ${what} on ${where}`,
      ...approvers,
      `  next: an approver runs grantops approve ${printable(r.branch)} --as LOGIN`,
      `  then: grantops merge ${printable(r.branch)}`,
    ].join('\n');
  }
  const again = r.changed ? '' : ' (already done: nothing changed)';
  if (r.request && r.pr) {
    return [
      `✓ ${what}: pull request #${printable(r.request)} ${printable(r.pr, 300)}${again}`,
      `  branch ${where}`,
      ...approvers,
      '  next: an approver reviews the pull request on GitHub; grantops merges it once the approvals count on its latest commit',
    ].join('\n');
  }
  return [
    `✓ ${what} on ${where}, ${r.pushed ? 'on GitHub, with no pull request yet' : 'in this clone only (not pushed)'}${again}`,
    ...approvers,
    '  next: run the same command with --open-pr to push the branch and open the pull request',
  ].join('\n');
}
