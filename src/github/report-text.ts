import type { DecisionReport } from '../core/forge.js';
import type { CheckAnnotation } from './checks.js';

/**
 * A decision as GitHub shows it: the request card (Markdown, one comment) and the check's
 * title, summary and annotations. Every value that came from the request (paths, logins,
 * problem messages quoting the requester's input) is escaped, so it renders as text: no
 * Markdown, no HTML, no @-mention that would notify someone, no way to close the card's table.
 */

const MD_SPECIAL = /[\\`*_{}[\]()#+\-.!|~]/g;
const HTML: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };

/** Untrusted text as inert Markdown on one line. */
export function mdText(text: string, max = 500): string {
  // eslint-disable-next-line no-control-regex -- control characters are what is flattened
  const flat = text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ').trim();
  const cut = flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
  // A zero-width space after @ keeps GitHub from turning `@login` into a notification.
  return cut
    .replace(/[&<>]/g, (c) => HTML[c] as string)
    .replace(MD_SPECIAL, (c) => `\\${c}`)
    .replace(/@/g, '@\u200b');
}

/**
 * A value in inline code: backticks cannot be escaped there, so they become quotes; a pipe is
 * escaped, since GitHub splits table cells on it even inside code.
 */
const code = (text: string) =>
  `\`${text
    .slice(0, 200)
    .replace(/[`\n\r]/g, "'")
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

export function checkAnnotations(report: DecisionReport): CheckAnnotation[] {
  return report.problems.map((p) => ({
    path: p.path,
    line: p.line,
    level: 'failure',
    title: p.code,
    message: p.message,
  }));
}
