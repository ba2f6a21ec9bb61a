import { describe, expect, it } from 'vitest';
import { checkLanding, type Landing, type LandingContext } from '../../src/core/landing.js';
import type { TeamMembers } from '../../src/core/policy/principals.js';
import type { Policy } from '../../src/core/policy/types.js';
import { TEST_PEOPLE, testRoles } from '../helpers/gitrepo.js';
import { policyFrom } from '../helpers/policy.js';
import { GOOD_GRANT as GOOD, TRUST_PEOPLE, trustRoles } from '../helpers/trust.js';

/**
 * The ledger's judgement of one landed version (DESIGN I5): the request rules again, under the
 * policies in force at landing, and the approvals its commit's trailers claim, which count only
 * when they name an eligible approver by login.
 */
const basic = policyFrom([
  { path: 'policies/people.yaml', text: TEST_PEOPLE },
  { path: 'policies/roles.yaml', text: testRoles() },
]);
const strict = policyFrom([
  { path: 'policies/people.yaml', text: TRUST_PEOPLE },
  { path: 'policies/roles.yaml', text: trustRoles() },
]);
const at = new Date('2026-01-01T10:00:00Z');

interface Opts {
  approvedBy?: string[];
  policy?: Policy | null;
  mode?: string;
  teams?: TeamMembers;
  directory?: boolean;
  landedAt?: Date;
}
const land = (path: string, text: string, o: Opts = {}): Landing => {
  const ctx: LandingContext = {
    policy: o.policy === undefined ? basic : o.policy,
    landedAt: o.landedAt ?? at,
    approvedBy: o.approvedBy ?? ['carol'],
    teams: o.teams ?? new Map(),
    directory: o.directory ?? false,
  };
  return checkLanding({ path, mode: o.mode ?? '100644', content: { text } }, ctx);
};
const codes = (l: Landing) => l.problems.map((p) => p.code);

const R = 'grants/db-read/alice.yaml';
const strictly = (text: string, o: Opts = {}) => land(R, text, { policy: strict, ...o });

describe('checking a landed grant file', () => {
  it('accepts a valid, approved file and computes its window', () => {
    const l = land('grants/db-read/alice.yaml', 'duration: 2h\nreason: INC-1 slow queries\n');
    expect(l.state).toBe('valid');
    expect(l.window?.expiresAt).toEqual(new Date('2026-01-01T12:00:00Z'));
    expect(l.approval).toMatchObject({ required: 1, counted: ['carol'], notCounted: [] });
    expect(strictly(GOOD).state).toBe('valid');
  });

  it.each([
    ['grants/db-read/Alice.yaml', 'duration: 2h\nreason: INC-1 x\n', '100644', 'E_PATH'],
    ['grants/db-read/alice.yaml', 'grants/x', '120000', 'E_NOT_REGULAR_FILE'],
    [
      'grants/nope/alice.yaml',
      'duration: 2h\nreason: INC-1 xxxxxxxx\n',
      '100644',
      'E_UNKNOWN_ROLE',
    ],
    [R, 'duration: forever\nreason: INC-1 xxxxxxxx\n', '100644', 'E_DURATION_FORMAT'],
    [R, 'duration: 30s\nreason: INC-1 xxxxxxxx\n', '100644', 'E_DURATION_TOO_SHORT'],
    [R, 'duration: 2h\nreason: INC-1 xxxxxxxx\nstart: tomorrow\n', '100644', 'E_START_FORMAT'],
    [R, 'duration: 2h\n', '100644', 'E_MISSING_KEY'],
    [R, 'a: &x 1\nb: *x\n', '100644', 'E_YAML_ANCHOR'],
    [
      'grants/db-write/alice.yaml',
      'duration: 1h\nreason: INC-1 xxxxxxxx\nparams: { schema: secrets }\n',
      '100644',
      'E_PARAMS_NOT_ALLOWED_VALUE',
    ],
    [
      R,
      'duration: 1h\nreason: INC-1 xxxxxxxx\nparams: { schema: orders }\n',
      '100644',
      'E_PARAMS_NOT_ALLOWED',
    ],
  ])('refuses %s (%s) with %s', (path, text, mode, code) => {
    const l = land(path, text, { mode });
    expect(l.state).toBe('invalid');
    expect(l.window).toBeNull();
    expect(codes(l)).toContain(code);
  });

  it('refuses unreadable content and a branch without policies', () => {
    const unreadable = (content: Parameters<typeof checkLanding>[0]['content'], policy = basic) =>
      codes(
        checkLanding(
          { path: R, mode: '100644', content },
          { policy, landedAt: at, approvedBy: ['carol'], teams: new Map(), directory: false },
        ),
      );
    expect(unreadable({ unreadable: 'too-large', size: 99999 })).toEqual(['E_FILE_TOO_LARGE']);
    expect(unreadable({ unreadable: 'not-utf8' })).toEqual(['E_ENCODING']);
    expect(unreadable({ unreadable: 'missing' })).toEqual(['E_MISSING_OBJECT']);
    expect(land(R, 'duration: 1h\nreason: INC-1 xxxxxxxx\n', { policy: null }).state).toBe(
      'invalid',
    );
    expect(codes(land(R, 'duration: 1h\nreason: INC-1 xxxxxxxx\n', { policy: null }))).toEqual([
      'E_UNKNOWN_ROLE',
    ]);
  });
});

