import { ConfigError } from '../core/errors.js';
import type { GitSource } from '../core/git-port.js';
import { git } from '../git/run.js';
import type { GitHubClient } from '../github/octokit.js';
import { parseRepoRef, repoRefFromRemote, type RepoRef } from '../github/repo-ref.js';
import type { CommandContext } from '../cli/context.js';
import type { ForgeSeams } from './forge.js';

/**
 * GitHub as the requester reaches it: their own token, never the App's. `GH_TOKEN` first, then
 * `GITHUB_TOKEN` (the order the gh CLI reads them in); `GRANTOPS_APP_TOKEN` is never read, and
 * a token equal to it is refused, since the pull request's author must be the requester (I1).
 * The repository is GITHUB_REPOSITORY, or else the clone's `origin` when it points at the server.
 */
export interface RequesterGitHub {
  octokit: GitHubClient;
  repo: RepoRef;
  /** Where the clone fetches GitHub's commits from and pushes the request to, with the token. */
  source: GitSource;
  /** The variable the token came from, named in messages. */
  tokenEnv: string;
}

export const REQUESTER_TOKEN_ENVS = ['GH_TOKEN', 'GITHUB_TOKEN'] as const;

export async function requesterGitHub(
  ctx: CommandContext,
  seams: ForgeSeams = {},
): Promise<RequesterGitHub> {
  const tokenEnv = REQUESTER_TOKEN_ENVS.find((name) => ctx.env[name]);
  const token = tokenEnv ? ctx.env[tokenEnv]! : undefined;
  if (!tokenEnv || !token) {
    throw new ConfigError(
      'grantops request --forge github opens the pull request as you, with your own GitHub token: set GH_TOKEN (e.g. GH_TOKEN=$(gh auth token)) or GITHUB_TOKEN. It needs to read the repository and write its branches and pull requests.',
    );
  }
  if (token === ctx.env.GRANTOPS_APP_TOKEN) {
    throw new ConfigError(
      `${tokenEnv} holds the grantops App's token (the same as GRANTOPS_APP_TOKEN). A request is opened with the requester's own token, so that GitHub names them as its author: set ${tokenEnv} to your own token.`,
    );
  }
  const server = (ctx.env.GITHUB_SERVER_URL ?? 'https://github.com').replace(/\/+$/, '');
  const repo = ctx.env.GITHUB_REPOSITORY
    ? parseRepoRef(ctx.env.GITHUB_REPOSITORY, 'GITHUB_REPOSITORY')
    : await originRepo(ctx.repo, server);
  const baseUrl = ctx.env.GITHUB_API_URL;
  // Loaded here, not at the top: a request on the local forge never needs Octokit.
  const { createGitHubClient } = await import('../github/octokit.js');
  return {
    octokit: createGitHubClient({
      token,
      ...(baseUrl ? { baseUrl } : {}),
      // An injected fetch is a test double: retry delays protect the real API only.
      ...(seams.fetch ? { fetch: seams.fetch, noWait: true } : {}),
    }),
    repo,
    source: { url: seams.gitUrl ?? `${server}/${repo.owner}/${repo.repo}.git`, token },
    tokenEnv,
  };
}

async function originRepo(dir: string, server: string): Promise<RepoRef> {
  const r = await git(dir, ['remote', 'get-url', '--', 'origin']);
  const url = r.code === 0 ? r.stdout.toString('utf8').trim() : '';
  const found = url ? repoRefFromRemote(url, new URL(server).host) : null;
  if (found) return found;
  throw new ConfigError(
    `Which repository on GitHub? Set GITHUB_REPOSITORY to OWNER/NAME (e.g. acme/access)${url ? `; the clone's origin is not on ${server}` : '; the clone has no origin remote'}.`,
  );
}
