import type { Code } from './codes.js';
import type { Landing } from './landing.js';
import type { LandedVersion } from './latest.js';
import {
  parseTrailers,
  pullRequestFromSubject,
  trailersFor,
  type CommitTrailers,
} from './trailers.js';
import { windowState, type WindowState } from './window.js';

/**
 * One landing of a grant file on the branch, with what the commit says about it: the ledger's
 * unit of record. `status` is the latest record of each file present on the branch.
 */
export interface GrantRecord {
  landing: Landing;
  /** The first-parent commit that added or changed the file. */
  commit: string;
  /** When it landed: that commit's committer time (never an author date), never before the landing before it. */
  landedAt: Date;
  /** The approvers that counted, judged at landing (`landing.approval`). */
  approvers: string[];
  pr: string | null;
  /** `trailers` when grantops wrote audit trailers for this grant, `git` when read from the commit alone. */
  source: 'trailers' | 'git';
}

export interface Evidence {
  /** The commit's `Approved-by` values as written: text, judged by `judgeApprovals`. */
  approvedBy: string[];
  pr: string | null;
  source: 'trailers' | 'git';
  /** The `Reason` trailer about this grant, if any (for revocations: why it ended). */
  reason: string | null;
}

/**
 * What a commit says about one grant file: its trailers when present, otherwise what a
 * hand-made merge still shows (the pull request number in GitHub's merge or squash subject).
 */
export function evidenceFor(
  message: string,
  path: string,
  role: string,
  requester: string,
  trailers: CommitTrailers = parseTrailers(message),
): Evidence {
  const block = trailersFor(trailers, path, role, requester);
  const pr = trailers.pullRequest ?? pullRequestFromSubject(message);
  return {
    approvedBy: trailers.approvedBy,
    pr,
    source: block ? 'trailers' : 'git',
    reason: block?.reason ?? null,
  };
}

/** The record of a checked version, as the one reducer (`LatestVersions`) keeps it. */
export function recordOf(
  v: LandedVersion<Landing>,
  trailers: CommitTrailers = parseTrailers(v.message),
): GrantRecord {
  const l = v.version;
  const e = evidenceFor(v.message, v.path, l.role, l.requester, trailers);
  return {
    landing: l,
    commit: v.commit,
    landedAt: v.landedAt,
    approvers: l.approval?.counted ?? [],
    pr: e.pr,
    source: e.source,
  };
}

/**
 * Where a grant file on the branch stands at an instant: its window's state when it grants
 * (`scheduled`, `active`, `expired`), else why it never grants: `unapproved` (its landing lacked
 * eligible approvals or an eligible requester; reconcile raises an alarm) or `invalid`.
 */
export type GrantState = WindowState | 'unapproved' | 'invalid';

/** A grant as `status` and `audit --at` show it (DESIGN §3), with times still as Dates. */
export interface StatusEntry {
  role: string;
  requester: string;
  path: string;
  state: GrantState;
  startsAt: Date | null;
  expiresAt: Date | null;
  landedAt: Date;
  commit: string;
  /** Seconds until the window ends (active) or opens (scheduled); null otherwise. */
  secondsLeft: number | null;
  durationSeconds: number | null;
  capped: boolean;
  reason: string | null;
  ticket: string | null;
  /** The approvers that counted. */
  approvers: string[];
  /** Approvals the role required when the file landed (null when the role was unknown then). */
  approvalsRequired: number | null;
  /** `Approved-by` values that did not count, as written, and why. */
  notCounted: { value: string; why: string }[];
  pr: string | null;
  source: 'trailers' | 'git';
  /** Problem codes, for unapproved and invalid grant files. */
  problems: Code[];
}

const ORDER: Record<GrantState, number> = {
  active: 0,
  scheduled: 1,
  unapproved: 2,
  invalid: 3,
  expired: 4,
};

/**
 * The grants on the branch at `now`: active and scheduled ones, and the files that never grant
 * (unapproved, invalid), sorted by state, then by when they end or start, then by path.
 */
export function grantsAt(
  records: Iterable<GrantRecord>,
  now: Date,
  include: readonly GrantState[] = ['active', 'scheduled', 'unapproved', 'invalid'],
): StatusEntry[] {
  const out: StatusEntry[] = [];
  for (const r of records) {
    const { landing } = r;
    const w = landing.state === 'valid' ? landing.window : null;
    const state: GrantState = w
      ? windowState(w, now)
      : landing.state === 'unapproved'
        ? 'unapproved'
        : 'invalid';
    if (!include.includes(state)) continue;
    const t = now.getTime();
    out.push({
      role: landing.role,
      requester: landing.requester,
      path: landing.path,
      state,
      startsAt: w?.startsAt ?? null,
      expiresAt: w?.expiresAt ?? null,
      landedAt: r.landedAt,
      commit: r.commit,
      secondsLeft:
        state === 'active'
          ? Math.round((w!.expiresAt.getTime() - t) / 1000)
          : state === 'scheduled'
            ? Math.round((w!.startsAt.getTime() - t) / 1000)
            : null,
      durationSeconds: w?.seconds ?? null,
      capped: w?.capped ?? false,
      reason: landing.grant?.reason ?? null,
      ticket: landing.grant?.ticket ?? null,
      approvers: r.approvers,
      approvalsRequired: landing.approval?.required ?? null,
      notCounted: landing.approval?.notCounted ?? [],
      pr: r.pr,
      source: r.source,
      problems: landing.problems.map((p) => p.code),
    });
  }
  const key = (e: StatusEntry) =>
    (e.state === 'scheduled' ? e.startsAt : e.expiresAt)?.getTime() ?? 0;
  return out.sort(
    (a, b) =>
      ORDER[a.state] - ORDER[b.state] ||
      key(a) - key(b) ||
      (a.path < b.path ? -1 : a.path > b.path ? 1 : 0),
  );
}
