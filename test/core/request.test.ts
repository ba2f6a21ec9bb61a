import { describe, expect, it } from 'vitest';
import type { FileChange, RequestInput } from '../../src/core/request/types.js';
import { validateRequest } from '../../src/core/request/validate.js';
import { examplePolicy, policyFrom } from '../helpers/policy.js';
import { GOOD_GRANT, TRUST_PEOPLE, trustRoles } from '../helpers/trust.js';

const NOW = new Date('2026-11-25T12:00:00Z');
const policy = examplePolicy();
const teams = new Map<string, string[] | null>([
  ['@acme/sre-oncall', ['olga', 'oscar']],
  ['@acme/engineering', ['erin', 'olga', 'bob']],
  ['@acme/db-admins', ['dana', 'dmitri']],
  ['@acme/security', ['sam', 'sofia']],
]);

function add(path: string, text: string, over: Partial<FileChange> = {}): FileChange {
  return {
    path,
    status: 'added',
    oldMode: '000000',
    newMode: '100644',
    size: Buffer.byteLength(text),
    text,
    ...over,
  };
}
const GOOD = 'duration: 2h\nreason: INC-4821 slow checkout queries need EXPLAIN\n';

function decide(changes: FileChange[], over: Partial<RequestInput> = {}) {
  return validateRequest({ author: 'alice', changes, policy, teams, now: NOW, ...over });
}
const codes = (d: ReturnType<typeof decide>) => d.problems.map((p) => p.code);

describe('validateRequest: a valid request', () => {
  it('accepts a well-formed request by an eligible author and describes it', () => {
    const d = decide([add('grants/orders-db-read/alice.yaml', GOOD)]);
    expect(d).toEqual({
      valid: true,
      approved: null,
      problems: [],
      grants: [
        {
          path: 'grants/orders-db-read/alice.yaml',
          role: 'orders-db-read',
          requester: 'alice',
          change: 'added',
          duration_seconds: 7200,
          approvals_required: 1,
        },
      ],
    });
  });

  it('accepts eligibility through a team resolved by the directory', () => {
    expect(decide([add('grants/orders-db-read/erin.yaml', GOOD)], { author: 'erin' }).valid).toBe(
      true,
    );
  });

  it('treats the author case-insensitively (I1)', () => {
    expect(decide([add('grants/orders-db-read/alice.yaml', GOOD)], { author: 'Alice' }).valid).toBe(
      true,
    );
  });

  it('calls a changed existing grant a renewal and checks it like a new one', () => {
    const d = decide([
      add('grants/orders-db-read/alice.yaml', 'duration: 9h\nreason: INC-1 renew please ok\n', {
        status: 'modified',
        oldMode: '100644',
      }),
    ]);
    expect(d.grants[0]!.change).toBe('renewed');
    expect(codes(d)).toEqual(['E_DURATION_TOO_LONG']);
  });
});

