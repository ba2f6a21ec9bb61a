import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { auditCommand } from '../../src/commands/audit.js';
import { planCommand } from '../../src/commands/plan.js';
import { reconcileCommand } from '../../src/commands/reconcile.js';
import { statusCommand } from '../../src/commands/status.js';
import { MemoryTarget, memoryProviderFactory } from '../../src/providers/memory/provider.js';
import { cliWith } from '../helpers/cli.js';
import { GitRepo } from '../helpers/gitrepo.js';
import { GOOD_GRANT, TRUST_PEOPLE, trustRoles } from '../helpers/trust.js';

/**
 * The provisioner trusts nothing a commit says about itself (DESIGN I5): a landing whose
 * trailers name no eligible approver, whose requester was not eligible, or whose file breaks a
 * rule of its role when it landed, is never provisioned, whatever the merge message claims.
 * Each case lands on a real git repository; reconcile runs against the memory provider, whose
 * call log shows that nothing was ever asked of it but to list what it holds. `status` and
 * `audit` must tell the same story: never `active`, never `granted`.
 */
const T0 = '2026-11-25T10:00:00Z';
const at = (hours: number) => new Date(new Date(T0).getTime() + hours * 3600_000).toISOString();
const NOW = at(0.5);

let repo: GitRepo;
let target: MemoryTarget;
afterEach(() => repo.cleanup());

function setup(roles = trustRoles()): void {
  repo = GitRepo.create();
  repo
    .write('policies/people.yaml', TRUST_PEOPLE)
    .write('policies/roles.yaml', roles)
    .commit('Policies', at(-24));
  target = new MemoryTarget();
}

/** Commits `path` with `text`; the message's last paragraph is the given trailers. */
function land(path: string, text: string, trailers: string[], when = at(0)): string {
  repo.write(path, text);
  return repo.commit(`Land ${path}\n\n${trailers.join('\n')}`, when);
}

const run = (cmd: string, ...extra: string[]) => {
  const factories = { command: memoryProviderFactory(target) };
  return cliWith(
    {
      commands: {
        reconcile: reconcileCommand({ factories }),
        plan: planCommand({ factories }),
        status: statusCommand,
        audit: auditCommand,
      },
    },
    repo.dir,
    cmd,
    '--repo',
    repo.dir,
    '--now',
    NOW,
    '--format',
    'json',
    ...extra,
  );
};

/** Every call that asks a provider to change something (grant, revoke, apply) or check it. */
const changes = () => target.calls.filter((c) => c.method !== 'list' && c.method !== 'close');

/**
 * Reconcile, status and audit all refuse the landing at `path` with problem `code` (and, for an
 * alarm, a message matching `why`); nothing but a listing reached the provider.
 */
async function expectRefused(
  path: string,
  state: 'unapproved' | 'invalid',
  code: string,
  why: RegExp = /./,
  ...extra: string[]
) {
  const r = await run('reconcile', ...extra);
  const out = JSON.parse(r.stdout);
  expect(out.grant).toEqual([]);
  if (state === 'unapproved') {
    expect(r.code).toBe(1);
    expect(out.alarms).toEqual([
      {
        path,
        commit: expect.any(String),
        code: 'E_UNAPPROVED_LANDING',
        message: expect.any(String),
      },
    ]);
    expect(out.alarms[0].message).toMatch(why);
  } else {
    expect(out.alarms).toEqual([]);
  }
  expect(changes()).toEqual([]);
  expect(target.memberships.size).toBe(0);

  const status = JSON.parse((await run('status', ...extra)).stdout) as Record<string, unknown>[];
  expect(status.map((e) => [e.path, e.state])).toEqual([[path, state]]);
  expect(status[0]!.expires_at).toBeNull();
  expect(status[0]!.problems).toContain(code);

  const audit = JSON.parse((await run('audit', ...extra)).stdout) as Record<string, unknown>[];
  expect(audit.map((e) => [e.path, e.event])).toEqual([[path, state]]);
  return out;
}

/** A directory file beside the repository: db-admins is dana, sre is olga. */
function directoryFile(): string {
  const file = join(repo.dir, '..', `${repo.dir.split('/').pop()}-teams.yaml`);
  writeFileSync(file, "'@acme/db-admins': [dana]\n'@acme/sre': [olga]\n");
  return file;
}

