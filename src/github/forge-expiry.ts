import { ExternalError } from '../core/errors.js';
import {
  parseExpiryBranch,
  type CommitMessage,
  type ExpiryOpened,
  type ExpiryRequest,
  type ExpirySpec,
  type MergeOutcome,
} from '../core/forge.js';
import type { GitRepository, GitSource } from '../core/git-port.js';
import { quote } from '../core/text.js';
import { statusOf } from './errors.js';
import {
  addLabel,
  branchHead,
  closePullRequest,
  commitDeletion,
  createBranch,
  deleteBranch,
  EXPIRY_LABEL,
  listExpiryBranches,
  openPullRequest,
  pullsForHead,
} from './expiry.js';
import { squashMerge } from './merge.js';
import type { GitHubClient } from './octokit.js';
import { getPullRequest, listOpenPullRequests, type PullRequestData } from './pulls.js';
import type { RepoRef } from './repo-ref.js';
import { mdText } from './report-text.js';

/**
 * Expiry revert pull requests on GitHub, for the forge: each step tolerates having been done by
 * another run (or by this one before it died), so ten concurrent runs end with one branch, one
 * commit, one pull request and one merge. The revert is trusted only for what it is: before
 * merging, its change must still be exactly the deletion of its grant file, and that file on
 * the base must still be the one it was opened against (a renewal or an early revocation since
 * then means it is no longer due), so a push to the branch cannot ride in on the App's merge.
 */

export interface ExpiryContext {
  octokit: GitHubClient;
  repo: RepoRef;
  git: GitRepository;
  source: GitSource;
  base: string;
  bot: string | null;
}

function expiryOf(pull: PullRequestData, branch: string): ExpiryRequest {
  return {
    id: String(pull.number),
    reference: `#${pull.number}`,
    branch,
    state: pull.merged ? 'merged' : pull.state === 'open' ? 'open' : 'closed',
    head: pull.head.sha,
    mergedAs: pull.merged ? pull.mergeCommitSha : null,
  };
}

const pathOf = (branch: string): string => {
  const parts = parseExpiryBranch(branch);
  if (!parts)
    throw new ExternalError(
      'E_EXPIRY_BRANCH',
      `${quote(branch)} is not an expiry branch. This is a bug in grantops: please report it.`,
    );
  return `grants/${parts.role}/${parts.login}.yaml`;
};

/**
 * One listing of branches, one of open pull requests; a branch without an open one costs one
 * more read. Merged and closed reverts are reported once, then their branch is deleted, so the
 * listing stays as small as the work still to do.
 */
export async function listExpiries(ctx: ExpiryContext): Promise<ExpiryRequest[]> {
  const branches = (await listExpiryBranches(ctx.octokit, ctx.repo)).filter((b) =>
    parseExpiryBranch(b.branch),
  );
  if (!branches.length) return [];
  const open = await listOpenPullRequests(ctx.octokit, ctx.repo, ctx.base);
  const out: ExpiryRequest[] = [];
  for (const b of branches) {
    const pull =
      open.find((p) => !p.head.fork && p.head.ref === b.branch) ??
      (await pullsForHead(ctx.octokit, ctx.repo, b.branch, 'all'))[0];
    // A branch without a pull request is a revert another run has not finished: `openExpiry`
    // finishes it, so it is not listed as a request yet.
    if (!pull) continue;
    const found = expiryOf(pull, b.branch);
    out.push(found);
    if (found.state !== 'open') await deleteBranch(ctx.octokit, ctx.repo, b.branch);
  }
  return out;
}

