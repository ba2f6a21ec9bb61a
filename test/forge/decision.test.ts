import { describe, expect, it } from 'vitest';
import { decideRequest, decisionReport, type DecisionInput } from '../../src/core/decision.js';
import { planExpiry, type LandedGrant } from '../../src/core/decision-expiry.js';
import { reviewVerdicts } from '../../src/core/decision-reviews.js';
import {
  expiryBranch,
  parseExpiryBranch,
  type ExpiryRequest,
  type ForgeRequest,
  type Review,
} from '../../src/core/forge.js';
import type { FileChange } from '../../src/core/request/types.js';
import { TEST_PEOPLE, testRoles } from '../helpers/gitrepo.js';
import { policyFrom } from '../helpers/policy.js';

/** The trusted decision as plain data in, plain data out: the cheapest honest double. */
const policy = policyFrom([
  { path: 'policies/people.yaml', text: TEST_PEOPLE },
  { path: 'policies/roles.yaml', text: testRoles() },
]);
const HEAD = 'b'.repeat(40);
const OLD = 'a'.repeat(40);
const NOW = new Date('2026-11-20T10:00:00Z');
const person = (
  login: string | null,
  display = `${login} <${login}@users.noreply.github.com>`,
) => ({ login, display });

function request(over: Partial<ForgeRequest> = {}): ForgeRequest {
  return {
    id: '12',
    reference: '#12',
    title: 'db-read please',
    author: person('alice'),
    base: { ref: 'main', sha: 'c'.repeat(40) },
    head: { ref: 'request/db-read/alice', sha: HEAD },
    commits: [{ sha: HEAD, author: person('alice'), committer: person('alice') }],
    pushers: [person('alice')],
    url: null,
    ...over,
  };
}
const file = (
  path: string,
  text: string | null,
  status: FileChange['status'] = 'added',
): FileChange => ({
  path,
  status,
  oldMode: status === 'added' ? '000000' : '100644',
  newMode: status === 'deleted' ? '000000' : '100644',
  size: text === null ? null : text.length,
  text,
});
const approve = (reviewer: string, commit = HEAD, state: Review['state'] = 'approved'): Review => ({
  reviewer,
  state,
  commit,
  submittedAt: null,
});
const GRANT = 'duration: 2h\nreason: INC-1 investigate slow queries\nticket: INC-1\n';
const decide = (over: Partial<DecisionInput> = {}) =>
  decideRequest({
    request: request(),
    changes: [file('grants/db-read/alice.yaml', GRANT)],
    policy,
    teams: new Map(),
    reviews: [approve('carol')],
    now: NOW,
    ...over,
  });

describe('reviewVerdicts: each reviewer’s latest verdict on the head', () => {
  it('a later comment does not undo an approval; a later request for changes or dismissal does', () => {
    const v = reviewVerdicts(
      [
        approve('carol'),
        approve('carol', HEAD, 'commented'),
        approve('dave'),
        approve('dave', HEAD, 'changes_requested'),
        approve('erin'),
        approve('erin', HEAD, 'dismissed'),
        approve('Frank', OLD),
      ],
      HEAD,
    );
    expect(v.map((x) => [x.reviewer, x.approvesHead])).toEqual([
      ['carol', true],
      ['dave', false],
      ['erin', false],
      ['frank', false],
    ]);
    expect(v[3]!.why).toMatch(/approved aaaaaaaaaa, not the current head bbbbbbbbbb/);
  });
});

