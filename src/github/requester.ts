import { ExternalError } from '../core/errors.js';
import type { Signature } from '../core/git-port.js';
import { githubError, statusOf } from './errors.js';
import type { GitHubClient } from './octokit.js';

/** The person a token acts for, as GitHub knows them. */
export interface TokenAccount {
  /** The login, lower case, as grant paths hold it. */
  login: string;
  id: number;
}

/**
 * Who the requester is on GitHub: the account of their own token (`GET /user`), never git's
 * configuration, a flag or a file. A token that acts for no person cannot ask for access: an
 * App's installation token and GitHub Actions' token get 403 here, and a bot account would be
 * refused as a grantee anyway.
 */
export async function tokenAccount(octokit: GitHubClient, tokenEnv: string): Promise<TokenAccount> {
  let data: { login: string; id: number; type?: string };
  try {
    ({ data } = await octokit.rest.users.getAuthenticated());
  } catch (e) {
    if (statusOf(e) === 403) throw notAPerson(tokenEnv, 'GitHub answered 403 to GET /user');
    throw githubError(e, { doing: 'asking GitHub whose token this is (GET /user)', tokenEnv });
  }
  if (data.type === 'Bot' || /\[bot\]$/i.test(data.login))
    throw notAPerson(tokenEnv, `it acts for ${data.login}`);
  return { login: data.login.toLowerCase(), id: data.id };
}

function notAPerson(tokenEnv: string, why: string): ExternalError {
  return new ExternalError(
    'E_GITHUB_FORBIDDEN',
    `The token in ${tokenEnv} is not a person's token (${why}): an App's installation token or GitHub Actions' token cannot ask for access, because the pull request's author is the requester. Set GH_TOKEN to your own token (e.g. GH_TOKEN=$(gh auth token)).`,
  );
}

/**
 * The git identity of the requester's commit: GitHub's no-reply address `ID+LOGIN@…`, which
 * GitHub maps to the account whatever its email settings, so the commit's author is the
 * requester on GitHub too (I1; a commit GitHub cannot map refuses the request).
 */
export function noReplySignature(account: TokenAccount): Signature {
  return { name: account.login, email: `${account.id}+${account.login}@users.noreply.github.com` };
}
