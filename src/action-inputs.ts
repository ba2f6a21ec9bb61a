import { readFileSync } from 'node:fs';
import { UsageError } from './core/errors.js';

/**
 * Turns the action's inputs into a grantops command line. `command` names the command and
 * `args` adds flags (one per line). For `validate` on a pull_request event, the base, head and
 * author come from the event payload GitHub wrote: the author is `pull_request.user.login`
 * (I1), never `github.actor` and never text from the PR.
 */
export function actionArgv(
  input: (name: string) => string,
  env: Readonly<Record<string, string | undefined>>,
): string[] {
  const command = input('command').trim();
  if (!command)
    throw new UsageError('The action input `command` is required (validate, status, …).');
  const extra = input('args')
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  const argv = [command, ...extra, '--format', input('format') || 'text'];
  if (
    command === 'validate' &&
    env.GITHUB_EVENT_PATH &&
    !extra.some((a) => a.startsWith('--author'))
  ) {
    const event = JSON.parse(readFileSync(env.GITHUB_EVENT_PATH, 'utf8')) as {
      pull_request?: { base: { sha: string }; head: { sha: string }; user: { login: string } };
    };
    const pr = event.pull_request;
    if (pr) argv.push('--base', pr.base.sha, '--head', pr.head.sha, '--author', pr.user.login);
  }
  return argv;
}