const A = 'grants/db-read/alice.yaml';

describe('reconcile grants only what an eligible approver approved, under the policies at landing', () => {
  it('grants an approved landing (the control: the harness can grant)', async () => {
    setup();
    land(A, GOOD_GRANT, ['Approved-by: carol']);
    const r = await run('reconcile');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).grant).toMatchObject([{ role: 'db-read', requester: 'alice' }]);
    expect(changes().map((c) => c.method)).toEqual(['apply']);
    expect(target.memberships.size).toBe(1);
    const status = JSON.parse((await run('status')).stdout);
    expect(status).toMatchObject([{ path: A, state: 'active', approvers: ['carol'] }]);
  });

  it.each([
    ['a name and e-mail address', ['Approved-by: Carol Smith <carol@example.com>']],
    ['a login behind an @', ['Approved-by: @carol']],
    ['the requester', ['Approved-by: alice']],
    ['the requester in another case', ['Approved-by: ALICE']],
    ['the requester behind an @', ['Approved-by: @Alice']],
    ['the requester with an address', ['Approved-by: Alice <a@x>']],
    ['a login that approves no role here', ['Approved-by: erin']],
    ['github-actions', ['Approved-by: github-actions']],
    ['a bot', ['Approved-by: x[bot]']],
    ['a bot named like an approver', ['Approved-by: carol[bot]']],
    ['a look-alike login', ['Approved-by: c\u0430rol']],
    ['no approval at all', ['Pull-Request: #4']],
    [
      'every form at once',
      [
        'Approved-by: Alice',
        'Approved-by: @carol',
        'Approved-by: github-actions',
        'Approved-by: Dave <dave@example.com>',
      ],
    ],
  ])('refuses a landing approved by %s', async (_, trailers) => {
    setup();
    land(A, GOOD_GRANT, trailers);
    await expectRefused(A, 'unapproved', 'E_UNAPPROVED_LANDING', /needed 1 approval from dba/);
  });

  it('counts one approver written twice in different case once', async () => {
    setup();
    const P = 'grants/db-pair/alice.yaml';
    land(P, GOOD_GRANT, ['Approved-by: carol', 'Approved-by: CAROL', 'Approved-by: Carol']);
    const out = await expectRefused(
      P,
      'unapproved',
      'E_UNAPPROVED_LANDING',
      /needed 2 approvals .*name 1 that count \(carol\)/,
    );
    expect(out.alarms[0].message).not.toContain('\n');
  });

  it('refuses an approver who was not one when the grant landed, though they are now', async () => {
    setup();
    land(A, GOOD_GRANT, ['Approved-by: mallory']);
    repo
      .write('policies/people.yaml', TRUST_PEOPLE.replace('dba: [carol', 'dba: [mallory, carol'))
      .commit('mallory joins dba', at(0.1));
    // With the directory, so the reason can only be that mallory was not an approver then.
    await expectRefused(
      A,
      'unapproved',
      'E_UNAPPROVED_LANDING',
      /"mallory" \(not an approver of db-read/,
      '--directory',
      directoryFile(),
    );
  });

  it('refuses a requester who was not eligible when the grant landed, though they are now', async () => {
    setup();
    const M = 'grants/db-read/mallory.yaml';
    land(M, GOOD_GRANT, ['Approved-by: carol']);
    repo
      .write(
        'policies/people.yaml',
        TRUST_PEOPLE.replace('oncall: [alice', 'oncall: [mallory, alice'),
      )
      .commit('mallory joins oncall', at(0.1));
    await expectRefused(
      M,
      'unapproved',
      'E_NOT_ELIGIBLE',
      /Requester: "mallory" may not request db-read/,
      '--directory',
      directoryFile(),
    );
  });

  it('counts an approver who is one only through a team, with a directory and never without', async () => {
    setup();
    land(A, GOOD_GRANT, ['Approved-by: dana']);
    await expectRefused(
      A,
      'unapproved',
      'E_UNAPPROVED_LANDING',
      /"dana" \(membership in @acme\/db-admins could not be resolved \(no directory was given/,
    );
    const r = await run('reconcile', '--directory', directoryFile());
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).grant).toMatchObject([{ requester: 'alice' }]);
    expect(target.memberships.size).toBe(1);
  });
});

