import { describe, expect, it } from 'vitest';
import { decideRequest, decisionReport } from '../../src/core/decision.js';
import { eligibleApprovers } from '../../src/core/decision-approvers.js';
import type { ForgeRequest } from '../../src/core/forge.js';
import type { FileChange } from '../../src/core/request/types.js';
import { testRoles } from '../helpers/gitrepo.js';
import { policyFrom } from '../helpers/policy.js';

/**
 * Who may approve a request: the role's approvers, teams kept as `@org/team`, less the
 * requester, pushers and bots, whose approval I2 never counts. alice asks; she is an approver
 * herself, directly and through the team.
 */
const policy = policyFrom([
  {
    path: 'policies/people.yaml',
    text: `admins: ['@acme/security']
groups:
  oncall: [alice, bob, erin]
  dba: [carol, alice, erin, '@acme/db-admins', '@acme/night-shift']
`,
  },
  { path: 'policies/roles.yaml', text: testRoles() },
]);
const role = policy.roles.get('db-read')!;
const HEAD = 'b'.repeat(40);
const person = (login: string) => ({ login, display: login });

describe('eligibleApprovers', () => {
  it('never names the requester or a pusher as one who may approve, and says why', () => {
    const e = eligibleApprovers({
      role,
      groups: policy.groups,
      teams: new Map(),
      requester: 'Alice',
      pushers: ['erin'],
    });
    expect(e.role).toBe('db-read');
    expect(e.required).toBe(1);
    expect(e.may_approve).toEqual(['@acme/db-admins', '@acme/night-shift', 'carol']);
    expect(e.excluded).toEqual([
      { login: 'alice', why: 'the requester, who never approves their own access' },
      { login: 'erin', why: 'pushed to this request' },
    ]);
  });

  it('a resolved team stays while a member may approve; its excluded members are named', () => {
    const e = eligibleApprovers({
      role,
      groups: policy.groups,
      teams: new Map([
        ['@acme/db-admins', ['dave', 'Alice']],
        ['@acme/night-shift', ['erin', 'alice']],
      ]),
      requester: 'alice',
      pushers: ['erin'],
    });
    // night-shift has nobody left who may approve; db-admins still has dave.
    expect(e.may_approve).toEqual(['@acme/db-admins', 'carol']);
    expect(e.excluded).toEqual([
      { login: 'alice', why: 'the requester, who never approves their own access' },
      { login: 'erin', why: 'pushed to this request' },
    ]);
    const viaTeam = eligibleApprovers({
      role: { ...role, approvers: ['@acme/db-admins'] },
      groups: policy.groups,
      teams: new Map([['@acme/db-admins', ['dave', 'alice']]]),
      requester: 'alice',
      pushers: [],
    });
    expect(viaTeam.excluded).toEqual([
      {
        login: 'alice',
        why: 'the requester (a member of @acme/db-admins), who never approves their own access',
      },
    ]);
  });
});

describe('the decision lists who may approve', () => {
  const request = (over: Partial<ForgeRequest> = {}): ForgeRequest => ({
    id: '12',
    reference: '#12',
    title: 'db-read please',
    author: person('alice'),
    base: { ref: 'main', sha: 'c'.repeat(40) },
    head: { ref: 'request/db-read/alice', sha: HEAD },
    commits: [{ sha: HEAD, author: person('alice'), committer: person('bob') }],
    pushers: [person('alice'), person('carol')],
    url: null,
    ...over,
  });
  const file = (path: string, text: string | null, status: FileChange['status']): FileChange => ({
    path,
    status,
    oldMode: status === 'added' ? '000000' : '100644',
    newMode: status === 'deleted' ? '000000' : '100644',
    size: text === null ? null : text.length,
    text,
  });
  const decide = (changes: FileChange[]) =>
    decideRequest({
      request: request(),
      changes,
      policy,
      teams: new Map(),
      reviews: [],
      now: new Date('2026-11-20T10:00:00Z'),
    });

  it('per role asked for, without the requester, the forge’s pushers or the commits’ committers', () => {
    const d = decide([
      file('grants/db-read/alice.yaml', 'duration: 2h\nreason: INC-1 slow queries\n', 'added'),
    ]);
    expect(d.approvals.eligible).toEqual([
      {
        role: 'db-read',
        required: 1,
        may_approve: ['@acme/db-admins', '@acme/night-shift', 'erin'],
        excluded: [
          { login: 'alice', why: 'the requester, who never approves their own access' },
          { login: 'carol', why: 'pushed to this request' },
        ],
      },
    ]);
    expect(decisionReport(d).approvals.eligible).toEqual(d.approvals.eligible);
  });

  it('a revocation needs no approver', () => {
    const d = decide([file('grants/db-read/alice.yaml', null, 'deleted')]);
    expect(d.approvals.eligible).toEqual([]);
  });
});