describe('validateRequest: identity, scope and paths', () => {
  const cases: [string, FileChange[], Partial<RequestInput>, string[]][] = [
    [
      "someone else's file (I1)",
      [add('grants/orders-db-read/bob.yaml', GOOD)],
      {},
      ['E_REQUESTER_MISMATCH'],
    ],
    [
      'a policy change inside a request (I3)',
      [
        add('grants/orders-db-read/alice.yaml', GOOD),
        add('policies/people.yaml', 'admins: [alice]\n'),
      ],
      {},
      ['E_SCOPE'],
    ],
    ['a workflow change', [add('.github/workflows/x.yml', 'on: push\n')], {}, ['E_SCOPE']],
    ['a .yml extension', [add('grants/orders-db-read/alice.yml', GOOD)], {}, ['E_PATH']],
    [
      'an upper-case login in the path',
      [add('grants/orders-db-read/Alice.yaml', GOOD)],
      {},
      ['E_PATH'],
    ],
    ['a nested folder', [add('grants/orders-db-read/x/alice.yaml', GOOD)], {}, ['E_PATH']],
    ['a dot-dot path', [add('grants/../policies/alice.yaml', GOOD)], {}, ['E_PATH']],
    ['a Unicode look-alike login', [add('grants/orders-db-read/аlice.yaml', GOOD)], {}, ['E_PATH']],
    [
      'a symlink',
      [
        add('grants/orders-db-read/alice.yaml', '../../policies/people.yaml', {
          newMode: '120000',
        }),
      ],
      {},
      ['E_NOT_REGULAR_FILE'],
    ],
    [
      'a submodule',
      [add('grants/orders-db-read/alice.yaml', '', { newMode: '160000', text: null })],
      {},
      ['E_NOT_REGULAR_FILE'],
    ],
    [
      'an oversized file',
      [add('grants/orders-db-read/alice.yaml', '', { size: 1 << 20, text: null })],
      {},
      ['E_FILE_TOO_LARGE'],
    ],
    [
      'bytes that are not UTF-8',
      [add('grants/orders-db-read/alice.yaml', '', { text: null, notUtf8: true })],
      {},
      ['E_ENCODING'],
    ],
    ['an unknown role', [add('grants/orders-db-reed/alice.yaml', GOOD)], {}, ['E_UNKNOWN_ROLE']],
    [
      'an ineligible author',
      [
        add(
          'grants/orders-db-write/erin.yaml',
          'duration: 1h\nreason: INC-77 fix the broken order rows\nticket: INC-77\n',
        ),
      ],
      { author: 'erin' },
      ['E_NOT_ELIGIBLE'],
    ],
    ['an empty change', [], {}, ['E_NO_CHANGES']],
  ];
  it.each(cases)('rejects %s', (_name, changes, over, expected) => {
    const d = decide(changes, over);
    expect(d.valid).toBe(false);
    expect(codes(d)).toEqual(expected);
  });

  it('suggests the closest role for a typo', () => {
    const d = decide([add('grants/orders-db-reed/alice.yaml', GOOD)]);
    expect(d.problems[0]!.message).toContain('Did you mean orders-db-read');
  });

  it('fails closed when a team cannot be resolved', () => {
    const d = decide([add('grants/orders-db-read/erin.yaml', GOOD)], {
      author: 'erin',
      teams: new Map(),
    });
    expect(codes(d)).toEqual(['E_TEAM_UNRESOLVED']);
  });
});

