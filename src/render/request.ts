import { formatProblem, type Problem } from '../core/problem.js';
import { printable } from './escape.js';

/** What `grantops request` did: DESIGN §3's `{request, branch, path, pr}`, and more for people. */
export interface RequestResult {
  /** The request made (its branch), or null when nothing was written. */
  request: string | null;
  branch: string;
  path: string;
  pr: string | null;
  commit: string | null;
  requester: string;
  role: string;
  renewal?: boolean;
  approvals_required?: number | null;
  approvers?: string[];
  /** The roles the requester may ask for, to help when this one is wrong. */
  may_request: string[];
  problems: Problem[];
}

export function requestJson(r: RequestResult): string {
  return JSON.stringify(r, null, 2);
}

export function renderRequest(r: RequestResult): string {
  const role = printable(r.role);
  if (!r.request) {
    const lines = [
      `✗ ${role} for ${printable(r.requester)} was not requested (nothing was written):`,
      ...r.problems.map((p) => `  ${formatProblem(p)}`),
    ];
    if (r.problems.some((p) => p.code === 'E_NOT_ELIGIBLE'))
      lines.push(
        `  ${printable(r.requester)} may request: ${r.may_request.join(', ') || 'no role'}.`,
      );
    return lines.join('\n');
  }
  const n = r.approvals_required ?? 1;
  return [
    `✓ ${r.renewal ? 'renewal of' : 'requested'} ${role} for ${printable(r.requester)} on ${printable(r.branch)} (${r.commit!.slice(0, 10)}): ${printable(r.path)}`,
    `  next: ${n} approval${n === 1 ? '' : 's'} from ${(r.approvers ?? []).map((a) => printable(a)).join(', ')}: grantops approve ${printable(r.branch)} --as LOGIN`,
    `  then: grantops merge ${printable(r.branch)}`,
  ].join('\n');
}
