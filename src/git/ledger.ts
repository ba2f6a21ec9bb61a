import type { Directory } from '../core/directory.js';
import { ExternalError } from '../core/errors.js';
import {
  checkLanding,
  grantIdentity,
  isGrantCandidate,
  type GrantVersion,
  type Landing,
} from '../core/landing.js';
import { LandingClock, LatestVersions, type LandingCommit } from '../core/latest.js';
import type { Ledger } from '../core/ledger.js';
import { MAX_GRANT_BYTES, MAX_POLICY_BYTES, isRegularFileMode } from '../core/paths.js';
import type { ProviderSchemaSet } from '../core/policy/load.js';
import { expandPrincipals, type TeamMembers } from '../core/policy/principals.js';
import type { Policy } from '../core/policy/types.js';
import { recordOf, type GrantRecord } from '../core/record.js';
import type { LedgerChange, LedgerCommit } from '../core/timeline.js';
import { parseTrailers } from '../core/trailers.js';
import { BlobReader, type BlobContent } from './blob-stream.js';
import { firstParentLog, type RawChange, type RawCommit } from './log-stream.js';
import { decodeUtf8 } from './objects.js';
import { PolicyHistory } from './policy-history.js';
import { git, resolveCommit, tryResolveCommit } from './run.js';
import { ensureFullHistory } from './shallow.js';

/**
 * The ledger: grant files and their history read from git in one streamed pass over the
 * first-parent history of a branch (log-stream.ts), with file contents from one `git cat-file
 * --batch` running alongside. Windows, states and events are computed by the pure core.
 */

const PATHSPECS = ['grants/', 'policies/'];

/** Branches tried, in order, when no --ref is given: the protected main branch is the record. */
export const DEFAULT_REFS = [
  'refs/remotes/origin/HEAD',
  'refs/remotes/origin/main',
  'refs/heads/main',
  'HEAD',
];

export interface LedgerRef {
  /** As given or chosen (e.g. `refs/remotes/origin/main`). */
  ref: string;
  commit: string;
}

