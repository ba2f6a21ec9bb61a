import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConfigError, ExternalError } from '../../src/core/errors.js';
import { githubTeamProvider } from '../../src/providers/github-team/provider.js';
import { createFakeGitHub } from '../fakes/github/index.js';
import {
  ROLE,
  stateOf,
  teamWorld,
  TOKEN_ENV,
  type TeamWorldOptions,
} from '../fakes/github/setup.js';
import { providerContract } from './contract.js';

/** The contract suite over the real Octokit, its plugins and the fake GitHub behind `fetch`. */
function contractOver(options: TeamWorldOptions) {
  return async () => {
    const w = await teamWorld({ managed: ['alice'], ...options });
    w.gh.store.addOrgMember('acme', 'alice');
    w.gh.store.addOrgMember('acme', 'bob');
    return {
      provider: w.provider,
      access: w.access('alice'),
      grantByHand: async () => w.gh.store.addTeamMember('acme', 'prod-admins', 'bob'),
      handGrantExists: async () => stateOf(w.gh, 'bob')?.state === 'active',
      accessInEffect: async () => stateOf(w.gh, 'alice')?.state === 'active',
    };
  };
}

providerContract('github-team (api.github.com)', contractOver({}));
providerContract(
  'github-team (GitHub Enterprise Server root)',
  contractOver({ apiUrl: 'https://ghe.acme.example/api/v3' }),
);

/** Watches the process's stderr: a provider writes only to the sink it was given. */
function watchStderr(): string[] {
  const lines: string[] = [];
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    lines.push(String(chunk));
    return true;
  });
  return lines;
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('github-team: people outside the organization', () => {
  it('a grant invites them: the pending membership counts as granted, and revoke cancels the invitation', async () => {
    const w = await teamWorld({ managed: ['carol'] });
    w.gh.store.addUser('carol');
    await w.provider.grant(w.access('carol'));
    expect(stateOf(w.gh, 'carol')).toEqual({ state: 'pending', role: 'member' });
    expect(w.gh.store.invitations.map((i) => i.invitee.login)).toEqual(['carol']);
    expect(await w.provider.list()).toEqual([w.access('carol')]);

    w.gh.clearCalls();
    await w.provider.grant(w.access('carol'));
    expect(w.gh.writes()).toEqual([]);

    await w.provider.revoke(w.access('carol'));
    expect(stateOf(w.gh, 'carol')).toBeNull();
    // The organization invitation itself is gone, not only its team.
    expect(w.gh.store.invitations).toEqual([]);
    expect(w.gh.writes().map((c) => `${c.method} ${c.path}`)).toEqual([
      expect.stringMatching(/^DELETE \/orgs\/acme\/invitations\/\d+$/),
    ]);
    expect(await w.provider.list()).toEqual([]);
  });

  it('an invitation shared with another team is kept: only this team is taken off it', async () => {
    const w = await teamWorld({ managed: ['carol'] });
    const docs = w.gh.store.addTeam('acme', 'docs');
    w.gh.store.invite('acme', 'carol', w.gh.store.addUser('admin'), [
      { team: docs, role: 'member' },
    ]);
    await w.provider.grant(w.access('carol'));
    expect(w.gh.store.invitations[0]?.teams.size).toBe(2);

    await w.provider.revoke(w.access('carol'));
    expect(stateOf(w.gh, 'carol')).toBeNull();
    expect(stateOf(w.gh, 'carol', 'docs')).toEqual({ state: 'pending', role: 'member' });
  });

  it('once the invitation is accepted the membership is active and still listed', async () => {
    const w = await teamWorld({ managed: ['carol'] });
    w.gh.store.addUser('carol');
    await w.provider.grant(w.access('carol'));
    w.gh.store.acceptInvitation('acme', 'carol');
    expect(stateOf(w.gh, 'carol')?.state).toBe('active');
    expect(await w.provider.list()).toEqual([w.access('carol')]);
  });
});