describe('reconcile holds what lands to every rule of its role at landing', () => {
  it.each([
    ['a start months ahead', `${GOOD_GRANT}start: 2027-03-01T00:00:00Z\n`, 'E_START_TOO_FAR'],
    ['a duration over the maximum', GOOD_GRANT.replace('2h', '9h'), 'E_DURATION_TOO_LONG'],
    [
      'a reason that fails the pattern',
      GOOD_GRANT.replace('INC-1 slow', 'Because slow'),
      'E_REASON_PATTERN',
    ],
    ['a missing required ticket', GOOD_GRANT.replace('ticket: INC-1\n', ''), 'E_TICKET_REQUIRED'],
    [
      'omitted params where the schema requires a key',
      GOOD_GRANT.replace('params: { schema: orders }\n', ''),
      'E_PARAMS_MISSING_KEY',
    ],
  ])('refuses %s, approved or not', async (_, text, code) => {
    setup();
    land(A, text, ['Approved-by: carol']);
    await expectRefused(A, 'invalid', code);
  });
});

describe('landing times cannot be written backwards', () => {
  it('a back-dated commit lands when the commit before it did: granted, shown and audited as such', async () => {
    setup();
    land('grants/db-read/bob.yaml', GOOD_GRANT, ['Approved-by: dave'], at(0));
    // Claims to be from last year: judged, windowed and listed as landing at at(0).
    const back = land(A, GOOD_GRANT, ['Approved-by: carol'], '2025-11-25T10:00:00Z');
    const r = await run('reconcile');
    expect(
      JSON.parse(r.stdout)
        .grant.map((g: { requester: string }) => g.requester)
        .sort(),
    ).toEqual(['alice', 'bob']);
    const status = JSON.parse((await run('status')).stdout) as Record<string, unknown>[];
    expect(status.find((e) => e.path === A)).toMatchObject({
      state: 'active',
      landed_at: T0.replace('.000', ''),
      expires_at: at(2).replace('.000', ''),
      commit: back,
    });
    const since = JSON.parse((await run('audit', '--since', at(0.25))).stdout) as Record<
      string,
      unknown
    >[];
    expect(since.map((e) => [e.event, e.requester])).toEqual([
      ['granted', 'bob'],
      ['granted', 'alice'],
    ]);
  });

  it('a back-dated unapproved landing still raises the alarm', async () => {
    setup();
    land('grants/db-read/bob.yaml', GOOD_GRANT, ['Approved-by: dave'], at(0));
    land(A, GOOD_GRANT, ['Approved-by: alice'], '2020-01-01T00:00:00Z');
    const r = await run('reconcile');
    const out = JSON.parse(r.stdout);
    expect(r.code).toBe(1);
    expect(out.alarms.map((a: { path: string }) => a.path)).toEqual([A]);
    expect(out.grant.map((g: { requester: string }) => g.requester)).toEqual(['bob']);
    expect(target.calls.flatMap((c) => c.accesses.map((a) => a.login))).toEqual(['bob']);
  });
});

describe('plan and reconcile agree with status on what an unapproved renewal ends', () => {
  it('revokes access granted by an approved landing once an unapproved change replaces it', async () => {
    setup();
    land(A, GOOD_GRANT, ['Approved-by: carol'], at(0));
    expect((await run('reconcile')).code).toBe(0);
    expect(target.memberships.size).toBe(1);
    // Renewed around review: the new version grants nothing, and the old window is over.
    land(A, GOOD_GRANT.replace('2h', '8h'), ['Approved-by: alice'], at(0.2));
    const r = await run('reconcile');
    const out = JSON.parse(r.stdout);
    expect(r.code).toBe(1);
    expect(out.revoke).toMatchObject([{ requester: 'alice', why: 'its landing was not approved' }]);
    expect(target.memberships.size).toBe(0);
    expect(changes().filter((c) => c.accesses.some((a) => a.login === 'alice')).length).toBe(2);
    const audit = JSON.parse((await run('audit')).stdout) as Record<string, unknown>[];
    expect(audit.map((e) => e.event)).toEqual(['granted', 'revoked', 'unapproved']);
  });
});
