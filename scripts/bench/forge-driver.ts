import { execFileSync } from 'node:child_process';
import { formatTrailers } from '../../src/core/trailers.js';
import type { RecordedCall } from '../../test/fakes/github/index.js';
import type { TimedCall } from './forge-http.js';
import {
  benchLogin,
  DB_ENV,
  extraRoleNames,
  ForgeWorld,
  grantYaml,
  type Step,
} from './forge-world.js';

export { DB_ROLE, dbLogin } from './forge-world.js';

/**
 * The forge figures of `npm run bench` (scripts/bench/figures/forge.mjs bundles this file with
 * esbuild and imports it): API calls to decide a request, writes per expired grant, and the
 * time from the last approval to access, each measured on a fresh ForgeWorld (forge-world.ts)
 * with the built action. Nothing here is a seam of the commands: the action's Octokit paces
 * writes as it does in production.
 */

const LISTING = 'GET /repos/{owner}/{repo}/pulls';
const MERGE = 'PUT /repos/{owner}/{repo}/pulls/{pull_number}/merge';

/** Calls by operation. */
function countBy(calls: readonly RecordedCall[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const c of calls) {
    const op = c.operation ?? `${c.method} ${c.path}`;
    counts[op] = (counts[op] ?? 0) + 1;
  }
  return counts;
}

/** A run's calls: the listing of open pull requests, the merges, and the rest (the decisions). */
export function split(calls: readonly RecordedCall[]) {
  const of = (op: string) => calls.filter((c) => c.operation === op).length;
  return {
    listing: of(LISTING),
    merges: of(MERGE),
    deciding: calls.filter((c) => c.operation !== LISTING && c.operation !== MERGE).length,
    operations: calls.map((c) => c.operation ?? `${c.method} ${c.path}`),
  };
}

export interface Decided {
  name: string;
  /** Each run of `merge --all` that decided the request: when, and its calls. */
  runs: (ReturnType<typeof split> & { when: string })[];
}

/**
 * API calls to decide one pull request through `merge --all`, each alone in the run: a small
 * request (one grant file, one commit, one approval) and a large one (20 grant files, 100
 * commits, 100 reviews: GitHub's first page of each), each decided once while it waits and once
 * after the approval; and a request of 300 files outside the requester's own, refused.
 */
export async function decideCalls(action: string): Promise<Decided[]> {
  const roles = extraRoleNames(20);
  const f = await ForgeWorld.open(action, roles.length);
  const { w } = f;
  try {
    const results: Decided[] = [];
    const decide = async (name: string, n: number) => {
      const pending = await f.step('merge', ['--all', '--now', f.now()]);
      if (pending.out.waiting.length !== 1 || pending.out.merged.length)
        throw new Error(
          `${name}: the pending decision did not wait: ${JSON.stringify(pending.out)}`,
        );
      await w.review('carol', n);
      const decisive = await f.step('merge', ['--all', '--now', f.now()]);
      if (decisive.code !== 0 || decisive.out.merged.length !== 1)
        throw new Error(
          `${name}: not merged (exit ${decisive.code}): ${JSON.stringify(decisive.out)}\n${decisive.stderr}`,
        );
      results.push({
        name,
        runs: [
          { when: 'while it waits', ...split(pending.calls) },
          { when: 'when it merges', ...split(decisive.calls) },
        ],
      });
    };

    const small = await w.openRequest('alice', 'request/db-read/alice', {
      'grants/db-read/alice.yaml': grantYaml('2h'),
    });
    await decide('1 grant file, 1 commit, 1 review', small);

    // 99 commits by alice on one of the files, then one writing all 20.
    const alice = w.account('alice');
    const chained = w.repo.git.chain(w.main(), 99, `grants/${roles[0]}/alice.yaml`, {
      name: 'alice',
      email: `${alice.id}+alice@users.noreply.github.com`,
      date: w.gh.store.timestamp(),
    });
    const tip = w.commit(
      'alice',
      chained,
      Object.fromEntries(roles.map((r) => [`grants/${r}/alice.yaml`, grantYaml('1h')])),
    );
    w.push('alice', 'request/bulk/alice', tip);
    const large = await f.openPull('alice', 'request/bulk/alice');
    // 99 reviews by people who are not approvers (comments and approvals that do not count),
    // stored as GitHub keeps them; carol's approval, the 100th, comes through the API.
    for (let i = 0; i < 99; i++) {
      w.repo.reviews.push({
        id: w.gh.store.id(),
        pull: large,
        user: w.gh.store.addUser(`reviewer${i}`),
        state: i % 2 ? 'APPROVED' : 'COMMENTED',
        body: '',
        commitId: tip,
        submittedAt: w.gh.store.timestamp(),
      });
    }
    await decide('20 grant files, 100 commits, 100 reviews', large);

    const wide = Object.fromEntries(
      Array.from({ length: 300 }, (_, i) => [`grants/db-read/user${i}.yaml`, grantYaml('1h')]),
    );
    await w.openRequest('mallory', 'request/wide/mallory', wide);
    const refused = await f.step('merge', ['--all', '--now', f.now()]);
    if (refused.code !== 1 || refused.out.waiting.length !== 1)
      throw new Error(`the 300-file request was not refused: ${JSON.stringify(refused.out)}`);
    const problems = refused.out.waiting[0].problems.length;
    results.push({
      name: `300 grant files not the author's (${problems} problems)`,
      runs: [{ when: 'refused', ...split(refused.calls) }],
    });
    return results;
  } finally {
    await f.close();
  }
}

