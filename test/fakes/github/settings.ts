import { findRepo } from './access.js';
import { CODEOWNERS_PATHS, codeownersErrors, parseCodeowners } from './codeowners.js';
import { forbidden, json, notFound, paginate } from './http.js';
import type { Repo, Ruleset } from './repo.js';
import { fullRepository, repoApiUrl } from './repo-shapes.js';
import { route, type Context, type Route } from './router.js';

/**
 * The repository settings `grantops doctor` reads: the repository (merge settings),
 * rulesets and the rules in force on a branch, GitHub Actions' workflow permissions and
 * CODEOWNERS errors. Like GitHub, some of it is visible to administrators only: a ruleset's
 * bypass actors, the merge settings, the Actions permissions. Other callers get the rest.
 */

const DOCS = {
  repo: 'https://docs.github.com/rest/repos/repos#get-a-repository',
  rulesets: 'https://docs.github.com/rest/repos/rules#get-all-repository-rulesets',
  ruleset: 'https://docs.github.com/rest/repos/rules#get-a-repository-ruleset',
  rules: 'https://docs.github.com/rest/repos/rules#get-rules-for-a-branch',
  workflow:
    'https://docs.github.com/rest/actions/permissions#get-default-workflow-permissions-for-a-repository',
  codeowners: 'https://docs.github.com/rest/repos/repos#list-codeowners-errors',
};

function getRepo(ctx: Context) {
  return json(fullRepository(ctx.origin, findRepo(ctx, DOCS.repo), ctx.actor.admin === true));
}

function rulesetSummary(ctx: Context, repo: Repo, s: Ruleset) {
  const self = `${repoApiUrl(ctx.origin, repo)}/rulesets/${s.id}`;
  return {
    id: s.id,
    name: s.name,
    target: 'branch',
    source_type: s.sourceType,
    source: s.sourceType === 'Repository' ? repo.fullName : repo.owner.login,
    enforcement: s.enforcement,
    node_id: Buffer.from(`0:RepositoryRuleset${s.id}`).toString('base64'),
    _links: {
      self: { href: self },
      html: { href: `https://github.com/${repo.fullName}/rules/${s.id}` },
    },
    created_at: s.createdAt,
    updated_at: s.createdAt,
  };
}

function listRulesets(ctx: Context) {
  const repo = findRepo(ctx, DOCS.rulesets);
  const parents = ctx.req.url.searchParams.get('includes_parents') !== 'false';
  const sets = repo.rulesets
    .filter((s) => parents || s.sourceType === 'Repository')
    .map((s) => rulesetSummary(ctx, repo, s));
  return paginate(ctx.req, sets, ctx.req.url);
}

function getRuleset(ctx: Context) {
  const repo = findRepo(ctx, DOCS.ruleset);
  const s = repo.rulesets.find((x) => x.id === Number(ctx.params.ruleset_id));
  if (!s) throw notFound(DOCS.ruleset);
  return json({
    ...rulesetSummary(ctx, repo, s),
    conditions: { ref_name: { include: s.include, exclude: s.exclude } },
    rules: s.rules,
    // GitHub shows who may bypass a ruleset only to those who may edit it.
    ...(ctx.actor.admin ? { bypass_actors: s.bypass } : {}),
    current_user_can_bypass: 'never',
  });
}

function branchRules(ctx: Context) {
  const repo = findRepo(ctx, DOCS.rules);
  const rules = repo.activeRules(ctx.params.branch as string).map(({ ruleset, ...rule }) => ({
    ...rule,
    ruleset_source_type: ruleset.sourceType,
    ruleset_source: ruleset.sourceType === 'Repository' ? repo.fullName : repo.owner.login,
    ruleset_id: ruleset.id,
  }));
  return paginate(ctx.req, rules, ctx.req.url);
}

function workflowPermissions(ctx: Context) {
  const repo = findRepo(ctx, DOCS.workflow);
  if (!ctx.actor.admin) throw forbidden('Resource not accessible by integration', DOCS.workflow);
  return json(repo.workflowPermissions);
}

function listCodeownersErrors(ctx: Context) {
  const repo = findRepo(ctx, DOCS.codeowners);
  const ref = ctx.req.url.searchParams.get('ref') ?? repo.settings.default_branch;
  for (const path of CODEOWNERS_PATHS) {
    const text = repo.git.resolve(ref) ? repo.git.readFile(ref, path) : null;
    if (text !== null)
      return json({ errors: codeownersErrors(ctx.store, parseCodeowners(text), path) });
  }
  // No CODEOWNERS file at that ref.
  throw notFound(DOCS.codeowners);
}

export const settingsRoutes: Route[] = [
  route('GET', '/repos/{owner}/{repo}', DOCS.repo, getRepo),
  route('GET', '/repos/{owner}/{repo}/rulesets', DOCS.rulesets, listRulesets),
  route('GET', '/repos/{owner}/{repo}/rulesets/{ruleset_id}', DOCS.ruleset, getRuleset),
  route('GET', '/repos/{owner}/{repo}/rules/branches/{branch}', DOCS.rules, branchRules),
  route(
    'GET',
    '/repos/{owner}/{repo}/actions/permissions/workflow',
    DOCS.workflow,
    workflowPermissions,
  ),
  route('GET', '/repos/{owner}/{repo}/codeowners/errors', DOCS.codeowners, listCodeownersErrors),
];
