import { ExternalError } from '../core/errors.js';
import type {
  CommitMessage,
  ExpiryOpened,
  ExpiryRequest,
  ExpirySpec,
  MergeOutcome,
} from '../core/forge.js';
import type { GitRepository } from '../core/git-port.js';
import type { Clock } from '../core/time.js';
import { FORGE_SIGNATURE } from './identity.js';
import { CLOSED_EXPIRIES, EXPIRY_BRANCHES, branchOf, heads } from './names.js';

/**
 * Expiry reverts on the local forge: a branch `grantops/expire/<role>/<login>/<landing>` whose
 * commit deletes the grant file, merged straight onto the base. Every step is a compare-and-swap
 * on a ref, so concurrent runs meet on the one branch name and at most one revert lands.
 */
export interface ExpiryContext {
  git: GitRepository;
  base: string;
  clock: Clock;
}

const RETRIES = 5;

const fullMessage = (m: CommitMessage) => `${m.title}\n${m.message ? `\n${m.message}\n` : ''}`;

function expiry(
  branch: string,
  head: string,
  state: ExpiryRequest['state'],
  mergedAs: string | null,
): ExpiryRequest {
  return { id: branch, reference: branch, branch, state, head, mergedAs };
}

/** Every expiry revert, open, merged (its commit is on the base) or closed. */
export async function listExpiries(ctx: ExpiryContext): Promise<ExpiryRequest[]> {
  const { git } = ctx;
  const [open, closed, base] = await Promise.all([
    git.listRefs(EXPIRY_BRANCHES),
    git.listRefs(`${CLOSED_EXPIRIES}grantops/expire/`),
    git.readRef(heads(ctx.base)),
  ]);
  const out: ExpiryRequest[] = [];
  for (const r of open) {
    const merged = base !== null && (await git.isAncestor(r.oid, base));
    out.push(expiry(branchOf(r.name), r.oid, merged ? 'merged' : 'open', merged ? r.oid : null));
  }
  for (const r of closed)
    out.push(expiry(r.name.slice(CLOSED_EXPIRIES.length), r.oid, 'closed', null));
  return out;
}

async function current(ctx: ExpiryContext, branch: string): Promise<ExpiryRequest | null> {
  const head = await ctx.git.readRef(heads(branch));
  if (!head) return null;
  const base = await ctx.git.readRef(heads(ctx.base));
  const merged = base !== null && (await ctx.git.isAncestor(head, base));
  return expiry(branch, head, merged ? 'merged' : 'open', merged ? head : null);
}

/** The revert commit on `spec.base`, on its branch; the existing one when the branch exists. */
export async function openExpiry(ctx: ExpiryContext, spec: ExpirySpec): Promise<ExpiryOpened> {
  const existing = await current(ctx, spec.branch);
  if (existing) return { expiry: existing, created: false };
  const { git } = ctx;
  if ((await git.objectAt(spec.base, spec.path)) === null) {
    throw new ExternalError(
      'E_EXPIRY_NO_FILE',
      `Cannot open ${spec.branch}: ${spec.path} is not in ${spec.base.slice(0, 10)}. Run grantops expire again: it decides from main as it is now.`,
    );
  }
  const commit = await git.writeCommit({
    tree: await git.editTree(spec.base, [{ path: spec.path, blob: null }]),
    parents: [spec.base],
    message: fullMessage(spec),
    author: FORGE_SIGNATURE,
    committer: FORGE_SIGNATURE,
    at: ctx.clock.now(),
  });
  if (await git.swapRef(heads(spec.branch), commit, null, 'grantops expire: open')) {
    return { expiry: expiry(spec.branch, commit, 'open', null), created: true };
  }
  // Another run opened it first: theirs is the one.
  const theirs = await current(ctx, spec.branch);
  if (!theirs)
    throw new ExternalError(
      'E_EXPIRY_RACE',
      `${spec.branch} vanished while it was opened; the next run opens it again.`,
    );
  return { expiry: theirs, created: false };
}

/**
 * Lands the revert on the base: as it is when the base has not moved since it was opened (a
 * fast-forward), else as a new commit with `message` on the current base. A revert already on
 * the base is reported merged, never landed twice; one whose file changed on the base since
 * (a renewal) or is gone from it does not apply, and nothing is merged.
 */
export async function mergeExpiry(
  ctx: ExpiryContext,
  branch: string,
  message: CommitMessage,
): Promise<MergeOutcome> {
  const { git } = ctx;
  for (let attempt = 0; attempt < RETRIES; attempt++) {
    // The base first, then the branch: a revert another run has landed is then always seen
    // as merged (it moves the branch before the base), never as a file already gone.
    const base = await git.readRef(heads(ctx.base));
    const head = await git.readRef(heads(branch));
    if (!head || !base) {
      return { merged: false, reason: 'not-allowed', message: `${branch} is closed.` };
    }
    if (await git.isAncestor(head, base)) return { merged: true, commit: head };
    if ((await git.firstParent(head)) === base) {
      if (await git.advanceBranch(heads(ctx.base), base, head, 'grantops expire'))
        return { merged: true, commit: head };
      continue;
    }
    const tree = await git.mergeTree(base, head);
    if (tree === null) {
      return {
        merged: false,
        reason: 'conflict',
        message: `${ctx.base} changed the grant file since ${branch} was opened (renewed or edited): the revert no longer applies.`,
      };
    }
    if (tree === (await git.treeOf(base))) {
      return {
        merged: false,
        reason: 'conflict',
        message: `${ctx.base} no longer has the grant file: nothing is left to revert.`,
      };
    }
    // The base moved since the revert was made: the branch is moved onto it first, so that
    // concurrent runs all land that one commit (the next turn fast-forwards), never two.
    const rebased = await git.writeCommit({
      tree,
      parents: [base],
      message: fullMessage(message),
      author: FORGE_SIGNATURE,
      committer: FORGE_SIGNATURE,
      at: ctx.clock.now(),
    });
    await git.swapRef(heads(branch), rebased, head, 'grantops expire: onto the base');
  }
  return {
    merged: false,
    reason: 'head-moved',
    message: `${ctx.base} kept moving while ${branch} was merged; run again.`,
  };
}

/** Closing keeps the revert's commit under refs/grantops/closed/ and removes the branch. */
export async function closeExpiry(ctx: ExpiryContext, e: ExpiryRequest): Promise<void> {
  await ctx.git.setRef(`${CLOSED_EXPIRIES}${e.branch}`, e.head, 'grantops expire: close');
  await ctx.git.deleteRef(heads(e.branch), e.head);
}
