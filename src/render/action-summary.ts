import { isCode } from '../core/codes.js';
import { formatDuration } from '../core/duration.js';
import { escapePath, safeOutput } from '../core/text.js';
import { markdownText } from './escape.js';

/**
 * What the GitHub Action reports about one command: the job summary (Markdown), the step's
 * outputs, and the message of a failed step. Everything is built from the command's JSON
 * result, the same JSON the CLI prints with --format json; every value in it is untrusted and
 * escaped for Markdown.
 */

/** The JSON a command printed, or the error runCli printed in its place. */
export type CommandResult = Record<string, unknown> | unknown[];

interface ErrorResult {
  error: { code: string; message: string; problems?: ProblemJson[] };
}
interface ProblemJson {
  path: string;
  line: number | null;
  code: string;
  message: string;
}
interface GrantJson {
  path: string;
  role: string;
  requester: string;
  change: string;
  duration_seconds: number | null;
  approvals_required?: number;
  approved_by?: string[];
}
interface DecisionJson {
  valid: boolean;
  approved: boolean | null;
  grants: GrantJson[];
  problems: ProblemJson[];
}

/** GitHub refuses a step summary over 1 MiB; a JSON result shown in full stays well below. */
const MAX_JSON_SHOWN = 256 * 1024;

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function errorOf(result: CommandResult): ErrorResult['error'] | null {
  return isObject(result) && isObject(result.error)
    ? (result as unknown as ErrorResult).error
    : null;
}

function decisionOf(command: string, result: CommandResult): DecisionJson | null {
  return command === 'validate' && isObject(result) && typeof result.valid === 'boolean'
    ? (result as unknown as DecisionJson)
    : null;
}

/** The step's outputs: `result` always; `valid` and `approved` for a validate decision. */
export function actionOutputs(command: string, result: CommandResult): Record<string, string> {
  const outputs: Record<string, string> = { result: safeOutput(JSON.stringify(result), true) };
  const decision = decisionOf(command, result);
  if (decision) {
    outputs.valid = String(decision.valid);
    outputs.approved = decision.approved === null ? '' : String(decision.approved);
  }
  return outputs;
}

/** The message a failed step ends with: what failed, never a stack trace. */
export function failureMessage(
  command: string,
  code: number,
  result: CommandResult | null,
): string {
  const error = result && errorOf(result);
  if (error) {
    const problems = (error.problems ?? []).map((p) => `\n  ${problemLine(p)}`).join('');
    return safeOutput(`${error.code}: ${error.message}${problems}`);
  }
  const decision = result && decisionOf(command, result);
  if (decision) {
    const codes = [...new Set(decision.problems.map((p) => p.code))].join(', ');
    const what = decision.valid
      ? 'The access request is valid but not approved yet'
      : 'This is not a valid access request';
    return `${what}${codes ? ` (${codes})` : ''}. The job summary lists what to fix.`;
  }
  return `grantops ${command} failed (exit ${code}). The job summary and the log above say why.`;
}

/** The job summary: a verdict, then the result in a form for people. */
export function actionSummary(command: string, code: number, result: CommandResult): string {
  const error = errorOf(result);
  if (error) {
    const lines = [
      `## ✗ grantops ${markdownText(command)}: ${codeCell(error.code)}`,
      '',
      markdownText(error.message, 2000),
    ];
    if (error.problems?.length) lines.push('', ...problemTable(error.problems));
    return `${lines.join('\n')}\n`;
  }
  const decision = decisionOf(command, result);
  if (decision) return decisionSummary(decision);
  const verdict = code === 0 ? '✓' : '✗';
  return `## ${verdict} grantops ${markdownText(command)} (exit ${code})\n\n${jsonBlock(result)}\n`;
}

function decisionSummary(d: DecisionJson): string {
  const verdict = !d.valid
    ? '✗ Not a valid access request'
    : d.approved === false
      ? '✗ Valid access request, not approved yet'
      : d.approved
        ? '✓ Valid and approved access request'
        : '✓ Valid access request';
  const lines = [`## ${verdict}`, ''];
  if (d.grants.length) {
    lines.push(
      '| Change | Grant file | Role | Requester | Duration | Approvals |',
      '|---|---|---|---|---|---|',
    );
    for (const g of d.grants) {
      const approvals =
        g.approvals_required === undefined || g.change === 'revoked'
          ? ''
          : g.approved_by
            ? `${g.approved_by.length}/${g.approvals_required} ${markdownText(g.approved_by.join(', '))}`
            : `needs ${g.approvals_required}`;
      const cells = [
        markdownText(g.change),
        markdownText(escapePath(g.path), 300),
        markdownText(g.role),
        markdownText(g.requester),
        g.duration_seconds === null ? '' : formatDuration(g.duration_seconds),
        approvals,
      ];
      lines.push(`| ${cells.join(' | ')} |`);
    }
    lines.push('');
  }
  if (d.problems.length) lines.push(...problemTable(d.problems));
  return `${lines.join('\n')}\n`;
}

function problemTable(problems: readonly ProblemJson[]): string[] {
  const rows = problems.map(
    (p) =>
      `| ${markdownText(escapePath(p.path), 300)} | ${p.line ?? ''} | ${codeCell(p.code)} | ${markdownText(p.message, 2000)} |`,
  );
  const n = problems.length;
  return [
    `### ${n} problem${n > 1 ? 's' : ''}`,
    '',
    '| File | Line | Code | Problem |',
    '|---|---|---|---|',
    ...rows,
  ];
}

/** A problem code as a code span: codes are grantops' own `E_…` names; anything else is text. */
function codeCell(code: string): string {
  return isCode(code) ? `\`${code}\`` : markdownText(code);
}

function problemLine(p: ProblemJson): string {
  return `${escapePath(p.path, 200)}${p.line === null ? '' : `:${p.line}`}: ${p.code}: ${p.message}`;
}

/**
 * The result as a fenced JSON block: non-ASCII escaped (`\uXXXX`, the same value), and a fence
 * longer than any run of backticks inside, so nothing in the result can close it.
 */
function jsonBlock(result: CommandResult): string {
  let text = safeOutput(JSON.stringify(result, null, 2), true);
  if (text.length > MAX_JSON_SHOWN)
    text = `${text.slice(0, MAX_JSON_SHOWN)}\n… (cut here: the step's \`result\` output holds all of it)`;
  const longest = Math.max(2, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}json\n${text}\n${fence}`;
}
