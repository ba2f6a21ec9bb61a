import { emptyDirectory, type Directory } from '../core/directory.js';
import { ConfigError, UsageError } from '../core/errors.js';
import { fileDirectory } from '../local/directory.js';
import { stringArg } from '../cli/args.js';
import type { Args, CommandContext } from '../cli/context.js';

/** Seams for tests: the fetch GitHub's client uses (an in-memory GitHub). */
export interface DirectorySeams {
  fetch?: typeof fetch;
}

export const DEFAULT_TOKEN_ENV = 'GITHUB_TOKEN';

/**
 * The directory a command was asked for: `--directory github` (the API, token from the
 * environment), `--directory FILE` (a YAML map), or none (every team unresolved).
 */
export async function directoryFromArgs(
  ctx: CommandContext,
  args: Args,
  seams: DirectorySeams = {},
): Promise<Directory> {
  const choice = stringArg(args, 'directory');
  const tokenEnvArg = stringArg(args, 'token-env');
  if (choice !== 'github') {
    if (tokenEnvArg !== undefined)
      throw new UsageError(
        '--token-env applies only with --directory github. Add --directory github, or leave --token-env out.',
      );
    return choice ? fileDirectory(choice) : emptyDirectory;
  }
  const tokenEnv = tokenEnvArg || DEFAULT_TOKEN_ENV;
  const token = ctx.env[tokenEnv];
  if (!token) {
    throw new ConfigError(
      `--directory github reads team members with the token in the environment variable ${tokenEnv}, which is not set. Set it to a token with the organization permission "Members: read" (e.g. a GitHub App installation token), or name another variable with --token-env NAME.`,
    );
  }
  // Loaded here, not at the top: Octokit is the largest part of what `validate` could load,
  // and only `--directory github` needs it.
  const [{ githubDirectory }, { createGitHubClient }] = await Promise.all([
    import('../github/directory.js'),
    import('../github/octokit.js'),
  ]);
  // Set by GitHub Actions on every runner; on GitHub Enterprise Server it is the server's API root.
  const baseUrl = ctx.env.GITHUB_API_URL;
  const client = createGitHubClient({
    token,
    ...(baseUrl ? { baseUrl } : {}),
    // An injected fetch is a test double: retry delays protect the real API only.
    ...(seams.fetch ? { fetch: seams.fetch, noWait: true } : {}),
  });
  return githubDirectory(client, { tokenEnv, warn: (m) => ctx.stderr(`grantops: ${m}`) });
}
