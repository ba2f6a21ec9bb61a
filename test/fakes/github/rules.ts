import { CODEOWNERS_PATHS, isOwner, ownersOf, parseCodeowners } from './codeowners.js';
import type { Pull, Repo, Review, Rule, Ruleset } from './repo.js';
import type { Actor } from './store.js';

/**
 * What a ruleset on the base branch demands before a pull request merges, as GitHub enforces
 * it: approvals (each reviewer's latest review, not dismissed, never the author's, and with
 * `require_last_push_approval` never the last pusher's), code-owner review, required checks
 * (from the pinned App when `integration_id` is set), no merge queue. An actor in a ruleset's
 * bypass list (an App in `pull_request` or `always` mode) skips that ruleset. GitHub does not
 * look at `commit_id`: an approval counts until something dismisses it.
 */

/** Each reviewer's latest review that is an approval or a change request, oldest first. */
export function latestVerdicts(repo: Repo, pull: Pull): Review[] {
  const latest = new Map<string, Review>();
  for (const r of repo.reviews) {
    if (r.pull !== pull.issue.number || r.state === 'COMMENTED') continue;
    latest.set(r.user.login.toLowerCase(), r);
  }
  return [...latest.values()];
}

function isActor(b: Ruleset['bypass'][number], actor: Actor, repo: Repo): boolean {
  if (b.actor_type === 'Integration') return actor.app?.id === b.actor_id;
  if (b.actor_type === 'User') return repo.store.account(actor.login)?.id === b.actor_id;
  return false;
}

/** Merging a pull request: `pull_request` and `always` bypass modes both let the actor through. */
function bypasses(ruleset: Ruleset, actor: Actor, repo: Repo): boolean {
  return ruleset.bypass.some(
    (b) =>
      (b.bypass_mode === 'always' || b.bypass_mode === 'pull_request') && isActor(b, actor, repo),
  );
}

function pullRequestRule(repo: Repo, pull: Pull, params: Record<string, unknown>): string[] {
  const out: string[] = [];
  const verdicts = latestVerdicts(repo, pull);
  const approvers = verdicts
    .filter((r) => r.state === 'APPROVED' && r.user !== pull.issue.user)
    .filter((r) => !(params.require_last_push_approval === true && r.user === pull.lastPusher))
    .map((r) => r.user.login);
  const required = Number(params.required_approving_review_count ?? 0);
  if (approvers.length < required) {
    out.push(
      `At least ${required} approving review${required === 1 ? ' is' : 's are'} required by reviewers with write access.`,
    );
  }
  if (verdicts.some((r) => r.state === 'CHANGES_REQUESTED'))
    out.push('Changes have been requested.');
  const methods = params.allowed_merge_methods;
  if (Array.isArray(methods) && !methods.includes('squash'))
    out.push('Merge method squash is not allowed.');
  if (params.require_code_owner_review === true) {
    const base = repo.branchSha(pull.base) as string;
    const text = CODEOWNERS_PATHS.map((p) => repo.git.readFile(base, p)).find((t) => t !== null);
    if (text) {
      const lines = parseCodeowners(text);
      const files = repo.git
        .run(['diff', '--name-only', `${base}...${pull.headSha}`])
        .split('\n')
        .filter(Boolean);
      for (const file of files) {
        const owners = ownersOf(lines, file);
        if (owners?.length && !approvers.some((a) => isOwner(repo.store, owners, a))) {
          out.push(`Waiting on code owner review from ${owners.join(', ')}.`);
          break;
        }
      }
    }
  }
  return out;
}

function statusChecksRule(repo: Repo, pull: Pull, params: Record<string, unknown>): string[] {
  const checks = (params.required_status_checks ?? []) as {
    context: string;
    integration_id?: number;
  }[];
  return checks.flatMap((c) => {
    const run = [...repo.checkRuns]
      .reverse()
      .find(
        (r) =>
          r.headSha === pull.headSha &&
          r.name === c.context &&
          (c.integration_id === undefined || r.app.id === c.integration_id),
      );
    const ok =
      run?.status === 'completed' &&
      ['success', 'neutral', 'skipped'].includes(String(run.conclusion));
    return ok ? [] : [`Required status check "${c.context}" is expected.`];
  });
}

function ruleViolations(repo: Repo, pull: Pull, rule: Rule): string[] {
  const params = rule.parameters ?? {};
  switch (rule.type) {
    case 'pull_request':
      return pullRequestRule(repo, pull, params);
    case 'required_status_checks':
      return statusChecksRule(repo, pull, params);
    case 'merge_queue':
      return ['Changes must be made through the merge queue.'];
    default:
      return [];
  }
}

/** Why `actor` may not merge `pull` now; empty when the rules allow it. */
export function mergeViolations(repo: Repo, pull: Pull, actor: Actor): string[] {
  return repo
    .activeRulesets(pull.base)
    .filter((s) => !bypasses(s, actor, repo))
    .flatMap((s) => s.rules.flatMap((r) => ruleViolations(repo, pull, r)));
}

/** Whether a direct push (not through a pull request) to `branch` by `actor` is allowed. */
export function pushViolations(
  repo: Repo,
  branch: string,
  actor: Actor,
  kind: 'push' | 'force' | 'delete',
): string[] {
  return repo.activeRulesets(branch).flatMap((s) => {
    // Only `always` lets an actor push past the rules; `pull_request` mode is for merges.
    if (s.bypass.some((b) => b.bypass_mode === 'always' && isActor(b, actor, repo))) return [];
    return s.rules.flatMap((r) => {
      if (r.type === 'pull_request') return ['Changes must be made through a pull request.'];
      if (r.type === 'non_fast_forward' && kind === 'force')
        return ['Cannot force-push to this branch'];
      if (r.type === 'deletion' && kind === 'delete') return ['Cannot delete this branch'];
      return [];
    });
  });
}
