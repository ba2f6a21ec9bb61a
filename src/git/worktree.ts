import { ExternalError } from '../core/errors.js';
import { swapRef } from './refs.js';
import { git, gitOk } from './run.js';

/** The work trees (linked ones too) that have `branch` checked out. */
async function checkoutsOf(repo: string, branch: string): Promise<string[]> {
  const out = (await gitOk(repo, ['worktree', 'list', '--porcelain', '-z'])).toString('utf8');
  const dirs: string[] = [];
  for (const entry of out.split('\0\0')) {
    const fields = entry.split('\0');
    const dir = fields.find((f) => f.startsWith('worktree '))?.slice('worktree '.length);
    if (dir && !fields.includes('bare') && fields.includes(`branch ${branch}`)) dirs.push(dir);
  }
  return dirs;
}

/**
 * Moves a branch from `from` to `to` (a descendant) the way `git merge --ff-only` would: when a
 * work tree has the branch checked out, its index and files follow, and when it has local
 * changes the new commit would overwrite, nothing moves and the user is told. A branch that
 * moved meanwhile is not overwritten: the result is false and the caller decides again.
 */
export async function advanceBranch(
  repo: string,
  branch: string,
  from: string,
  to: string,
  reason: string,
): Promise<boolean> {
  const checkouts = await checkoutsOf(repo, branch);
  for (const dir of checkouts) {
    // A dry run first: refuse before anything moves.
    const r = await git(dir, ['read-tree', '-n', '-m', '-u', from, to]);
    if (r.code !== 0) throw dirty(dir, branch, r.stderr);
  }
  if (!(await swapRef(repo, branch, to, from, reason))) return false;
  for (const dir of checkouts) {
    const r = await git(dir, ['read-tree', '-m', '-u', from, to]);
    // Changed between the dry run and now: put the branch back so tree and branch agree.
    if (r.code !== 0) {
      await swapRef(repo, branch, from, to, `${reason} (undone)`);
      throw dirty(dir, branch, r.stderr);
    }
  }
  return true;
}

function dirty(dir: string, branch: string, stderr: string): ExternalError {
  const name = branch.replace(/^refs\/heads\//, '');
  return new ExternalError(
    'E_WORKTREE_CHANGES',
    `${name} is checked out in ${dir} with local changes that moving it would overwrite, so ${name} was not moved: ${stderr.trim().split('\n').slice(0, 3).join(' ')} Commit or stash them (or check out another branch), then run again.`,
  );
}