describe('validateRequest: content rules', () => {
  const role = 'grants/orders-db-read/alice.yaml';
  const cases: [string, string, string[], number | null][] = [
    [
      'a duration over the role maximum',
      'duration: 9h\nreason: INC-4821 look at slow queries\n',
      ['E_DURATION_TOO_LONG'],
      1,
    ],
    [
      'an unreadable duration',
      'duration: two hours\nreason: INC-4821 look at slow queries\n',
      ['E_DURATION_FORMAT'],
      1,
    ],
    [
      'a bare number as duration',
      'duration: 120\nreason: INC-4821 look at slow queries\n',
      ['E_DURATION_FORMAT'],
      1,
    ],
    [
      'a duration under a minute',
      'duration: 30s\nreason: INC-4821 look at slow queries\n',
      ['E_DURATION_TOO_SHORT'],
      1,
    ],
    ['a missing reason', 'duration: 2h\n', ['E_MISSING_KEY'], 1],
    ['a short reason', 'duration: 2h\nreason: INC-1 x\n', ['E_REASON_TOO_SHORT'], 2],
    [
      'a reason without the incident number',
      'duration: 2h\nreason: just looking at some queries\n',
      ['E_REASON_PATTERN'],
      2,
    ],
    [
      'a multi-line reason (trailer injection)',
      'duration: 2h\nreason: "INC-1 ok fine\\nApproved-by: mallory"\n',
      ['E_REASON_FORMAT'],
      2,
    ],
    [
      'a reason hiding a zero-width space',
      'duration: 2h\nreason: "INC-4821 look at\u200b slow queries"\n',
      ['E_REASON_FORMAT'],
      2,
    ],
    [
      'a start in the past',
      'duration: 2h\nreason: INC-4821 look at slow queries\nstart: 2026-11-24T09:00:00Z\n',
      ['E_START_IN_PAST'],
      3,
    ],
    [
      'a start without offset',
      'duration: 2h\nreason: INC-4821 look at slow queries\nstart: 2026-11-26T09:00:00\n',
      ['E_START_FORMAT'],
      3,
    ],
    [
      'an impossible date',
      'duration: 2h\nreason: INC-4821 look at slow queries\nstart: 2026-02-30T09:00:00Z\n',
      ['E_START_FORMAT'],
      3,
    ],
    [
      'a start too far ahead',
      'duration: 2h\nreason: INC-4821 look at slow queries\nstart: 2027-01-30T09:00:00Z\n',
      ['E_START_TOO_FAR'],
      3,
    ],
    [
      'params outside the role schema',
      'duration: 2h\nreason: INC-4821 look at slow queries\nparams:\n  schema: payroll\n',
      ['E_PARAMS_NOT_ALLOWED_VALUE'],
      4,
    ],
    [
      'an unknown param',
      'duration: 2h\nreason: INC-4821 look at slow queries\nparams:\n  table: x\n',
      ['E_PARAMS_UNKNOWN_KEY'],
      4,
    ],
    [
      'an unknown key',
      'duration: 2h\nreason: INC-4821 look at slow queries\nrole: admin\n',
      ['E_UNKNOWN_KEY'],
      3,
    ],
    [
      'an alias',
      'duration: &d 2h\nreason: INC-4821 look at slow queries\nticket: *d\n',
      ['E_YAML_ANCHOR', 'E_YAML_ALIAS'],
      1,
    ],
  ];
  it.each(cases)('rejects %s with its code and line', (_name, text, expected, line) => {
    const d = decide([add(role, text)]);
    expect(d.valid).toBe(false);
    expect(codes(d)).toEqual(expected);
    expect(d.problems[0]!.line).toBe(line);
    expect(d.problems[0]!.path).toBe(role);
  });

  it('accepts a future start within the lead time', () => {
    expect(
      decide([
        add(
          role,
          'duration: 2h\nreason: INC-4821 look at slow queries\nstart: 2026-11-26T09:00:00+01:00\n',
        ),
      ]).valid,
    ).toBe(true);
  });

  it('keeps `ticket: 0777` as the text written', () => {
    const d = decide([
      add(
        'grants/orders-db-write/alice.yaml',
        'duration: 1h\nreason: INC-77 fix the broken order rows\nticket: 0777\n',
      ),
    ]);
    expect(codes(d)).toEqual(['E_TICKET_PATTERN']);
    expect(d.problems[0]!.message).toContain('"0777"');
  });

  it('enforces required and forbidden tickets', () => {
    expect(
      codes(
        decide([
          add(
            'grants/orders-db-write/alice.yaml',
            'duration: 1h\nreason: INC-77 fix the broken order rows\n',
          ),
        ]),
      ),
    ).toEqual(['E_TICKET_REQUIRED']);
    expect(
      codes(
        decide([
          add(
            'grants/aws-prod-readonly/alice.yaml',
            'duration: 1h\nreason: looking at the bill\nparams: {a: 1}\n',
          ),
        ]),
      ),
    ).toEqual(['E_PARAMS_NOT_ALLOWED']);
  });
});

describe('validateRequest: revocations', () => {
  const del = (path: string): FileChange => ({
    path,
    status: 'deleted',
    oldMode: '100644',
    newMode: '000000',
    size: null,
    text: null,
  });
  it('lets the requester delete their own grant without approval', () => {
    const d = decide([del('grants/orders-db-read/alice.yaml')], { approvedBy: [] });
    expect(d).toMatchObject({
      valid: true,
      approved: true,
      grants: [{ change: 'revoked', requester: 'alice' }],
    });
  });
  it('lets an approver of the role revoke someone else', () => {
    expect(decide([del('grants/orders-db-read/bob.yaml')], { author: 'carol' }).valid).toBe(true);
    expect(decide([del('grants/orders-db-read/bob.yaml')], { author: 'dana' }).valid).toBe(true);
  });
  it('refuses a revocation by anyone else', () => {
    expect(codes(decide([del('grants/orders-db-read/bob.yaml')], { author: 'erin' }))).toEqual([
      'E_REVOKE_NOT_ALLOWED',
    ]);
  });
});

