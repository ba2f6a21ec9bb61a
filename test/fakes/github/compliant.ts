import type { App } from './apps.js';
import type { Environment, Repo, Ruleset } from './repo.js';

/**
 * The GitHub setup DESIGN §4 decides, as fake GitHub state: the ruleset on main and the
 * environment holding the App's key. Doctor's tests start from it and break one item at a time;
 * the forge's world uses it so merges meet the same rules they would on GitHub.
 */

export const CHECK = 'grantops/decision';
export const ENVIRONMENT = 'access';
export const KEY_SECRET = 'GRANTOPS_APP_PRIVATE_KEY';

export function compliantRuleset(repo: Repo, app: App): Ruleset {
  return {
    id: repo.store.id(),
    name: 'grantops: main',
    enforcement: 'active',
    sourceType: 'Repository',
    include: ['~DEFAULT_BRANCH'],
    exclude: [],
    bypass: [{ actor_id: app.id, actor_type: 'Integration', bypass_mode: 'pull_request' }],
    rules: [
      { type: 'deletion' },
      { type: 'non_fast_forward' },
      {
        type: 'pull_request',
        parameters: {
          required_approving_review_count: 1,
          dismiss_stale_reviews_on_push: true,
          require_code_owner_review: true,
          require_last_push_approval: true,
          required_review_thread_resolution: false,
          allowed_merge_methods: ['squash'],
        },
      },
      {
        type: 'required_status_checks',
        parameters: {
          strict_required_status_checks_policy: false,
          required_status_checks: [{ context: CHECK, integration_id: app.id }],
        },
      },
    ],
    createdAt: repo.store.timestamp(),
  };
}

export function compliantEnvironment(repo: Repo, secrets: string[] = [KEY_SECRET]): Environment {
  const at = repo.store.timestamp();
  return {
    id: repo.store.id(),
    name: ENVIRONMENT,
    createdAt: at,
    branchPolicy: { protected_branches: false, custom_branch_policies: true },
    policies: [{ id: repo.store.id(), name: 'main', type: 'branch' }],
    secrets: secrets.map((name) => ({ name, created_at: at, updated_at: at })),
  };
}

/** Everything doctor checks, set as DESIGN §4 says. */
export function makeCompliant(repo: Repo, app: App): void {
  repo.rulesets.push(compliantRuleset(repo, app));
  repo.environments.set(ENVIRONMENT, compliantEnvironment(repo));
  repo.settings = {
    ...repo.settings,
    allow_squash_merge: true,
    allow_auto_merge: false,
    allow_merge_commit: false,
    allow_rebase_merge: false,
  };
  repo.workflowPermissions = {
    default_workflow_permissions: 'read',
    can_approve_pull_request_reviews: false,
  };
}
