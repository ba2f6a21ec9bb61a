import type { Directory } from '../core/directory.js';
import { checkLanding, grantIdentity, type GrantVersion, type Landing } from '../core/landing.js';
import { MAX_GRANT_BYTES, isRegularFileMode } from '../core/paths.js';
import { expandPrincipals, type TeamMembers } from '../core/policy/principals.js';
import type { Policy } from '../core/policy/types.js';
import { parseTrailers, type CommitTrailers } from '../core/trailers.js';
import type { BlobContent, BlobReader } from './blob-stream.js';
import type { LedgerStep } from './ledger-stream.js';
import type { RawChange } from './log-stream.js';
import { decodeUtf8 } from './objects.js';
import type { PolicyHistory } from './policy-history.js';

/**
 * Judging a version the ledger read: its content as git stores it, checked by the core
 * (`checkLanding`) under the policies in force when it landed, with the teams its role names.
 */

/** Whether a change leaves content to read: symlinks and submodules are never read (their mode condemns them). */
export function hasContent(c: RawChange): boolean {
  return c.status !== 'D' && isRegularFileMode(c.newMode);
}

/** A changed file's new version, from its blob (null: not read, see `hasContent`). */
export function versionOf(c: RawChange, blob: BlobContent | null): GrantVersion {
  const content = blob ? contentOf(blob) : ({ unreadable: 'missing' } as const);
  return { path: c.path, mode: c.newMode, content };
}

function contentOf(b: BlobContent): GrantVersion['content'] {
  if (b.size === null) return { unreadable: 'missing' };
  if (b.size > MAX_GRANT_BYTES || !b.bytes) return { unreadable: 'too-large', size: b.size };
  const text = decodeUtf8(b.bytes);
  return text === null ? { unreadable: 'not-utf8' } : { text };
}

/** What a landing commit says and when it landed. */
export interface LandingEvidence {
  approvedBy: readonly string[];
  landedAt: Date;
}

/**
 * Team members for the roles landings name, each team asked of the directory once. Without a
 * directory (or for a role that names no team) the answer is there at once, not a promise.
 */
export class TeamLookup {
  private readonly cache = new Map<string, Promise<readonly string[] | null>>();
  constructor(private readonly directory: Directory | undefined) {}

  get known(): boolean {
    return this.directory !== undefined;
  }

  forRole(policy: Policy | null, roleName: string): TeamMembers | Promise<TeamMembers> {
    const role = policy?.roles.get(roleName);
    if (!this.directory || !policy || !role) return NO_TEAMS;
    const teams = new Set([
      ...expandPrincipals(role.requesters, policy.groups).teams,
      ...expandPrincipals(role.approvers, policy.groups).teams,
    ]);
    if (teams.size === 0) return NO_TEAMS;
    const directory = this.directory;
    return Promise.all(
      [...teams].map(async (t) => {
        let members = this.cache.get(t);
        if (!members) this.cache.set(t, (members = directory.members(t)));
        return [t, await members] as const;
      }),
    ).then((entries) => new Map(entries));
  }

  /**
   * Checks one landed version with the teams its role names, as far as the directory knows them:
   * at once when no team needs the directory (the usual case: no await per landing).
   */
  judge(v: GrantVersion, policy: Policy | null, at: LandingEvidence): Landing | Promise<Landing> {
    const teams = this.forRole(policy, grantIdentity(v.path).role);
    if (teams instanceof Promise) return teams.then((t) => judgeWith(v, policy, at, t, this.known));
    return judgeWith(v, policy, at, teams, this.known);
  }
}

const NO_TEAMS: TeamMembers = new Map();

function judgeWith(
  v: GrantVersion,
  policy: Policy | null,
  at: LandingEvidence,
  teams: TeamMembers,
  directory: boolean,
): Landing {
  return checkLanding(v, {
    policy,
    landedAt: at.landedAt,
    approvedBy: at.approvedBy,
    teams,
    directory,
  });
}

/** Commits judged together: one read of their contents, one message, one await. */
const BATCH = 256;
/**
 * Commits sent to be judged and not yet settled, at most: what bounds memory. A worker is kept
 * busy while git's log runs on (and its start-up is bridged: the log is read meanwhile); judged
 * on this thread, a few batches overlap the reading of contents with the log, and more would
 * only be carried from one garbage collection to the next (fewer collections at 1,024 than at
 * 8,192, measured over 100,000 commits).
 */
export const IN_FLIGHT = { worker: 8192, here: 1024 } as const;

