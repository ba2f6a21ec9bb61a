import { ConfigError } from './errors.js';
import type { ProviderConfig } from './policy/types.js';
import { quote } from './problem.js';

export const DEFAULT_LOGIN_TEMPLATE = '{login}';

// C0 and C1 controls, DEL, and the Unicode line/paragraph separators: none belongs in a name,
// and each can hide or fake text in logs, SQL comments, or a terminal.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

/**
 * The grantee's identity at a provider: the provider's `users` override for this GitHub login,
 * else its `login` template with every `{login}` replaced by the lower-case login.
 *
 * The login comes from the grant file's path (checked against the PR author), never from the
 * file's content; the template comes from the policies on main. A result that is empty or holds
 * control characters is a configuration error: a provider must never be asked to act for it.
 */
export function identityFor(config: ProviderConfig, login: string): string {
  const lower = login.toLowerCase();
  const users = config.settings.users as Record<string, unknown> | undefined;
  const override = users && Object.hasOwn(users, lower) ? users[lower] : undefined;
  let identity: string;
  let from: string;
  if (override !== undefined) {
    if (typeof override !== 'string') {
      throw new ConfigError(
        `Provider ${quote(config.name)}: users.${lower} must be a string (the identity at the provider). Write it as text, e.g. ${lower}: ${lower}@example.com.`,
      );
    }
    identity = override;
    from = `its users.${lower} override`;
  } else {
    const template = config.settings.login ?? DEFAULT_LOGIN_TEMPLATE;
    if (typeof template !== 'string') {
      throw new ConfigError(
        `Provider ${quote(config.name)}: login must be a template string such as "{login}".`,
      );
    }
    identity = template.replaceAll('{login}', lower);
    from = `its login template ${quote(template)}`;
  }
  if (identity.trim() === '') {
    throw new ConfigError(
      `Provider ${quote(config.name)} maps GitHub login ${quote(lower)} to an empty identity (from ${from}). Give a non-empty identity, e.g. "{login}".`,
    );
  }
  if (CONTROL.test(identity)) {
    throw new ConfigError(
      `Provider ${quote(config.name)} maps GitHub login ${quote(lower)} to ${quote(identity)}, which contains control characters (from ${from}). Fix the login template or the users override: identities must be printable text.`,
    );
  }
  return identity;
}
