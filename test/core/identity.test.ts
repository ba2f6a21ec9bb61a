import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/core/errors.js';
import type { ProviderConfig } from '../../src/core/policy/types.js';
import { identityFor } from '../../src/core/identity.js';

const provider = (settings: Record<string, unknown>): ProviderConfig => ({
  name: 'orders-db',
  type: 'postgres',
  settings: { type: 'postgres', ...settings },
  origin: { file: 'policies/db.yaml', at: null },
});

describe('identityFor', () => {
  it('uses the lower-case login when there is no template', () => {
    expect(identityFor(provider({}), 'Alice-Smith')).toBe('alice-smith');
  });

  it('fills every {login} of the template', () => {
    expect(identityFor(provider({ login: '{login}@acme.example' }), 'Bob')).toBe(
      'bob@acme.example',
    );
    expect(identityFor(provider({ login: 'u_{login}_{login}' }), 'bob')).toBe('u_bob_bob');
  });

  it('prefers the users override, keyed by lower-case login, used as written', () => {
    const p = provider({
      login: '{login}@acme.example',
      users: { carol: 'Carol.Jones@acme.example' },
    });
    expect(identityFor(p, 'CAROL')).toBe('Carol.Jones@acme.example');
    expect(identityFor(p, 'dave')).toBe('dave@acme.example');
  });

  it('never takes an inherited property for an override', () => {
    expect(identityFor(provider({ users: {} }), 'constructor')).toBe('constructor');
    expect(identityFor(provider({ users: {} }), '__proto__')).toBe('__proto__');
  });

  it('rejects an empty identity, naming the provider, the login and where it came from', () => {
    const err = (() => {
      try {
        identityFor(provider({ users: { erin: '  ' } }), 'erin');
      } catch (e) {
        return e as Error;
      }
    })();
    expect(err).toBeInstanceOf(ConfigError);
    expect(err?.message).toBe(
      'Provider "orders-db" maps GitHub login "erin" to an empty identity (from its users.erin override). Give a non-empty identity, e.g. "{login}".',
    );
  });

  it.each(['a\nb', 'a\u0000b', 'a\u001bb', 'a\u007fb', 'a\u0085b', 'a\u2028b'])(
    'rejects control characters (%j)',
    (bad) => {
      expect(() => identityFor(provider({ users: { frank: bad } }), 'frank')).toThrow(
        /contains control characters/,
      );
      expect(() => identityFor(provider({ login: `${bad}{login}` }), 'frank')).toThrow(ConfigError);
    },
  );

  it('rejects settings that are not strings', () => {
    expect(() => identityFor(provider({ login: 42 }), 'gina')).toThrow(
      /login must be a template string/,
    );
    expect(() => identityFor(provider({ users: { gina: 7 } }), 'gina')).toThrow(
      /users.gina must be a string/,
    );
  });
});