describe('github-team: teams synced with an identity provider', () => {
  it('grant fails with a clear error and changes nothing', async () => {
    const w = await teamWorld({ managed: ['alice'], target: { team: 'sre-oncall' } });
    w.gh.store.addTeam('acme', 'sre-oncall', { idpSynced: true });
    w.gh.store.addOrgMember('acme', 'alice');
    const err = await w.provider.grant(w.access('alice')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ExternalError);
    expect((err as ExternalError).code).toBe('E_GITHUB_TEAM_IDP_SYNCED');
    expect((err as ExternalError).message).toMatch(
      /acme\/sre-oncall is managed by the identity provider/,
    );
    expect(stateOf(w.gh, 'alice', 'sre-oncall')).toBeNull();
  });

  it('revoke fails the same way, leaving the member in place', async () => {
    const w = await teamWorld({ managed: ['alice'], target: { team: 'sre-oncall' } });
    w.gh.store.addTeam('acme', 'sre-oncall', { idpSynced: true });
    w.gh.store.addTeamMember('acme', 'sre-oncall', 'alice');
    await expect(w.provider.revoke(w.access('alice'))).rejects.toMatchObject({
      code: 'E_GITHUB_TEAM_IDP_SYNCED',
    });
    expect(stateOf(w.gh, 'alice', 'sre-oncall')?.state).toBe('active');
  });

  it('a token without members:write is told apart from an IdP-synced team', async () => {
    const w = await teamWorld({ managed: ['alice'] });
    w.gh.addToken('ghs_fakeInstallationToken0123456789', 'grantops-acme[bot]', { canWrite: false });
    w.gh.store.addOrgMember('acme', 'alice');
    const err = (await w.provider
      .grant(w.access('alice'))
      .catch((e: unknown) => e)) as ExternalError;
    expect(err.code).toBe('E_GITHUB_FORBIDDEN');
    expect(err.message).toContain('Members: read and write');
    expect(err.message).toContain(TOKEN_ENV);
  });
});

describe('github-team: exclusive teams', () => {
  it('lists members without a grant as drift, reports them, and revoke removes them', async () => {
    const stderr = watchStderr();
    const w = await teamWorld({
      managed: ['alice'],
      target: { team: 'prod-admins', exclusive: true },
    });
    w.gh.store.addTeamMember('acme', 'prod-admins', 'alice');
    w.gh.store.addTeamMember('acme', 'prod-admins', 'Mallory');
    w.gh.store.invite('acme', 'eve', w.gh.store.addUser('owner'), [
      { team: w.gh.store.mustTeam('acme', 'prod-admins'), role: 'member' },
    ]);

    const listed = await w.provider.list();
    const target = { team: 'prod-admins', exclusive: true };
    expect(listed).toEqual([
      { role: ROLE, login: 'alice', identity: 'alice', target },
      { role: ROLE, login: 'eve', identity: 'eve', target },
      { role: ROLE, login: 'mallory', identity: 'Mallory', target },
    ]);
    expect(w.log.join('\n')).toMatch(/Mallory is a member of acme\/prod-admins without a grant/);
    expect(w.log.join('\n')).toMatch(/eve is invited to acme\/prod-admins without a grant/);
    expect(stderr).toEqual([]);

    for (const drift of listed.filter((a) => a.login !== 'alice')) await w.provider.revoke(drift);
    expect(stateOf(w.gh, 'mallory')).toBeNull();
    expect(stateOf(w.gh, 'eve')).toBeNull();
    expect(stateOf(w.gh, 'alice')?.state).toBe('active');
    expect((await w.provider.list()).map((a) => a.login)).toEqual(['alice']);
  });

  it('without exclusive, a member added by hand is never listed nor removed (and no call is made)', async () => {
    const w = await teamWorld({ managed: ['alice'] });
    w.gh.store.addTeamMember('acme', 'prod-admins', 'mallory');
    expect(await w.provider.list()).toEqual([]);
    w.gh.clearCalls();
    await w.provider.revoke(w.access('mallory'));
    expect(w.gh.calls).toEqual([]);
    expect(stateOf(w.gh, 'mallory')?.state).toBe('active');
  });
});