/** Resolves `ref`, or the first of DEFAULT_REFS that exists, and makes sure history is complete. */
export async function openLedger(
  repo: string,
  ref: string | undefined,
  note: (s: string) => void,
): Promise<LedgerRef> {
  let chosen: LedgerRef | null = null;
  if (ref !== undefined) chosen = { ref, commit: await resolveCommit(repo, ref) };
  else {
    for (const candidate of DEFAULT_REFS) {
      const commit = await tryResolveCommit(repo, candidate);
      if (commit !== null) {
        chosen = { ref: candidate.replace(/^refs\/(heads|remotes)\//, ''), commit };
        break;
      }
    }
    if (!chosen)
      throw new ExternalError(
        'E_GIT_REF',
        `${repo} has no commits on origin/main, main or HEAD. Pass --ref with the branch that holds the grants.`,
      );
  }
  await ensureFullHistory(repo, note);
  return chosen;
}

/**
 * Whether `commit` is still in the history of `ref` (git merge-base --is-ancestor). The
 * provisioner remembers the main commit it last acted on and stops granting when main no
 * longer descends from it (history rewritten, DESIGN I6). Throws when either side is unknown
 * to git: callers must treat that like a rewrite.
 */
export async function descendsFrom(repo: string, ref: string, commit: string): Promise<boolean> {
  const [tip, base] = await Promise.all([resolveCommit(repo, ref), resolveCommit(repo, commit)]);
  const r = await git(repo, ['merge-base', '--is-ancestor', base, tip]);
  if (r.code === 0) return true;
  if (r.code === 1) return false;
  throw new ExternalError('E_GIT', `git merge-base failed: ${r.stderr.trim()}`);
}

export interface LedgerOptions {
  /** The provider types' settings schemas, to load the policies of the past (git knows no provider). */
  schemas: ProviderSchemaSet;
  /**
   * Where `@org/team` members come from when a role's requesters or approvers name a team. Without
   * one, no team resolves: a requester or approver eligible only through a team does not count.
   */
  directory?: Directory;
}

/** The Ledger port over a real repository, at the commit `openLedger` resolved. */
export function gitLedger(repo: string, at: LedgerRef, opts: LedgerOptions): Ledger {
  return {
    ref: at.ref,
    commit: at.commit,
    grants: (o) => readGrants(repo, at.commit, { ...opts, ...o }),
    history: (onCommit) => readHistory(repo, at.commit, onCommit, opts),
    descendsFrom: (commit) => descendsFrom(repo, at.commit, commit),
  };
}

/** A version still to be read: the change that landed it and the policies in force then. */
interface Unread {
  change: RawChange;
  policy: Promise<Policy | null>;
}

/**
 * The latest landing of every grant file on the branch, checked against the policies in force
 * when it landed. With `until`, the branch as it was then: the pass stops at the first commit
 * that landed after `until`. Only the versions still on the branch at the end are read and
 * checked (one batch); the policies of each epoch a landing needs are loaded while git is still
 * walking.
 */
export async function readGrants(
  repo: string,
  commit: string,
  opts: LedgerOptions & { until?: Date },
): Promise<GrantRecord[]> {
  const blobs = new BlobReader(repo, Math.max(MAX_GRANT_BYTES, MAX_POLICY_BYTES));
  try {
    const policies = new PolicyHistory(blobs, opts.schemas);
    const files = new LatestVersions<Unread>();
    const clock = new LandingClock();
    const until = opts.until?.getTime() ?? Number.POSITIVE_INFINITY;
    for await (const raw of firstParentLog(repo, commit, PATHSPECS)) {
      const landed = { ...raw, committedAt: clock.next(new Date(raw.committedAt * 1000)) };
      if (landed.committedAt.getTime() > until) break;
      const epoch = policies.current;
      for (const change of grantChanges(raw)) {
        if (change.status === 'D') {
          files.record(landed, change.path, null);
          continue;
        }
        const policy = policies.policyOf(epoch);
        policy.catch(() => undefined); // awaited below if this version is still the latest
        files.record(landed, change.path, { change, policy });
      }
      policies.apply(raw.changes);
    }
    const pending = files.values();
    const teams = new TeamLookup(opts.directory);
    const versions = await Promise.all(pending.map((p) => readVersion(blobs, p.version.change)));
    return await Promise.all(
      pending.map(async (p, i) => {
        const trailers = parseTrailers(p.message);
        const at = { approvedBy: trailers.approvedBy, landedAt: p.landedAt };
        const landing = await judge(versions[i]!, await p.version.policy, at, teams);
        return recordOf({ ...p, version: landing }, trailers);
      }),
    );
  } finally {
    await blobs.close();
  }
}

/** How many commits may wait for their contents while the log reads on. */
const READ_AHEAD = 512;

/**
 * Every first-parent commit that changed a grant file, oldest first, with each new version
 * checked against the policies in force when it landed. `onCommit` may return 'stop' to end the
 * pass early. Contents are requested as the log is read and awaited in order, so git log and
 * cat-file run side by side and memory is bounded by READ_AHEAD.
 */
export async function readHistory(
  repo: string,
  commit: string,
  onCommit: (c: LedgerCommit) => void | 'stop',
  opts: LedgerOptions,
): Promise<void> {
  const blobs = new BlobReader(repo, Math.max(MAX_GRANT_BYTES, MAX_POLICY_BYTES));
  try {
    const policies = new PolicyHistory(blobs, opts.schemas);
    const teams = new TeamLookup(opts.directory);
    const clock = new LandingClock();
    const queue: Promise<LedgerCommit>[] = [];
    for await (const raw of firstParentLog(repo, commit, PATHSPECS)) {
      const landedAt = clock.next(new Date(raw.committedAt * 1000));
      const changes = grantChanges(raw);
      if (changes.length) {
        const landed = { oid: raw.oid, committedAt: landedAt, message: raw.message };
        const next = resolve(landed, changes, blobs, policies.policyOf(policies.current), teams);
        // Awaited in order below; a failure while an earlier one is awaited must not go unhandled.
        next.catch(() => undefined);
        queue.push(next);
      }
      policies.apply(raw.changes);
      if (queue.length >= READ_AHEAD) {
        blobs.flush();
        while (queue.length > READ_AHEAD / 2) if (onCommit(await queue.shift()!) === 'stop') return;
      }
    }
    blobs.flush();
    while (queue.length) if (onCommit(await queue.shift()!) === 'stop') return;
  } finally {
    await blobs.close();
  }
}

async function resolve(
  c: LandingCommit,
  changes: RawChange[],
  blobs: BlobReader,
  policy: Promise<Policy | null>,
  teams: TeamLookup,
): Promise<LedgerCommit> {
  const versions = await Promise.all(
    changes.map((ch) => (ch.status === 'D' ? null : readVersion(blobs, ch))),
  );
  const p = versions.some(Boolean) ? await policy : null;
  const at = { approvedBy: parseTrailers(c.message).approvedBy, landedAt: c.committedAt };
  const out: LedgerChange[] = await Promise.all(
    changes.map(async (ch, i): Promise<LedgerChange> => {
      const v = versions[i];
      if (!v) return { path: ch.path, kind: 'deleted', landing: null };
      return {
        path: ch.path,
        kind: ch.status === 'A' ? 'added' : 'changed',
        landing: await judge(v, p, at, teams),
      };
    }),
  );
  return { oid: c.oid, committedAt: c.committedAt, message: c.message, changes: out };
}

/** Checks one landed version with the teams its role names, as far as the directory knows them. */
async function judge(
  v: GrantVersion,
  policy: Policy | null,
  at: { approvedBy: readonly string[]; landedAt: Date },
  teams: TeamLookup,
): Promise<Landing> {
  return checkLanding(v, {
    policy,
    landedAt: at.landedAt,
    approvedBy: at.approvedBy,
    teams: await teams.forRole(policy, grantIdentity(v.path).role),
    directory: teams.known,
  });
}

/** Team members for the roles landings name, each team asked of the directory once. */
class TeamLookup {
  private readonly cache = new Map<string, Promise<readonly string[] | null>>();
  constructor(private readonly directory: Directory | undefined) {}

  get known(): boolean {
    return this.directory !== undefined;
  }

  async forRole(policy: Policy | null, roleName: string): Promise<TeamMembers> {
    const role = policy?.roles.get(roleName);
    if (!this.directory || !policy || !role) return NO_TEAMS;
    const { teams } = expandPrincipals([...role.requesters, ...role.approvers], policy.groups);
    if (teams.size === 0) return NO_TEAMS;
    const directory = this.directory;
    const entries = await Promise.all(
      [...teams].map(async (t) => {
        let members = this.cache.get(t);
        if (!members) this.cache.set(t, (members = directory.members(t)));
        return [t, await members] as const;
      }),
    );
    return new Map(entries);
  }
}

const NO_TEAMS: TeamMembers = new Map();

function grantChanges(raw: RawCommit): RawChange[] {
  return raw.changes.filter((c) => isGrantCandidate(c.path));
}

/** One version's content; symlinks and submodules are never read (their mode condemns them). */
async function readVersion(blobs: BlobReader, c: RawChange): Promise<GrantVersion> {
  if (!isRegularFileMode(c.newMode))
    return { path: c.path, mode: c.newMode, content: { unreadable: 'missing' } };
  return { path: c.path, mode: c.newMode, content: contentOf(await blobs.read(c.newOid)) };
}

function contentOf(b: BlobContent): GrantVersion['content'] {
  if (b.size === null) return { unreadable: 'missing' };
  if (b.size > MAX_GRANT_BYTES || !b.bytes) return { unreadable: 'too-large', size: b.size };
  const text = decodeUtf8(b.bytes);
  return text === null ? { unreadable: 'not-utf8' } : { text };
}
