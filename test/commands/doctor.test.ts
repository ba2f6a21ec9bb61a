import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { doctorCommand } from '../../src/commands/doctor.js';
import { commands } from '../../src/commands/index.js';
import { renderCodeowners } from '../../src/core/codeowners.js';
import type { DoctorCheck } from '../../src/github/doctor-checks.js';
import type { Environment, Ruleset } from '../fakes/github/repo.js';
import { accessWorld, tokenOf, type AccessWorld } from '../fakes/github/world.js';
import { cliWith } from '../helpers/cli.js';
import { policyFrom } from '../helpers/policy.js';

/**
 * `grantops doctor` over the fake GitHub: a repository set up as DESIGN §4 decides passes every
 * check; breaking any one required item fails doctor (exit 1) and names that item, why it
 * matters and how to fix it; settings GitHub hides from a non-admin token are "cannot tell"
 * (exit 2), never a pass.
 */

const POLICY = `admins: ["@acme/security"]
groups:
  dba: ["@acme/db-admins"]
providers:
  orders-db:
    type: postgres
    connection_env: ORDERS_DB_URL
    login: "{login}"
roles:
  db-read:
    description: Read-only SQL on the orders database
    provider: orders-db
    grant: { role: orders_read }
    max_duration: 8h
    requesters: [alice]
    approvers: [dba]
    approvals: 1
`;
const CODEOWNERS = renderCodeowners(policyFrom([{ path: 'policies/acme.yaml', text: POLICY }]));
const SECRETS = ['GRANTOPS_APP_PRIVATE_KEY', 'ORDERS_DB_URL'];

let w: AccessWorld;

async function doctor(
  extra: string[] = [],
  token = tokenOf('owner'),
  format: 'json' | 'text' = 'json',
): Promise<{ code: number; checks: DoctorCheck[]; stdout: string; stderr: string }> {
  const r = await cliWith(
    {
      env: { GITHUB_TOKEN: token, GITHUB_REPOSITORY: 'acme/access' },
      commands: { ...commands, doctor: doctorCommand({ fetch: w.gh.fetch }) },
    },
    w.localDir,
    'doctor',
    '--app-id',
    String(w.app.id),
    '--format',
    format,
    ...extra,
  );
  const out =
    format === 'json' && r.stdout.trim()
      ? (JSON.parse(r.stdout) as { checks?: DoctorCheck[] })
      : {};
  return { code: r.code, checks: out.checks ?? [], stdout: r.stdout, stderr: r.stderr };
}

const statusOf = (checks: DoctorCheck[]) => Object.fromEntries(checks.map((c) => [c.id, c.status]));

/** Runs `fn` on the repository's settings, then puts them back as they were. */
async function withSettings<T>(change: () => void, fn: () => Promise<T>): Promise<T> {
  const repo = w.repo;
  const saved = {
    rulesets: JSON.parse(JSON.stringify(repo.rulesets)) as Ruleset[],
    settings: { ...repo.settings },
    workflow: { ...repo.workflowPermissions },
    environments: new Map(
      [...repo.environments].map(([k, v]) => [k, JSON.parse(JSON.stringify(v)) as Environment]),
    ),
  };
  change();
  try {
    return await fn();
  } finally {
    repo.rulesets.splice(0, repo.rulesets.length, ...saved.rulesets);
    repo.settings = saved.settings;
    repo.workflowPermissions = saved.workflow;
    repo.environments.clear();
    for (const [k, v] of saved.environments) repo.environments.set(k, v);
  }
}

const rules = () => w.repo.rulesets[0]!.rules;
const pr = () => rules().find((r) => r.type === 'pull_request')!.parameters!;
const dropRule = (type: string) => {
  const list = rules();
  list.splice(
    list.findIndex((r) => r.type === type),
    1,
  );
};

