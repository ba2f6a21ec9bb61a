import { parseGrantFile, type GrantFile } from './grant.js';
import { judgeLanding, unapprovedProblem, type LandingApproval } from './landing-approval.js';
import { MAX_GRANT_BYTES, parseGrantPath } from './paths.js';
import type { TeamMembers } from './policy/principals.js';
import type { Policy } from './policy/types.js';
import { problem, quote, type Problem } from './problem.js';
import { fileRules, landedContentRules, roleExists, type GrantCheck } from './request/rules.js';
import type { FileChange } from './request/types.js';
import { parseTimestamp } from './time.js';
import { grantWindow, type GrantWindow } from './window.js';

/**
 * What the ledger makes of one version of a grant file that landed on the branch. A file there
 * was normally checked before it merged, but an admin can merge around the checks, so the
 * ledger checks again (defence in depth, DESIGN I5), with the very rules `validate` runs, under
 * the policies in force when it landed: a version with any problem is `invalid`, one whose
 * landing was not approved is `unapproved`, and neither ever opens a window.
 */

/** One version of a file under grants/, as git stores it. */
export interface GrantVersion {
  /** The path decoded byte for byte, so only git's exact bytes can match the allow-list. */
  path: string;
  mode: string;
  /** The text, or why it could not be read. */
  content: { text: string } | { unreadable: 'too-large' | 'not-utf8' | 'missing'; size?: number };
}

/**
 * `valid`: it grants its window. `unapproved`: a well-formed file whose landing lacked eligible
 * approvals or an eligible requester; it grants nothing and raises `E_UNAPPROVED_LANDING`.
 * `invalid`: the file breaks a rule; it grants nothing.
 */
export type LandingState = 'valid' | 'unapproved' | 'invalid';

export interface Landing {
  path: string;
  /** From the path; for a path outside the allow-list, its best-effort reading. */
  role: string;
  requester: string;
  state: LandingState;
  grant: GrantFile | null;
  /** The window it opens: set only when `state` is `valid`. */
  window: GrantWindow | null;
  /** The approvals judged at landing; null when the role was unknown then or the file unreadable. */
  approval: LandingApproval | null;
  problems: Problem[];
}

/** What a landing is judged by, besides its content. */
export interface LandingContext {
  /** The policies in force when it landed (its commit's first parent); null when none were readable. */
  policy: Policy | null;
  /** When it landed: the commit's committer time, never earlier than the landing before it. */
  landedAt: Date;
  /** The landing commit's `Approved-by` values, exactly as written. */
  approvedBy: readonly string[];
  /** Members of the teams the role names, as far as a directory resolved them. */
  teams: TeamMembers;
  /** False when no directory was given (every team unresolved, and the reasons say so). */
  directory: boolean;
}

/** Files under grants/ that are not grant files at all (and are not reported). */
export function isGrantCandidate(path: string): boolean {
  return path.startsWith('grants/') && /\.ya?ml$/i.test(path);
}

/** Role and requester of a path under grants/; for a path outside the allow-list, a best effort. */
export function grantIdentity(path: string): { role: string; requester: string } {
  const parsed = parseGrantPath(path);
  if (parsed) return { role: parsed.role, requester: parsed.login };
  const segments = path.split('/');
  return {
    role: segments[1] ?? '',
    requester: (segments[segments.length - 1] ?? '').replace(/\.ya?ml$/i, ''),
  };
}

const NO_POLICY: Policy = { admins: [], groups: new Map(), providers: new Map(), roles: new Map() };

/** Checks one landed version and computes its window, or says why it grants nothing. */
export function checkLanding(v: GrantVersion, ctx: LandingContext): Landing {
  const { role, requester } = grantIdentity(v.path);
  const base = { path: v.path, role, requester, window: null };
  const invalid = (
    problems: Problem[],
    grant: GrantFile | null = null,
    approval: LandingApproval | null = null,
  ): Landing => ({ ...base, state: 'invalid', grant, approval, problems });

  if (!parseGrantPath(v.path)) {
    return invalid([
      problem(
        v.path,
        null,
        'E_PATH',
        `${quote(v.path)} is not a grant path. Grants live at grants/<role>/<login>.yaml, in lower case.`,
      ),
    ]);
  }
  const change = fileChangeOf(v);
  const policy = ctx.policy ?? NO_POLICY;
  const c: GrantCheck = {
    change,
    roleName: role,
    login: requester,
    role: policy.roles.get(role),
    input: { author: requester, changes: [], policy, teams: ctx.teams, now: ctx.landedAt },
  };
  const stored = fileRules.flatMap((r) => r(c));
  if (stored.length) return invalid(stored);
  if (change.text === null) {
    return invalid([
      problem(
        v.path,
        null,
        'E_MISSING_OBJECT',
        'The grant file content is missing from the repository (a partial or damaged clone).',
      ),
    ]);
  }

  const problems = [...roleExists(c)];
  if (c.role && !(c.role.maxDurationSeconds > 0 && Number.isFinite(c.role.maxDurationSeconds))) {
    problems.push(
      problem(
        v.path,
        null,
        'E_POLICY_INVALID',
        `Role ${quote(role)} had no readable max_duration when this file landed, so no window can be bounded.`,
      ),
    );
  }
  c.parsed = parseGrantFile(v.path, change.text, c.role);
  problems.push(...c.parsed.problems);
  let approval: LandingApproval | null = null;
  try {
    problems.push(...landedContentRules.flatMap((r) => r(c)));
    approval = judgeLanding(c, ctx);
  } catch (err) {
    // A policy of the past that never loaded cleanly (a pattern or params schema that does
    // not compile) cannot vouch for anything: the landing grants nothing.
    problems.push(
      problem(
        v.path,
        null,
        'E_POLICY_INVALID',
        `Role ${quote(role)} could not be applied as it stood when this file landed: ${quote((err as Error).message, 200)}.`,
      ),
    );
  }
  const grant = c.parsed.grant;
  const seconds = c.parsed.durationSeconds;
  if (problems.length || !grant || !c.role || seconds === null || !approval)
    return invalid(problems, grant, approval);
  if (!approval.approved) {
    return {
      ...base,
      state: 'unapproved',
      grant,
      approval,
      problems: [
        unapprovedProblem(v.path, role, c.role.approvers, approval),
        ...approval.requester,
      ],
    };
  }
  return {
    ...base,
    state: 'valid',
    grant,
    approval,
    // The rules refused a duration over the role's maximum; the cap stays as a second guard.
    window: grantWindow({
      landedAt: ctx.landedAt,
      start: grant.start === undefined ? null : parseTimestamp(grant.start),
      durationSeconds: seconds,
      maxSeconds: c.role.maxDurationSeconds,
    }),
    problems: [],
  };
}

/** The version as the request rules see a changed file. */
function fileChangeOf(v: GrantVersion): FileChange {
  const change: FileChange = {
    path: v.path,
    status: 'added',
    oldMode: '000000',
    newMode: v.mode,
    size: null,
    text: null,
  };
  if ('text' in v.content) {
    // Read within the size cap by the reader; the YAML parser bounds it again.
    change.text = v.content.text;
  } else if (v.content.unreadable === 'too-large') {
    change.size = v.content.size ?? MAX_GRANT_BYTES + 1;
  } else if (v.content.unreadable === 'not-utf8') {
    change.notUtf8 = true;
  }
  return change;
}
