/**
 * The GitRepository port: what the forges ask of the git repository they work in.
 *
 * Both forges keep their requests in git and may import only the core (DESIGN §5): the local
 * forge writes branches, approval refs, records and squash merges with git's plumbing; the
 * GitHub forge fetches the commits a pull request names into the checkout, so files, diffs and
 * commit lists come from git's own objects (I3), never from an API listing. The commands build
 * the real implementation over a folder (`src/git/repository.ts`) and hand it to the forge.
 *
 * Every operation is named by what it does and typed in and out: there is no "run any git
 * command", so what a forge can do to a repository is read here in one place. Expected outcomes
 * (a ref that moved meanwhile, a merge that conflicts, a file that is not there) are results;
 * an `ExternalError` (`E_GIT`…) means git itself failed.
 */

/** A ref and the object it points at. */
export interface RefEntry {
  /** The full name, e.g. `refs/heads/request/db-read/alice`. */
  name: string;
  oid: string;
}

/** A git identity as a commit records it. */
export interface Signature {
  name: string;
  email: string;
}

/** One change to a tree: a file written (`blob`) or removed (`blob: null`). */
export interface TreeEdit {
  path: string;
  blob: string | null;
  mode?: '100644';
}

export interface CommitSpec {
  tree: string;
  parents: readonly string[];
  message: string;
  author: Signature;
  committer: Signature;
  /** Author and committer time: the clock's, so tests and demos can travel in time. */
  at: Date;
}

/** A commit and the two identities it records, as written (names may hold any character). */
export interface CommitPeople {
  sha: string;
  author: Signature;
  committer: Signature;
}

/**
 * One path a diff changes, renames shown as a deletion and an addition. `status` is git's
 * letter (A added, D deleted, M modified, T type changed); `path` is decoded byte for byte
 * (latin1), so a name with non-ASCII bytes never equals an ASCII one by accident.
 */
export interface PathChange {
  status: string;
  path: string;
}

/** Where commits are fetched from: a clone URL, or a path (tests), and a token for HTTPS. */
export interface GitSource {
  url: string;
  /** Sent as an HTTP header for that one fetch: never in a URL, an argument, a log or the config. */
  token?: string;
}

export interface GitRepository {
  /** The repository's folder, for messages only. */
  readonly dir: string;

  // Refs. Every move that can race is a compare-and-swap, so two runs never overwrite each other.

  /** Every ref under `prefix` (a folder of refs, ending in `/`), sorted by name. */
  listRefs(prefix: string): Promise<RefEntry[]>;
  /** The object a ref (or any revision) names, or null when there is none. */
  readRef(ref: string): Promise<string | null>;
  /** Points `ref` at `oid` whatever it pointed at: for refs only grantops writes (records). */
  setRef(ref: string, oid: string, reason: string): Promise<void>;
  /**
   * Moves `ref` to `to` only if it still points at `from` (null: only if it does not exist yet),
   * atomically. False when someone else moved it first.
   */
  swapRef(ref: string, to: string, from: string | null, reason: string): Promise<boolean>;
  /** Deletes `ref` only if it still points at `from`; false when it moved or is gone. */
  deleteRef(ref: string, from: string): Promise<boolean>;
  /**
   * Moves a branch from `from` to its descendant `to` as `git merge --ff-only` would: a work
   * tree with the branch checked out follows, and one with local changes the move would
   * overwrite stops it (`ExternalError` `E_WORKTREE_CHANGES`, nothing moved). False when the
   * branch moved meanwhile.
   */
  advanceBranch(ref: string, from: string, to: string, reason: string): Promise<boolean>;

  // History.

  /** The commit a revision names; `ExternalError` `E_GIT_REF` naming it when there is none. */
  resolveCommit(rev: string): Promise<string>;
  /** A commit's first parent, or null for a root commit. */
  firstParent(commit: string): Promise<string | null>;
  /** Whether `ancestor` is in the history of `descendant`. */
  isAncestor(ancestor: string, descendant: string): Promise<boolean>;
  /** The best common ancestor of two commits (where a branch left its base). */
  mergeBase(a: string, b: string): Promise<string>;
  /** The commits of `base..head`, oldest first (topological order), with their identities. */
  commitsBetween(base: string, head: string): Promise<CommitPeople[]>;
  /** The paths that differ from commit `base` to commit `head`. */
  changedPaths(base: string, head: string): Promise<PathChange[]>;

  // Objects, written without touching any work tree or the user's index.

  /** The tree of a commit. */
  treeOf(commit: string): Promise<string>;
  /** The object at `path` in `commit`, or null when there is no such path. */
  objectAt(commit: string, path: string): Promise<string | null>;
  /**
   * The object at each of `paths` in `commit` (null: no such path), all at once; null when the
   * repository does not hold `commit`.
   */
  objectsAt(
    commit: string,
    paths: readonly string[],
  ): Promise<ReadonlyMap<string, string | null> | null>;
  /** A blob's content, decoded as UTF-8; `ExternalError` when `oid` is not a blob. */
  readText(oid: string): Promise<string>;
  writeBlob(content: string): Promise<string>;
  /** The tree of `commit` with `edits` applied. */
  editTree(commit: string, edits: readonly TreeEdit[]): Promise<string>;
  /** The tree of merging `theirs` into `ours` from their merge base, or null on a conflict. */
  mergeTree(ours: string, theirs: string): Promise<string | null>;
  writeCommit(spec: CommitSpec): Promise<string>;

  // The repository's surroundings.

  /** `user.name` and `user.email` as configured for this repository (empty when unset). */
  configuredIdentity(): Promise<Signature>;
  /**
   * Makes sure every commit in `shas` (full SHA-1s) is in the repository, fetching the missing
   * ones from `source`; `ExternalError` `E_GIT_FETCH` when one is still missing afterwards.
   */
  fetchCommits(source: GitSource, shas: readonly string[]): Promise<void>;
  /**
   * Creates `branch` at the commit `sha` in the remote `target` (a push), only if the remote has
   * no such branch yet: false when it has one at another commit, which is never moved.
   */
  pushNewBranch(target: GitSource, branch: string, sha: string): Promise<boolean>;
}
