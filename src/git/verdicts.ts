import { createHmac, timingSafeEqual } from 'node:crypto';
import { isCode } from '../core/codes.js';
import { ExternalError } from '../core/errors.js';
import type { LandingVerdict } from '../core/landing-authority.js';
import type { Problem } from '../core/problem.js';
import { iso } from '../core/time.js';
import { listTree, readBlobs } from './objects.js';
import { git, tryResolveCommit } from './run.js';

/**
 * The forge's verdicts on landings, remembered in the access repository so each landing is
 * asked about once: the ref `refs/grantops/verdicts` points at a commit whose tree holds one
 * JSON file per judged landing commit, `passed/<commit>` or `failed/<commit>`. Each run that
 * judges something adds a commit on top (its history says when each verdict was reached), and
 * moves the ref only while it still holds what that run built on, so two runs never lose each
 * other's verdicts. It travels like the marker
 * (`refs/grantops/reconciled`): the reconcile workflow fetches and pushes `refs/grantops/*`.
 *
 * Anyone who can push to the repository can push this ref too, so a verdict is sealed: an HMAC
 * of the commit and the outcome, keyed by a secret only the reconcile job holds (the `access`
 * environment's) and bound to the repository and branch it was reached in. Reconcile trusts only sealed verdicts; any other entry is as if absent, and
 * the landing is asked about again. Reading without a seal (status, audit) takes them as they
 * are: those commands show the branch, they grant nothing.
 */
export const VERDICTS_REF = 'refs/grantops/verdicts';

/** The key verdicts are sealed with, derived from a secret of the reconcile job. */
export interface VerdictSeal {
  readonly key: Buffer;
}

/** Where a verdict was reached: the forge's repository (`owner/name`) and its base branch. */
export interface VerdictScope {
  repository: string;
  branch: string;
}

/**
 * The seal of verdicts on landings in one repository's branch. One App (one private key) is
 * often installed on several access repositories, and a commit can be carried from one to
 * another (a copy that shares its history, then a fast-forward push): a verdict that a pull
 * request of another repository merged that commit says nothing of how it reached this one, so
 * the key is bound to the repository and the branch, and a verdict sealed elsewhere never
 * checks here.
 */
export function verdictSeal(secret: string, scope: VerdictScope): VerdictSeal {
  return {
    key: createHmac('sha256', secret)
      .update(`grantops landing verdicts v2\0${scope.repository.toLowerCase()}\0${scope.branch}`)
      .digest(),
  };
}

const macOf = (seal: VerdictSeal, commit: string, passed: boolean) =>
  createHmac('sha256', seal.key)
    .update(`grantops-verdict-v2\0${commit}\0${passed ? 'passed' : 'failed'}`)
    .digest('hex');

function sealed(seal: VerdictSeal, commit: string, passed: boolean, mac: unknown): boolean {
  if (typeof mac !== 'string' || !/^[0-9a-f]{64}$/.test(mac)) return false;
  return timingSafeEqual(Buffer.from(mac, 'hex'), Buffer.from(macOf(seal, commit, passed), 'hex'));
}

export interface RememberedVerdicts {
  /** The commit the ref pointed at when read (null: no verdicts yet). */
  tip: string | null;
  /** Every landing commit judged before, passed or failed. */
  judged: Set<string>;
  /** The failed ones, in full. */
  refused: Map<string, LandingVerdict>;
  /** Entries read with a seal that it did not vouch for (ignored). */
  unsealed: number;
}

const SHA = /^[0-9a-f]{40}$/;
const SIGNATURE = { name: 'grantops', email: 'grantops@users.noreply.github.com' };

/**
 * The verdicts remembered at `refs/grantops/verdicts`. With `seal`, only those it vouches for
 * (every file is read); without, every entry as it stands (only the failed ones are read).
 */