describe('decideRequest', () => {
  it('approves a valid request with an approval on the head, and writes the merge message', () => {
    const d = decide();
    expect(d).toMatchObject({
      valid: true,
      approved: true,
      problems: [],
      head: HEAD,
      author: 'alice',
    });
    expect(d.merge).toEqual({
      title: 'Grant db-read to alice for 2h (#12)',
      message: [
        'Grant-Action: granted',
        'Grant-Path: grants/db-read/alice.yaml',
        'Grant-Role: db-read',
        'Grant-Requester: alice',
        'Grant-Starts: 2026-11-20T10:00:00Z',
        'Grant-Expires: 2026-11-20T12:00:00Z',
        'Grant-Duration: 2h',
        'Reason: INC-1 investigate slow queries',
        'Ticket: INC-1',
        'Approved-by: carol',
        'Pull-Request: #12',
      ].join('\n'),
    });
    expect(decisionReport(d)).toMatchObject({ conclusion: 'success', request: '12', head: HEAD });
  });

  it('a stale approval does not count, and the requester learns whose', () => {
    const d = decide({ reviews: [approve('carol', OLD)] });
    expect(d).toMatchObject({ valid: true, approved: false, merge: null });
    expect(d.problems.map((p) => p.code)).toEqual([
      'E_APPROVALS_MISSING',
      'E_APPROVAL_NOT_ON_HEAD',
    ]);
    expect(decisionReport(d).conclusion).toBe('pending');
  });

  it('someone who authored or committed any commit never counts, whatever the forge listed as pushers', () => {
    const d = decide({
      request: request({
        commits: [
          { sha: OLD, author: person('alice'), committer: person('alice') },
          { sha: HEAD, author: person('alice'), committer: person('carol') },
        ],
        pushers: [person('alice')],
      }),
    });
    expect(d.approved).toBe(false);
    expect(d.approvals.ignored).toEqual([
      { login: 'carol', why: 'pushed commits to this pull request' },
    ]);
  });

  it('an identity the forge could not read refuses the request', () => {
    const d = decide({
      request: request({
        commits: [
          { sha: HEAD, author: person('alice'), committer: person(null, 'Eve <eve@example.com>') },
        ],
      }),
    });
    expect(d.valid).toBe(false);
    expect(d.problems.map((p) => p.code)).toEqual(['E_IDENTITY_UNKNOWN']);
    expect(d.problems[0]!.message).toContain('"Eve <eve@example.com>"');
    const noAuthor = decide({
      request: request({ author: person(null, 'Eve <eve@example.com>') }),
    });
    expect(noAuthor).toMatchObject({ valid: false, approved: false, grants: [], merge: null });
  });

  it('the window in the trailers starts at the file’s start when later, and is capped by the role', () => {
    const d = decide({
      changes: [
        file(
          'grants/db-write/alice.yaml',
          'duration: 3h\nreason: INC-1 fix a stuck order\nstart: 2026-11-20T11:00:00Z\nparams: { schema: orders }\n',
        ),
      ],
    });
    expect(d.problems.map((p) => p.code)).toEqual(['E_DURATION_TOO_LONG']);
    const ok = decide({
      changes: [
        file(
          'grants/db-write/alice.yaml',
          'duration: 90m\nreason: INC-1 fix a stuck order\nstart: 2026-11-20T11:00:00Z\n',
        ),
        file('grants/db-read/alice.yaml', GRANT, 'modified'),
      ],
    });
    expect(ok.approved).toBe(true);
    expect(ok.merge!.title).toBe('Grant db-write (90m), db-read (2h) to alice (#12)');
    expect(ok.merge!.message).toContain(
      'Grant-Starts: 2026-11-20T11:00:00Z\nGrant-Expires: 2026-11-20T12:30:00Z',
    );
    expect(ok.merge!.message).toContain('Grant-Action: renewed');
  });

  it('a revocation by its requester needs no approval', () => {
    const d = decide({
      changes: [file('grants/db-read/alice.yaml', null, 'deleted')],
      reviews: [],
    });
    expect(d).toMatchObject({ valid: true, approved: true });
    expect(d.merge!.title).toBe('Revoke db-read from alice (#12)');
  });

  it('a title never carries more than the reference a forge gives: locally, no suffix', () => {
    const d = decide({ request: request({ reference: 'request/db-read/alice' }) });
    expect(d.merge!.title).toBe('Grant db-read to alice for 2h');
    expect(d.merge!.message).toContain('Pull-Request: request/db-read/alice');
  });
});

describe('planExpiry', () => {
  const landed = (login: string, commit: string, expired: boolean): LandedGrant => ({
    path: `grants/db-read/${login}.yaml`,
    role: 'db-read',
    requester: login,
    commit,
    startsAt: NOW,
    expiredAt: expired ? new Date('2026-11-20T12:00:00Z') : null,
  });
  const expiry = (branch: string, state: ExpiryRequest['state']): ExpiryRequest => ({
    id: branch,
    reference: branch,
    branch,
    state,
    head: 'd'.repeat(40),
    mergedAs: null,
  });

  it('expires ended grants once, reuses an open revert, skips a merged one, closes stale ones', () => {
    const grants = [
      landed('alice', OLD, true),
      landed('bob', HEAD, true),
      landed('erin', 'e'.repeat(40), false),
      landed('dave', 'f'.repeat(40), true),
    ];
    const plan = planExpiry(grants, [
      expiry(expiryBranch('db-read', 'bob', HEAD), 'open'),
      expiry(expiryBranch('db-read', 'dave', 'f'.repeat(40)), 'merged'),
      expiry(expiryBranch('db-read', 'erin', '0'.repeat(40)), 'open'), // renewed since
      expiry(expiryBranch('db-read', 'erin', 'e'.repeat(40)), 'open'), // current, not yet ended here
      expiry(expiryBranch('db-read', 'alice', '1'.repeat(40)), 'closed'),
    ]);
    expect(plan.expire.map((s) => [s.grant.requester, s.existing?.state ?? null])).toEqual([
      ['alice', null],
      ['bob', 'open'],
    ]);
    expect(plan.close.map((e) => e.branch)).toEqual([
      expiryBranch('db-read', 'erin', '0'.repeat(40)),
    ]);
  });

  it('branch names are deterministic and parse back', () => {
    expect(expiryBranch('db-read', 'Alice', 'ABCDEF0123456789')).toBe(
      'grantops/expire/db-read/alice/abcdef012345',
    );
    expect(parseExpiryBranch('grantops/expire/db-read/alice/abcdef012345')).toEqual({
      role: 'db-read',
      login: 'alice',
      landing: 'abcdef012345',
    });
    expect(parseExpiryBranch('grantops/expire/db-read/alice/abc')).toBeNull();
  });
});