describe('a landed grant is held to every rule validate applies that does not need the pull request', () => {
  it.each([
    [
      'a duration over the role maximum at landing',
      GOOD.replace('2h', '9h'),
      'E_DURATION_TOO_LONG',
    ],
    [
      'a start months ahead of the landing',
      `${GOOD}start: 2026-06-01T00:00:00Z\n`,
      'E_START_TOO_FAR',
    ],
    [
      'a start one minute past the lead time',
      `${GOOD}start: 2026-01-03T10:01:00Z\n`,
      'E_START_TOO_FAR',
    ],
    [
      'a reason that fails the pattern',
      GOOD.replace('INC-1 slow', 'because slow'),
      'E_REASON_PATTERN',
    ],
    [
      'a reason under the minimum length',
      GOOD.replace('INC-1 slow queries on orders', 'INC-1'),
      'E_REASON_TOO_SHORT',
    ],
    [
      'a reason with a bidi override',
      GOOD.replace(
        'reason: INC-1 slow queries on orders',
        'reason: "INC-1 \\u202eslow queries on orders"',
      ),
      'E_REASON_FORMAT',
    ],
    ['a missing required ticket', GOOD.replace('ticket: INC-1\n', ''), 'E_TICKET_REQUIRED'],
    [
      'a ticket that fails the pattern',
      GOOD.replace('ticket: INC-1', 'ticket: JIRA-1'),
      'E_TICKET_PATTERN',
    ],
    [
      'params omitted where the schema requires a key',
      GOOD.replace('params: { schema: orders }\n', ''),
      'E_PARAMS_MISSING_KEY',
    ],
    [
      'params without the required key',
      GOOD.replace('{ schema: orders }', '{}'),
      'E_PARAMS_MISSING_KEY',
    ],
    [
      'a param outside the schema',
      GOOD.replace('{ schema: orders }', '{ schema: orders, table: x }'),
      'E_PARAMS_UNKNOWN_KEY',
    ],
  ])('%s makes it invalid', (_, text, code) => {
    const l = strictly(text);
    expect(codes(l)).toContain(code);
    expect(l.state).toBe('invalid');
    expect(l.window).toBeNull();
  });

  it('accepts a start within the lead time, and a start that the landing already passed', () => {
    const ahead = strictly(`${GOOD}start: 2026-01-03T10:00:00Z\n`);
    expect(ahead.state).toBe('valid');
    expect(ahead.window?.startsAt).toEqual(new Date('2026-01-03T10:00:00Z'));
    // Validated for 09:00, merged at 10:00: the window opens when it landed.
    const passed = strictly(`${GOOD}start: 2026-01-01T09:00:00Z\n`);
    expect(passed.state).toBe('valid');
    expect(passed.window?.startsAt).toEqual(at);
  });

  it('judges by the role as it was at landing, not as it is now', () => {
    const looser = policyFrom([
      { path: 'policies/people.yaml', text: TRUST_PEOPLE },
      { path: 'policies/roles.yaml', text: trustRoles({ max: '12h' }) },
    ]);
    const text = GOOD.replace('2h', '10h');
    expect(strictly(text).state).toBe('invalid');
    expect(land(R, text, { policy: looser }).state).toBe('valid');
  });

  it('fails closed when a policy of the past cannot be applied (a pattern that does not compile)', () => {
    const broken = structuredClone(strict);
    broken.roles.get('db-read')!.reason.pattern = '(unclosed';
    const l = land(R, GOOD, { policy: broken });
    expect(l.state).toBe('invalid');
    expect(codes(l)).toContain('E_POLICY_INVALID');
  });
});

