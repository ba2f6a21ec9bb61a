import { appJwt } from '../../../src/github/app-token.js';
import { createGitHubClient } from '../../../src/github/octokit.js';
import type { FakeGitHub } from './index.js';
import { accessWorld, tokenOf } from './world.js';

/**
 * A scripted session over every repository endpoint of the fake GitHub, each in a success and
 * an error path, through the real Octokit: test/fakes/github-openapi.test.ts validates every
 * response it records against GitHub's OpenAPI description.
 */

const quiet = { debug() {}, info() {}, warn() {}, error() {} };
const swallow = async (p: Promise<unknown>) => {
  await p.catch(() => undefined);
};

export async function repoSession(): Promise<{ gh: FakeGitHub; cleanup: () => void }> {
  const w = accessWorld({
    files: { 'grants/.gitkeep': '', '.github/CODEOWNERS': 'grants/ @acme/db-admins @ghost-user\n' },
  });
  const repo = { owner: 'acme', repo: 'access' };
  const missing = { owner: 'acme', repo: 'nope' };
  const app = w.octokit;
  const alice = w.client('alice');
  const carol = w.client('carol');
  const admin = w.client('owner');
  const path = 'grants/db-read/alice.yaml';

  // Pull requests, reviews, commits.
  const n = await w.openRequest('alice', 'request/db-read/alice', { [path]: 'duration: 2h\n' });
  await swallow(
    alice.rest.pulls.create({
      ...repo,
      title: 'again',
      head: 'request/db-read/alice',
      base: 'main',
    }),
  );
  await app.rest.pulls.list({ ...repo, state: 'open', per_page: 1 });
  await swallow(app.rest.pulls.list({ ...missing }));
  await app.rest.pulls.get({ ...repo, pull_number: n });
  await swallow(app.rest.pulls.get({ ...repo, pull_number: 999 }));
  await app.rest.pulls.listCommits({ ...repo, pull_number: n });
  await swallow(app.rest.pulls.listCommits({ ...repo, pull_number: 999 }));
  await swallow(alice.rest.pulls.createReview({ ...repo, pull_number: n, event: 'APPROVE' }));
  await carol.rest.pulls.createReview({
    ...repo,
    pull_number: n,
    event: 'COMMENT',
    body: 'looks fine',
  });
  const { data: approval } = await carol.rest.pulls.createReview({
    ...repo,
    pull_number: n,
    event: 'APPROVE',
  });
  await app.rest.pulls.listReviews({ ...repo, pull_number: n });
  await swallow(app.rest.pulls.listReviews({ ...repo, pull_number: 999 }));
  const reviews = (await app.rest.pulls.listReviews({ ...repo, pull_number: n })).data;
  await swallow(
    app.rest.pulls.dismissReview({
      ...repo,
      pull_number: n,
      review_id: reviews[0]!.id,
      message: 'x',
    }),
  );
  await app.rest.pulls.dismissReview({
    ...repo,
    pull_number: n,
    review_id: approval.id,
    message: 'stale',
  });
  await carol.rest.pulls.createReview({ ...repo, pull_number: n, event: 'APPROVE' });
  // The author's own merge: the ruleset still wants the check grantops posts (405).
  await swallow(alice.rest.pulls.merge({ ...repo, pull_number: n, merge_method: 'squash' }));

  // Checks, issues, comments, labels.
  const head = w.repo.pull(n)!.headSha;
  const { data: run } = await app.rest.checks.create({
    ...repo,
    name: 'grantops/decision',
    head_sha: head,
    status: 'in_progress',
    output: {
      title: 't',
      summary: 's',
      annotations: [
        { path, start_line: 1, end_line: 1, annotation_level: 'failure', message: 'm' },
      ],
    },
  });
  await swallow(alice.rest.checks.create({ ...repo, name: 'grantops/decision', head_sha: head }));
  await app.rest.checks.update({
    ...repo,
    check_run_id: run.id,
    conclusion: 'success',
    output: { title: 't', summary: 's' },
  });
  await swallow(app.rest.checks.update({ ...repo, check_run_id: 1, conclusion: 'success' }));
  const { data: comment } = await app.rest.issues.createComment({
    ...repo,
    issue_number: n,
    body: 'card',
  });
  await swallow(
    app.rest.issues.createComment({ ...repo, issue_number: n, body: 'x'.repeat(70000) }),
  );
  await app.rest.issues.listComments({ ...repo, issue_number: n });
  await swallow(app.rest.issues.listComments({ ...repo, issue_number: 999 }));
  await app.rest.issues.updateComment({ ...repo, comment_id: comment.id, body: 'card 2' });
  await swallow(
    alice.rest.issues.updateComment({ ...repo, comment_id: comment.id, body: 'mine now' }),
  );
  const { data: extra } = await app.rest.issues.createComment({
    ...repo,
    issue_number: n,
    body: 'extra',
  });
  await app.rest.issues.deleteComment({ ...repo, comment_id: extra.id });
  await swallow(app.rest.issues.deleteComment({ ...repo, comment_id: extra.id }));
  await app.rest.issues.addLabels({ ...repo, issue_number: n, labels: ['grantops:expiry'] });
  await swallow(app.rest.issues.addLabels({ ...repo, issue_number: n, labels: [''] }));
  const { data: issue } = await app.rest.issues.create({
    ...repo,
    title: 'alarm',
    body: 'b',
    labels: ['grantops:alarm'],
  });
  await swallow(app.rest.issues.create({ ...repo, title: '' }));
  await app.rest.issues.listForRepo({ ...repo, labels: 'grantops:alarm', state: 'open' });
  await swallow(app.rest.issues.listForRepo({ ...missing }));
  await app.rest.issues.update({ ...repo, issue_number: issue.number, state: 'closed' });
  await swallow(app.rest.issues.update({ ...repo, issue_number: 999, state: 'closed' }));

  // Merging: a moved head, unmet rules, an invalid method, then the App's pinned squash.
  await swallow(
    app.rest.pulls.merge({ ...repo, pull_number: n, sha: '0'.repeat(40), merge_method: 'squash' }),
  );
  await swallow(
    app.rest.pulls.merge({ ...repo, pull_number: n, merge_method: 'octopus' as 'squash' }),
  );
  const { data: merged } = await app.rest.pulls.merge({
    ...repo,
    pull_number: n,
    sha: head,
    merge_method: 'squash',
    commit_title: 'Grant (#1)',
    commit_message: 'Grant-Action: granted',
  });
  await app.rest.repos.listPullRequestsAssociatedWithCommit({ ...repo, commit_sha: merged.sha });
  await swallow(
    app.rest.repos.listPullRequestsAssociatedWithCommit({ ...repo, commit_sha: 'f'.repeat(40) }),
  );
  await app.rest.repos.listActivities({ ...repo, per_page: 1 });
  await swallow(app.rest.repos.listActivities({ ...repo, activity_type: 'teleport' as 'push' }));
  const other = await w.openRequest('bob', 'request/db-read/bob', {
    'grants/db-read/bob.yaml': 'duration: 1h\n',
  });
  await app.rest.pulls.update({ ...repo, pull_number: other, state: 'closed' });
  await swallow(app.rest.pulls.update({ ...repo, pull_number: other, state: 'gone' as 'closed' }));

  // Refs and contents: the steps of an expiry revert.
  const main = w.main();
  await app.rest.git.createRef({
    ...repo,
    ref: 'refs/heads/grantops/expire/db-read/alice/0123456789ab',
    sha: main,
  });
  await swallow(
    app.rest.git.createRef({
      ...repo,
      ref: 'refs/heads/grantops/expire/db-read/alice/0123456789ab',
      sha: main,
    }),
  );
  await app.rest.git.listMatchingRefs({ ...repo, ref: 'heads/grantops/expire/' });
  await swallow(app.rest.git.listMatchingRefs({ ...missing, ref: 'heads/' }));
  const blob = w.repo.git.blob(main, path)!;
  await swallow(
    app.rest.repos.deleteFile({
      ...repo,
      path,
      branch: 'grantops/expire/db-read/alice/0123456789ab',
      sha: '1'.repeat(40),
      message: 'x',
    }),
  );
  await app.rest.repos.deleteFile({
    ...repo,
    path,
    branch: 'grantops/expire/db-read/alice/0123456789ab',
    sha: blob,
    message: 'Expire',
  });
  await app.rest.git.deleteRef({
    ...repo,
    ref: 'heads/grantops/expire/db-read/alice/0123456789ab',
  });
  await swallow(
    app.rest.git.deleteRef({ ...repo, ref: 'heads/grantops/expire/db-read/alice/0123456789ab' }),
  );

  // Settings doctor reads: as an admin, and refused to others.
  await admin.rest.repos.get({ ...repo });
  await swallow(admin.rest.repos.get({ ...missing }));
  const { data: sets } = await admin.rest.repos.getRepoRulesets({ ...repo });
  await swallow(admin.rest.repos.getRepoRulesets({ ...missing }));
  await admin.rest.repos.getRepoRuleset({ ...repo, ruleset_id: sets[0]!.id });
  await swallow(admin.rest.repos.getRepoRuleset({ ...repo, ruleset_id: 1 }));
  await admin.rest.repos.getBranchRules({ ...repo, branch: 'main' });
  await swallow(admin.rest.repos.getBranchRules({ ...missing, branch: 'main' }));
  await admin.rest.actions.getGithubActionsDefaultWorkflowPermissionsRepository({ ...repo });
  await swallow(
    alice.rest.actions.getGithubActionsDefaultWorkflowPermissionsRepository({ ...repo }),
  );
  await admin.rest.repos.codeownersErrors({ ...repo });
  await swallow(admin.rest.repos.codeownersErrors({ ...repo, ref: 'nope' }));
  const env = { ...repo, environment_name: 'access' };
  await admin.rest.repos.getEnvironment(env);
  await swallow(admin.rest.repos.getEnvironment({ ...repo, environment_name: 'nope' }));
  await admin.rest.repos.listDeploymentBranchPolicies(env);
  await swallow(
    admin.rest.repos.listDeploymentBranchPolicies({ ...repo, environment_name: 'nope' }),
  );
  await admin.rest.actions.listEnvironmentSecrets(env);
  await swallow(alice.rest.actions.listEnvironmentSecrets(env));

  // Who a person's token acts for; an installation token is no person.
  await alice.rest.users.getAuthenticated();
  await swallow(app.rest.users.getAuthenticated());

  // The App as itself: who it is, its installation, a token; refused without a valid JWT.
  const jwt = appJwt(
    { appId: String(w.app.id), privateKey: w.privateKey },
    Math.floor(Date.now() / 1000),
  );
  const asApp = createGitHubClient({ token: jwt, fetch: w.gh.fetch, noWait: true, log: quiet });
  await asApp.rest.apps.getAuthenticated();
  await swallow(
    createGitHubClient({
      token: tokenOf('alice'),
      fetch: w.gh.fetch,
      log: quiet,
    }).rest.apps.getAuthenticated(),
  );
  const { data: installation } = await asApp.rest.apps.getRepoInstallation({ ...repo });
  await swallow(asApp.rest.apps.getRepoInstallation({ ...missing }));
  await asApp.rest.apps.createInstallationAccessToken({ installation_id: installation.id });
  await swallow(
    asApp.rest.apps.createInstallationAccessToken({
      installation_id: installation.id,
      permissions: { administration: 'write' },
    }),
  );
  return { gh: w.gh, cleanup: w.cleanup };
}
