import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import type { Code } from '../core/codes.js';
import type { Directory } from '../core/directory.js';
import { ExternalError, GrantopsError } from '../core/errors.js';
import type { Landing } from '../core/landing.js';
import { MAX_GRANT_BYTES, MAX_POLICY_BYTES } from '../core/paths.js';
import type { ProviderSchemaSet } from '../core/policy/load.js';
import { BlobReader } from './blob-stream.js';
import {
  IN_FLIGHT,
  TeamLookup,
  judgeHere,
  type JudgeBatch,
  type JudgeJob,
} from './landing-judge.js';
import type { RawChange } from './log-stream.js';
import { PolicyHistory, type PolicyFiles } from './policy-history.js';

/**
 * Judging landed versions on a second thread. Parsing and checking a grant file costs more than
 * git's diff of the commit that landed it, so on one thread the ledger's pass waits for its own
 * checks; here the worker reads the contents (its own `git cat-file --batch`), loads the
 * policies of each epoch and judges, while the main thread reads the log and builds the answer.
 * The verdicts are the same: the same `checkLanding` on the same bytes and policies.
 *
 * The worker runs this very module: the CLI is bundled, and a worker needs a file to start from.
 * Where the module is TypeScript source (tests, unless they build it), judging stays on the
 * main thread, as it does when a directory is given (a team lookup may ask GitHub).
 */

const WORKER_ROLE = 'grantops-ledger-judge';

interface WorkerSetup {
  role: typeof WORKER_ROLE;
  repo: string;
  schemas: ProviderSchemaSet;
}

/** A version to judge, as the worker gets it. */
interface WireJob {
  path: string;
  status: string;
  mode: string;
  oid: string;
  epoch: number;
  landedAt: number;
  approvedBy: readonly string[];
}
type ToWorker =
  | { kind: 'epoch'; id: number; files: [string, { mode: string; oid: string }][] }
  | { kind: 'judge'; id: number; jobs: WireJob[] };
type FromWorker =
  | { id: number; landings: Landing[] }
  | { id: number; error: { message: string; code: Code | null } };

/** The worker script, where there is one to start: this module, once built to JavaScript. */
export const BUILT_WORKER: URL | null = import.meta.url.endsWith('.js')
  ? new URL(import.meta.url)
  : null;

/** A judging thread for one pass over the ledger. */
export class JudgeWorker {
  private readonly worker: Worker;
  private readonly epochIds = new WeakMap<PolicyFiles, number>();
  private readonly pending = new Map<
    number,
    { done: (l: Landing[]) => void; fail: (e: Error) => void }
  >();
  private nextId = 0;
  private failure: Error | null = null;

  constructor(script: URL, repo: string, schemas: ProviderSchemaSet) {
    const setup: WorkerSetup = { role: WORKER_ROLE, repo, schemas };
    this.worker = new Worker(script, { workerData: setup });
    this.worker.on('message', (m: FromWorker) => {
      const p = this.pending.get(m.id);
      this.pending.delete(m.id);
      if ('landings' in m) p?.done(m.landings);
      else
        p?.fail(
          m.error.code
            ? new ExternalError(m.error.code, m.error.message)
            : new Error(m.error.message),
        );
    });
    const stop = (e: Error) => {
      this.failure ??= e;
      for (const p of this.pending.values()) p.fail(this.failure);
      this.pending.clear();
    };
    this.worker.on('error', stop);
    this.worker.on('exit', (code) =>
      stop(
        new ExternalError(
          'E_GIT',
          `The ledger's judging thread stopped (exit ${code}). Run the command again; if it stops again, report it as a bug in grantops.`,
        ),
      ),
    );
  }

  /** Judges batches on the worker, in the order they are sent. */
  readonly judge: JudgeBatch = (jobs) => {
    if (this.failure) return Promise.reject(this.failure);
    const wire: WireJob[] = [];
    for (const { step, changes, approvedBy } of jobs) {
      const epoch = changes.length ? this.epochOf(step.epoch) : -1;
      for (const c of changes) wire.push(wireJob(c, epoch, step.landedAt.getTime(), approvedBy));
    }
    const id = this.nextId++;
    const flat = new Promise<Landing[]>((done, fail) => this.pending.set(id, { done, fail }));
    this.post({ kind: 'judge', id, jobs: wire });
    return flat.then((landings) => {
      let next = 0;
      return jobs.map((j) => j.changes.map(() => landings[next++]!));
    });
  };

  /**
   * Ends the worker, whatever it was doing: its answers are no longer wanted (all settled, or
   * the pass stopped early). Its `git cat-file` reads end of input as the thread goes, and exits.
   */
  async close(): Promise<void> {
    this.failure ??= new ExternalError(
      'E_GIT',
      "The ledger's judging thread was closed before it answered. Run the command again; if it happens again, report it as a bug in grantops.",
    );
    await this.worker.terminate();
  }

  private epochOf(epoch: PolicyFiles): number {
    let id = this.epochIds.get(epoch);
    if (id === undefined) {
      this.epochIds.set(epoch, (id = this.nextId++));
      this.post({ kind: 'epoch', id, files: [...epoch.files] });
    }
    return id;
  }

