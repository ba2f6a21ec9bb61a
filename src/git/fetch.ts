import { ExternalError } from '../core/errors.js';
import type { GitSource } from '../core/git-port.js';
import { quote } from '../core/text.js';
import { git } from './run.js';

/**
 * Fetching the commits a forge names into the local repository, so that files, diffs and commit
 * lists come from git's own objects (I3). GitHub serves any reachable commit by its SHA, forks'
 * pull request heads included, so the commits are fetched by SHA and nothing else is written:
 * no ref, no FETCH_HEAD, no tag.
 */

export const SHA1 = /^[0-9a-f]{40}$/;

const present = async (repo: string, sha: string) =>
  (await git(repo, ['cat-file', '-e', `${sha}^{commit}`])).code === 0;

/**
 * The token as git's own configuration for this one process, given in the environment
 * (GIT_CONFIG_COUNT, git 2.31+): an argument would show in every user's process list and in an
 * error naming the command; a URL would land in messages and in `.git/config`.
 *
 * The header is keyed to the fetch's own URL, after an empty value that clears the headers
 * configured before it. actions/checkout leaves `http.https://github.com/.extraheader` (the job's
 * GITHUB_TOKEN) in the checkout's config, and git keeps only the most specific URL's entries: a
 * plain `http.extraHeader` would be dropped and the fetch sent with the job's token instead.
 */
export function authEnv(url: string, token: string | undefined): Record<string, string> {
  if (!token) return {};
  const basic = Buffer.from(`x-access-token:${token}`).toString('base64');
  const key = `http.${url}.extraHeader`;
  return {
    GIT_CONFIG_COUNT: '2',
    GIT_CONFIG_KEY_0: key,
    GIT_CONFIG_VALUE_0: '',
    GIT_CONFIG_KEY_1: key,
    GIT_CONFIG_VALUE_1: `Authorization: Basic ${basic}`,
  };
}

/** Makes sure every commit in `shas` is in `repo`, fetching the missing ones from `source`. */
export async function fetchCommits(
  repo: string,
  source: GitSource,
  shas: readonly string[],
): Promise<void> {
  const missing: string[] = [];
  for (const sha of new Set(shas)) {
    // Only a SHA-1 is passed to git: anything else could be read as an option or a refspec.
    if (!SHA1.test(sha))
      throw new ExternalError(
        'E_GIT',
        `${quote(sha, 60)} was named as a commit to fetch; only a full SHA-1 (40 hex digits) can be. This is a bug in grantops: please report it.`,
      );
    if (!(await present(repo, sha))) missing.push(sha);
  }
  if (!missing.length) return;
  const r = await git(
    repo,
    [
      'fetch',
      '--quiet',
      '--no-tags',
      '--no-write-fetch-head',
      '--end-of-options',
      source.url,
      ...missing,
    ],
    undefined,
    authEnv(source.url, source.token),
  );
  const fetched = (await Promise.all(missing.map((s) => present(repo, s)))).every(Boolean);
  if (r.code !== 0 || !fetched) {
    throw new ExternalError(
      'E_GIT_FETCH',
      `git could not fetch ${missing.map((s) => s.slice(0, 12)).join(', ')} into ${quote(repo, 200)}: ${r.stderr.trim().slice(0, 300) || `exit ${r.code}`}. Give the local repository the remote's history (in a workflow: actions/checkout with fetch-depth: 0) and a token that can read it, then run again.`,
    );
  }
}
