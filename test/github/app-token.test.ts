import { generateKeyPairSync } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, ExternalError } from '../../src/core/errors.js';
import { appJwt, installationToken } from '../../src/github/app-token.js';
import { createGitHubClient } from '../../src/github/octokit.js';
import { accessWorld, BOT, type AccessWorld } from '../fakes/github/world.js';

/**
 * The App's installation token, minted with node:crypto: a JWT the fake GitHub verifies against
 * the App's public key, exchanged for a token that acts as the App's bot on the repository.
 */

const repo = { owner: 'acme', repo: 'access' };
const quiet = { debug() {}, info() {}, warn() {}, error() {} };
const now = () => Math.floor(Date.now() / 1000);

describe('GitHub App installation token', () => {
  let w: AccessWorld;
  afterEach(() => w.cleanup());

  it('is minted from the private key and acts as the App', async () => {
    w = accessWorld();
    const credentials = { appId: String(w.app.id), privateKey: w.privateKey };
    const minted = await installationToken({
      credentials,
      repo,
      fetch: w.gh.fetch,
      noWait: true,
      log: quiet,
    });
    expect(minted.token).toMatch(/^ghs_/);
    expect(w.gh.accountOf(minted.token).login).toBe(BOT);
    const client = createGitHubClient({
      token: minted.token,
      fetch: w.gh.fetch,
      noWait: true,
      log: quiet,
    });
    await client.rest.issues.create({ ...repo, title: 'written by the App' });
    expect(w.repo.issues.at(-1)!.user.login).toBe(BOT);
    // The client id works as the issuer too; a key pasted with literal \n is understood.
    const byClientId = { appId: w.app.clientId, privateKey: w.privateKey.replace(/\n/g, '\\n') };
    await expect(
      installationToken({
        credentials: byClientId,
        repo,
        fetch: w.gh.fetch,
        noWait: true,
        log: quiet,
      }),
    ).resolves.toMatchObject({ installationId: minted.installationId });
  });

  it('a JWT signed with another key, or living longer than ten minutes, is refused', async () => {
    w = accessWorld();
    const { privateKey: other } = generateKeyPairSync('rsa', {
      modulusLength: 2048,
      privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
      publicKeyEncoding: { type: 'spki', format: 'pem' },
    });
    const err = await installationToken({
      credentials: { appId: String(w.app.id), privateKey: other },
      repo,
      fetch: w.gh.fetch,
      noWait: true,
      log: quiet,
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ExternalError);
    expect((err as ExternalError).code).toBe('E_GITHUB_AUTH');
    // A token made to live an hour: GitHub caps a JWT at ten minutes.
    const [, payload] = appJwt({ appId: String(w.app.id), privateKey: w.privateKey }, now()).split(
      '.',
    );
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString());
    expect(claims.exp - claims.iat).toBeLessThanOrEqual(600);
    w.gh.jwtNow = () => now() - 3600; // GitHub's clock an hour behind: our exp is too far ahead
    const late = await installationToken({
      credentials: { appId: String(w.app.id), privateKey: w.privateKey },
      repo,
      fetch: w.gh.fetch,
      noWait: true,
      log: quiet,
    }).catch((e: unknown) => e);
    expect((late as ExternalError).code).toBe('E_GITHUB_AUTH');
    expect(w.gh.calls.filter((c) => c.status < 300)).toEqual([]);
  });

  it('says how to fix a missing installation or a key that is not a key', async () => {
    w = accessWorld();
    const credentials = { appId: String(w.app.id), privateKey: w.privateKey };
    const missing = await installationToken({
      credentials,
      repo: { owner: 'acme', repo: 'elsewhere' },
      fetch: w.gh.fetch,
      noWait: true,
      log: quiet,
    }).catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(ConfigError);
    expect((missing as Error).message).toMatch(/not installed on acme\/elsewhere.*Install it/);
    const garbled = await installationToken({
      credentials: { ...credentials, privateKey: 'not a key' },
      repo,
      fetch: w.gh.fetch,
      noWait: true,
      log: quiet,
    }).catch((e: unknown) => e);
    expect(garbled).toBeInstanceOf(ConfigError);
    expect((garbled as Error).message).toMatch(/BEGIN RSA PRIVATE KEY/);
  });
});
