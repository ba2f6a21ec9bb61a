import { createPrivateKey, sign, type KeyObject } from 'node:crypto';
import { ConfigError } from '../core/errors.js';
import { githubError, statusOf } from './errors.js';
import { createGitHubClient, type GitHubClientOptions } from './octokit.js';
import { repoName, type RepoRef } from './repo-ref.js';

/**
 * A GitHub App installation token, minted from the App's private key: what grantops writes with
 * when it runs outside the workflows (which get theirs from actions/create-github-app-token).
 * The App authenticates as itself with a JSON Web Token signed RS256 (node:crypto, no JWT
 * library), finds its installation on the repository, and exchanges the JWT for a one-hour
 * installation token scoped to that repository. `GITHUB_TOKEN` is never used to write: merges
 * made with it trigger no workflow, and it cannot read teams.
 */

export interface AppCredentials {
  /** The App's id or client id (`Iv…`); GitHub accepts either as the JWT issuer. */
  appId: string;
  /** The private key PEM GitHub let the App owner download (PKCS#1 or PKCS#8). */
  privateKey: string;
}

export interface InstallationToken {
  token: string;
  expiresAt: string;
  installationId: number;
}

function privateKeyOf(pem: string): KeyObject {
  try {
    // Secrets pasted into environment variables sometimes carry literal "\n" for newlines.
    return createPrivateKey(pem.includes('\\n') ? pem.replace(/\\n/g, '\n') : pem);
  } catch (e) {
    throw new ConfigError(
      `The GitHub App private key is not a PEM private key (${e instanceof Error ? e.message : String(e)}). Paste the whole .pem file GitHub generated, from "-----BEGIN RSA PRIVATE KEY-----" to the END line, into the secret.`,
    );
  }
}

/**
 * The App's JWT: issued a minute in the past (GitHub's clock may be behind) and valid nine
 * minutes, under GitHub's ten-minute cap. `nowSeconds` is the wall clock, never `--now`: GitHub
 * checks it against its own.
 */
export function appJwt(credentials: AppCredentials, nowSeconds: number): string {
  const key = privateKeyOf(credentials.privateKey);
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const iss = /^\d+$/.test(credentials.appId) ? Number(credentials.appId) : credentials.appId;
  const unsigned = `${part({ alg: 'RS256', typ: 'JWT' })}.${part({ iat: nowSeconds - 60, exp: nowSeconds + 540, iss })}`;
  const signature = sign('RSA-SHA256', Buffer.from(unsigned), key).toString('base64url');
  return `${unsigned}.${signature}`;
}

export interface InstallationTokenOptions extends Omit<GitHubClientOptions, 'token'> {
  credentials: AppCredentials;
  repo: RepoRef;
  /** Seconds since the epoch; defaults to the wall clock. */
  nowSeconds?: number;
}

/** Two calls: the App's installation on `repo`, then a token for it limited to that repository. */
export async function installationToken(
  options: InstallationTokenOptions,
): Promise<InstallationToken> {
  const { credentials, repo, nowSeconds, ...client } = options;
  const jwt = appJwt(credentials, nowSeconds ?? Math.floor(Date.now() / 1000));
  const octokit = createGitHubClient({ ...client, token: jwt });
  const doing = `minting a GitHub App installation token for ${repoName(repo)}`;
  try {
    const { data: installation } = await octokit.rest.apps.getRepoInstallation({ ...repo });
    const { data } = await octokit.rest.apps.createInstallationAccessToken({
      installation_id: installation.id,
      repositories: [repo.repo],
    });
    return { token: data.token, expiresAt: data.expires_at, installationId: installation.id };
  } catch (e) {
    if (statusOf(e) === 404) {
      throw new ConfigError(
        `The GitHub App ${credentials.appId} is not installed on ${repoName(repo)} (GitHub answered 404 while ${doing}). Install it on the repository (Settings → GitHub Apps, or the App's page → Install) and run again.`,
      );
    }
    throw githubError(e, { doing, tokenEnv: 'the GitHub App private key' });
  }
}