export async function readVerdicts(repo: string, seal?: VerdictSeal): Promise<RememberedVerdicts> {
  const tip = await tryResolveCommit(repo, VERDICTS_REF);
  const out: RememberedVerdicts = { tip, judged: new Set(), refused: new Map(), unsealed: 0 };
  if (!tip) return out;
  const entries: { commit: string; passed: boolean; oid: string }[] = [];
  for (const e of await listTree(repo, tip, ['passed/', 'failed/'])) {
    const [kind, commit = ''] = e.path.split('/');
    if (e.type === 'blob' && SHA.test(commit))
      entries.push({ commit, passed: kind === 'passed', oid: e.oid });
  }
  const blobs = await readBlobs(
    repo,
    entries.filter((e) => seal || !e.passed).map((e) => e.oid),
  );
  for (const e of entries) {
    const data = seal || !e.passed ? parseJson(blobs.get(e.oid)) : {};
    if (seal && !sealed(seal, e.commit, e.passed, data.mac)) {
      out.unsealed += 1;
      continue;
    }
    out.judged.add(e.commit);
    if (!e.passed) out.refused.set(e.commit, failedVerdict(e.commit, data));
  }
  return out;
}

/**
 * Adds `verdicts` (their final ones), sealed, to the remembered ones. A sealed verdict already
 * there stays; an entry the seal does not vouch for is replaced. `known`: what a read of the
 * ref found earlier in this run, built on as long as nobody moved the ref since.
 */
export async function rememberVerdicts(
  repo: string,
  verdicts: readonly LandingVerdict[],
  at: Date,
  seal: VerdictSeal,
  known?: Pick<RememberedVerdicts, 'tip' | 'judged'>,
): Promise<void> {
  const final = verdicts.filter((v) => v.final && SHA.test(v.commit));
  if (final.length === 0) return;
  // Another run may move the ref meanwhile: build on what it wrote, and try again.
  let seen = known;
  for (let attempt = 0; attempt < 5; attempt++) {
    seen ??= await readVerdicts(repo, seal);
    const judged = seen.judged;
    const fresh = final.filter((v) => !judged.has(v.commit));
    if (fresh.length === 0) return;
    if (await importVerdicts(repo, seen.tip, fresh, at, seal)) return;
    seen = undefined;
  }
}

/**
 * One commit on top of `tip` (or a first one) holding `verdicts`, written and put at the ref by
 * one `git fast-import`: blobs, tree and commit in one process. fast-import moves the ref only
 * when the new commit contains what the ref holds at that moment, under the ref's lock: false
 * when another run moved it first.
 */
async function importVerdicts(
  repo: string,
  tip: string | null,
  verdicts: readonly LandingVerdict[],
  at: Date,
  seal: VerdictSeal,
): Promise<boolean> {
  const passed = verdicts.filter((v) => v.passed).length;
  const message = `Landing verdicts: ${passed} passed, ${verdicts.length - passed} failed\n\n${verdicts
    .map((v) => `${v.passed ? 'passed' : 'failed'} ${v.commit}`)
    .join('\n')}\n`;
  const data = (text: string) => `data ${Buffer.byteLength(text)}\n${text}\n`;
  const who = `${SIGNATURE.name} <${SIGNATURE.email}> ${Math.floor(at.getTime() / 1000)} +0000`;
  const stream = [
    `commit ${VERDICTS_REF}\n`,
    `author ${who}\n`,
    `committer ${who}\n`,
    data(message),
    tip ? `from ${tip}\n` : '',
    // A path is removed before it is written: an unsealed entry of either outcome goes.
    ...verdicts.flatMap((v) => [
      `D passed/${v.commit}\n`,
      `D failed/${v.commit}\n`,
      `M 100644 inline ${v.passed ? 'passed' : 'failed'}/${v.commit}\n`,
      data(verdictJson(v, at, seal)),
    ]),
    // `done` (with --done): a stream cut short writes nothing.
    '\ndone\n',
  ].join('');
  const r = await git(repo, ['fast-import', '--quiet', '--done'], stream);
  if (r.code === 0) return true;
  // Lost the race: the ref moved to a commit ours does not contain, or another git holds it.
  if (/Not updating|but expected|reference already exists|\.lock': File exists/.test(r.stderr))
    return false;
  throw new ExternalError(
    'E_GIT',
    `git fast-import could not write ${VERDICTS_REF}: ${r.stderr.trim()}. Fix what git reports, then run again.`,
  );
}

function verdictJson(v: LandingVerdict, at: Date, seal: VerdictSeal): string {
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
      mac: macOf(seal, v.commit, v.passed),
    },
    null,
    2,
  )}\n`;
}

function parseJson(bytes: Buffer | undefined): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(bytes?.toString('utf8') ?? '');
    return parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/**
 * A failed verdict read back. A file that does not read as one still refuses its landing: a
 * refusal is the safe reading.
 */
function failedVerdict(commit: string, data: Record<string, unknown>): LandingVerdict {
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
