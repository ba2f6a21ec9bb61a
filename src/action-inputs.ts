import { readFileSync } from 'node:fs';
import { ConfigError, UsageError } from './core/errors.js';
import { quote } from './core/text.js';

/** One run of the action: the grantops command line, and what its log shows. */
export interface ActionRequest {
  command: string;
  /** The command line runCli gets: always `--format json`, the result the action reports. */
  argv: string[];
  /** What the log shows: `text` (the job summary's view) or `json` (the `result` output). */
  show: 'text' | 'json';
}

/**
 * An input as the runner passes it (`INPUT_<NAME>`), trimmed: what `core.getInput` reads,
 * without loading @actions/core before there is anything to report.
 */
export const envInput =
  (env: Readonly<Record<string, string | undefined>>) =>
  (name: string): string =>
    (env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim();

/**
 * Turns the action's inputs into a grantops command line. `command` names the command and
 * `args` adds flags, one per line: a line `--flag value` is the flag and its value (split at the
 * first space, so a value may hold spaces). For `validate` on a pull_request event, the base,
 * head and author come from the event payload GitHub wrote: the author is
 * `pull_request.user.login` (I1), never `github.actor` and never text from the PR.
 */
export function actionRequest(
  input: (name: string) => string,
  env: Readonly<Record<string, string | undefined>>,
): ActionRequest {
  const command = input('command');
  if (!command)
    throw new UsageError(
      'The action input `command` is required: set it to validate, codeowners, status, audit, plan, reconcile, merge, expire or doctor.',
    );
  const show = input('format') || 'text';
  if (show !== 'text' && show !== 'json')
    throw new UsageError(`The action input \`format\` is ${quote(show)}; use text or json.`);
  const extra = input('args')
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .flatMap((l) => {
      const m = /^(--[^\s=]+)\s+(.+)$/.exec(l);
      return m ? [m[1]!, m[2]!] : [l];
    });
  if (extra.some((a) => a === '--format' || a.startsWith('--format=')))
    throw new UsageError(
      'Set the output format with the action input `format`, not with --format in `args`.',
    );
  const argv = [command, ...extra, '--format', 'json'];
  if (
    command === 'validate' &&
    env.GITHUB_EVENT_PATH &&
    !extra.some((a) => a.startsWith('--author'))
  ) {
    const pr = pullRequest(env.GITHUB_EVENT_PATH);
    if (pr) argv.push('--base', pr.base, '--head', pr.head, '--author', pr.author);
  }
  return { command, argv, show };
}

/** The pull request of the event payload, or null when the event is not about one. */
function pullRequest(path: string): { base: string; head: string; author: string } | null {
  let event: unknown;
  try {
    event = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new ConfigError(
      `Could not read the event payload GitHub wrote (GITHUB_EVENT_PATH=${quote(path, 200)}): ${(err as Error).message}. Run validate from a workflow GitHub started for a pull request, or pass --base, --head and --author in \`args\`.`,
      [],
      'E_ACTION_EVENT',
    );
  }
  const pr = (event as { pull_request?: unknown } | null)?.pull_request as
    { base?: { sha?: unknown }; head?: { sha?: unknown }; user?: { login?: unknown } } | undefined;
  if (pr === undefined || pr === null) return null;
  const base = pr.base?.sha;
  const head = pr.head?.sha;
  const author = pr.user?.login;
  if (typeof base !== 'string' || typeof head !== 'string' || typeof author !== 'string')
    throw new ConfigError(
      'The event payload has a pull_request without base.sha, head.sha and user.login; grantops cannot tell what to validate or who asks. Run validate on pull_request events, or pass --base, --head and --author in `args`.',
      [],
      'E_ACTION_EVENT',
    );
  return { base, head, author };
}