describe('approvals written as text are not approvals', () => {
  const judge = (approvedBy: string[], o: Opts = {}) =>
    land('grants/db-read/alice.yaml', 'duration: 2h\nreason: INC-1 slow queries\n', {
      approvedBy,
      ...o,
    });
  const notCounted = (l: Landing) => l.approval!.notCounted.map((n) => [n.value, n.why]);

  it.each([
    ['a name and e-mail address', 'Carol Smith <carol@example.com>', /not a bare GitHub login/],
    ['a login behind an @', '@carol', /not a bare GitHub login/],
    ['two logins in one value', 'carol, dave', /not a bare GitHub login/],
    ['a look-alike of a login (Cyrillic a)', 'c\u0430rol', /not a bare GitHub login/],
    ['a login too long for GitHub', `carol${'x'.repeat(40)}`, /not a bare GitHub login/],
    ['a login with a double hyphen', 'car--ol', /not a bare GitHub login/],
    ['a login ending in a hyphen', 'carol-', /not a bare GitHub login/],
    ['the requester', 'alice', /names the requester/],
    ['the requester in another case', 'ALICE', /names the requester/],
    ['the requester behind an @', '@Alice', /names the requester/],
    ['the requester with an address', 'Alice <a@x>', /names the requester/],
    ['the requester as an address', 'alice@users.noreply.github.com', /names the requester/],
    ['a login that is no approver of the role', 'erin', /not an approver of db-read/],
    ['a stranger', 'mallory', /not an approver of db-read/],
    ['github-actions', 'github-actions', /bots never approve/],
    ['GitHub-Actions in another case', 'GitHub-Actions', /bots never approve/],
    ['a bot', 'x[bot]', /bots never approve/],
    ['an approver as a bot', 'carol[bot]', /bots never approve/],
  ])('%s does not count', (_, value, why) => {
    const l = judge([value]);
    expect(l.state).toBe('unapproved');
    expect(l.window).toBeNull();
    expect(l.approval!.counted).toEqual([]);
    expect(notCounted(l)).toEqual([[value, expect.stringMatching(why)]]);
    expect(codes(l)).toEqual(['E_UNAPPROVED_LANDING']);
  });

  it('counts a bare approver login in any case, and a duplicate once', () => {
    expect(judge(['CAROL']).state).toBe('valid');
    expect(judge(['CAROL']).approval!.counted).toEqual(['carol']);
    const twice = land('grants/db-pair/alice.yaml', GOOD, {
      policy: strict,
      approvedBy: ['carol', 'Carol', 'CAROL'],
    });
    expect(twice.state).toBe('unapproved');
    expect(twice.approval).toMatchObject({ required: 2, counted: ['carol'] });
    expect(twice.problems[0]!.message).toMatch(/needed 2 approvals .* name 1 that count \(carol\)/);
    expect(
      land('grants/db-pair/alice.yaml', GOOD, { policy: strict, approvedBy: ['carol', 'DAVE'] })
        .state,
    ).toBe('valid');
  });

  it('no text the requester writes adds up to approval: every non-counting form at once', () => {
    const l = land('grants/db-pair/alice.yaml', GOOD, {
      policy: strict,
      approvedBy: [
        'carol',
        'Carol <carol@example.com>',
        '@dave',
        'alice',
        'x[bot]',
        'github-actions',
        'mallory',
      ],
    });
    expect(l.state).toBe('unapproved');
    expect(l.approval!.counted).toEqual(['carol']);
    expect(l.approval!.notCounted).toHaveLength(6);
  });

  it('counts a team-only approver only through a directory, and says so without one', () => {
    const teamOnly = (o: Opts) => land(R, GOOD, { policy: strict, approvedBy: ['dana'], ...o });
    const without = teamOnly({});
    expect(without.state).toBe('unapproved');
    expect(notCounted(without)).toEqual([
      [
        'dana',
        expect.stringMatching(/@acme\/db-admins could not be resolved \(no directory was given/),
      ],
    ]);
    const teams = new Map([
      ['@acme/db-admins', ['dana']],
      ['@acme/sre', ['olga']],
    ]);
    expect(teamOnly({ teams, directory: true }).state).toBe('valid');
    expect(teamOnly({ teams: new Map([['@acme/db-admins', null]]), directory: true }).state).toBe(
      'unapproved',
    );
  });

  it('requires the requester to be eligible at landing', () => {
    const teams = new Map([
      ['@acme/db-admins', []],
      ['@acme/sre', ['olga']],
    ]);
    const stranger = land('grants/db-read/mallory.yaml', GOOD, {
      policy: strict,
      teams,
      directory: true,
    });
    expect(stranger.state).toBe('unapproved');
    expect(stranger.window).toBeNull();
    expect(stranger.approval!.counted).toEqual(['carol']);
    expect(codes(stranger)).toEqual(['E_UNAPPROVED_LANDING', 'E_NOT_ELIGIBLE']);
    expect(stranger.problems[0]!.message).toMatch(/Requester: "mallory" may not request db-read/);
    // Eligible only through a team: only a directory can say so, and without one nobody is.
    const olga = land('grants/db-read/olga.yaml', GOOD, { policy: strict });
    expect(olga.state).toBe('unapproved');
    expect(codes(olga)).toEqual(['E_UNAPPROVED_LANDING', 'E_TEAM_UNRESOLVED']);
    expect(
      land('grants/db-read/olga.yaml', GOOD, { policy: strict, teams, directory: true }).state,
    ).toBe('valid');
    expect(
      land('grants/db-read/mallory.yaml', GOOD, { policy: strict, directory: false }).problems.map(
        (p) => p.code,
      ),
    ).toEqual(['E_UNAPPROVED_LANDING', 'E_TEAM_UNRESOLVED']);
  });

  it('says which values did not count and why, escaped, and bounded', () => {
    const hostile = ['carol\u001b[31m', 'dave\u202e', 'x'.repeat(300)];
    const many = Array.from({ length: 40 }, (_, i) => `Person ${i}`);
    const l = judge([...hostile, ...many]);
    const message = l.problems[0]!.message;
    expect(message).toContain('"carol\\u001b[31m" (not a bare GitHub login');
    expect(message).toContain('"dave\\u202e"');
    expect(message).not.toContain('\u001b');
    expect(message).not.toContain('\u202e');
    expect(message).toContain('and 33 more');
    expect(message.length).toBeLessThan(2500);
    expect(message).toMatch(/Trailers are evidence, not authority/);
  });

  it("an approval that would count alongside the requester's own text still counts", () => {
    expect(judge(['alice', 'carol']).state).toBe('valid');
  });
});
