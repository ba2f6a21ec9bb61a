import type { Review } from './forge.js';

/** What one reviewer's latest verdict means for a request at its current head (I2). */
export interface ReviewVerdict {
  reviewer: string;
  /** True only for an approval given on the current head. */
  approvesHead: boolean;
  /** Why it does not count, when it does not (stale, changes requested, dismissed). */
  why: string | null;
}

const short = (sha: string) => sha.slice(0, 10);

/**
 * Each reviewer's latest verdict, from reviews given oldest first. Only approvals, requests for
 * changes and dismissals are verdicts: a later comment does not undo an approval (GitHub's own
 * rule), but a later request for changes or a dismissal does. An approval counts only on the
 * head the request has now: any later commit (a push, a rebase, even one that changes nothing)
 * makes it stale, because the approver never saw that commit.
 */
export function reviewVerdicts(reviews: readonly Review[], head: string): ReviewVerdict[] {
  const latest = new Map<string, Review>();
  for (const r of reviews) {
    if (r.state === 'commented') continue;
    latest.set(r.reviewer.toLowerCase(), r);
  }
  return [...latest].map(([reviewer, r]) => {
    if (r.state === 'changes_requested')
      return { reviewer, approvesHead: false, why: 'requested changes in their latest review' };
    if (r.state === 'dismissed')
      return { reviewer, approvesHead: false, why: 'their latest review was dismissed' };
    if (r.commit !== head) {
      return {
        reviewer,
        approvesHead: false,
        why: `approved ${short(r.commit)}, not the current head ${short(head)}: a later commit makes an approval stale, so ${reviewer} must approve again`,
      };
    }
    return { reviewer, approvesHead: true, why: null };
  });
}
