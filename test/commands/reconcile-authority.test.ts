import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditCommand } from '../../src/commands/audit.js';
import { mergeCommandWith } from '../../src/commands/merge.js';
import { planCommand } from '../../src/commands/plan.js';
import { reconcileCommand } from '../../src/commands/reconcile.js';
import { statusCommand } from '../../src/commands/status.js';
import { formatTrailers } from '../../src/core/trailers.js';
import { ALARM_LABEL } from '../../src/github/alarm.js';
import { VERDICTS_REF } from '../../src/git/verdicts.js';
import { stateOf } from '../fakes/github/setup.js';
import { accessWorld, ADMIN, APP_SLUG, BOT, type AccessWorld } from '../fakes/github/world.js';
import { cliWith } from '../helpers/cli.js';

/**
 * The forge is the authority, not text (DESIGN I5): on GitHub, before reconcile provisions a
 * landing it asks GitHub how that commit landed, and provisions only a pull request grantops
 * merged, by the grantee, with enough eligible approvals on its final head. Trailers are only
 * evidence. Every run is the CLI in a fresh checkout of acme/access on the fake GitHub, as the
 * reconcile workflow runs it: `refs/grantops/*` fetched first and pushed back after. Access is
 * the github-team provider on the same fake: membership of acme/prod-admins.
 */

const POLICIES = {
  'policies/people.yaml': `admins: ['@acme/security']
groups:
  oncall: [alice, bob, mallory]
  dba: [carol, dave]
`,
  'policies/roles.yaml': `providers:
  acme-github:
    type: github-team
    org: acme
    token_env: GRANTOPS_APP_TOKEN
roles:
  prod-admin:
    description: Admin on production repositories
    provider: acme-github
    grant: { team: prod-admins }
    max_duration: 8h
    requesters: [oncall]
    approvers: [dba]
    approvals: 1
  prod-owner:
    description: Owner of production repositories
    provider: acme-github
    grant: { team: prod-owners }
    max_duration: 2h
    requesters: [oncall]
    approvers: [dba]
    approvals: 2
`,
  'grants/.gitkeep': '',
};

const GRANT = 'duration: 2h\nreason: INC-4821 rotate the deploy keys\n';
const pathOf = (login: string, role = 'prod-admin') => `grants/${role}/${login}.yaml`;
const VERIFY_OP = 'GET /repos/{owner}/{repo}/commits/{commit_sha}/pulls';
const repoRef = { owner: 'acme', repo: 'access' };

/** Trailers as grantops writes them, naming `approvers`: what a forger types. */
const trailers = (login: string, approvers: string[], role = 'prod-admin') =>
  formatTrailers({
    grants: [{ action: 'granted', path: pathOf(login, role), role, requester: login }],
    approvedBy: approvers,
  });

