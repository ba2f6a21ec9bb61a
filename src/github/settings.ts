import { githubError, statusOf } from './errors.js';
import type { GitHubClient } from './octokit.js';
import { repoName, type RepoRef } from './repo-ref.js';

/**
 * The repository settings `grantops doctor` checks, read from GitHub's API. Several are shown
 * to repository administrators only (merge settings, a ruleset's bypass actors, the Actions
 * permissions, secret names): a value grantops could not read is `null` with the reason in
 * `unreadable`, so doctor says "cannot tell, run me as an admin" rather than guessing.
 */

export interface Rule {
  type: string;
  parameters: Record<string, unknown>;
  rulesetId: number | null;
}

export interface BypassActor {
  actorId: number | null;
  actorType: string;
  mode: string;
}

export interface RulesetInfo {
  id: number;
  name: string;
  enforcement: string;
  /** Null when GitHub did not show them (the token is not an admin). */
  bypassActors: BypassActor[] | null;
}

export interface EnvironmentInfo {
  name: string;
  /** Null: deployable from any branch. */
  branchPolicy: { protectedBranches: boolean; customBranchPolicies: boolean } | null;
  customPolicies: { name: string; type: string }[];
  /** Names only; null when not readable. */
  secrets: string[] | null;
}

export interface RepositorySettings {
  repo: string;
  defaultBranch: string;
  squashMergeAllowed: boolean | null;
  autoMergeAllowed: boolean | null;
  /** The rules in force on the default branch, from every ruleset (repository and organization). */
  rules: Rule[];
  rulesets: RulesetInfo[];
  workflow: { canApprovePullRequestReviews: boolean; defaultPermissions: string } | null;
  /** Null when there is no CODEOWNERS file on the default branch; otherwise GitHub's errors. */
  codeownersErrors: { path: string; line: number; message: string }[] | null;
  /** Null when the environment does not exist. */
  environment: EnvironmentInfo | null;
  /** What could not be read, and why. */
  unreadable: { what: string; why: string }[];
}

/** `undefined` when GitHub refused to show it (403/404 for a non-admin token). */
async function readable<T>(
  unreadable: RepositorySettings['unreadable'],
  what: string,
  read: () => Promise<T>,
): Promise<T | undefined> {
  try {
    return await read();
  } catch (e) {
    const status = statusOf(e);
    if (status !== 403 && status !== 404) throw e;
    unreadable.push({ what, why: `GitHub answered ${status}` });
    return undefined;
  }
}

export async function readRepositorySettings(
  octokit: GitHubClient,
  repo: RepoRef,
  environmentName: string,
): Promise<RepositorySettings> {
  const unreadable: RepositorySettings['unreadable'] = [];
  const ctx = { doing: `reading the settings of ${repoName(repo)}`, tokenEnv: 'GITHUB_TOKEN' };
  try {
    const { data: r } = await octokit.rest.repos.get({ ...repo });
    const branch = r.default_branch;
    const rules = await octokit.paginate(octokit.rest.repos.getBranchRules, {
      ...repo,
      branch,
      per_page: 100,
    });
    const summaries = await octokit.paginate(octokit.rest.repos.getRepoRulesets, {
      ...repo,
      includes_parents: true,
      per_page: 100,
    });
    const rulesets: RulesetInfo[] = [];
    for (const s of summaries) {
      const full = await readable(
        unreadable,
        `ruleset ${s.name}`,
        async () => (await octokit.rest.repos.getRepoRuleset({ ...repo, ruleset_id: s.id })).data,
      );
      const bypass = full?.bypass_actors;
      rulesets.push({
        id: s.id,
        name: s.name,
        enforcement: s.enforcement,
        bypassActors: bypass
          ? bypass.map((b) => ({
              actorId: b.actor_id ?? null,
              actorType: b.actor_type,
              mode: b.bypass_mode ?? 'always',
            }))
          : null,
      });
      if (full && !bypass)
        unreadable.push({
          what: `the bypass list of ruleset ${s.name}`,
          why: 'GitHub shows it to administrators only',
        });
    }
    const workflow = await readable(
      unreadable,
      'the GitHub Actions workflow permissions',
      async () =>
        (
          await octokit.rest.actions.getGithubActionsDefaultWorkflowPermissionsRepository({
            ...repo,
          })
        ).data,
    );
    const codeowners = await readable(
      unreadable,
      'CODEOWNERS errors',
      async () => (await octokit.rest.repos.codeownersErrors({ ...repo, ref: branch })).data,
    );
    if (codeowners === undefined) unreadable.pop(); // 404: no CODEOWNERS file, which doctor reports itself
    const environment = await readEnvironment(octokit, repo, environmentName, unreadable);
    if (r.allow_squash_merge === undefined)
      unreadable.push({
        what: 'the merge settings',
        why: 'GitHub shows them to administrators only',
      });
    return {
      repo: repoName(repo),
      defaultBranch: branch,
      squashMergeAllowed: r.allow_squash_merge ?? null,
      autoMergeAllowed: r.allow_auto_merge ?? null,
      rules: rules.map((x) => {
        const { type, parameters, ruleset_id } = x as {
          type: string;
          parameters?: Record<string, unknown>;
          ruleset_id?: number;
        };
        return { type, parameters: parameters ?? {}, rulesetId: ruleset_id ?? null };
      }),
      rulesets,
      workflow: workflow
        ? {
            canApprovePullRequestReviews: workflow.can_approve_pull_request_reviews,
            defaultPermissions: workflow.default_workflow_permissions,
          }
        : null,
      codeownersErrors: codeowners
        ? codeowners.errors.map((e) => ({ path: e.path, line: e.line, message: e.message }))
        : null,
      environment,
      unreadable,
    };
  } catch (e) {
    throw githubError(e, ctx);
  }
}

async function readEnvironment(
  octokit: GitHubClient,
  repo: RepoRef,
  name: string,
  unreadable: RepositorySettings['unreadable'],
): Promise<EnvironmentInfo | null> {
  const env = { ...repo, environment_name: name };
  let data;
  try {
    data = (await octokit.rest.repos.getEnvironment(env)).data;
  } catch (e) {
    if (statusOf(e) === 404) return null;
    throw e;
  }
  const policy = data.deployment_branch_policy ?? null;
  const custom = policy?.custom_branch_policies
    ? (await octokit.rest.repos.listDeploymentBranchPolicies({ ...env, per_page: 100 })).data
        .branch_policies
    : [];
  const secrets = await readable(unreadable, `the secrets of environment ${name}`, async () =>
    (await octokit.rest.actions.listEnvironmentSecrets({ ...env, per_page: 100 })).data.secrets.map(
      (s) => s.name,
    ),
  );
  return {
    name,
    branchPolicy: policy
      ? {
          protectedBranches: policy.protected_branches,
          customBranchPolicies: policy.custom_branch_policies,
        }
      : null,
    customPolicies: custom.map((p) => ({ name: p.name ?? '', type: p.type ?? 'branch' })),
    secrets: secrets ?? null,
  };
}
