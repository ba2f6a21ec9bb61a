import type { ForgeSettings } from '../core/forge.js';
import type { GitHubClient } from './octokit.js';
import type { RepoRef } from './repo-ref.js';
import { readRepositorySettings, type RepositorySettings, type Rule } from './settings.js';

/**
 * The port's view of the settings (`Forge.settings`), from what `readRepositorySettings` read.
 * GitHub enforces the union of every ruleset on the branch, so each item holds when any rule
 * in force says so; a bypass list counts only where GitHub showed it.
 */
export function toForgeSettings(s: RepositorySettings): ForgeSettings {
  const rules = (type: string): Rule[] => s.rules.filter((r) => r.type === type);
  const pr = rules('pull_request');
  const flag = (name: string) => pr.some((r) => r.parameters[name] === true);
  const bypassKnown = s.rulesets
    .filter((r) => r.enforcement === 'active')
    .every((r) => r.bypassActors !== null);
  return {
    defaultBranch: s.defaultBranch,
    squashMergeAllowed: s.squashMergeAllowed,
    autoMergeAllowed: s.autoMergeAllowed,
    mergeQueue: rules('merge_queue').length > 0,
    baseRules: {
      requiresRequest: pr.length > 0,
      requiresCodeOwnerReview: flag('require_code_owner_review'),
      dismissesStaleApprovals: flag('dismiss_stale_reviews_on_push'),
      requiresLastPushApproval: flag('require_last_push_approval'),
      requiredChecks: rules('required_status_checks').flatMap((r) =>
        (
          (r.parameters.required_status_checks ?? []) as {
            context: string;
            integration_id?: number;
          }[]
        ).map((c) => ({ context: c.context, integrationId: c.integration_id ?? null })),
      ),
      forcePushAllowed: rules('non_fast_forward').length === 0,
      deletionAllowed: rules('deletion').length === 0,
      bypassActors: bypassKnown
        ? s.rulesets
            .filter((r) => r.enforcement === 'active')
            .flatMap((r) => r.bypassActors ?? [])
            .map((b) => ({ id: String(b.actorId ?? ''), kind: b.actorType, mode: b.mode }))
        : [],
    },
    automationCanApprove: s.workflow?.canApprovePullRequestReviews ?? null,
    codeownersErrors: s.codeownersErrors,
    environment: s.environment
      ? {
          name: s.environment.name,
          mainOnly: mainOnly(s),
          secrets: s.environment.secrets ?? [],
        }
      : null,
  };
}

/** Deployable from the default branch only: a custom policy listing exactly that branch. */
export function mainOnly(s: RepositorySettings): boolean {
  const env = s.environment;
  if (!env?.branchPolicy?.customBranchPolicies) return false;
  return (
    env.customPolicies.length > 0 &&
    env.customPolicies.every((p) => p.type === 'branch' && p.name === s.defaultBranch)
  );
}

export async function forgeSettings(
  octokit: GitHubClient,
  repo: RepoRef,
  environment: string,
): Promise<ForgeSettings> {
  return toForgeSettings(await readRepositorySettings(octokit, repo, environment));
}
