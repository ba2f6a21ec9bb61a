import { parseGrantFile, type GrantFile } from './grant.js';
import { MAX_GRANT_BYTES, isRegularFileMode, parseGrantPath } from './paths.js';
import type { Role } from './policy/types.js';
import { problem, quote, type Problem } from './problem.js';
import { checkSchema } from './schema-check.js';
import { parseTimestamp } from './time.js';
import { grantWindow, type GrantWindow } from './window.js';

/**
 * What the ledger makes of one version of a grant file that landed on the branch. A file there
 * was normally checked before it merged, but an admin can merge around the checks, so the
 * ledger checks again (defence in depth, DESIGN I5): a version with any problem is `invalid`
 * and never opens a window, whatever its content says.
 */

/** One version of a file under grants/, as git stores it. */
export interface GrantVersion {
  /** The path decoded byte for byte, so only git's exact bytes can match the allow-list. */
  path: string;
  mode: string;
  /** The text, or why it could not be read. */
  content: { text: string } | { unreadable: 'too-large' | 'not-utf8' | 'missing'; size?: number };
}

export interface Landing {
  path: string;
  /** From the path; for a path outside the allow-list, its best-effort reading. */
  role: string;
  requester: string;
  valid: boolean;
  grant: GrantFile | null;
  /** Only for valid landings. */
  window: GrantWindow | null;
  problems: Problem[];
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

/**
 * Checks one landed version against the roles of the policies in force when it landed (null
 * when the branch had no readable policies then) and computes its window.
 */
export function checkLanding(
  v: GrantVersion,
  roles: ReadonlyMap<string, Role> | null,
  landedAt: Date,
): Landing {
  const parsedPath = parseGrantPath(v.path);
  const { role, requester } = grantIdentity(v.path);
  const invalid = (problems: Problem[], grant: GrantFile | null = null): Landing => ({
    path: v.path,
    role,
    requester,
    valid: false,
    grant,
    window: null,
    problems,
  });

  if (!parsedPath) {
    return invalid([
      problem(
        v.path,
        null,
        'E_GRANT_PATH',
        `${quote(v.path)} is not a grant path. Grants live at grants/<role>/<login>.yaml, in lower case.`,
      ),
    ]);
  }
  if (!isRegularFileMode(v.mode)) {
    return invalid([
      problem(
        v.path,
        null,
        'E_NOT_REGULAR_FILE',
        `Grant files must be regular files; this one has git mode ${v.mode} (a symlink or submodule).`,
      ),
    ]);
  }
  if ('unreadable' in v.content) {
    const why = v.content.unreadable;
    if (why === 'too-large') {
      return invalid([
        problem(
          v.path,
          null,
          'E_FILE_TOO_LARGE',
          `The grant file is ${v.content.size ?? '?'} bytes; the limit is ${MAX_GRANT_BYTES}.`,
        ),
      ]);
    }
    if (why === 'not-utf8')
      return invalid([problem(v.path, null, 'E_ENCODING', 'The grant file is not valid UTF-8.')]);
    return invalid([
      problem(
        v.path,
        null,
        'E_MISSING_OBJECT',
        'The grant file content is missing from the repository (a partial or damaged clone).',
      ),
    ]);
  }

  const roleDef = roles?.get(role);
  const parsed = parseGrantFile(v.path, v.content.text, roleDef);
  if (!parsed.grant) return invalid(parsed.problems);
  const grant = parsed.grant;
  const problems: Problem[] = [];
  if (!roleDef) {
    const known = roles ? [...roles.keys()].slice(0, 20).join(', ') : '';
    problems.push(
      problem(
        v.path,
        null,
        'E_ROLE_UNKNOWN',
        `Role ${quote(role)} was not defined in the policies in force when this file landed${known ? ` (roles then: ${known})` : ''}.`,
      ),
    );
  } else if (!Number.isFinite(roleDef.maxDurationSeconds) || roleDef.maxDurationSeconds <= 0) {
    problems.push(
      problem(
        v.path,
        null,
        'E_ROLE_MAX_DURATION',
        `Role ${quote(role)} had no readable max_duration when this file landed, so no window can be bounded.`,
      ),
    );
  }
  if (parsed.durationSeconds === null || parsed.durationSeconds <= 0) {
    problems.push(
      problem(
        v.path,
        null,
        'E_DURATION',
        `duration ${quote(grant.duration)} is not a positive duration (like 30m, 2h, 1h30m, 1d or PT2H).`,
      ),
    );
  }
  let start: Date | null = null;
  if (grant.start !== undefined) {
    start = parseTimestamp(grant.start);
    if (!start)
      problems.push(
        problem(
          v.path,
          null,
          'E_START',
          `start ${quote(grant.start)} is not an RFC 3339 time with an offset, like 2026-11-26T09:00:00Z.`,
        ),
      );
  }
  if (roleDef?.params && parsed.positions) {
    problems.push(
      ...checkSchema(roleDef.params, grant.params ?? {}, v.path, parsed.positions, {
        label: 'params',
        pointerBase: '/params',
      }),
    );
  } else if (roleDef && !roleDef.params && grant.params !== undefined) {
    problems.push(
      problem(v.path, null, 'E_PARAMS', `Role ${quote(role)} takes no params; this file has some.`),
    );
  }
  if (problems.length || !roleDef || parsed.durationSeconds === null)
    return invalid(problems, grant);
  return {
    path: v.path,
    role,
    requester,
    valid: true,
    grant,
    window: grantWindow({
      landedAt,
      start,
      durationSeconds: parsed.durationSeconds,
      maxSeconds: roleDef.maxDurationSeconds,
    }),
    problems: [],
  };
}
