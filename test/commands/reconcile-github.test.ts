import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { planCommand } from '../../src/commands/plan.js';
import { reconcileCommand } from '../../src/commands/reconcile.js';
import { formatTrailers } from '../../src/core/trailers.js';
import { createFakeGitHub, type FakeGitHub } from '../fakes/github/index.js';
import { stateOf, TOKEN, TOKEN_ENV } from '../fakes/github/setup.js';
import { cliWith } from '../helpers/cli.js';
import { GitRepo } from '../helpers/gitrepo.js';

/**
 * reconcile through the github-team provider: the real Octokit over the in-memory GitHub, with
 * the set of people grantops manages coming from the ledger (everyone who ever had a grant of
 * the role), so a member added by hand is never touched.
 */
const POLICY = `admins: ['@acme/security']
providers:
  acme-github:
    type: github-team
    org: acme
    token_env: ${TOKEN_ENV}
roles:
  github-prod-admin:
    description: Admin on production repositories
    provider: acme-github
    grant: { team: prod-admins }
    max_duration: 4h
    requesters: [alice, bob]
    approvers: [sam]
    approvals: 1
`;
const T0 = '2026-11-25T10:00:00Z';
const at = (h: number) => new Date(new Date(T0).getTime() + h * 3600_000).toISOString();

let repo: GitRepo;
let gh: FakeGitHub;
beforeEach(() => {
  repo = GitRepo.create();
  repo.write('policies/all.yaml', POLICY).commit('Policies', at(-24));
  gh = createFakeGitHub();
  gh.addToken(TOKEN, 'grantops-acme[bot]');
  gh.store.addOrg('acme');
  gh.store.addTeam('acme', 'prod-admins');
  for (const login of ['alice', 'bob', 'carol']) gh.store.addOrgMember('acme', login);
  gh.store.addTeamMember('acme', 'prod-admins', 'carol');
});
afterEach(() => repo.cleanup());

function land(login: string, duration: string, when: string) {
  const path = `grants/github-prod-admin/${login}.yaml`;
  const trailers = formatTrailers({
    grants: [{ action: 'granted', path, role: 'github-prod-admin', requester: login }],
    approvedBy: ['sam'],
  });
  repo.write(path, `duration: ${duration}\nreason: INC-9 rotate the deploy keys\nticket: INC-9\n`);
  repo.commit(`Grant github-prod-admin to ${login}\n\n${trailers}`, when);
}

const run = (cmd: string, now: string) =>
  cliWith(
    {
      env: { [TOKEN_ENV]: TOKEN },
      commands: {
        plan: planCommand({ fetch: gh.fetch }),
        reconcile: reconcileCommand({ fetch: gh.fetch }),
      },
    },
    repo.dir,
    cmd,
    '--repo',
    repo.dir,
    '--now',
    now,
    '--format',
    'json',
  );

describe('grantops reconcile with the github-team provider', () => {
  it('adds the grantee to the team for the window and removes them at its end, leaving hand-added members alone', async () => {
    land('alice', '2h', at(0));
    const plan = JSON.parse((await run('plan', at(0.5))).stdout);
    expect(plan.grant).toMatchObject([{ provider: 'acme-github', requester: 'alice' }]);
    expect(stateOf(gh, 'alice')).toBeNull();

    const granted = await run('reconcile', at(0.5));
    expect(granted.code).toBe(0);
    expect(stateOf(gh, 'alice')).toMatchObject({ state: 'active', role: 'member' });

    const again = JSON.parse((await run('reconcile', at(1))).stdout);
    expect(again).toMatchObject({ grant: [], revoke: [], unchanged: 1 });

    const ended = await run('reconcile', at(2.5));
    expect(ended.code).toBe(0);
    expect(JSON.parse(ended.stdout).revoke).toMatchObject([
      { requester: 'alice', why: 'expired at 2026-11-25T12:00:00Z' },
    ]);
    expect(stateOf(gh, 'alice')).toBeNull();
    expect(stateOf(gh, 'carol')).toMatchObject({ state: 'active' });
  });

  it('writes nothing to GitHub for a landing without approvals', async () => {
    const path = 'grants/github-prod-admin/bob.yaml';
    repo
      .write(path, 'duration: 1h\nreason: INC-9 rotate the deploy keys\nticket: INC-9\n')
      .commit('Admin merge', at(0));
    const r = await run('reconcile', at(0.5));
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).alarms.map((a: { code: string }) => a.code)).toEqual([
      'E_UNAPPROVED_LANDING',
    ]);
    expect(stateOf(gh, 'bob')).toBeNull();
    expect(gh.calls.filter((c) => c.method !== 'GET')).toEqual([]);
  });
});
