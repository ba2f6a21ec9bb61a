import { fixedClock, type Clock } from '../../src/core/time.js';
import { LocalForge } from '../../src/local/forge.js';
import { gitRepository } from '../../src/git/repository.js';
import { gitOk } from '../../src/git/run.js';
import { editTree, writeBlob, writeCommit } from '../../src/git/write.js';
import type { ForgeWorld } from '../forge/contract.js';
import { GitRepo } from '../helpers/gitrepo.js';

/** A clock tests move by hand: every forge commit takes its time from it. */
export function movableClock(
  start: string,
): Clock & { set(iso: string): void; advance(minutes: number): void } {
  let at = new Date(start);
  return {
    now: () => new Date(at.getTime()),
    set: (iso) => (at = new Date(iso)),
    advance: (minutes) => (at = new Date(at.getTime() + minutes * 60_000)),
  };
}

const who = (login: string) => ({ name: login, email: `${login}@users.noreply.github.com` });

/** One commit on `parent` writing `files` (null deletes), authored and committed by `as`. */
export async function commitAs(
  repo: string,
  parent: string,
  as: string,
  files: Record<string, string | null>,
  at: Date,
  message = `Change by ${as}`,
): Promise<string> {
  const edits = await Promise.all(
    Object.entries(files).map(async ([path, text]) => ({
      path,
      blob: text === null ? null : await writeBlob(repo, text),
    })),
  );
  return writeCommit(repo, {
    tree: await editTree(repo, parent, edits),
    parents: [parent],
    message: `${message}\n`,
    author: who(as),
    committer: who(as),
    at,
  });
}

/** A plain git repository with an empty main, driven as its users would, for the contract. */
export async function localWorld(): Promise<ForgeWorld & { repo: GitRepo; local: LocalForge }> {
  const repo = GitRepo.create();
  repo.write('grants/.gitkeep', '').commit('Access repository', '2026-11-20T10:00:00Z');
  const clock = movableClock('2026-11-20T11:00:00Z');
  const forge = new LocalForge({
    git: gitRepository(repo.dir),
    clock: fixedClock(new Date('2026-11-20T12:00:00Z')),
  });
  const rev = (ref: string) => repo.git(['rev-parse', ref]).trim();
  const step = () => {
    clock.advance(1);
    return clock.now();
  };
  return {
    forge,
    local: forge,
    repo,
    base: 'main',
    async openRequest(as, branch, files) {
      const c = await commitAs(repo.dir, rev('main'), as, files, step(), `Request by ${as}`);
      repo.git(['update-ref', `refs/heads/${branch}`, c]);
      return branch;
    },
    async push(id, as, files) {
      const c = await commitAs(repo.dir, rev(id), as, files, step());
      repo.git(['update-ref', `refs/heads/${id}`, c]);
      return c;
    },
    async approve(id, as) {
      await forge.approve(id, as);
    },
    async land(path, text) {
      const c = await commitAs(
        repo.dir,
        rev('main'),
        'admin',
        { [path]: text },
        step(),
        'Land by hand',
      );
      repo.git(['update-ref', 'refs/heads/main', c]);
      return c;
    },
    baseHead: async () => rev('main'),
    async baseFile(path) {
      const r = repo.git(['ls-tree', 'main', '--', path]).trim();
      return r ? (await gitOk(repo.dir, ['show', `main:${path}`])).toString('utf8') : null;
    },
    message: async (commit) => repo.git(['log', '-1', '--format=%B', commit]),
    lastReport: (id) => forge.lastReport(id),
    cleanup: async () => repo.cleanup(),
  };
}
