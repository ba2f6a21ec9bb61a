import type { RequestDecision } from '../core/decision.js';
import { formatProblem } from '../core/problem.js';
import { printable } from './escape.js';

export interface ApproveResult {
  request: string;
  approver: string;
  commit: string;
  /** False when the approval could never count and nothing was written. */
  recorded: boolean;
  why: string | null;
  decision: RequestDecision;
}

export function approveJson(r: ApproveResult): string {
  const d = r.decision;
  return JSON.stringify(
    {
      request: r.request,
      approver: r.approver,
      commit: r.commit,
      recorded: r.recorded,
      why: r.why,
      valid: d.valid,
      approved: d.approved,
      approvals: d.approvals,
      problems: d.problems,
    },
    null,
    2,
  );
}

/** Whether the approval was recorded, and where the request stands with it. */
export function renderApprove(r: ApproveResult): string {
  const d = r.decision;
  const who = printable(r.approver);
  const what = `${printable(r.request)} at ${r.commit.slice(0, 10)}`;
  if (!r.recorded)
    return `✗ ${who}'s approval of ${what} would not count, so it was not recorded: ${printable(r.why ?? '', 500)}.`;
  const lines = [`✓ recorded ${who}'s approval of ${what}`];
  lines.push(
    d.approved
      ? '  the request is approved: grantops merge will merge it'
      : `  ${d.valid ? 'valid, still waiting' : 'not valid yet'}: ${d.approvals.counted.length} approval(s) counted${d.approvals.counted.length ? ` (${d.approvals.counted.map((a) => printable(a)).join(', ')})` : ''}`,
  );
  for (const p of d.problems) lines.push(`  ${formatProblem(p)}`);
  return lines.join('\n');
}