export async function openExpiry(ctx: ExpiryContext, spec: ExpirySpec): Promise<ExpiryOpened> {
  const { octokit, repo } = ctx;
  if (pathOf(spec.branch) !== spec.path)
    throw new ExternalError(
      'E_EXPIRY_BRANCH',
      `${quote(spec.branch)} does not name the grant ${quote(spec.path)}. This is a bug in grantops: please report it.`,
    );
  const created = await createBranch(octokit, repo, spec.branch, spec.base);
  if (!created) {
    const [existing] = await pullsForHead(octokit, repo, spec.branch, 'all');
    if (existing) return { expiry: expiryOf(existing, spec.branch), created: false };
  }
  const head = created ? spec.base : await branchHead(octokit, repo, spec.branch);
  if (!head)
    throw new ExternalError(
      'E_EXPIRY_RACE',
      `The branch ${spec.branch} vanished while it was being opened; the next run opens it again.`,
    );
  await ctx.git.fetchCommits(ctx.source, [head, spec.base]);
  const blob = await ctx.git.objectAt(head, spec.path);
  if (blob) {
    const judged = await ctx.git.objectAt(spec.base, spec.path);
    if (judged !== blob) {
      throw new ExternalError(
        'E_EXPIRY_STALE',
        `${quote(spec.path)} on ${spec.branch} is not the file judged at ${spec.base.slice(0, 12)}; the next run decides again.`,
      );
    }
    try {
      await commitDeletion(octokit, repo, {
        branch: spec.branch,
        path: spec.path,
        blob,
        message: spec.title,
      });
    } catch (e) {
      // Another run deleted it first (GitHub: 404 no such file, 409 the branch moved).
      if (statusOf(e) !== 404 && statusOf(e) !== 409) throw e;
    }
  }
  const body = [
    `Records in git that access ended: deletes ${'`'}${spec.path}${'`'} (${mdText(spec.title, 200)}).`,
    '',
    'grantops merges this pull request itself with the audit trailers of docs/audit-trailers.md; revocation at the provider has already happened and never waits for it.',
  ].join('\n');
  const { pull, created: opened } = await openPullRequest(octokit, repo, {
    head: spec.branch,
    base: ctx.base,
    title: spec.title,
    body,
  });
  if (opened && !created) {
    // The branch was another run's, which may have merged its pull request between this run's
    // look and this one's opening (GitHub refuses a second open one, not one after a merge):
    // the merged one stands, and this one is closed at once.
    const merged = (await pullsForHead(octokit, repo, spec.branch, 'all')).find(
      (p) => p.merged && p.number !== pull.number,
    );
    if (merged) {
      await closePullRequest(
        octokit,
        repo,
        pull.number,
        `Closed by grantops: #${merged.number} already recorded this expiry.`,
      );
      return { expiry: expiryOf(merged, spec.branch), created: false };
    }
  }
  if (!pull.labels.includes(EXPIRY_LABEL)) await addLabel(octokit, repo, pull.number, EXPIRY_LABEL);
  return { expiry: { ...expiryOf(pull, spec.branch), head: pull.head.sha }, created };
}

export async function mergeExpiry(
  ctx: ExpiryContext,
  request: ExpiryRequest,
  message: CommitMessage,
): Promise<MergeOutcome> {
  const pull = await getPullRequest(ctx.octokit, ctx.repo, Number(request.id));
  if (pull.merged) {
    return pull.head.sha === request.head && pull.mergeCommitSha
      ? { merged: true, commit: pull.mergeCommitSha }
      : {
          merged: false,
          reason: 'head-moved',
          message: `${request.reference} was merged from another head.`,
        };
  }
  if (pull.state !== 'open')
    return { merged: false, reason: 'not-allowed', message: `${request.reference} is closed.` };
  const path = pathOf(request.branch);
  await ctx.git.fetchCommits(ctx.source, [pull.base.sha, request.head]);
  const forkPoint = await ctx.git.mergeBase(pull.base.sha, request.head);
  const change = (await ctx.git.changedPaths(forkPoint, request.head)).flatMap((c) => [
    c.status,
    c.path,
  ]);
  if (change.length !== 2 || change[0] !== 'D' || change[1] !== path) {
    return {
      merged: false,
      reason: 'not-allowed',
      message: `${request.reference} must only delete ${path}; its branch changes ${
        change
          .filter((_, i) => i % 2)
          .map((p) => quote(p))
          .join(', ') || 'nothing'
      }. Close it; the next expire run opens a clean one.`,
    };
  }
  const judged = await ctx.git.objectAt(forkPoint, path);
  const now = await ctx.git.objectAt(pull.base.sha, path);
  if (now === null || now !== judged) {
    return {
      merged: false,
      reason: 'not-allowed',
      message: `${path} changed on ${ctx.base} since ${request.reference} was opened (renewed or revoked): the revert is no longer due.`,
    };
  }
  // A run that died between opening the revert and labelling it left it unlabelled; the run
  // that merges it finishes the job, so every merged revert carries the label.
  if (!pull.labels.includes(EXPIRY_LABEL))
    await addLabel(ctx.octokit, ctx.repo, pull.number, EXPIRY_LABEL);
  return squashMerge(ctx.octokit, ctx.repo, pull.number, { sha: request.head, ...message });
}

export async function closeExpiry(
  ctx: ExpiryContext,
  request: ExpiryRequest,
  why: string,
): Promise<void> {
  const pull = await getPullRequest(ctx.octokit, ctx.repo, Number(request.id));
  if (pull.state !== 'open') return;
  await closePullRequest(
    ctx.octokit,
    ctx.repo,
    pull.number,
    `Closed by grantops: ${mdText(why, 500)}`,
  );
}
