import { UsageError } from '../core/errors.js';
import { quote } from '../core/text.js';

/** A repository on GitHub, as the REST API names it. */
export interface RepoRef {
  owner: string;
  repo: string;
}

const NAME = /^([A-Za-z0-9](?:[A-Za-z0-9-]{0,38}))\/([A-Za-z0-9._-]{1,100})$/;

/** `owner/name` (as in GITHUB_REPOSITORY), checked before it reaches a URL. */
export function parseRepoRef(text: string, where = 'the repository'): RepoRef {
  const m = NAME.exec(text.trim());
  if (!m || m[2] === '.' || m[2] === '..') {
    throw new UsageError(
      `${where} must be written OWNER/NAME, as in GITHUB_REPOSITORY (e.g. acme/access); got ${quote(text, 120)}.`,
    );
  }
  return { owner: m[1]!, repo: m[2]! };
}

export const repoName = (r: RepoRef) => `${r.owner}/${r.repo}`;

/**
 * The repository a clone's remote URL names on `host` (e.g. github.com), in the forms GitHub
 * gives: `https://HOST/OWNER/NAME(.git)`, `git@HOST:OWNER/NAME(.git)`, `ssh://git@HOST/…`.
 * Null for any other URL.
 */
export function repoRefFromRemote(url: string, host: string): RepoRef | null {
  const h = host.toLowerCase().replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const m = new RegExp(
    `^(?:https://(?:[^@/]+@)?${h}/|ssh://git@${h}(?::\\d+)?/|git@${h}:)([^/]+/[^/]+?)(?:\\.git)?/?$`,
    'i',
  ).exec(url.trim());
  if (!m) return null;
  try {
    return parseRepoRef(m[1]!);
  } catch {
    return null;
  }
}