  private post(m: ToWorker): void {
    this.worker.postMessage(m);
  }
}

function wireJob(
  c: RawChange,
  epoch: number,
  landedAt: number,
  approvedBy: readonly string[],
): WireJob {
  return {
    path: c.path,
    status: c.status,
    mode: c.newMode,
    oid: c.newOid,
    epoch,
    landedAt,
    approvedBy,
  };
}

/** The worker's side: judges what it is sent, in order, with its own reader and policies. */
function serve(setup: WorkerSetup): void {
  const port = parentPort!;
  const blobs = new BlobReader(setup.repo, Math.max(MAX_GRANT_BYTES, MAX_POLICY_BYTES));
  const policies = new PolicyHistory(blobs, setup.schemas);
  const judge = judgeHere(blobs, policies, new TeamLookup(undefined));
  const epochs = new Map<number, PolicyFiles>();
  // Batches are judged one after another: replies leave in the order the batches came.
  let last: Promise<void> = Promise.resolve();
  port.on('message', (m: ToWorker) => {
    if (m.kind === 'epoch') epochs.set(m.id, { files: new Map(m.files), policy: null });
    else {
      const jobs: JudgeJob[] = m.jobs.map((j) => ({
        step: {
          oid: '',
          landedAt: new Date(j.landedAt),
          message: '',
          grants: [],
          epoch: epochs.get(j.epoch)!,
        },
        changes: [
          {
            status: j.status,
            newMode: j.mode,
            newOid: j.oid,
            path: j.path,
          },
        ],
        approvedBy: j.approvedBy,
      }));
      const work = judge(jobs);
      last = last
        .then(() => work)
        .then(
          (landings) =>
            port.postMessage({ id: m.id, landings: landings.flat() } satisfies FromWorker),
          (e: Error) =>
            port.postMessage({
              id: m.id,
              error: { message: e.message, code: e instanceof GrantopsError ? e.code : null },
            } satisfies FromWorker),
        );
    }
  });
}

if (!isMainThread && (workerData as WorkerSetup | undefined)?.role === WORKER_ROLE)
  serve(workerData as WorkerSetup);

/** Where the versions of one pass are judged, and the epochs it follows. */
export interface Judging {
  judge: JudgeBatch;
  policies: PolicyHistory;
  /**
   * Says how many versions the pass will judge, at least, once that is known (the files at the
   * tip, for `status`): when that is more than `workerAfter`, everything is judged on the
   * worker from now on, instead of loading the same policies here first.
   */
  expect(versions: number): void;
  /** How many commits the pass may have out to be judged (IN_FLIGHT). */
  depth: number;
  /** Ends the worker and the git processes the pass started. */
  close(): Promise<void>;
}

/**
 * Commits judged on the main thread before the worker takes over. The worker is ready only once
 * it has loaded the bundle and the policies and started its own `git cat-file`, which takes
 * about what judging a few hundred grant files here does, so a short history (a reconcile after
 * one merge, a small repository) is judged where it is read, and only a long one moves on.
 */
export const WORKER_AFTER = 512;

/**
 * Judging for one pass over the ledger: here for the first `workerAfter` commits, then on a
 * worker (started at once) when there is a built one to start and no directory to ask
 * (`worker: null` keeps it all on this thread). Batches are settled in the order they were sent, wherever each was
 * judged, and the verdicts are the same function's.
 */
export function openJudging(
  repo: string,
  opts: {
    schemas: ProviderSchemaSet;
    directory?: Directory;
    worker?: URL | null;
    workerAfter?: number;
  },
): Judging {
  const blobs = new BlobReader(repo, Math.max(MAX_GRANT_BYTES, MAX_POLICY_BYTES));
  const policies = new PolicyHistory(blobs, opts.schemas);
  const here = judgeHere(blobs, policies, new TeamLookup(opts.directory));
  const script = opts.worker === undefined ? BUILT_WORKER : opts.worker;
  if (!script || opts.directory)
    return {
      judge: here,
      policies,
      expect: () => undefined,
      depth: IN_FLIGHT.here,
      close: () => blobs.close(),
    };
  // Module namespaces (`import * as`) cannot be sent to a thread: their schemas can.
  const schemas = Object.fromEntries(
    Object.entries(opts.schemas).map(([type, s]) => [
      type,
      { settings: s.settings, grant: s.grant },
    ]),
  );
  // The thread starts now, while git's log starts: loading the bundle takes it longer than it
  // takes the pass to learn how long it is (`expect`), and a long pass would wait for it. A pass
  // that stays short never sends it anything, and it ends unused.
  const worker = new JudgeWorker(script, repo, schemas);
  let left = opts.workerAfter ?? WORKER_AFTER;
  let closed = false;
  return {
    judge: (jobs) => {
      if (left > 0) {
        left -= jobs.length;
        return here(jobs);
      }
      return worker.judge(jobs);
    },
    expect: (versions) => {
      if (!closed && versions > left) left = 0;
    },
    depth: IN_FLIGHT.worker,
    policies,
    close: async () => {
      closed = true;
      await Promise.all([worker.close(), blobs.close()]);
    },
  };
}
