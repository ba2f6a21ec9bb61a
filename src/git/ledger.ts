import { ExternalError } from '../core/errors.js';
import {
  checkLanding,
  grantIdentity,
  isGrantCandidate,
  type GrantVersion,
} from '../core/landing.js';
import { MAX_GRANT_BYTES, MAX_POLICY_BYTES, isRegularFileMode } from '../core/paths.js';
import { evidenceFor, type Evidence, type GrantRecord } from '../core/record.js';
import type { Ledger } from '../core/ledger.js';
import type { LedgerChange, LedgerCommit } from '../core/timeline.js';
import { BlobReader, type BlobContent } from './blob-stream.js';
import { firstParentLog, type RawChange, type RawCommit } from './log-stream.js';
import { decodeUtf8 } from './objects.js';
import { PolicyHistory, type Roles } from './policy-history.js';
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

/** The Ledger port over a real repository, at the commit `openLedger` resolved. */
export function gitLedger(repo: string, at: LedgerRef): Ledger {
  return {
    ref: at.ref,
    commit: at.commit,
    grants: (opts) => readGrants(repo, at.commit, opts),
    history: (onCommit) => readHistory(repo, at.commit, onCommit),
    descendsFrom: (commit) => descendsFrom(repo, at.commit, commit),
  };
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

interface Latest {
  change: RawChange;
  commit: string;
  committedAt: number;
  evidence: Evidence;
  roles: Promise<Roles | null>;
}

/**
 * The latest landing of every grant file on the branch, checked against the policies in force
 * when it landed. With `until`, the branch as it was then: the pass stops at the first commit
 * made after `until`. Only the versions still on the branch at the end are read and parsed (one
 * batch); the roles of each policy epoch a landing needs are loaded while git is still walking.
 */
export async function readGrants(
  repo: string,
  commit: string,
  opts: { until?: Date } = {},
): Promise<GrantRecord[]> {
  const blobs = new BlobReader(repo, Math.max(MAX_GRANT_BYTES, MAX_POLICY_BYTES));
  try {
    const policies = new PolicyHistory(blobs);
    const latest = new Map<string, Latest>();
    const until = opts.until ? opts.until.getTime() / 1000 : Number.POSITIVE_INFINITY;
    for await (const raw of firstParentLog(repo, commit, PATHSPECS)) {
      if (raw.committedAt > until) break;
      const epoch = policies.current;
      for (const change of grantChanges(raw)) {
        if (change.status === 'D') {
          latest.delete(change.path);
          continue;
        }
        const who = grantIdentity(change.path);
        const evidence = evidenceFor(raw.message, change.path, who.role, who.requester);
        const roles = policies.rolesOf(epoch);
        roles.catch(() => undefined); // awaited below if this version is still the latest
        latest.set(change.path, {
          change,
          commit: raw.oid,
          committedAt: raw.committedAt,
          evidence,
          roles,
        });
      }
      policies.apply(raw.changes);
    }
    const pending = [...latest.values()];
    const versions = await Promise.all(pending.map((p) => readVersion(blobs, p.change)));
    const roles = await Promise.all(pending.map((p) => p.roles));
    return pending.map((p, i) => {
      const landedAt = new Date(p.committedAt * 1000);
      const landing = checkLanding(versions[i]!, roles[i]!, landedAt);
      return {
        landing,
        commit: p.commit,
        landedAt,
        approvers: p.evidence.approvers,
        pr: p.evidence.pr,
        source: p.evidence.source,
      };
    });
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
): Promise<void> {
  const blobs = new BlobReader(repo, Math.max(MAX_GRANT_BYTES, MAX_POLICY_BYTES));
  try {
    const policies = new PolicyHistory(blobs);
    const queue: Promise<LedgerCommit>[] = [];
    for await (const raw of firstParentLog(repo, commit, PATHSPECS)) {
      const changes = grantChanges(raw);
      if (changes.length) {
        const next = resolve(raw, changes, blobs, policies.rolesOf(policies.current));
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
  raw: RawCommit,
  changes: RawChange[],
  blobs: BlobReader,
  policy: ReturnType<PolicyHistory['rolesOf']>,
): Promise<LedgerCommit> {
  const committedAt = new Date(raw.committedAt * 1000);
  const versions = await Promise.all(
    changes.map((c) => (c.status === 'D' ? null : readVersion(blobs, c))),
  );
  const p = versions.some(Boolean) ? await policy : null;
  const out: LedgerChange[] = changes.map((c, i) => {
    const v = versions[i];
    if (!v) return { path: c.path, kind: 'deleted', landing: null };
    return {
      path: c.path,
      kind: c.status === 'A' ? 'added' : 'changed',
      landing: checkLanding(v, p, committedAt),
    };
  });
  return { oid: raw.oid, committedAt, message: raw.message, changes: out };
}

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
