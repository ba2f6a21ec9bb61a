/**
 * The one reducer of the ledger: "the latest version of each grant file on the branch", folded
 * from its first-parent commits, oldest first. `status`, `audit --at`, the provisioner and the
 * in-memory ledger all read the branch through it; what a version is depends on the reader (a
 * checked landing, or a reference to content that is read only if it survives to the end).
 */

/** One first-parent commit, as far as the fold needs it. */
export interface LandingCommit {
  oid: string;
  /** Its landing time: the committer time, clamped by `LandingClock`. */
  committedAt: Date;
  message: string;
}

/** One version of a grant file, where and when it landed. */
export interface LandedVersion<V> {
  path: string;
  commit: string;
  landedAt: Date;
  /** The landing commit's message, for its trailers. */
  message: string;
  version: V;
}

export class LatestVersions<V> {
  private readonly files = new Map<string, LandedVersion<V>>();

  /**
   * Records that commit `c` changed `path` to `version` (null: deleted, or no longer a grant
   * file at all) and returns the version it replaced, if any.
   */
  record(c: LandingCommit, path: string, version: V | null): LandedVersion<V> | undefined {
    const previous = this.files.get(path);
    if (version === null) this.files.delete(path);
    else
      this.files.set(path, {
        path,
        commit: c.oid,
        landedAt: c.committedAt,
        message: c.message,
        version,
      });
    return previous;
  }

  /** The latest version of every grant file on the branch, in the order they first landed. */
  values(): LandedVersion<V>[] {
    return [...this.files.values()];
  }
}

/**
 * Landing times along the branch never go backwards. A committer date is whatever the committer's
 * clock or environment said, so a commit can claim to be older than the one before it; it cannot
 * have landed before its parent did. A back-dated commit is taken to land when the commit before
 * it did, so it can neither open a window in the past (that ends before anyone looks) nor hide
 * from a reader who asks what happened since some time.
 */
export class LandingClock {
  private last = Number.NEGATIVE_INFINITY;

  /** The landing time of the next first-parent commit, given its committer time. */
  next(committedAt: Date): Date {
    const t = committedAt.getTime();
    if (t >= this.last) {
      this.last = t;
      return committedAt;
    }
    return new Date(this.last);
  }
}
