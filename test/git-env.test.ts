import { afterEach, describe, expect, it } from 'vitest';
import { gitOk } from '../src/git/run.js';
import { GitRepo } from './helpers/gitrepo.js';

/**
 * A git hook runs with GIT_DIR (and often GIT_INDEX_FILE) pointing at its own repository; a
 * grantops started from it must still read the repository named by --repo.
 */
describe('git runs in the repository it is given', () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
  });

  it('ignores GIT_DIR, GIT_WORK_TREE and GIT_INDEX_FILE inherited from a hook', async () => {
    const ours = GitRepo.create();
    const theirs = GitRepo.create();
    ours.write('a.txt', 'ours\n').commit('ours', '2026-01-01T00:00:00Z');
    theirs.write('b.txt', 'theirs\n').commit('theirs', '2026-01-01T00:00:00Z');
    process.env.GIT_DIR = `${theirs.dir}/.git`;
    process.env.GIT_WORK_TREE = theirs.dir;
    process.env.GIT_INDEX_FILE = `${theirs.dir}/.git/index`;
    const log = (await gitOk(ours.dir, ['log', '-1', '--format=%s'])).toString('utf8').trim();
    expect(log).toBe('ours');
  });
});
