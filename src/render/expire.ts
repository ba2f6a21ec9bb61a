import { formatProblem, type Problem } from '../core/problem.js';
import { printable } from './escape.js';

interface ExpiredItem {
  path: string;
  role: string;
  requester: string;
  expired_at: string;
  /** The revert request (its branch on the local forge). */
  request: string;
  /** The commit on main that recorded the end; null in a dry run. */
  commit: string | null;
}

/** What `grantops expire` did: DESIGN §3's `{expired, waiting}`, plus the reverts it closed. */
export interface ExpireResult {
  dry_run: boolean;
  expired: ExpiredItem[];
  waiting: (ExpiredItem & { problems: Problem[] })[];
  closed: { request: string; branch: string; why: string }[];
}

export function expireJson(r: ExpireResult): string {
  return JSON.stringify(r, null, 2);
}

export function renderExpire(r: ExpireResult, now: string): string {
  const lines = [
    `${r.dry_run ? 'dry run: would record' : 'recorded'} the end of ${r.expired.length} grant${r.expired.length === 1 ? '' : 's'} at ${now}`,
  ];
  for (const e of r.expired)
    lines.push(
      `  ✓ ${printable(e.path)} ended ${e.expired_at}${e.commit ? ` → ${e.commit.slice(0, 10)}` : ''} (${printable(e.request)})`,
    );
  for (const w of r.waiting) {
    lines.push(
      `  ✗ ${printable(w.path)} ended ${w.expired_at}, not recorded yet (${printable(w.request)}):`,
    );
    for (const p of w.problems) lines.push(`      ${formatProblem(p)}`);
  }
  for (const c of r.closed)
    lines.push(
      `  ${r.dry_run ? 'would close' : 'closed'} ${printable(c.branch)}: ${printable(c.why)}`,
    );
  return lines.join('\n');
}
