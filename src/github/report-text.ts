import type { DecisionReport, EligibleApprovers } from '../core/forge.js';
import { escapeChar } from '../core/text.js';
import { ANNOTATIONS_PER_CALL, type CheckAnnotation } from './checks.js';

/**
 * A decision as GitHub shows it: the request card (Markdown, one comment) and the check's
 * title, summary and annotations. Every value that came from the request (paths, logins,
 * problem messages quoting the requester's input) is escaped, so it renders as text: no
 * Markdown, no HTML, no @-mention that would notify someone, no way to close the card's table.
 */

const MD_SPECIAL = /[\\`*_{}[\]()#+\-.!|~]/g;
const HTML: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };
// eslint-disable-next-line no-control-regex -- control characters are what is flattened
const CONTROLS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g;
/**
 * Characters that hide or reorder what a reader sees: bidi controls, zero-width and other format
 * characters, private-use, unassigned and lone surrogate code points. They are shown as escapes
 * (`\u202e`), as in every other output; letters of any script are left as they are.
 */
const HIDDEN = /[\p{Cf}\p{Co}\p{Cn}\p{Cs}]/gu;

const visible = (text: string) => text.replace(HIDDEN, escapeChar);

/** Untrusted text as inert Markdown on one line. */
export function mdText(text: string, max = 500): string {
  const flat = text.replace(CONTROLS, ' ').trim();
  const cut = flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
  // A zero-width space after @ keeps GitHub from turning `@login` into a notification.
  return visible(cut)
    .replace(/[&<>]/g, (c) => HTML[c] as string)
    .replace(MD_SPECIAL, (c) => `\\${c}`)
    .replace(/@/g, '@\u200b');
}

/**
 * A value in inline code: backticks cannot be escaped there, so they become quotes; a pipe is
 * escaped, since GitHub splits table cells on it even inside code.
 */
const code = (text: string) =>
  `\`${visible(text.slice(0, 200))
    .replace(/[`\n\r]/g, "'")
    .replace(CONTROLS, ' ')
    .replace(/\|/g, '\\|')}\``;

const ICON = { success: '✅', pending: '⏳', failure: '❌' } as const;

function duration(seconds: number | null): string {
  if (seconds === null) return '—';
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  return [h ? `${h}h` : '', m ? `${m}m` : '', !h && !m ? `${seconds}s` : ''].join('');
}

/** The card's Markdown (without its marker). */
export function cardMarkdown(report: DecisionReport): string {
  const lines = [`### ${ICON[report.conclusion]} grantops: ${mdText(report.summary, 200)}`, ''];
  if (report.grants.length) {
    lines.push('| grant file | role | for | change | window | approvals needed |');
    lines.push('| --- | --- | --- | --- | --- | --- |');
    for (const g of report.grants) {
      lines.push(
        `| ${code(g.path)} | ${mdText(g.role, 80)} | ${mdText(g.requester, 60)} | ${g.change} | ${duration(g.duration_seconds)} | ${g.approvals_required ?? '—'} |`,
      );
    }
    lines.push('');
  }
  for (const e of report.approvals.eligible) lines.push(...whoMayApprove(e), '');
  const counted = report.approvals.counted.map((l) => mdText(l, 60));
  lines.push(`**Approvals that count:** ${counted.length ? counted.join(', ') : 'none yet'}`);
  for (const i of report.approvals.ignored)
    lines.push(`- not counted: ${mdText(i.login, 60)} (${mdText(i.why, 200)})`);
  if (report.problems.length) {
    lines.push('', '**What to fix**', '');
    for (const p of report.problems) {
      const where = p.line ? `${p.path}:${p.line}` : p.path;
      lines.push(`- ${code(where)} ${code(p.code)} ${mdText(p.message, 1000)}`);
    }
  }
  lines.push(
    '',
    `<sub>Decided on ${code(report.head.slice(0, 12))}. This comment is updated in place by grantops; a new commit or review starts a new decision.</sub>`,
  );
  return lines.join('\n');
}

/** The people and teams a requester can ask for one role, and who cannot approve here. */
export function whoMayApprove(e: EligibleApprovers): string[] {
  const who = e.may_approve.map((p) => mdText(p, 100));
  const lines = [
    `**Who may approve** ${code(e.role)} (${e.required} approval${e.required === 1 ? '' : 's'} needed): ${
      who.length
        ? who.join(', ')
        : 'nobody (every approver of the role asked for it or pushed to it): ask an admin'
    }`,
  ];
  for (const x of e.excluded)
    lines.push(`- cannot approve this request: ${mdText(x.login, 60)} (${mdText(x.why, 200)})`);
  return lines;
}

/**
 * The problems as annotations on their file and line: the first ANNOTATIONS_PER_CALL, which
 * go with the check's creation. Deciding a request costs a bounded number of calls whatever it
 * holds (DESIGN §7): a request with a thousand bad files must not spend the App's rate limit on
 * annotations. Every problem is in the check's summary (the card) all the same.
 */
export function checkAnnotations(report: DecisionReport): CheckAnnotation[] {
  return report.problems.slice(0, ANNOTATIONS_PER_CALL).map((p) => ({
    path: p.path,
    line: p.line,
    level: 'failure',
    title: p.code,
    message: p.message,
  }));
}
