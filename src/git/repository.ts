import type { GitRepository } from '../core/git-port.js';
import { fetchCommits } from './fetch.js';
import { changedPaths, commitsBetween, firstParent, mergeBase } from './history.js';
import { pushNewBranch } from './push.js';
import { deleteRef, isAncestor, listRefs, readRef, setRef, swapRef } from './refs.js';
import { git, gitOk, resolveCommit } from './run.js';
import { advanceBranch } from './worktree.js';
import { objectAt, objectsAt } from './objects.js';
import { editTree, mergeTree, treeOf, writeBlob, writeCommit } from './write.js';

/**
 * The GitRepository port (src/core/git-port.ts) over the git repository in `dir`: each
 * operation is one of this folder's functions, bound to the folder. The commands build it and
 * hand it to a forge, which cannot import src/git/ itself (DESIGN §5).
 */
export function gitRepository(dir: string): GitRepository {
  return {
    dir,
    listRefs: (prefix) => listRefs(dir, prefix),
    readRef: (ref) => readRef(dir, ref),
    setRef: (ref, oid, reason) => setRef(dir, ref, oid, reason),
    swapRef: (ref, to, from, reason) => swapRef(dir, ref, to, from, reason),
    deleteRef: (ref, from) => deleteRef(dir, ref, from),
    advanceBranch: (ref, from, to, reason) => advanceBranch(dir, ref, from, to, reason),

    resolveCommit: (rev) => resolveCommit(dir, rev),
    firstParent: (commit) => firstParent(dir, commit),
    isAncestor: (ancestor, descendant) => isAncestor(dir, ancestor, descendant),
    mergeBase: (a, b) => mergeBase(dir, a, b),
    commitsBetween: (base, head) => commitsBetween(dir, base, head),
    changedPaths: (base, head) => changedPaths(dir, base, head),

    treeOf: (commit) => treeOf(dir, commit),
    objectAt: (commit, path) => objectAt(dir, commit, path),
    objectsAt: (commit, paths) => objectsAt(dir, commit, paths),
    readText: async (oid) => (await gitOk(dir, ['cat-file', 'blob', oid])).toString('utf8'),
    writeBlob: (content) => writeBlob(dir, content),
    editTree: (commit, edits) => editTree(dir, commit, edits),
    mergeTree: (ours, theirs) => mergeTree(dir, ours, theirs),
    writeCommit: (spec) => writeCommit(dir, spec),

    async configuredIdentity() {
      // `git config --get` exits 1 with no output for a key that is not set: that is ''.
      const read = async (key: string) =>
        (await git(dir, ['config', '--get', key])).stdout.toString('utf8').trim();
      const [name, email] = await Promise.all([read('user.name'), read('user.email')]);
      return { name, email };
    },
    fetchCommits: (source, shas) => fetchCommits(dir, source, shas),
    pushNewBranch: (target, branch, sha) => pushNewBranch(dir, target, branch, sha),
  };
}
