import { parseGrantFile } from '../grant.js';
import { GRANTS_DIR, parseGrantPath } from '../paths.js';
import { problem, quotePath, type Problem } from '../problem.js';
import { approvalProblem, countApprovals } from './approvals.js';
import {
  contentRules,
  fileRules,
  requestRules,
  revocationAllowed,
  type GrantCheck,
  type Rule,
} from './rules.js';
import { suggestedGrantPath } from './suggest.js';
import type { Decision, FileChange, GrantSummary, RequestInput } from './types.js';

const run = (rules: Rule[], c: GrantCheck) => rules.flatMap((r) => r(c));

/**
 * Decides whether a change is a valid access request by its author, and, when approvals are
 * given, whether it may merge. Pure: everything it needs arrives in `input`.
 */
export function validateRequest(input: RequestInput): Decision {
  const problems: Problem[] = [];
  const approvalProblems: Problem[] = [];
  const grants: GrantSummary[] = [];
  let approvalsMet = true;

  if (input.changes.length === 0) {
    problems.push(
      problem(
        'grants/',
        null,
        'E_NO_CHANGES',
        'This change touches no file. A request adds or changes one file grants/<role>/<your-login>.yaml.',
      ),
    );
  }

  for (const change of input.changes) {
    const path = parseGrantPath(change.path);
    if (!path) {
      problems.push(outsideAllowList(change, input.author));
      continue;
    }
    const c: GrantCheck = {
      change,
      roleName: path.role,
      login: path.login,
      role: input.policy.roles.get(path.role),
      input,
    };

    if (change.status === 'deleted') {
      problems.push(...revocationAllowed(c));
      grants.push({
        path: change.path,
        role: path.role,
        requester: path.login,
        change: 'revoked',
        duration_seconds: null,
      });
      continue;
    }

    const found = run(fileRules, c);
    found.push(...run(requestRules, c));
    if (
      found.every(
        (p) =>
          p.code !== 'E_NOT_REGULAR_FILE' &&
          p.code !== 'E_FILE_TOO_LARGE' &&
          p.code !== 'E_ENCODING',
      ) &&
      change.text !== null
    ) {
      c.parsed = parseGrantFile(change.path, change.text, c.role);
      found.push(...c.parsed.problems, ...run(contentRules, c));
    }
    problems.push(...found);

    const summary: GrantSummary = {
      path: change.path,
      role: path.role,
      requester: path.login,
      change: change.status === 'added' ? 'added' : 'renewed',
      duration_seconds: c.parsed?.durationSeconds ?? null,
    };
    if (c.role) {
      summary.approvals_required = c.role.approvals;
      if (input.approvedBy) {
        const count = countApprovals(c.role, input);
        summary.approved_by = count.counted;
        const missing = approvalProblem(change.path, c.role, count);
        if (missing) {
          approvalsMet = false;
          approvalProblems.push(missing);
        }
      }
    } else approvalsMet = false;
    grants.push(summary);
  }

  const valid = problems.length === 0;
  const approved = input.approvedBy === undefined ? null : valid && approvalsMet;
  return { valid, approved, grants, problems: [...problems, ...approvalProblems] };
}

/** A path that is not grants/<role>/<login>.yaml: a control-plane change, or a misplaced file. */
function outsideAllowList(change: FileChange, author: string): Problem {
  const p = change.path;
  if (!p.startsWith(GRANTS_DIR)) {
    return problem(
      p,
      null,
      'E_SCOPE',
      `A request may only add, change or delete files grants/<role>/<login>.yaml; this change also touches ${quotePath(p, 120)}. Changes to policies, workflows, schemas, code or other files are control-plane changes: open them as a separate pull request for the admins.`,
    );
  }
  const login = author.toLowerCase();
  const parts = p.slice(GRANTS_DIR.length).split('/');
  let hint = `Name it ${suggestedGrantPath(undefined, login)}.`;
  if (/\.yml$/i.test(p)) hint = 'Use the extension .yaml, not .yml.';
  else if (p !== p.toLowerCase())
    hint = `Paths are lower case: ${suggestedGrantPath(parts[0]?.toLowerCase(), login)}.`;
  else if (parts.length !== 2)
    hint = `Grant files sit exactly one folder deep: ${suggestedGrantPath(undefined, login)}.`;
  else if (/[^\x20-\x7e]/.test(p)) hint = 'Paths may only use the letters a-z, digits, - and _.';
  return problem(p, null, 'E_PATH', `${quotePath(p, 120)} is not a grant file path. ${hint}`);
}