describe('github-team: reading a team', () => {
  async function bigTeam(managed: string[]) {
    const w = await teamWorld({ managed });
    for (let i = 0; i < 250; i++) w.gh.store.addTeamMember('acme', 'prod-admins', `user${i}`);
    w.gh.clearCalls();
    return w;
  }

  it('pages through more than 100 members by following GitHub’s Link headers', async () => {
    const w = await bigTeam(['user0', 'user150', 'user249', 'absent']);
    const listed = await w.provider.list();
    expect(listed.map((a) => a.login)).toEqual(['user0', 'user150', 'user249']);
    const reads = w.gh.calls.map((c) => `${c.path}${c.query}`);
    expect(reads).toEqual([
      '/orgs/acme/teams/prod-admins/members?per_page=100',
      expect.stringMatching(/^\/organizations\/\d+\/team\/\d+\/members\?per_page=100&page=2$/),
      expect.stringMatching(/^\/organizations\/\d+\/team\/\d+\/members\?per_page=100&page=3$/),
      '/orgs/acme/teams/prod-admins/invitations?per_page=100',
    ]);
  });

  it('makes the same number of calls however many grants there are', async () => {
    const few = await bigTeam(['user1']);
    await few.provider.list();
    const many = await bigTeam(Array.from({ length: 200 }, (_, i) => `user${i}`));
    expect((await many.provider.list()).length).toBe(200);
    expect(many.gh.calls.length).toBe(few.gh.calls.length);
    expect(many.gh.calls.length).toBe(4);
    expect(many.gh.writes()).toEqual([]);
  });

  it('one list reads each team once, even when several roles use it', async () => {
    const w = await teamWorld({
      managed: ['alice'],
      extraTargets: [
        { role: 'github-prod-maintainer', target: { team: 'prod-admins', role: 'maintainer' } },
      ],
      extraManaged: ['github-prod-maintainer/bob'],
    });
    w.gh.store.addTeamMember('acme', 'prod-admins', 'alice');
    w.gh.store.addTeamMember('acme', 'prod-admins', 'bob', 'maintainer');
    w.gh.clearCalls();
    expect((await w.provider.list()).map((a) => `${a.role}/${a.login}`)).toEqual([
      'github-prod-admin/alice',
      'github-prod-maintainer/bob',
    ]);
    expect(w.gh.calls.length).toBe(2);
  });
});

describe('github-team: errors and roles', () => {
  it('a missing token variable is a configuration error naming it, before any call', async () => {
    const gh = createFakeGitHub();
    const config = {
      name: 'acme-github',
      type: 'github-team',
      settings: { type: 'github-team', org: 'acme', token_env: TOKEN_ENV },
      origin: { file: 'policies/github.yaml', at: null },
    };
    const create = () =>
      githubTeamProvider.create(config, { env: {}, targets: [], fetch: gh.fetch });
    expect(create).toThrow(ConfigError);
    expect(create).toThrow(/GRANTOPS_APP_TOKEN is not set/);
    expect(gh.calls).toEqual([]);
  });

  it('a missing api_url_env variable is a configuration error too', async () => {
    const config = {
      name: 'acme-github',
      type: 'github-team',
      settings: { type: 'github-team', org: 'acme', token_env: TOKEN_ENV, api_url_env: 'GHES_URL' },
      origin: { file: 'policies/github.yaml', at: null },
    };
    expect(() =>
      githubTeamProvider.create(config, { env: { [TOKEN_ENV]: 'x' }, targets: [] }),
    ).toThrow(/GHES_URL/);
  });

  it('a rejected token names the variable', async () => {
    const w = await teamWorld({ managed: ['alice'] });
    const other = await githubTeamProvider.create(w.config, {
      env: { [TOKEN_ENV]: 'ghs_revoked' },
      targets: [{ role: ROLE, target: { team: 'prod-admins' } }],
      managed: new Set([`${ROLE}/alice`]),
      fetch: w.gh.fetch,
    });
    await expect(other.list()).rejects.toMatchObject({
      code: 'E_GITHUB_AUTH',
      message: expect.stringContaining(TOKEN_ENV),
    });
  });

  it('an unknown user and an unknown team are told apart', async () => {
    const w = await teamWorld({ managed: ['ghost'] });
    await expect(w.provider.grant(w.access('ghost'))).rejects.toMatchObject({
      code: 'E_PROVIDER_IDENTITY_MISSING',
    });
    await expect(w.provider.grant(w.access('ghost', { team: 'nope' }))).rejects.toMatchObject({
      code: 'E_PROVIDER_TARGET_MISSING',
    });
    const missing = await teamWorld({ managed: ['alice'], target: { team: 'nope' } });
    await expect(missing.provider.list()).rejects.toMatchObject({
      code: 'E_PROVIDER_TARGET_MISSING',
    });
    expect(await missing.provider.check()).toEqual([
      expect.objectContaining({
        path: 'policies/github.yaml',
        line: 3,
        code: 'E_PROVIDER_TARGET_MISSING',
      }),
    ]);
    expect(await w.provider.check()).toEqual([]);
  });

  it('a maintainer grant promotes a member; a member grant never demotes a maintainer', async () => {
    const w = await teamWorld({ managed: ['alice', 'bob'] });
    w.gh.store.addTeamMember('acme', 'prod-admins', 'alice');
    w.gh.store.addTeamMember('acme', 'prod-admins', 'bob', 'maintainer');
    await w.provider.grant(w.access('alice', { team: 'prod-admins', role: 'maintainer' }));
    expect(stateOf(w.gh, 'alice')?.role).toBe('maintainer');
    w.gh.clearCalls();
    await w.provider.grant(w.access('bob'));
    expect(stateOf(w.gh, 'bob')?.role).toBe('maintainer');
    expect(w.gh.writes()).toEqual([]);
  });
});

