import { describe, expect, it } from 'vitest';
import { checkLanding } from '../../src/core/landing.js';
import { loadPolicies } from '../../src/core/policy/load.js';
import { providerSchemas } from '../../src/providers/schemas.js';
import { TEST_PEOPLE, testRoles } from '../helpers/gitrepo.js';

const policy = loadPolicies(
  [
    { path: 'policies/people.yaml', text: TEST_PEOPLE },
    { path: 'policies/roles.yaml', text: testRoles() },
  ],
  providerSchemas,
).policy;
const at = new Date('2026-01-01T10:00:00Z');
const land = (path: string, text: string, mode = '100644') =>
  checkLanding({ path, mode, content: { text } }, policy.roles, at);
const codes = (l: ReturnType<typeof land>) => l.problems.map((p) => p.code);

describe('checking a landed grant file', () => {
  it('accepts a valid file and computes its window', () => {
    const l = land('grants/db-read/alice.yaml', 'duration: 2h\nreason: INC-1 slow queries\n');
    expect(l.valid).toBe(true);
    expect(l.window?.expiresAt).toEqual(new Date('2026-01-01T12:00:00Z'));
  });

  it('caps the duration by the role maximum instead of refusing it', () => {
    const l = land(
      'grants/db-write/alice.yaml',
      'duration: 1d\nreason: INC-1 fix data\nparams: { schema: orders }\n',
    );
    expect(l.valid).toBe(true);
    expect(l.window).toMatchObject({ seconds: 7200, capped: true });
  });

  it.each([
    ['grants/db-read/Alice.yaml', 'duration: 2h\nreason: INC-1 x\n', '100644', 'E_GRANT_PATH'],
    ['grants/db-read/alice.yaml', 'grants/x', '120000', 'E_NOT_REGULAR_FILE'],
    ['grants/nope/alice.yaml', 'duration: 2h\nreason: INC-1 x\n', '100644', 'E_ROLE_UNKNOWN'],
    ['grants/db-read/alice.yaml', 'duration: forever\nreason: INC-1 x\n', '100644', 'E_DURATION'],
    [
      'grants/db-read/alice.yaml',
      'duration: 2h\nreason: INC-1 x\nstart: tomorrow\n',
      '100644',
      'E_START',
    ],
    ['grants/db-read/alice.yaml', 'duration: 2h\n', '100644', 'E_MISSING_KEY'],
    ['grants/db-read/alice.yaml', 'a: &x 1\nb: *x\n', '100644', 'E_YAML_ANCHOR'],
    [
      'grants/db-write/alice.yaml',
      'duration: 1h\nreason: INC-1 x\nparams: { schema: secrets }\n',
      '100644',
      'E_NOT_ALLOWED_VALUE',
    ],
    [
      'grants/db-read/alice.yaml',
      'duration: 1h\nreason: INC-1 x\nparams: { schema: orders }\n',
      '100644',
      'E_PARAMS',
    ],
  ])('refuses %s (%s) with %s', (path, text, mode, code) => {
    const l = land(path, text, mode);
    expect(l.valid).toBe(false);
    expect(l.window).toBeNull();
    expect(codes(l)).toContain(code);
  });

  it('refuses unreadable content and a branch without policies', () => {
    expect(
      codes(
        checkLanding(
          {
            path: 'grants/db-read/alice.yaml',
            mode: '100644',
            content: { unreadable: 'too-large', size: 99999 },
          },
          policy.roles,
          at,
        ),
      ),
    ).toEqual(['E_FILE_TOO_LARGE']);
    expect(
      codes(
        checkLanding(
          {
            path: 'grants/db-read/alice.yaml',
            mode: '100644',
            content: { unreadable: 'not-utf8' },
          },
          policy.roles,
          at,
        ),
      ),
    ).toEqual(['E_ENCODING']);
    expect(
      codes(
        checkLanding(
          {
            path: 'grants/db-read/alice.yaml',
            mode: '100644',
            content: { text: 'duration: 1h\nreason: INC-1 x\n' },
          },
          null,
          at,
        ),
      ),
    ).toEqual(['E_ROLE_UNKNOWN']);
  });
});
