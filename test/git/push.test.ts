import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { gitRepository } from '../../src/git/repository.js';
import { GitRepo } from '../helpers/gitrepo.js';

/** Pushing a request branch: created where absent, never moved where it exists. */

const dirs: string[] = [];
const repos: GitRepo[] = [];
afterEach(() => {
  repos.splice(0).forEach((r) => r.cleanup());
  dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true }));
});

function setup() {
  const local = GitRepo.create();
  repos.push(local);
  const base = local.write('a', '1').commit('base', '2026-11-20T10:00:00Z');
  const remote = mkdtempSync(join(tmpdir(), 'grantops-remote-'));
  dirs.push(remote);
  execFileSync('git', ['init', '-q', '--bare', remote]);
  const ours = local.write('b', '1').commit('ours', '2026-11-20T10:01:00Z');
  const theirs = local.git(['commit-tree', '-p', base, '-m', 'theirs', `${base}^{tree}`]).trim();
  const at = (branch: string) => {
    try {
      return execFileSync('git', ['rev-parse', '--verify', '--quiet', `refs/heads/${branch}`], {
        cwd: remote,
        encoding: 'utf8',
      }).trim();
    } catch {
      return null;
    }
  };
  return { git: gitRepository(local.dir), remote: { url: remote }, ours, theirs, at };
}

describe('pushNewBranch', () => {
  it('creates the branch when the remote has none, and never moves one that exists', async () => {
    const { git, remote, ours, theirs, at } = setup();
    expect(await git.pushNewBranch(remote, 'request/db-read/alice', theirs)).toBe(true);
    expect(at('request/db-read/alice')).toBe(theirs);
    // Another commit is refused, even one a plain push could force over it.
    expect(await git.pushNewBranch(remote, 'request/db-read/alice', ours)).toBe(false);
    expect(at('request/db-read/alice')).toBe(theirs);
    // The same commit again: nothing to do, and the branch is where it was asked to be.
    expect(await git.pushNewBranch(remote, 'request/db-read/alice', theirs)).toBe(true);
    expect(at('request/db-read/alice')).toBe(theirs);
  });

  it('pushes only a full SHA-1 to a plain branch name, before running git', async () => {
    const { git, remote, ours, at } = setup();
    for (const [branch, sha] of [
      ['--delete', ours],
      ['request/x/y', 'HEAD'],
      ['../main', ours],
      ['request//x', ours],
    ] as const) {
      await expect(git.pushNewBranch(remote, branch, sha)).rejects.toMatchObject({
        code: 'E_GIT',
      });
    }
    expect(at('main')).toBeNull();
  });

  it('a remote that cannot be written is an error that says so', async () => {
    const { git, ours } = setup();
    await expect(
      git.pushNewBranch({ url: '/nonexistent/grantops-remote' }, 'request/x/y', ours),
    ).rejects.toMatchObject({ code: 'E_GIT', message: expect.stringMatching(/could not push/) });
  });
});
