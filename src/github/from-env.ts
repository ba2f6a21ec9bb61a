import { ConfigError } from '../core/errors.js';
import type { GitRepository, GitSource } from '../core/git-port.js';
import { installationToken } from './app-token.js';
import { GitHubForge } from './forge.js';
import { createGitHubClient, type GitHubClient } from './octokit.js';
import { parseRepoRef, type RepoRef } from './repo-ref.js';

/**
 * The GitHub forge as the workflows run it, from their environment: the repository
 * (`GITHUB_REPOSITORY`), the API and web roots (`GITHUB_API_URL`, `GITHUB_SERVER_URL`, set by
 * Actions, GitHub Enterprise Server included), and the App's installation token
 * (`GRANTOPS_APP_TOKEN`, from actions/create-github-app-token), or else the App's id and private
 * key (`GRANTOPS_APP_ID`, `GRANTOPS_APP_PRIVATE_KEY`) to mint one. `GITHUB_TOKEN` is never used
 * here: everything the forge does is a write or a read the App must make.
 */

export interface GitHubForgeEnv {
  env: Readonly<Record<string, string | undefined>>;
  /** The local clone (the workflow's checkout), as the commands build it (`gitRepository`). */
  git: GitRepository;
  /** Tests: the fake GitHub's fetch and, for git, its repository's path. */
  fetch?: typeof fetch;
  gitUrl?: string;
}

/** What the forge and grantops' other GitHub calls share: the App's client, the repository. */
export interface GitHubSession {
  octokit: GitHubClient;
  repo: RepoRef;
  source: GitSource;
  /** `<GRANTOPS_APP_SLUG>[bot]`, grantops' own account, when the environment names the App. */
  botLogin: string | null;
}

export async function githubForgeFromEnv(options: GitHubForgeEnv): Promise<GitHubForge> {
  const { octokit, repo, source, botLogin } = await githubSessionFromEnv(options);
  return new GitHubForge({
    octokit,
    repo,
    git: options.git,
    source,
    ...(botLogin ? { botLogin } : {}),
  });
}

export async function githubSessionFromEnv(options: GitHubForgeEnv): Promise<GitHubSession> {
  const { env } = options;
  const name = env.GITHUB_REPOSITORY;
  if (!name) {
    throw new ConfigError(
      'The GitHub forge needs the repository: set GITHUB_REPOSITORY to OWNER/NAME (GitHub Actions sets it), or use --forge local.',
    );
  }
  const repo = parseRepoRef(name, 'GITHUB_REPOSITORY');
  const baseUrl = env.GITHUB_API_URL;
  const seams = options.fetch ? { fetch: options.fetch, noWait: true } : {};
  let token = env.GRANTOPS_APP_TOKEN;
  if (!token && env.GRANTOPS_APP_ID && env.GRANTOPS_APP_PRIVATE_KEY) {
    token = (
      await installationToken({
        credentials: { appId: env.GRANTOPS_APP_ID, privateKey: env.GRANTOPS_APP_PRIVATE_KEY },
        repo,
        ...(baseUrl ? { baseUrl } : {}),
        ...seams,
      })
    ).token;
  }
  if (!token) {
    throw new ConfigError(
      "The GitHub forge writes with the grantops App's installation token: set GRANTOPS_APP_TOKEN (the token output of actions/create-github-app-token), or GRANTOPS_APP_ID and GRANTOPS_APP_PRIVATE_KEY to mint one. GITHUB_TOKEN cannot: merges made with it trigger no workflow, and it cannot read teams.",
    );
  }
  const server = (env.GITHUB_SERVER_URL ?? 'https://github.com').replace(/\/+$/, '');
  return {
    octokit: createGitHubClient({ token, ...(baseUrl ? { baseUrl } : {}), ...seams }),
    repo,
    source: { url: options.gitUrl ?? `${server}/${name}.git`, token },
    botLogin: env.GRANTOPS_APP_SLUG ? `${env.GRANTOPS_APP_SLUG}[bot]` : null,
  };
}
