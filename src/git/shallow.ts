import { ExternalError } from '../core/errors.js';
import { git, gitOk } from './run.js';

/**
 * The ledger needs the whole first-parent history: in a shallow clone (what actions/checkout
 * makes by default) grants would seem to land at the cut-off commit and older ones would vanish.
 * When the clone has a remote, grantops deepens it; otherwise it stops and says how to fix it.
 * `shallow`: the answer of `isShallowClone`, when the caller already asked.
 */
export async function ensureFullHistory(
  repo: string,
  note: (s: string) => void,
  shallow?: boolean,
): Promise<void> {
  if (!(shallow ?? (await isShallowClone(repo)))) return;
  const remotes = (await gitOk(repo, ['remote'])).toString('utf8').split('\n').filter(Boolean);
  const fix =
    'grantops reads grant windows and the audit log from the whole history of the branch. ' +
    'In GitHub Actions, check out with `fetch-depth: 0` (actions/checkout `with: { fetch-depth: 0 }`); ' +
    'elsewhere run `git fetch --unshallow`.';
  if (remotes.length === 0) {
    throw new ExternalError(
      'E_SHALLOW_CLONE',
      `${repo} is a shallow clone with no remote to deepen it from. ${fix}`,
    );
  }
  const remote = remotes.includes('origin') ? 'origin' : remotes[0]!;
  note(
    `grantops: ${repo} is a shallow clone; fetching the full history (git fetch --unshallow ${remote}) …`,
  );
  const r = await git(repo, ['fetch', '--quiet', '--unshallow', remote]);
  if (r.code !== 0) {
    throw new ExternalError(
      'E_SHALLOW_CLONE',
      `${repo} is a shallow clone and \`git fetch --unshallow\` failed: ${r.stderr.trim().slice(0, 300)}. ${fix}`,
    );
  }
}

/** Whether `repo` is a shallow clone. */
export async function isShallowClone(repo: string): Promise<boolean> {
  const out = await gitOk(repo, ['rev-parse', '--is-shallow-repository']);
  return out.toString('utf8').trim() === 'true';
}
