import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/core/errors.js';
import { gitRepository } from '../../src/git/repository.js';
import { githubForgeFromEnv } from '../../src/github/from-env.js';
import { accessWorld, type AccessWorld } from '../fakes/github/world.js';

/** The forge the workflows get: from their environment, writing only with the App's token. */

describe('the GitHub forge from the workflow environment', () => {
  let w: AccessWorld;
  afterEach(() => w.cleanup());

  const open = (env: Record<string, string>) =>
    githubForgeFromEnv({
      env,
      git: gitRepository(w.localDir),
      fetch: w.gh.fetch,
      gitUrl: w.repo.git.dir,
    });

  it('uses GRANTOPS_APP_TOKEN, or mints one from the App’s id and key', async () => {
    w = accessWorld();
    const n = await w.openRequest('alice', 'request/db-read/alice', {
      'grants/db-read/alice.yaml': 'duration: 1h\n',
    });
    const byToken = await open({
      GITHUB_REPOSITORY: 'acme/access',
      GRANTOPS_APP_TOKEN: w.appToken,
    });
    expect((await byToken.listRequests()).map((r) => r.id)).toEqual([String(n)]);
    const byKey = await open({
      GITHUB_REPOSITORY: 'acme/access',
      GRANTOPS_APP_ID: String(w.app.id),
      GRANTOPS_APP_PRIVATE_KEY: w.privateKey,
    });
    const r = await byKey.request(String(n));
    expect(r.commits).toHaveLength(1);
    const minted = w.gh.calls.filter(
      (c) => c.operation === 'POST /app/installations/{installation_id}/access_tokens',
    );
    expect(minted.map((c) => c.status)).toEqual([201]);
  });

  it('refuses to start without the repository or the App’s token, and never falls back to GITHUB_TOKEN', async () => {
    w = accessWorld();
    await expect(open({ GRANTOPS_APP_TOKEN: w.appToken })).rejects.toThrow(/GITHUB_REPOSITORY/);
    const err = await open({ GITHUB_REPOSITORY: 'acme/access', GITHUB_TOKEN: 'ghs_actions' }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as Error).message).toMatch(/GRANTOPS_APP_TOKEN.*GITHUB_TOKEN cannot/);
    expect(w.gh.calls).toEqual([]);
  });
});