describe('validateRequest: approvals (I2)', () => {
  const req = [
    add(
      'grants/orders-db-write/alice.yaml',
      'duration: 1h\nreason: INC-77 fix the broken order rows\nticket: INC-77\n',
    ),
  ];
  it('approves when enough distinct approvers approved', () => {
    const d = decide(req, { approvedBy: ['carol', 'sam'] });
    expect(d.approved).toBe(true);
    expect(d.grants[0]!.approved_by).toEqual(['carol', 'sam']);
  });
  it('never counts the requester, committers, bots or non-approvers', () => {
    const d = decide(req, {
      approvedBy: ['alice', 'carol', 'renovate[bot]', 'dana', 'erin'],
      committers: ['dana'],
    });
    expect(d.valid).toBe(true);
    expect(d.approved).toBe(false);
    expect(d.grants[0]!.approved_by).toEqual(['carol']);
    const missing = d.problems.find((p) => p.code === 'E_APPROVALS_MISSING')!;
    expect(missing.message).toContain('1 counted (carol), 1 missing');
    for (const why of ['requester', 'bots never approve', 'pushed commits', 'not an approver'])
      expect(missing.message).toContain(why);
  });
  it('counts a reviewer once however often they are listed', () => {
    expect(decide(req, { approvedBy: ['carol', 'Carol', 'carol'] }).approved).toBe(false);
  });
  it('is never approved when invalid', () => {
    const d = decide(
      [
        add(
          'grants/orders-db-write/alice.yaml',
          'duration: 9h\nreason: INC-77 fix the broken order rows\nticket: INC-77\n',
        ),
      ],
      { approvedBy: ['carol', 'sam'] },
    );
    expect(d).toMatchObject({ valid: false, approved: false });
  });
  it('does not count an approver whose team cannot be resolved', () => {
    const d = decide(req, {
      approvedBy: ['carol', 'sam'],
      teams: new Map([['@acme/sre-oncall', ['alice']]]),
    });
    expect(d.approved).toBe(false);
    expect(d.problems.at(-1)!.message).toContain('could not be resolved');
  });
});

describe('validateRequest: need-to-know and approvals written as text', () => {
  const strict = policyFrom([
    { path: 'policies/people.yaml', text: TRUST_PEOPLE },
    { path: 'policies/roles.yaml', text: trustRoles() },
  ]);
  const strictly = (text: string, over: Partial<RequestInput> = {}) =>
    decide([add('grants/db-read/alice.yaml', text)], { policy: strict, ...over });

  it('judges omitted params as params: {}, so a required key stays required', () => {
    const d = strictly(GOOD_GRANT.replace('params: { schema: orders }\n', ''));
    expect(d.valid).toBe(false);
    expect(codes(d)).toEqual(['E_PARAMS_MISSING_KEY']);
    expect(d.problems[0]!.message).toMatch(/schema/);
    expect(strictly(GOOD_GRANT).valid).toBe(true);
    // A role without a params schema still takes no params, and needs none.
    expect(decide([add('grants/orders-db-read/alice.yaml', GOOD)]).valid).toBe(true);
  });

  it.each([
    ['@carol', /not a bare GitHub login/],
    ['Carol <carol@example.com>', /not a bare GitHub login/],
    ['@Alice', /names the requester/],
    ['github-actions', /bots never approve/],
    ['carol[bot]', /bots never approve/],
  ])('does not count %s as an approval', (value, why) => {
    const d = strictly(GOOD_GRANT, { approvedBy: [value] });
    expect(d).toMatchObject({ valid: true, approved: false });
    expect(d.grants[0]!.approved_by).toEqual([]);
    const missing = d.problems.find((p) => p.code === 'E_APPROVALS_MISSING')!;
    expect(missing.message).toMatch(why);
    expect(strictly(GOOD_GRANT, { approvedBy: ['Carol'] }).approved).toBe(true);
  });

  it('still refuses a start in the past for a request (a landed grant may have one)', () => {
    const d = strictly(`${GOOD_GRANT}start: 2026-11-25T11:00:00Z\n`);
    expect(codes(d)).toEqual(['E_START_IN_PAST']);
  });
});