export interface Expired {
  grants: number;
  ms: number;
  writes: number;
  reads: number;
  /** The calls by operation, for the report. */
  writeOperations: string[];
  readOperations: Record<string, number>;
  /** Writes a minute while the run made them (first write to last). */
  writesPerMinute: number;
}

/**
 * `expire` of `n` grants whose window has ended: n landings on main (one grant file each, with
 * the trailers of an approved request), then one run of the action two hours later.
 */
export async function expireWrites(action: string, n: number): Promise<Expired> {
  const f = await ForgeWorld.open(action, 0, n);
  const { w } = f;
  try {
    for (let i = 0; i < n; i++) {
      const requester = benchLogin(i);
      const path = `grants/db-read/${requester}.yaml`;
      const trailers = formatTrailers({
        grants: [{ action: 'granted', path, role: 'db-read', requester }],
        approvedBy: ['carol'],
        pullRequest: `#${i + 1}`,
      });
      w.land({ [path]: grantYaml('1h') }, `Grant db-read to ${requester} for 1h\n\n${trailers}`);
    }
    const r = await f.step('expire', ['--now', f.now(2)]);
    if (
      r.code !== 0 ||
      r.out.expired.length !== n ||
      r.out.expired.some((e: { commit: string | null }) => !e.commit)
    )
      throw new Error(
        `expire of ${n} did not expire them all (exit ${r.code}): ${JSON.stringify(r.out)}\n${r.stderr}`,
      );
    const left = execFileSync('git', ['ls-tree', '--name-only', 'main', 'grants/db-read/'], {
      cwd: w.repo.git.dir,
      encoding: 'utf8',
    });
    if (left.trim()) throw new Error(`grant files left on main after expire: ${left}`);
    const writes = r.calls.filter((c) => c.method !== 'GET' && c.method !== 'HEAD');
    const timedWrites = r.timeline.filter((c) => c.method !== 'GET' && c.method !== 'HEAD');
    const span = (timedWrites.at(-1)?.arrived ?? 0) - (timedWrites[0]?.arrived ?? 0);
    return {
      grants: n,
      ms: r.ms,
      writes: writes.length,
      reads: r.calls.length - writes.length,
      writeOperations: [...new Set(writes.map((c) => c.operation ?? `${c.method} ${c.path}`))],
      readOperations: countBy(r.calls.filter((c) => !writes.includes(c))),
      writesPerMinute: span > 0 ? ((timedWrites.length - 1) / span) * 60_000 : 0,
    };
  } finally {
    await f.close();
  }
}

