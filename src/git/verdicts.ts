import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isCode } from '../core/codes.js';
import type { LandingVerdict } from '../core/landing-authority.js';
import type { Problem } from '../core/problem.js';
import { iso } from '../core/time.js';
import { listTree, readBlobs } from './objects.js';
import { gitOk, tryResolveCommit } from './run.js';
import { swapRef } from './refs.js';
import { writeBlob, writeCommit } from './write.js';

/**
 * The forge's verdicts on landings, remembered in the access repository so each landing is
 * asked about once: the ref `refs/grantops/verdicts` points at a commit whose tree holds one
 * JSON file per judged landing commit, `passed/<commit>` or `failed/<commit>`. Each run that
 * judges something adds a commit on top (its history says when each verdict was reached), with
 * a compare-and-swap, so two runs never lose each other's verdicts. It travels like the marker
 * (`refs/grantops/reconciled`): the reconcile workflow fetches and pushes `refs/grantops/*`.
 *
 * Reading costs two git runs (the tree's names) plus one for the failed verdicts' text.
 */
export const VERDICTS_REF = 'refs/grantops/verdicts';

export interface RememberedVerdicts {
  /** Every landing commit judged before, passed or failed. */
  judged: Set<string>;
  /** The failed ones, in full. */
  refused: Map<string, LandingVerdict>;
}

const SHA = /^[0-9a-f]{40}$/;
const SIGNATURE = { name: 'grantops', email: 'grantops@users.noreply.github.com' };

export async function readVerdicts(repo: string): Promise<RememberedVerdicts> {
  const out: RememberedVerdicts = { judged: new Set(), refused: new Map() };
  const tip = await tryResolveCommit(repo, VERDICTS_REF);
  if (!tip) return out;
  const failed: { commit: string; oid: string }[] = [];
  for (const e of await listTree(repo, tip, ['passed/', 'failed/'])) {
    const [kind, commit = ''] = e.path.split('/');
    if (e.type !== 'blob' || !SHA.test(commit)) continue;
    out.judged.add(commit);
    if (kind === 'failed') failed.push({ commit, oid: e.oid });
  }
  const blobs = await readBlobs(
    repo,
    failed.map((f) => f.oid),
  );
  for (const f of failed) out.refused.set(f.commit, parseVerdict(f.commit, blobs.get(f.oid)));
  return out;
}

/** Adds `verdicts` (their final ones) to the remembered ones; a verdict already there stays. */
export async function rememberVerdicts(
  repo: string,
  verdicts: readonly LandingVerdict[],
  at: Date,
): Promise<void> {
  const final = verdicts.filter((v) => v.final && SHA.test(v.commit));
  if (final.length === 0) return;
  const blobs = new Map<string, string>();
  for (const v of final) blobs.set(v.commit, await writeBlob(repo, verdictJson(v, at)));
  // Another run may move the ref meanwhile: build on what it wrote, and try again.
  for (let attempt = 0; attempt < 5; attempt++) {
    const tip = await tryResolveCommit(repo, VERDICTS_REF);
    const known = tip ? (await readVerdicts(repo)).judged : new Set<string>();
    const fresh = final.filter((v) => !known.has(v.commit));
    if (fresh.length === 0) return;
    const tree = await treeWith(repo, tip, fresh, blobs);
    const passed = fresh.filter((v) => v.passed).length;
    const commit = await writeCommit(repo, {
      tree,
      parents: tip ? [tip] : [],
      message: `Landing verdicts: ${passed} passed, ${fresh.length - passed} failed\n\n${fresh
        .map((v) => `${v.passed ? 'passed' : 'failed'} ${v.commit}`)
        .join('\n')}\n`,
      author: SIGNATURE,
      committer: SIGNATURE,
      at,
    });
    if (await swapRef(repo, VERDICTS_REF, commit, tip, 'grantops reconcile: landing verdicts'))
      return;
  }
}

/** The tree of `tip` (or an empty one) with one file per verdict added, in a throw-away index. */
async function treeWith(
  repo: string,
  tip: string | null,
  verdicts: readonly LandingVerdict[],
  blobs: ReadonlyMap<string, string>,
): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'grantops-verdicts-'));
  const env = { GIT_INDEX_FILE: join(dir, 'index') };
  try {
    await gitOk(repo, tip ? ['read-tree', tip] : ['read-tree', '--empty'], undefined, env);
    const lines = verdicts.map(
      (v) => `100644 blob ${blobs.get(v.commit)}\t${v.passed ? 'passed' : 'failed'}/${v.commit}\n`,
    );
    await gitOk(repo, ['update-index', '--add', '--index-info'], lines.join(''), env);
    return (await gitOk(repo, ['write-tree'], undefined, env)).toString('utf8').trim();
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function verdictJson(v: LandingVerdict, at: Date): string {
  return `${JSON.stringify(
    {
      commit: v.commit,
      passed: v.passed,
      request: v.request,
      author: v.author,
      merged_by: v.mergedBy,
      approvers: v.approvers,
      problems: v.problems,
      judged_at: iso(at),
    },
    null,
    2,
  )}\n`;
}

/**
 * A failed verdict read back. A file that does not read as one (written by hand, damaged) still
 * refuses its landing: a refusal is the safe reading, and only grantops writes this ref.
 */
function parseVerdict(commit: string, bytes: Buffer | undefined): LandingVerdict {
  let data: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(bytes?.toString('utf8') ?? '');
    if (parsed && typeof parsed === 'object') data = parsed as Record<string, unknown>;
  } catch {
    // Unreadable: the generic refusal below.
  }
  const text = (v: unknown) => (typeof v === 'string' ? v : null);
  const problems: Problem[] = Array.isArray(data.problems)
    ? data.problems.flatMap((p: unknown) => {
        const o = (p ?? {}) as Record<string, unknown>;
        const code = text(o.code);
        const message = text(o.message);
        if (!code || !isCode(code) || !message) return [];
        return [{ path: text(o.path) ?? 'grants/', line: null, code, message }];
      })
    : [];
  if (problems.length === 0) {
    problems.push({
      path: 'grants/',
      line: null,
      code: 'E_LANDING_REJECTED',
      message: `The remembered verdict on ${commit.slice(0, 10)} (${VERDICTS_REF}) says it failed.`,
    });
  }
  return {
    commit,
    passed: false,
    request: text(data.request),
    author: text(data.author),
    mergedBy: text(data.merged_by),
    approvers: Array.isArray(data.approvers)
      ? data.approvers.filter((a): a is string => typeof a === 'string')
      : [],
    problems,
    final: true,
  };
}
