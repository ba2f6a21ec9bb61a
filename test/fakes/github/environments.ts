import { findRepo } from './access.js';
import { forbidden, json, notFound } from './http.js';
import type { Environment, Repo } from './repo.js';
import { repoApiUrl } from './repo-shapes.js';
import { route, type Context, type Route } from './router.js';

/**
 * Deployment environments (https://docs.github.com/rest/deployments/environments), their branch
 * policies and the names of their secrets. Secret names are shown to administrators only; the
 * values never leave GitHub.
 */

const DOCS = {
  get: 'https://docs.github.com/rest/deployments/environments#get-an-environment',
  policies:
    'https://docs.github.com/rest/deployments/branch-policies#list-deployment-branch-policies',
  secrets: 'https://docs.github.com/rest/actions/secrets#list-environment-secrets',
};

function findEnvironment(ctx: Context, docs: string): { repo: Repo; env: Environment } {
  const repo = findRepo(ctx, docs);
  const env = repo.environments.get(ctx.params.environment_name as string);
  if (!env) throw notFound(docs);
  return { repo, env };
}

function getEnvironment(ctx: Context) {
  const { repo, env } = findEnvironment(ctx, DOCS.get);
  return json({
    id: env.id,
    node_id: Buffer.from(`0:Environment${env.id}`).toString('base64'),
    name: env.name,
    url: `${repoApiUrl(ctx.origin, repo)}/environments/${encodeURIComponent(env.name)}`,
    html_url: `https://github.com/${repo.fullName}/deployments/activity_log?environments_filter=${encodeURIComponent(env.name)}`,
    created_at: env.createdAt,
    updated_at: env.createdAt,
    protection_rules: [],
    deployment_branch_policy: env.branchPolicy,
  });
}

function listPolicies(ctx: Context) {
  const { env } = findEnvironment(ctx, DOCS.policies);
  const branch_policies = env.policies.map((p) => ({
    ...p,
    node_id: Buffer.from(`0:DeploymentBranchPolicy${p.id}`).toString('base64'),
  }));
  return json({ total_count: branch_policies.length, branch_policies });
}

function listSecrets(ctx: Context) {
  const { env } = findEnvironment(ctx, DOCS.secrets);
  if (!ctx.actor.admin) throw forbidden('Resource not accessible by integration', DOCS.secrets);
  return json({ total_count: env.secrets.length, secrets: env.secrets });
}

export const environmentRoutes: Route[] = [
  route('GET', '/repos/{owner}/{repo}/environments/{environment_name}', DOCS.get, getEnvironment),
  route(
    'GET',
    '/repos/{owner}/{repo}/environments/{environment_name}/deployment-branch-policies',
    DOCS.policies,
    listPolicies,
  ),
  route(
    'GET',
    '/repos/{owner}/{repo}/environments/{environment_name}/secrets',
    DOCS.secrets,
    listSecrets,
  ),
];