/** What one run of the action spent where, from the server's side of its calls. */
export interface StepTimes {
  ms: number;
  cpuMs: number;
  calls: number;
  /** Time the fake GitHub spent answering (its own git work included). */
  fakeMs: number;
  /** When the first call and each write arrived, in ms after the process was started. */
  firstCallMs: number | null;
  writesAtMs: number[];
  /**
   * When GitHub answered the merge (PUT …/pulls/N/merge), in ms after the process started:
   * the push that starts the reconcile workflow. What the step does after it (the card) is no
   * longer between the approval and access.
   */
  mergedAtMs: number | null;
  /**
   * How long, up to the merge (the whole run, for a step that merges nothing), at least one call
   * was being answered by the fake GitHub: GitHub's share of the step, not grantops'.
   */
  fakeBusyMs: number;
}

/** The time covered by at least one of `spans` ([from, to] pairs), overlaps counted once. */
function covered(spans: [number, number][]): number {
  let total = 0;
  let end = -Infinity;
  for (const [from, to] of [...spans].sort((a, b) => a[0] - b[0])) {
    if (to <= end) continue;
    total += to - Math.max(from, end);
    end = to;
  }
  return total;
}

function times(step: Step): StepTimes {
  const at = (c: TimedCall) => c.arrived - step.started;
  const merged = step.timeline.find(
    (c) => c.method === 'PUT' && /\/pulls\/\d+\/merge$/.test(c.path),
  );
  return {
    ms: step.ms,
    cpuMs: step.cpuMs,
    calls: step.timeline.length,
    fakeMs: step.timeline.reduce((sum, c) => sum + (c.answered - c.arrived), 0),
    firstCallMs: step.timeline[0] ? at(step.timeline[0]) : null,
    writesAtMs: step.timeline.filter((c) => c.method !== 'GET' && c.method !== 'HEAD').map(at),
    mergedAtMs: merged ? merged.answered - step.started : null,
    fakeBusyMs: covered(
      step.timeline
        .filter((c) => !merged || c.answered <= merged.answered)
        .map((c) => [c.arrived, c.answered]),
    ),
  };
}

export interface Latency {
  merge: StepTimes;
  reconcile: StepTimes;
  /** What reconcile reported applying. */
  granted: number;
}

/**
 * From the last approval to access granted, grantops' share: alice's request was decided once
 * while it waited (its check and card are posted); carol approves; then `merge --all` (decide,
 * squash-merge) and `reconcile` (grant at the real PostgreSQL server of `dbUrl`), each a whole
 * process of the action in a fresh checkout of main, as the two workflows run them.
 */
export async function approvalToAccess(action: string, dbUrl: string): Promise<Latency> {
  const f = await ForgeWorld.open(action);
  const { w } = f;
  try {
    const n = await w.openRequest('alice', 'request/db-read/alice', {
      'grants/db-read/alice.yaml': grantYaml('2h'),
    });
    const pending = await f.step('merge', ['--all', '--now', f.now()]);
    if (pending.out.waiting.length !== 1) throw new Error('the request did not wait for approval');
    await w.review('carol', n);
    const merge = await f.step('merge', ['--all', '--now', f.now()]);
    if (merge.code !== 0 || merge.out.merged.length !== 1)
      throw new Error(
        `merge did not merge (exit ${merge.code}): ${JSON.stringify(merge.out)}\n${merge.stderr}`,
      );
    const reconcile = await reconcileStep(f, dbUrl);
    return {
      merge: times(merge),
      reconcile: times(reconcile),
      granted: reconcile.out.applied?.granted ?? 0,
    };
  } finally {
    await f.close();
  }
}

/**
 * The reconcile workflow's step, in one place: the action's `reconcile` at the fake's clock,
 * with the environment .github/workflows/reconcile.yml gives it (the database's URL where the
 * policy says, the App's key that seals the verdicts it remembers), on GitHub because
 * GITHUB_REPOSITORY is set: it asks GitHub how each new landing came about.
 */
async function reconcileStep(f: ForgeWorld, dbUrl: string): Promise<Step> {
  const r = await f.step('reconcile', ['--now', f.now()], {
    [DB_ENV]: dbUrl,
    GRANTOPS_APP_PRIVATE_KEY: f.w.privateKey,
  });
  if (r.code !== 0)
    throw new Error(`reconcile exited ${r.code}: ${JSON.stringify(r.out)}\n${r.stderr}`);
  return r;
}