let w: AccessWorld;
const dirs: string[] = [];
beforeEach(() => {
  w = accessWorld({ files: POLICIES });
  w.gh.store.addTeam('acme', 'prod-admins');
  w.gh.store.addTeam('acme', 'prod-owners');
});
afterEach(() => {
  w.cleanup();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const git = (dir: string, ...args: string[]) =>
  execFileSync('git', ['-C', dir, ...args], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });

/** A fresh checkout of main with the refs earlier runs pushed, as the workflow's first steps. */
function checkout(): string {
  const dir = mkdtempSync(join(tmpdir(), 'grantops-authority-'));
  dirs.push(dir);
  execFileSync('git', ['clone', '--quiet', '--branch', 'main', w.repo.git.dir, dir]);
  git(dir, 'fetch', '--quiet', '--no-tags', 'origin', '+refs/grantops/*:refs/grantops/*');
  return dir;
}

const env = (extra: Record<string, string> = {}) => ({
  GITHUB_REPOSITORY: 'acme/access',
  GRANTOPS_APP_TOKEN: w.appToken,
  GRANTOPS_APP_SLUG: APP_SLUG,
  GRANTOPS_APP_PRIVATE_KEY: w.privateKey,
  ...extra,
});
const seams = () => ({ fetch: w.gh.fetch, gitUrl: w.repo.git.dir });

interface Run {
  code: number;
  stdout: string;
  stderr: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the plan's JSON
  out: any;
  /** The calls this run made to the fake GitHub. */
  calls: typeof w.gh.calls;
  dir: string;
}

/** `grantops <command> --format json` in a fresh checkout; refs/grantops/* pushed back after. */
async function grantops(command: string, ...argv: string[]): Promise<Run> {
  const dir = checkout();
  const before = w.gh.calls.length;
  const s = seams();
  const r = await cliWith(
    {
      env: env(),
      commands: {
        reconcile: reconcileCommand(s),
        plan: planCommand(s),
        merge: mergeCommandWith(s),
        status: statusCommand,
        audit: auditCommand,
      },
    },
    dir,
    command,
    '--repo',
    dir,
    '--now',
    w.gh.store.timestamp(),
    '--format',
    'json',
    ...argv,
  );
  if (git(dir, 'for-each-ref', 'refs/grantops/').trim())
    git(dir, 'push', '--quiet', '--force', 'origin', 'refs/grantops/*:refs/grantops/*');
  let out: unknown;
  try {
    out = JSON.parse(r.stdout);
  } catch {
    throw new Error(
      `grantops ${command} printed no JSON (exit ${r.code}):\n${r.stdout}\n${r.stderr}`,
    );
  }
  return { ...r, out, calls: w.gh.calls.slice(before), dir };
}

/** The landing commit grantops merged request `n` into. */
async function grantopsMerge(n: number): Promise<string> {
  const r = await grantops('merge', String(n), '--forge', 'github');
  if (r.code !== 0) throw new Error(`merge failed:\n${r.stdout}\n${r.stderr}`);
  return r.out.merged[0].commit as string;
}

/** The App merges `n` straight through the API with forged trailers: a decision skipped. */
async function appMerge(n: number, message: string): Promise<string> {
  const forge = w.forge();
  const request = (await forge.listRequests()).find((r) => r.id === String(n))!;
  const outcome = await forge.merge(request, {
    head: w.repo.pull(n)!.headSha,
    title: `Grant (#${n})`,
    message,
  });
  if (!outcome.merged) throw new Error(outcome.message);
  return outcome.commit;
}

/** A person presses GitHub's merge button; the squash message is the pull request's body. */
async function buttonMerge(login: string, n: number): Promise<string> {
  w.repo.settings.squash_merge_commit_message = 'PR_BODY';
  await w.client(login).rest.pulls.merge({ ...repoRef, pull_number: n, merge_method: 'squash' });
  return w.main();
}

const verifications = (r: Run) => r.calls.filter((c) => c.operation === VERIFY_OP);
const teamWrites = (r: Run) =>
  r.calls.filter((c) => c.method !== 'GET' && c.path.includes('/teams/'));
const alarmIssues = () =>
  w.repo.issues.filter(
    (i) => !i.pull && i.state === 'open' && i.labels.some((l) => l.name === ALARM_LABEL),
  );
const verdictFiles = (dir: string) =>
  git(dir, 'ls-tree', '-r', '--name-only', VERDICTS_REF).trim().split('\n').filter(Boolean);

/**
 * Reconcile refuses the landing `commit` of `path`: exit 1, the alarm E_LANDING_REJECTED with
 * `why`, nothing asked of the team but a listing, one alarm issue, the verdict remembered. A
 * second run asks GitHub nothing about the landing, opens no second issue and still fails.
 * status and audit read the landing as unapproved.
 */
async function expectRefused(path: string, commit: string, why: RegExp, login = 'alice') {
  const member = () => ['prod-admins', 'prod-owners'].map((t) => stateOf(w.gh, login, t));
  const first = await grantops('reconcile');
  expect(first.code).toBe(1);
  expect(first.out.grant).toEqual([]);
  expect(first.out.alarms).toEqual([
    expect.objectContaining({
      path,
      commit,
      code: 'E_LANDING_REJECTED',
      message: expect.stringMatching(why),
    }),
  ]);
  expect(verifications(first)).toHaveLength(1);
  expect(teamWrites(first)).toEqual([]);
  // The only write: the alarm issue.
  expect(first.calls.filter((c) => c.method !== 'GET').map((c) => c.operation)).toEqual([
    'POST /repos/{owner}/{repo}/issues',
  ]);
  expect(member()).toEqual([null, null]);
  expect(alarmIssues()).toHaveLength(1);
  expect(alarmIssues()[0]!.user.login).toBe(BOT);
  expect(alarmIssues()[0]!.body).toContain(commit);
  expect(verdictFiles(first.dir)).toEqual([`failed/${commit}`]);

  const second = await grantops('reconcile');
  expect(second.code).toBe(1);
  expect(second.out.alarms.map((a: { code: string }) => a.code)).toEqual(['E_LANDING_REJECTED']);
  expect(verifications(second)).toEqual([]);
  expect(second.calls.filter((c) => c.method !== 'GET')).toEqual([]);
  expect(alarmIssues()).toHaveLength(1);
  expect(member()).toEqual([null, null]);

  const status = await grantops('status');
  expect(status.out).toEqual([
    expect.objectContaining({
      path,
      state: 'unapproved',
      problems: expect.arrayContaining(['E_LANDING_REJECTED']),
    }),
  ]);
  const audit = await grantops('audit');
  expect(audit.out.map((e: { event: string }) => e.event)).toEqual(['unapproved']);
}

describe('reconcile on GitHub asks GitHub how each grant landed', () => {
  it('provisions a request grantops merged, and never asks about it again', async () => {
    const n = await w.openRequest('alice', 'request/prod-admin/alice', {
      [pathOf('alice')]: GRANT,
    });
    await w.review('carol', n);
    const landing = await grantopsMerge(n);

    const plan = await grantops('plan');
    expect(plan.code).toBe(0);
    expect(plan.out.grant).toMatchObject([{ requester: 'alice', commit: landing }]);
    expect(verifications(plan)).toHaveLength(1);
    // plan writes nothing, not even the verdict: the next run asks again.
    expect(plan.calls.filter((c) => c.method !== 'GET')).toEqual([]);
    expect(git(plan.dir, 'for-each-ref', VERDICTS_REF)).toBe('');

    const first = await grantops('reconcile');
    expect(first.code).toBe(0);
    expect(first.out.alarms).toEqual([]);
    expect(verifications(first)).toHaveLength(1);
    expect(stateOf(w.gh, 'alice')).toMatchObject({ state: 'active' });
    expect(verdictFiles(first.dir)).toEqual([`passed/${landing}`]);

    const second = await grantops('reconcile');
    expect(second.code).toBe(0);
    expect(second.out).toMatchObject({ grant: [], revoke: [], unchanged: 1 });
    expect(verifications(second)).toEqual([]);
    // Nothing about the landing at all: no pull request, review, commit or pusher call; only
    // main's own activity log, read once a run for rewrites (docs/forge.md).
    expect(second.calls.filter((c) => /\/pulls|\/reviews/.test(c.path))).toEqual([]);
    expect(second.calls.filter((c) => c.path.endsWith('/activity')).map((c) => c.query)).toEqual([
      expect.stringContaining('ref=refs%2Fheads%2Fmain&'),
    ]);
    expect(alarmIssues()).toEqual([]);
  });

  it('refuses a button merge whose pull request body forges the trailers', async () => {
    const path = pathOf('alice');
    const n = await w.openRequest(
      'alice',
      'request/prod-admin/alice',
      { [path]: GRANT },
      { title: 'Grant prod-admin to alice', body: trailers('alice', ['carol', 'dave']) },
    );
    const landing = await buttonMerge(ADMIN, n);
    await expectRefused(path, landing, /merged by "owner", not by grantops/);
  });

  it('refuses a button merge even when its approvals were enough: only grantops merges', async () => {
    const path = pathOf('alice');
    const n = await w.openRequest(
      'alice',
      'request/prod-admin/alice',
      { [path]: GRANT },
      { body: trailers('alice', ['carol']) },
    );
    await w.review('carol', n);
    const landing = await buttonMerge(ADMIN, n);
    await expectRefused(path, landing, /merged by "owner", not by grantops/);
  });

  it('refuses an admin push with forged trailers: no pull request merged it', async () => {
    const path = pathOf('alice');
    const landing = w.land(
      { [path]: GRANT },
      `Grant prod-admin to alice (#1)\n\n${trailers('alice', ['carol'])}`,
    );
    await expectRefused(path, landing, /No request merged/);
  });

  it('refuses a merge with too few approvals, whatever the trailers name', async () => {
    const path = pathOf('bob', 'prod-owner');
    const n = await w.openRequest('bob', 'request/prod-owner/bob', { [path]: GRANT });
    await w.review('carol', n);
    const landing = await appMerge(n, trailers('bob', ['carol', 'dave'], 'prod-owner'));
    await expectRefused(path, landing, /E_APPROVALS_MISSING: prod-owner needs 2 approvals/, 'bob');
  });

  it('refuses an approval given before a later push', async () => {
    // No stale-approval dismissal here: GitHub still lists carol's approval of the first head.
    w.cleanup();
    w = accessWorld({ files: POLICIES, compliant: false });
    w.gh.store.addTeam('acme', 'prod-admins');
    w.gh.store.addTeam('acme', 'prod-owners');
    const path = pathOf('alice');
    const n = await w.openRequest('alice', 'request/prod-admin/alice', { [path]: GRANT });
    const first = w.repo.pull(n)!.headSha;
    await w.review('carol', n);
    w.push(
      'alice',
      'request/prod-admin/alice',
      w.commit('alice', first, { [path]: GRANT.replace('2h', '4h') }),
    );
    const landing = await appMerge(n, trailers('alice', ['carol']));
    await expectRefused(path, landing, /approved [0-9a-f]{10}, not the current head/);
  });

  it('refuses self-approval: the author’s own approval and that of someone who pushed', async () => {
    const path = pathOf('alice');
    const n = await w.openRequest('alice', 'request/prod-admin/alice', { [path]: GRANT });
    // carol pushes to the request, then approves it: a pusher never approves.
    const head = w.commit('carol', w.repo.pull(n)!.headSha, {
      [path]: `${GRANT}ticket: INC-4821\n`,
    });
    w.push('carol', 'request/prod-admin/alice', head);
    await w.review('carol', n);
    // GitHub refuses an author's own approval; a record of one (a forge that slipped) counts nothing.
    w.repo.reviews.push({
      id: w.gh.store.id(),
      pull: n,
      user: w.account('alice'),
      state: 'APPROVED',
      body: '',
      commitId: head,
      submittedAt: w.gh.store.timestamp(),
    });
    const landing = await appMerge(n, trailers('alice', ['carol']));
    await expectRefused(path, landing, /pushed commits to this pull request/);
  });

  it('refuses a request from a fork: who pushed there is not known', async () => {
    const path = pathOf('alice');
    const n = await w.openRequest('alice', 'access-for-me', { [path]: GRANT }, { fork: true });
    await w.review('carol', n);
    const landing = await appMerge(n, trailers('alice', ['carol']));
    await expectRefused(path, landing, /E_IDENTITY_UNKNOWN: A person who pushed/);
  });

  it('refuses a request for someone other than its author (I1)', async () => {
    const path = pathOf('alice');
    // mallory asks, in a file for alice: the grantee is the request's author, never the path.
    const n = await w.openRequest('mallory', 'request/prod-admin/alice', { [path]: GRANT });
    await w.review('carol', n);
    const landing = await appMerge(n, trailers('alice', ['carol']));
    await expectRefused(path, landing, /E_REQUESTER_MISMATCH/);
  });

  it('revokes access a refused landing backs', async () => {
    const path = pathOf('alice');
    const landing = w.land(
      { [path]: GRANT },
      `Grant prod-admin to alice\n\n${trailers('alice', ['carol'])}`,
    );
    // Access given before grantops asked GitHub (by an earlier version, or by hand).
    w.gh.store.addTeamMember('acme', 'prod-admins', 'alice');
    const r = await grantops('reconcile');
    expect(r.code).toBe(1);
    expect(r.out.revoke).toMatchObject([
      { requester: 'alice', why: 'its landing was refused by the forge' },
    ]);
    expect(r.out.alarms).toMatchObject([{ commit: landing, code: 'E_LANDING_REJECTED' }]);
    expect(stateOf(w.gh, 'alice')).toBeNull();
  });

  it('grants nothing while GitHub cannot say, and leaves existing access alone', async () => {
    const n = await w.openRequest('alice', 'request/prod-admin/alice', {
      [pathOf('alice')]: GRANT,
    });
    await w.review('carol', n);
    const landing = await grantopsMerge(n);
    // GitHub fails the question about how the commit landed, and Octokit's three retries.
    w.gh.fail({ kind: 'server', times: 4, method: 'GET', path: /\/commits\/[0-9a-f]{40}\/pulls$/ });
    const down = await grantops('reconcile');
    expect(down.code).toBe(1);
    expect(down.out.grant).toEqual([]);
    expect(down.out.alarms).toEqual([]);
    expect(down.out.errors).toMatchObject([{ code: 'E_LANDING_UNVERIFIED', requester: 'alice' }]);
    expect(teamWrites(down)).toEqual([]);
    expect(alarmIssues()).toEqual([]);
    expect(git(down.dir, 'for-each-ref', VERDICTS_REF)).toBe('');

    const up = await grantops('reconcile');
    expect(up.code).toBe(0);
    expect(up.out.grant).toMatchObject([{ requester: 'alice', commit: landing }]);
    expect(stateOf(w.gh, 'alice')).toMatchObject({ state: 'active' });
  });

  it('plan reports a refused landing and writes nothing: no issue, no verdict', async () => {
    const path = pathOf('alice');
    const landing = w.land(
      { [path]: GRANT },
      `Grant prod-admin to alice\n\n${trailers('alice', ['carol'])}`,
    );
    for (const run of [await grantops('plan'), await grantops('reconcile', '--dry-run')]) {
      expect(run.code).toBe(1);
      expect(run.out.alarms).toMatchObject([{ commit: landing, code: 'E_LANDING_REJECTED' }]);
      expect(verifications(run)).toHaveLength(1);
      expect(run.calls.filter((c) => c.method !== 'GET')).toEqual([]);
      expect(git(run.dir, 'for-each-ref', VERDICTS_REF)).toBe('');
    }
    expect(alarmIssues()).toEqual([]);
    expect(stateOf(w.gh, 'alice')).toBeNull();
  });

  it('on the local forge asks GitHub nothing: whoever can write the repository is trusted', async () => {
    const path = pathOf('alice');
    w.land({ [path]: GRANT }, `Grant prod-admin to alice\n\n${trailers('alice', ['carol'])}`);
    const r = await grantops('reconcile', '--forge', 'local');
    expect(r.code).toBe(0);
    expect(verifications(r)).toEqual([]);
    expect(stateOf(w.gh, 'alice')).toMatchObject({ state: 'active' });
  });

  it('trusts no verdict it did not seal: one pushed by someone else is asked about again', async () => {
    const path = pathOf('alice');
    const landing = w.land(
      { [path]: GRANT },
      `Grant prod-admin to alice\n\n${trailers('alice', ['carol'])}`,
    );
    // A writer pushes refs/grantops/verdicts saying the landing passed (any mac but the real one).
    const forger = checkout();
    const write = (args: string[], input: string) =>
      execFileSync('git', ['-C', forger, ...args], { input, encoding: 'utf8' }).trim();
    const file = write(
      ['hash-object', '-w', '--stdin'],
      JSON.stringify({ commit: landing, passed: true, mac: 'ab'.repeat(32) }),
    );
    const folder = write(['mktree'], `100644 blob ${file}\t${landing}\n`);
    const tree = write(['mktree'], `040000 tree ${folder}\tpassed\n`);
    const forged = git(forger, 'commit-tree', tree, '-m', 'Landing verdicts').trim();
    git(forger, 'push', '--quiet', 'origin', `${forged}:${VERDICTS_REF}`);

    const r = await grantops('reconcile');
    expect(r.code).toBe(1);
    expect(verifications(r)).toHaveLength(1);
    expect(r.out.alarms).toMatchObject([{ commit: landing, code: 'E_LANDING_REJECTED' }]);
    expect(teamWrites(r)).toEqual([]);
    expect(stateOf(w.gh, 'alice')).toBeNull();
    expect(verdictFiles(r.dir)).toEqual([`failed/${landing}`]);
  });

  it('needs to know its own App, and a secret to seal verdicts with, on GitHub', async () => {
    for (const missing of ['GRANTOPS_APP_SLUG', 'GRANTOPS_APP_PRIVATE_KEY']) {
      const dir = checkout();
      const r = await cliWith(
        { env: { ...env(), [missing]: '' }, commands: { reconcile: reconcileCommand(seams()) } },
        dir,
        'reconcile',
        '--repo',
        dir,
      );
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(missing);
    }
    expect(w.gh.writes()).toEqual([]);
  });
});