/** One commit's versions to judge, with what its message says. */
export interface JudgeJob {
  step: LedgerStep;
  /** Changes that left a version (never deletions). */
  changes: RawChange[];
  approvedBy: readonly string[];
}

/** Judges a batch of commits' versions: for each job, one landing per change, in order. */
export type JudgeBatch = (jobs: JudgeJob[]) => Promise<Landing[][]>;

/**
 * Judging in this thread: contents from `blobs`, the policies of each epoch from `policies`
 * (loaded only when a version of that epoch is judged), teams from `teams`.
 */
export function judgeHere(
  blobs: BlobReader,
  policies: PolicyHistory,
  teams: TeamLookup,
): JudgeBatch {
  return async (jobs) => {
    const oids: string[] = [];
    for (const j of jobs) for (const c of j.changes) if (hasContent(c)) oids.push(c.newOid);
    const [contents, epochs] = await Promise.all([
      blobs.readMany(oids),
      Promise.all(jobs.map((j) => (j.changes.length ? policies.policyOf(j.step.epoch) : null))),
    ]);
    let next = 0;
    const out: Landing[][] = [];
    for (let n = 0; n < jobs.length; n++) {
      const { step, changes, approvedBy } = jobs[n]!;
      const at = { approvedBy, landedAt: step.landedAt };
      const landings: Landing[] = [];
      for (const c of changes) {
        const v = versionOf(c, hasContent(c) ? contents[next++]! : null);
        const judged = teams.judge(v, epochs[n] ?? null, at);
        landings.push(judged instanceof Promise ? await judged : judged);
      }
      out.push(landings);
    }
    return out;
  };
}

interface Batch<T> {
  jobs: { step: LedgerStep; items: T[]; trailers: CommitTrailers }[];
  landings: Promise<Landing[][]>;
  /** Its landings have come back: settling it waits for nothing. */
  ready: boolean;
}

/**
 * Judges versions as the log streams by, in the order they were added, a batch at a time: a
 * batch goes to `judgeBatch` when it fills (or at once, when nothing else is being judged) and
 * is awaited only when `depth` commits are out (IN_FLIGHT), so its contents are read (and, with
 * a worker, judged) while the log runs on. `onJudged` gets each commit's versions, judged, in order; it
 * may return 'stop'.
 */
export class BatchJudge<T extends { change: RawChange }> {
  private open: Batch<T>['jobs'] = [];
  private readonly queue: Batch<T>[] = [];
  /** Commits in `queue`. */
  private inFlight = 0;

  constructor(
    private readonly judgeBatch: JudgeBatch,
    private readonly onJudged: (
      step: LedgerStep,
      trailers: CommitTrailers,
      items: T[],
      landings: Landing[],
    ) => void | 'stop',
    private readonly depth: number = IN_FLIGHT.here,
  ) {}

  /** Judges `items` (versions `step` landed: never deletions) under the policies before it. */
  add(step: LedgerStep, items: T[]): void {
    this.open.push({ step, items, trailers: parseTrailers(step.message) });
    if (this.open.length >= BATCH) this.seal();
  }

  /**
   * Settles the batches already judged, then more until at most `keep` commits are out (0: all);
   * false when `onJudged` said stop. Commits not yet a full batch are sent when nothing else is
   * being judged. Settling what is ready as soon as the pass comes by keeps the answer built
   * while git's log runs on, instead of in bursts each time `keep` is reached.
   */
  async drain(keep = this.depth): Promise<boolean> {
    if (this.open.length && (keep === 0 || this.queue.length === 0)) this.seal();
    while (this.queue.length && (this.queue[0]!.ready || this.inFlight > keep)) {
      const b = this.queue.shift()!;
      this.inFlight -= b.jobs.length;
      if (!(await this.settle(b))) return false;
    }
    return true;
  }

  private seal(): void {
    const jobs = this.open;
    this.open = [];
    const landings = this.judgeBatch(
      jobs.map((j) => ({
        step: j.step,
        changes: j.items.map((i) => i.change),
        approvedBy: j.trailers.approvedBy,
      })),
    );
    const batch: Batch<T> = { jobs, landings, ready: false };
    // Awaited in `settle`, unless the pass stops first.
    landings.then(
      () => (batch.ready = true),
      () => undefined,
    );
    this.queue.push(batch);
    this.inFlight += jobs.length;
  }

  private async settle(b: Batch<T>): Promise<boolean> {
    const landings = await b.landings;
    for (let n = 0; n < b.jobs.length; n++) {
      const { step, trailers, items } = b.jobs[n]!;
      if (this.onJudged(step, trailers, items, landings[n]!) === 'stop') return false;
    }
    return true;
  }
}
