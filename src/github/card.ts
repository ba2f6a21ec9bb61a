import type { GitHubClient } from './octokit.js';
import type { RepoRef } from './repo-ref.js';

/**
 * The request card: one comment on the pull request, found again by a hidden marker and edited
 * in place, so a request never collects a pile of bot comments. A comment counts as the card
 * only if grantops' own account wrote it: anyone can paste the marker into a comment, and
 * GitHub would refuse grantops' edit of it anyway. Should two cards exist (two runs that raced,
 * or a create retried after a lost answer), the first is kept and the others are deleted.
 * Listing stops at the page holding the card, so a long discussion costs one call, not all.
 */

export const CARD_MARKER = '<!-- grantops:request-card -->';

/** GitHub refuses comment bodies over 65,536 characters. */
export const MAX_COMMENT = 65536;

export type CardWrite = 'created' | 'updated' | 'unchanged';

export function cardBody(markdown: string): string {
  const body = `${CARD_MARKER}\n${markdown}`;
  if (body.length <= MAX_COMMENT) return body;
  const note = '\n\n… (cut: the full list is in the check `grantops/decision`)';
  return body.slice(0, MAX_COMMENT - note.length) + note;
}

export async function upsertCard(
  octokit: GitHubClient,
  repo: RepoRef,
  issueNumber: number,
  markdown: string,
  botLogin: string,
): Promise<CardWrite> {
  const body = cardBody(markdown);
  const bot = botLogin.toLowerCase();
  const cards: { id: number; body: string }[] = [];
  const pages = octokit.paginate.iterator(octokit.rest.issues.listComments, {
    ...repo,
    issue_number: issueNumber,
    per_page: 100,
  });
  for await (const page of pages) {
    for (const c of page.data) {
      if (c.user?.login.toLowerCase() === bot && c.body?.startsWith(CARD_MARKER))
        cards.push({ id: c.id, body: c.body });
    }
    if (cards.length) break;
  }
  const [card, ...extra] = cards;
  for (const e of extra) await octokit.rest.issues.deleteComment({ ...repo, comment_id: e.id });
  if (!card) {
    await octokit.rest.issues.createComment({ ...repo, issue_number: issueNumber, body });
    return 'created';
  }
  if (card.body === body) return 'unchanged';
  await octokit.rest.issues.updateComment({ ...repo, comment_id: card.id, body });
  return 'updated';
}