describe('github-team: rate limits (plugin-throttling)', () => {
  it('retries a primary 403 rate limit and a secondary 429, then succeeds', async () => {
    const stderr = watchStderr();
    const w = await teamWorld({ managed: ['alice'] });
    w.gh.store.addOrgMember('acme', 'alice');
    w.gh.fail({ kind: 'primary', status: 403, times: 1, method: 'GET' });
    w.gh.fail({ kind: 'secondary', status: 429, times: 1, method: 'PUT' });
    await w.provider.grant(w.access('alice'));
    expect(stateOf(w.gh, 'alice')?.state).toBe('active');
    expect(w.gh.calls.map((c) => `${c.method} ${c.status}`)).toEqual([
      'GET 403',
      'GET 404',
      'PUT 429',
      'PUT 200',
    ]);
    expect(w.log.join('\n')).toMatch(/primary rate limit on GET .*retrying/);
    expect(w.log.join('\n')).toMatch(/secondary rate limit on PUT .*retrying/);
    expect(stderr).toEqual([]);
  });

  it('gives up after two retries with a clear error', async () => {
    watchStderr();
    const w = await teamWorld({ managed: ['alice'] });
    w.gh.fail({ kind: 'secondary', status: 403, times: 10 });
    await expect(w.provider.list()).rejects.toMatchObject({ code: 'E_GITHUB_RATE_LIMITED' });
    expect(w.gh.calls.length).toBe(3);
  });

  it('retries a server error (plugin-retry) but not a 404', async () => {
    const w = await teamWorld({ managed: ['alice'] });
    w.gh.store.addTeamMember('acme', 'prod-admins', 'alice');
    w.gh.fail({ kind: 'server', times: 2 });
    expect((await w.provider.list()).map((a) => a.login)).toEqual(['alice']);
    expect(w.gh.calls.map((c) => c.status)).toEqual([502, 502, 200, 200]);
  });

  it('does not wait out a rate limit that resets in an hour', async () => {
    watchStderr();
    const w = await teamWorld({ managed: ['alice'] });
    w.gh.fail({ kind: 'primary', status: 429, times: 10, resetInSeconds: 3600 });
    await expect(w.provider.list()).rejects.toMatchObject({ code: 'E_GITHUB_RATE_LIMITED' });
    expect(w.gh.calls.length).toBe(1);
  });
});
