import { createRequire as __grantopsCreateRequire } from 'node:module'; const require = __grantopsCreateRequire(import.meta.url);
import {
  repoName
} from "./chunk-ZMUX3FSB.js";
import {
  githubError,
  statusOf
} from "./chunk-CJB666U3.js";

// src/github/settings.ts
async function readable(unreadable, what, read) {
  try {
    return await read();
  } catch (e) {
    const status = statusOf(e);
    if (status !== 403 && status !== 404) throw e;
    unreadable.push({ what, why: `GitHub answered ${status}` });
    return void 0;
  }
}
async function readRepositorySettings(octokit, repo, environmentName) {
  const unreadable = [];
  const ctx = { doing: `reading the settings of ${repoName(repo)}`, tokenEnv: "GITHUB_TOKEN" };
  try {
    const { data: r } = await octokit.rest.repos.get({ ...repo });
    const branch = r.default_branch;
    const rules = await octokit.paginate(octokit.rest.repos.getBranchRules, {
      ...repo,
      branch,
      per_page: 100
    });
    const summaries = await octokit.paginate(octokit.rest.repos.getRepoRulesets, {
      ...repo,
      includes_parents: true,
      per_page: 100
    });
    const rulesets = [];
    for (const s of summaries) {
      const full = await readable(
        unreadable,
        `ruleset ${s.name}`,
        async () => (await octokit.rest.repos.getRepoRuleset({ ...repo, ruleset_id: s.id })).data
      );
      const bypass = full?.bypass_actors;
      rulesets.push({
        id: s.id,
        name: s.name,
        enforcement: s.enforcement,
        bypassActors: bypass ? bypass.map((b) => ({
          actorId: b.actor_id ?? null,
          actorType: b.actor_type,
          mode: b.bypass_mode ?? "always"
        })) : null
      });
      if (full && !bypass)
        unreadable.push({
          what: `the bypass list of ruleset ${s.name}`,
          why: "GitHub shows it to administrators only"
        });
    }
    const workflow = await readable(
      unreadable,
      "the GitHub Actions workflow permissions",
      async () => (await octokit.rest.actions.getGithubActionsDefaultWorkflowPermissionsRepository({
        ...repo
      })).data
    );
    const codeowners = await readable(
      unreadable,
      "CODEOWNERS errors",
      async () => (await octokit.rest.repos.codeownersErrors({ ...repo, ref: branch })).data
    );
    if (codeowners === void 0) unreadable.pop();
    const environment = await readEnvironment(octokit, repo, environmentName, unreadable);
    if (r.allow_squash_merge === void 0)
      unreadable.push({
        what: "the merge settings",
        why: "GitHub shows them to administrators only"
      });
    return {
      repo: repoName(repo),
      defaultBranch: branch,
      squashMergeAllowed: r.allow_squash_merge ?? null,
      autoMergeAllowed: r.allow_auto_merge ?? null,
      rules: rules.map((x) => {
        const { type, parameters, ruleset_id } = x;
        return { type, parameters: parameters ?? {}, rulesetId: ruleset_id ?? null };
      }),
      rulesets,
      workflow: workflow ? {
        canApprovePullRequestReviews: workflow.can_approve_pull_request_reviews,
        defaultPermissions: workflow.default_workflow_permissions
      } : null,
      codeownersErrors: codeowners ? codeowners.errors.map((e) => ({ path: e.path, line: e.line, message: e.message })) : null,
      environment,
      unreadable
    };
  } catch (e) {
    throw githubError(e, ctx);
  }
}
async function readEnvironment(octokit, repo, name, unreadable) {
  const env = { ...repo, environment_name: name };
  let data;
  try {
    data = (await octokit.rest.repos.getEnvironment(env)).data;
  } catch (e) {
    if (statusOf(e) === 404) return null;
    throw e;
  }
  const policy = data.deployment_branch_policy ?? null;
  const custom = policy?.custom_branch_policies ? (await octokit.rest.repos.listDeploymentBranchPolicies({ ...env, per_page: 100 })).data.branch_policies : [];
  const secrets = await readable(
    unreadable,
    `the secrets of environment ${name}`,
    async () => (await octokit.rest.actions.listEnvironmentSecrets({ ...env, per_page: 100 })).data.secrets.map(
      (s) => s.name
    )
  );
  return {
    name,
    branchPolicy: policy ? {
      protectedBranches: policy.protected_branches,
      customBranchPolicies: policy.custom_branch_policies
    } : null,
    customPolicies: custom.map((p) => ({ name: p.name ?? "", type: p.type ?? "branch" })),
    secrets: secrets ?? null
  };
}

// src/github/forge-settings.ts
function toForgeSettings(s) {
  const rules = (type) => s.rules.filter((r) => r.type === type);
  const pr = rules("pull_request");
  const flag = (name) => pr.some((r) => r.parameters[name] === true);
  const bypassKnown = s.rulesets.filter((r) => r.enforcement === "active").every((r) => r.bypassActors !== null);
  return {
    defaultBranch: s.defaultBranch,
    squashMergeAllowed: s.squashMergeAllowed,
    autoMergeAllowed: s.autoMergeAllowed,
    mergeQueue: rules("merge_queue").length > 0,
    baseRules: {
      requiresRequest: pr.length > 0,
      requiresCodeOwnerReview: flag("require_code_owner_review"),
      dismissesStaleApprovals: flag("dismiss_stale_reviews_on_push"),
      requiresLastPushApproval: flag("require_last_push_approval"),
      requiredChecks: rules("required_status_checks").flatMap(
        (r) => (r.parameters.required_status_checks ?? []).map((c) => ({ context: c.context, integrationId: c.integration_id ?? null }))
      ),
      forcePushAllowed: rules("non_fast_forward").length === 0,
      deletionAllowed: rules("deletion").length === 0,
      bypassActors: bypassKnown ? s.rulesets.filter((r) => r.enforcement === "active").flatMap((r) => r.bypassActors ?? []).map((b) => ({ id: String(b.actorId ?? ""), kind: b.actorType, mode: b.mode })) : []
    },
    automationCanApprove: s.workflow?.canApprovePullRequestReviews ?? null,
    codeownersErrors: s.codeownersErrors,
    environment: s.environment ? {
      name: s.environment.name,
      mainOnly: mainOnly(s),
      secrets: s.environment.secrets ?? []
    } : null
  };
}
function mainOnly(s) {
  const env = s.environment;
  if (!env?.branchPolicy?.customBranchPolicies) return false;
  return env.customPolicies.length > 0 && env.customPolicies.every((p) => p.type === "branch" && p.name === s.defaultBranch);
}
async function forgeSettings(octokit, repo, environment) {
  return toForgeSettings(await readRepositorySettings(octokit, repo, environment));
}

export {
  readRepositorySettings,
  mainOnly,
  forgeSettings
};
