import type { Identity } from '../core/forge.js';
import type { GitRepository, Signature } from '../core/git-port.js';
import { LOGIN_PATTERN } from '../core/policy/schema.js';

const LOGIN = new RegExp(LOGIN_PATTERN);
/** GitHub's no-reply addresses: `LOGIN@users.noreply.github.com` or `ID+LOGIN@…`. */
const NO_REPLY = /^(?:\d+\+)?([^@+\s]+)@users\.noreply\.github\.com$/i;

/**
 * The GitHub login behind a git identity, as the local forge reads it: from a GitHub no-reply
 * address when the email is one (what GitHub itself writes, and the least ambiguous), else the
 * name, lower-cased, when it is a valid login. Anything else is null: the local forge never
 * guesses who someone is, and a request with such a commit is refused with a problem.
 */
export function loginOf(name: string, email: string): string | null {
  const m = NO_REPLY.exec(email.trim());
  const candidate = m ? m[1]! : name.trim();
  return LOGIN.test(candidate) ? candidate.toLowerCase() : null;
}

export function identityOf(name: string, email: string): Identity {
  return { login: loginOf(name, email), display: `${name} <${email}>` };
}

/** The git identity the local forge writes for a login: its GitHub no-reply address. */
export function signatureFor(login: string): Signature {
  return { name: login, email: `${login}@users.noreply.github.com` };
}

/**
 * The committer of every commit the local forge makes itself (merges, expiry reverts), as
 * GitHub's own `web-flow` commits its merges: the person who asked is the author.
 */
export const FORGE_SIGNATURE: Signature = { name: 'grantops', email: 'grantops@localhost' };

/** The login of the git identity configured in `git` (user.name, user.email), if it reads as one. */
export async function configuredLogin(git: GitRepository): Promise<string | null> {
  const { name, email } = await git.configuredIdentity();
  return name || email ? loginOf(name, email) : null;
}
