import { formatDuration } from '../core/duration.js';
import type { DecisionApprovals } from '../core/forge.js';
import { formatProblem, type Problem } from '../core/problem.js';
import type { GrantSummary } from '../core/request/types.js';
import { approverLines } from './approvers.js';
import { printable } from './escape.js';

/** What `grantops merge` did: DESIGN §3's JSON shape, with a little more for people. */
export interface MergeResult {
  merged: {
    request: string;
    commit: string;
    title: string;
    approved_by: string[];
    grants: GrantSummary[];
  }[];
  waiting: {
    request: string;
    author: string | null;
    grants: GrantSummary[];
    problems: Problem[];
    /** How the decision counted approvals, and who may still approve. */
    approvals?: DecisionApprovals;
  }[];
}

export function mergeJson(r: MergeResult): string {
  return JSON.stringify(r, null, 2);
}

function grantLine(g: GrantSummary): string {
  const d = g.duration_seconds === null ? '' : ` for ${formatDuration(g.duration_seconds)}`;
  return `    ${g.change.padEnd(8)} ${printable(g.path)}${d}`;
}

/** Text for people: what merged (with its commit), what waits and why. */
export function renderMerge(r: MergeResult): string {
  const lines: string[] = [];
  if (!r.merged.length && !r.waiting.length) return 'No open request.';
  for (const m of r.merged) {
    lines.push(
      `✓ merged ${printable(m.request)} as ${m.commit.slice(0, 10)}: ${printable(m.title)}`,
      ...(m.approved_by.length
        ? [`    approved by ${m.approved_by.map((a) => printable(a)).join(', ')}`]
        : []),
      ...m.grants.map(grantLine),
    );
  }
  for (const w of r.waiting) {
    lines.push(
      `✗ waiting ${printable(w.request)}${w.author ? ` by ${printable(w.author)}` : ''}:`,
      ...w.grants.map(grantLine),
      ...(w.approvals?.eligible ?? []).flatMap((e) => approverLines(e, '    ')),
      ...w.problems.map((p) => `    ${formatProblem(p)}`),
    );
  }
  lines.push('', `${r.merged.length} merged, ${r.waiting.length} waiting.`);
  return lines.join('\n');
}
