import { describe, expect, it } from 'vitest';
import { parseGrantPath } from '../../src/core/paths.js';
import { closest, suggestedGrantPath } from '../../src/core/request/suggest.js';

describe('hints', () => {
  it('suggest only names that are valid as written', () => {
    const roles = ['db-read', 'db-re\u0430d', 'DB-read', 'db read', 'db-rea\u200bd', 'db-write'];
    expect(closest('db-reed', roles)).toEqual(['db-read']);
    expect(closest('db-re\u0430d', roles)).toEqual(['db-read']);
    // A caller may say what valid means; the default is a role name.
    expect(closest('alice', ['alice', 'Alice', 'al-ice'], 3, (n) => /^[a-z]+$/.test(n))).toEqual([
      'alice',
    ]);
  });

  it('a suggested path is one the allow-list accepts, with placeholders where input is not valid', () => {
    const cases: [string | undefined, string, string][] = [
      ['db-read', 'alice', 'grants/db-read/alice.yaml'],
      [undefined, 'alice', 'grants/<role>/alice.yaml'],
      ['db-re\u0430d', 'alice', 'grants/<role>/alice.yaml'],
      ['db-read', 'al\u202eice', 'grants/db-read/<login>.yaml'],
      ['../x', '-bob', 'grants/<role>/<login>.yaml'],
    ];
    for (const [role, login, path] of cases) {
      expect(suggestedGrantPath(role, login)).toBe(path);
      if (!path.includes('<')) expect(parseGrantPath(path)).not.toBeNull();
    }
  });
});