describe('grantops doctor', () => {
  beforeAll(() => {
    w = accessWorld({ files: { 'policies/acme.yaml': POLICY, '.github/CODEOWNERS': CODEOWNERS } });
    w.gh.store.addTeam('acme', 'security');
    // The world lets its admin push to main; doctor's repository has only the App in the list.
    w.repo.rulesets[0]!.bypass = w.repo.rulesets[0]!.bypass.filter(
      (b) => b.actor_type === 'Integration',
    );
    const env = w.repo.environments.get('access')!;
    env.secrets.push({
      name: 'ORDERS_DB_URL',
      created_at: env.createdAt,
      updated_at: env.createdAt,
    });
  });
  afterAll(() => w.cleanup());

  it('passes a repository set up as DESIGN §4 says, item by item', async () => {
    const { code, checks } = await doctor();
    expect(checks.filter((c) => c.status !== 'ok')).toEqual([]);
    expect(code).toBe(0);
    expect(checks.map((c) => c.id)).toEqual([
      'rules.pull_request',
      'rules.code_owner_review',
      'rules.dismiss_stale',
      'rules.last_push_approval',
      'rules.no_force_push',
      'rules.no_deletion',
      'merge.no_merge_queue',
      'rules.required_check',
      'rules.bypass',
      'merge.squash_allowed',
      'merge.auto_merge_off',
      'actions.cannot_approve',
      'codeowners.errors',
      'codeowners.in_sync',
      'environment.exists',
      'environment.main_only',
      'environment.secrets',
    ]);
    const secrets = checks.find((c) => c.id === 'environment.secrets')!;
    expect(secrets.detail).toBe(`Holds ${SECRETS.join(', ')}.`);
  });

  const breakages: [string, () => void, string[]?][] = [
    [
      'rules.pull_request',
      () => dropRule('pull_request'),
      [
        'rules.pull_request',
        'rules.code_owner_review',
        'rules.dismiss_stale',
        'rules.last_push_approval',
      ],
    ],
    ['rules.code_owner_review', () => (pr().require_code_owner_review = false)],
    ['rules.dismiss_stale', () => (pr().dismiss_stale_reviews_on_push = false)],
    ['rules.last_push_approval', () => (pr().require_last_push_approval = false)],
    ['rules.no_force_push', () => dropRule('non_fast_forward')],
    ['rules.no_deletion', () => dropRule('deletion')],
    ['merge.no_merge_queue', () => rules().push({ type: 'merge_queue', parameters: {} })],
    ['rules.required_check', () => dropRule('required_status_checks')],
    [
      'rules.required_check',
      () => {
        const p = rules().find((r) => r.type === 'required_status_checks')!.parameters!;
        p.required_status_checks = [{ context: 'grantops/decision', integration_id: 15368 }];
      },
    ],
    [
      'rules.required_check',
      () => {
        const p = rules().find((r) => r.type === 'required_status_checks')!.parameters!;
        p.required_status_checks = [{ context: 'grantops/decision' }];
      },
    ],
    [
      'rules.bypass',
      () =>
        w.repo.rulesets[0]!.bypass.push({
          actor_id: 5,
          actor_type: 'RepositoryRole',
          bypass_mode: 'always',
        }),
    ],
    ['rules.bypass', () => (w.repo.rulesets[0]!.bypass[0]!.bypass_mode = 'always')],
    ['merge.squash_allowed', () => (w.repo.settings.allow_squash_merge = false)],
    ['merge.auto_merge_off', () => (w.repo.settings.allow_auto_merge = true)],
    [
      'actions.cannot_approve',
      () => (w.repo.workflowPermissions.can_approve_pull_request_reviews = true),
    ],
    ['environment.exists', () => w.repo.environments.clear()],
    ['environment.main_only', () => (w.repo.environments.get('access')!.branchPolicy = null)],
    [
      'environment.main_only',
      () =>
        w.repo.environments
          .get('access')!
          .policies.push({ id: 9, name: 'release/*', type: 'branch' }),
    ],
    ['environment.secrets', () => w.repo.environments.get('access')!.secrets.splice(1, 1)],
  ];

  it.each(
    breakages.map(([id, change, all], i) => [`${id} (${i + 1})`, id, change, all ?? [id]] as const),
  )('fails %s, saying why and how to fix it', async (_label, id, change, all) => {
    const { code, checks } = await withSettings(change, () => doctor());
    expect(code).toBe(1);
    const failed = checks.filter((c) => c.status === 'fail');
    expect(failed.map((c) => c.id)).toEqual(all);
    expect(failed[0]!.id).toBe(id);
    expect(failed[0]!.why.length).toBeGreaterThan(20);
    expect(failed[0]!.fix).toMatch(/Settings →/);
  });

  it('says which secret is missing', async () => {
    const { checks } = await withSettings(
      () => w.repo.environments.get('access')!.secrets.splice(1, 1),
      () => doctor(),
    );
    expect(checks.find((c) => c.id === 'environment.secrets')!.detail).toBe(
      'Missing: ORDERS_DB_URL.',
    );
  });

  it('without the App in the bypass list only warns: expiry reverts then wait for a click', async () => {
    const { code, checks } = await withSettings(
      () => (w.repo.rulesets[0]!.bypass = []),
      () => doctor(),
    );
    expect(statusOf(checks)['rules.bypass']).toBe('warn');
    expect(code).toBe(0);
  });

  it('fails CODEOWNERS that GitHub cannot use, or that the policies disagree with', async () => {
    const before = w.main();
    const edited = w.commit('owner', before, {
      '.github/CODEOWNERS': `${CODEOWNERS}grants/ @acme/ghosts\n`,
    });
    w.repo.push(w.account('owner'), 'main', edited); // as an admin past the rules
    execFileSync('git', ['-C', w.localDir, 'pull', '-q', '--ff-only'], { stdio: 'ignore' });
    const { code, checks, stdout } = await doctor([]);
    expect(code).toBe(1);
    const failing = checks.filter((c) => c.status === 'fail');
    expect(failing.map((c) => c.id)).toEqual(['codeowners.errors', 'codeowners.in_sync']);
    expect(failing[0]!.detail).toMatch(/Unknown owner on line \d+: make sure @acme\/ghosts exists/);
    expect(stdout).toContain('grantops codeowners');
    w.repo.push(w.account('owner'), 'main', before);
    execFileSync('git', ['-C', w.localDir, 'reset', '-q', '--hard', before], { stdio: 'ignore' });
  });

  it('a token that is not an administrator’s cannot tell: exit 2, never a pass', async () => {
    const { stdout } = await doctor([], tokenOf('alice'), 'text');
    const { code, checks } = await doctor([], tokenOf('alice'));
    expect(code).toBe(2);
    const unknown = checks.filter((c) => c.status === 'unknown').map((c) => c.id);
    expect(unknown).toEqual([
      'rules.bypass',
      'merge.squash_allowed',
      'merge.auto_merge_off',
      'actions.cannot_approve',
      'environment.secrets',
    ]);
    expect(checks.filter((c) => c.status === 'fail')).toEqual([]);
    expect(stdout).toMatch(/administrator's token/);
  });

  it('without --app-id it cannot tell whether the check and the bypass are grantops’', async () => {
    const r = await cliWith(
      {
        env: { GITHUB_TOKEN: tokenOf('owner'), GITHUB_REPOSITORY: 'acme/access' },
        commands: { ...commands, doctor: doctorCommand({ fetch: w.gh.fetch }) },
      },
      w.localDir,
      'doctor',
      '--format',
      'json',
    );
    expect(r.code).toBe(2);
    const checks = (JSON.parse(r.stdout) as { checks: DoctorCheck[] }).checks;
    expect(checks.filter((c) => c.status === 'unknown').map((c) => c.id)).toEqual([
      'rules.required_check',
      'rules.bypass',
    ]);
  });

  it('prints each item with why and how to fix it in text', async () => {
    const { stdout } = await withSettings(
      () => (w.repo.settings.allow_auto_merge = true),
      () => doctor([], tokenOf('owner'), 'text'),
    );
    expect(stdout).toMatch(/^grantops doctor: acme\/access \(main\)/);
    expect(stdout).toMatch(
      /✓ rules\.pull_request: main accepts changes only through pull requests\./,
    );
    expect(stdout).toMatch(
      /✗ merge\.auto_merge_off: Auto-merge is allowed\.\n {4}why: .+\n {4}fix: Settings → General/,
    );
    expect(stdout).toMatch(/1 of 17 checks fail\./);
  });

  it('usage and configuration errors exit 2 and name the way out', async () => {
    const run = (env: Record<string, string>, ...argv: string[]) =>
      cliWith(
        { env, commands: { ...commands, doctor: doctorCommand({ fetch: w.gh.fetch }) } },
        w.localDir,
        'doctor',
        ...argv,
      );
    const noRepo = await run({ GITHUB_TOKEN: tokenOf('owner') });
    expect(noRepo.code).toBe(2);
    expect(noRepo.stderr).toMatch(/--github-repo OWNER\/NAME/);
    const noToken = await run({ GITHUB_REPOSITORY: 'acme/access' });
    expect(noToken.code).toBe(2);
    expect(noToken.stderr).toMatch(/GITHUB_TOKEN, which is not set/);
    const badRepo = await run({ GITHUB_TOKEN: tokenOf('owner') }, '--github-repo', 'acme/../x');
    expect(badRepo.code).toBe(2);
    const badApp = await run(
      { GITHUB_TOKEN: tokenOf('owner'), GITHUB_REPOSITORY: 'acme/access' },
      '--app-id',
      'grantops',
    );
    expect(badApp.code).toBe(2);
    expect(badApp.stderr).toMatch(/numeric id/);
    const missing = await run({ GITHUB_TOKEN: tokenOf('owner') }, '--github-repo', 'acme/nope');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/GitHub answered 404/);
  });
});
