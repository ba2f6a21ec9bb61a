import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { validateCommand } from '../../src/commands/validate.js';
import { AccessRepo } from '../helpers/access-repo.js';
import { cliWith, validateArgs } from '../helpers/cli.js';
import { createFakeGitHub, type FakeGitHub } from '../fakes/github/index.js';

const NOW = '2026-11-25T12:00:00Z';
const GOOD = 'duration: 2h\nreason: INC-4821 slow checkout queries need EXPLAIN\n';
const TOKEN = 'ghs_teamReader0123456789';
const MEMBERS = 'GET /orgs/{org}/teams/{team_slug}/members';

let repo: AccessRepo;
let gh: FakeGitHub;

/** acme's teams as the shipped example policies name them; erin is the 150th engineer. */
function seed(fake: FakeGitHub, skip: string[] = []) {
  fake.addToken(TOKEN, 'grantops-acme[bot]', { canWrite: false });
  fake.store.addOrg('acme');
  const teams: Record<string, string[]> = {
    'sre-oncall': ['olga'],
    engineering: [...Array.from({ length: 149 }, (_, i) => `eng-${i}`), 'Erin'],
    'db-admins': ['dana'],
    security: ['sam'],
  };
  for (const [slug, logins] of Object.entries(teams)) {
    if (skip.includes(slug)) continue;
    fake.store.addTeam('acme', slug);
    for (const l of logins) fake.store.addTeamMember('acme', slug, l);
  }
}

beforeEach(() => {
  repo = new AccessRepo();
  gh = createFakeGitHub();
  seed(gh);
});
afterEach(() => repo.cleanup());

async function validate(
  author: string,
  extra: string[] = [],
  env: Record<string, string> = { GITHUB_TOKEN: TOKEN },
  fake: FakeGitHub = gh,
) {
  const r = await cliWith(
    { env, commands: { validate: validateCommand({ fetch: fake.fetch }) } },
    repo.dir,
    ...validateArgs(author, NOW),
    '--repo',
    repo.dir,
    '--directory',
    'github',
    ...extra,
  );
  return { ...r, json: r.stdout ? JSON.parse(r.stdout) : null };
}

const codes = (json: { problems: { code: string }[] }) => json.problems.map((p) => p.code);
const memberCalls = (fake: FakeGitHub) => fake.calls.filter((c) => c.operation === MEMBERS);

describe('grantops validate --directory github', () => {
  it('accepts a requester eligible only through a team, found on the second page', async () => {
    repo.branch('req').write('grants/orders-db-read/erin.yaml', GOOD).commit('request');
    const r = await validate('erin');
    expect(r.json.problems).toEqual([]);
    expect(r.json.valid).toBe(true);
    expect(r.code).toBe(0);
    // sre-oncall, engineering (two pages: 150 members) and db-admins.
    expect(memberCalls(gh)).toHaveLength(4);
  });

  it('counts approvals from members of the approving team', async () => {
    repo.branch('req').write('grants/orders-db-read/erin.yaml', GOOD).commit('request');
    const r = await validate('erin', ['--approved-by', 'dana,eng-3']);
    expect(r.json).toMatchObject({ valid: true, approved: true });
    expect(r.json.grants[0].approved_by).toEqual(['dana']);
    expect(r.code).toBe(0);
  });

  it('asks once per team, never per person, across roles, requesters and approvers', async () => {
    repo
      .branch('req')
      .write('grants/orders-db-read/erin.yaml', GOOD)
      .write('grants/aws-prod-readonly/erin.yaml', GOOD)
      .commit('two requests');
    const r = await validate('erin', ['--approved-by', 'dana,olga,sam,eng-1']);
    expect(r.json).toMatchObject({ valid: true, approved: true });
    // Four teams (sre-oncall, engineering, db-admins, security): one read each, engineering
    // taking a second page (by GitHub's Link URL, /organizations/…); nothing else was asked.
    expect(gh.calls.every((c) => c.operation === MEMBERS)).toBe(true);
    expect(gh.calls).toHaveLength(5);
    const firstPages = gh.calls.filter((c) => c.path.startsWith('/orgs/'));
    expect(firstPages.map((c) => c.path).sort()).toEqual([
      '/orgs/acme/teams/db-admins/members',
      '/orgs/acme/teams/engineering/members',
      '/orgs/acme/teams/security/members',
      '/orgs/acme/teams/sre-oncall/members',
    ]);
    expect(gh.writes()).toEqual([]);
  });

  it('fails closed when a team does not resolve (exit 1, E_TEAM_UNRESOLVED)', async () => {
    const missing = createFakeGitHub();
    seed(missing, ['engineering']);
    repo.branch('req').write('grants/orders-db-read/erin.yaml', GOOD).commit('request');
    const r = await validate('erin', [], { GITHUB_TOKEN: TOKEN }, missing);
    expect(r.code).toBe(1);
    expect(codes(r.json)).toEqual(['E_TEAM_UNRESOLVED']);
    expect(r.stderr).toMatch(/@acme\/engineering could not be resolved: GitHub answered 404/);
  });

  it('takes the token from --token-env and the API root from GITHUB_API_URL', async () => {
    const ghes = createFakeGitHub({ origin: 'https://ghe.acme.example/api/v3' });
    seed(ghes);
    repo.branch('req').write('grants/orders-db-read/erin.yaml', GOOD).commit('request');
    const env = { READ_TEAMS_TOKEN: TOKEN, GITHUB_API_URL: 'https://ghe.acme.example/api/v3' };
    const r = await validate('erin', ['--token-env', 'READ_TEAMS_TOKEN'], env, ghes);
    expect(r.code).toBe(0);
    expect(memberCalls(ghes).length).toBeGreaterThan(0);
  });

  it('exits 2 naming the variable when the token is missing', async () => {
    repo.branch('req').write('grants/orders-db-read/erin.yaml', GOOD).commit('request');
    const r = await validate('erin', [], {});
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/environment variable GITHUB_TOKEN, which is not set/);
    expect(r.json.error.code).toBe('E_CONFIG');
    const named = await validate('erin', ['--token-env', 'READ_TEAMS_TOKEN'], {
      GITHUB_TOKEN: TOKEN,
    });
    expect(named.code).toBe(2);
    expect(named.stderr).toMatch(/READ_TEAMS_TOKEN, which is not set/);
    expect(gh.calls).toEqual([]);
  });

  it('exits 2 with a clear message when GitHub keeps failing', async () => {
    gh.fail({ kind: 'server', status: 503, times: 50 });
    repo.branch('req').write('grants/orders-db-read/erin.yaml', GOOD).commit('request');
    const r = await validate('erin');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/GitHub answered 503: .* while listing the members of @acme\//);
    expect(r.json.error.code).toBe('E_GITHUB_API');
  });

  it('refuses --token-env without --directory github (exit 2)', async () => {
    repo.branch('req').write('grants/orders-db-read/erin.yaml', GOOD).commit('request');
    const r = await cliWith(
      {},
      repo.dir,
      ...['validate', '--repo', repo.dir, '--base', 'main', '--head', 'req'],
      ...['--author', 'erin', '--token-env', 'X'],
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--token-env applies only with --directory github/);
  });
});
