import { describe, expect, it } from 'vitest';
import { ExternalError } from '../../src/core/errors.js';
import { githubDirectory } from '../../src/github/directory.js';
import { createGitHubClient } from '../../src/github/octokit.js';
import { createFakeGitHub, type FakeGitHub } from '../fakes/github/index.js';

const TOKEN = 'ghs_directoryReader0123456789';
const quiet = { debug() {}, info() {}, warn() {}, error() {} };

/** The real Octokit over the fake GitHub, with `acme/sre-oncall` (olga, maintainer pat). */
function world(origin?: string) {
  const gh = createFakeGitHub(origin ? { origin } : {});
  gh.addToken(TOKEN, 'grantops-acme[bot]', { canWrite: false });
  gh.store.addOrg('acme');
  gh.store.addTeam('acme', 'sre-oncall');
  gh.store.addTeamMember('acme', 'sre-oncall', 'Olga');
  gh.store.addTeamMember('acme', 'sre-oncall', 'pat', 'maintainer');
  const warnings: string[] = [];
  const client = createGitHubClient({
    token: TOKEN,
    fetch: gh.fetch,
    noWait: true,
    log: quiet,
    ...(origin ? { baseUrl: origin } : {}),
  });
  const directory = githubDirectory(client, { warn: (m) => warnings.push(m) });
  return { gh, directory, warnings };
}

const memberCalls = (gh: FakeGitHub) =>
  gh.calls.filter((c) => c.operation === 'GET /orgs/{org}/teams/{team_slug}/members');

describe('githubDirectory', () => {
  it('lists a team with lower-cased logins, maintainers included (no role filter)', async () => {
    const { gh, directory } = world();
    expect(await directory.members('@acme/sre-oncall')).toEqual(['olga', 'pat']);
    expect(memberCalls(gh).map((c) => c.query)).toEqual(['?per_page=100']);
    expect(gh.writes()).toEqual([]);
  });

  it('follows pagination past 100 members, 100 a page', async () => {
    const { gh, directory } = world();
    gh.store.addTeam('acme', 'engineering');
    const logins = Array.from({ length: 250 }, (_, i) => `eng-${i}`);
    for (const l of logins) gh.store.addTeamMember('acme', 'engineering', l);
    expect(await directory.members('@acme/engineering')).toEqual(logins);
    expect(memberCalls(gh)).toHaveLength(3);
  });

  it('asks GitHub once per team, however often and concurrently it is asked', async () => {
    const { gh, directory } = world();
    const answers = await Promise.all([
      directory.members('@acme/sre-oncall'),
      directory.members('@ACME/SRE-oncall'),
      directory.members('@acme/sre-oncall'),
    ]);
    await directory.members('@acme/sre-oncall');
    expect(answers.every((a) => a?.length === 2)).toBe(true);
    expect(memberCalls(gh)).toHaveLength(1);
  });

  it('leaves an unknown team, or one the token cannot see, unresolved and says why', async () => {
    const { gh, directory, warnings } = world();
    expect(await directory.members('@acme/ghosts')).toBeNull();
    expect(await directory.members('@other/team')).toBeNull();
    expect(await directory.members('not-a-team')).toBeNull();
    expect(memberCalls(gh)).toHaveLength(2);
    expect(warnings[0]).toMatch(/@acme\/ghosts could not be resolved: GitHub answered 404/);
    expect(warnings[0]).toMatch(/GITHUB_TOKEN/);
    expect(warnings[2]).toMatch(/not a GitHub team/);
  });

  it('leaves a team unresolved on 403, but a rate limit or a server error stops the check', async () => {
    const { gh, directory } = world();
    gh.fail({ kind: 'server', status: 403, times: 1 });
    expect(await directory.members('@acme/sre-oncall')).toBeNull();

    const busy = world();
    busy.gh.fail({ kind: 'primary', status: 403, times: 5, resetInSeconds: 1 });
    await expect(busy.directory.members('@acme/sre-oncall')).rejects.toMatchObject({
      code: 'E_GITHUB_RATE_LIMITED',
    });

    const down = world();
    // plugin-retry makes three more attempts after the first: four 502s exhaust it.
    down.gh.fail({ kind: 'server', status: 502, times: 4 });
    const err = await down.directory.members('@acme/sre-oncall').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ExternalError);
    expect((err as ExternalError).message).toMatch(
      /GitHub answered 502.*while listing the members of @acme\/sre-oncall/,
    );
    expect(memberCalls(down.gh).map((c) => c.status)).toEqual([502, 502, 502, 502]);
    // The failure is not remembered: once GitHub recovers, the team resolves.
    expect(await down.directory.members('@acme/sre-oncall')).toEqual(['olga', 'pat']);
  });

  it('talks to a GitHub Enterprise Server API root', async () => {
    const { gh, directory } = world('https://ghe.acme.example/api/v3');
    expect(await directory.members('@acme/sre-oncall')).toEqual(['olga', 'pat']);
    expect(memberCalls(gh)[0]?.path).toBe('/orgs/acme/teams/sre-oncall/members');
  });
});
