import { describe, expect, it } from 'vitest';
import { planReconcile, type DesiredGrant } from '../../src/core/plan.js';
import type { Access } from '../../src/providers/types.js';

const END = new Date('2026-11-25T14:00:00Z');
const access = (role: string, login: string, over: Partial<Access> = {}): Access => ({
  role,
  login,
  identity: login,
  target: { role: 'orders_read' },
  ...over,
});
const want = (provider: string, a: Access): DesiredGrant => ({
  provider,
  access: { ...a, expiresAt: END },
  path: `grants/${a.role}/${a.login}.yaml`,
  commit: 'c0ffee',
});

describe('planReconcile', () => {
  it('grants what is missing, revokes what git no longer backs, counts the rest', () => {
    const plan = planReconcile({
      desired: [want('db', access('read', 'alice')), want('db', access('read', 'bob'))],
      actual: [{ provider: 'db', accesses: [access('read', 'bob'), access('read', 'carol')] }],
      ended: new Map([['read/carol', 'expired at 2026-11-25T10:00:00Z']]),
    });
    expect(plan.grant).toEqual([
      {
        provider: 'db',
        role: 'read',
        requester: 'alice',
        identity: 'alice',
        path: 'grants/read/alice.yaml',
        commit: 'c0ffee',
        expires_at: '2026-11-25T14:00:00Z',
        why: 'window open until 2026-11-25T14:00:00Z',
      },
    ]);
    expect(plan.revoke).toEqual([
      {
        provider: 'db',
        role: 'read',
        requester: 'carol',
        identity: 'carol',
        path: null,
        commit: null,
        expires_at: null,
        why: 'expired at 2026-11-25T10:00:00Z',
      },
    ]);
    expect(plan.unchanged).toBe(1);
    expect(plan.errors).toEqual([]);
  });

  it('treats a changed identity as a revoke of the old and a grant of the new', () => {
    const plan = planReconcile({
      desired: [want('db', access('read', 'alice', { identity: 'alice_db' }))],
      actual: [{ provider: 'db', accesses: [access('read', 'alice')] }],
      ended: new Map(),
    });
    expect(plan.grant.map((g) => g.identity)).toEqual(['alice_db']);
    expect(plan.revoke.map((g) => [g.identity, g.why])).toEqual([
      ['alice', 'no grant for it on the branch'],
    ]);
  });

  it('moves access when the role points at another target, and ignores key order', () => {
    const plan = planReconcile({
      desired: [
        want('db', access('read', 'alice', { target: { role: 'orders_read_v2' } })),
        want('db', access('read', 'bob', { target: { a: 1, b: 2 } })),
      ],
      actual: [
        {
          provider: 'db',
          accesses: [access('read', 'alice'), access('read', 'bob', { target: { b: 2, a: 1 } })],
        },
      ],
      ended: new Map(),
    });
    expect(plan.grant.map((g) => g.requester)).toEqual(['alice']);
    expect(plan.revoke.map((g) => g.requester)).toEqual(['alice']);
    expect(plan.unchanged).toBe(1);
  });

  it('keeps going past a provider that failed, and touches nothing there', () => {
    const plan = planReconcile({
      desired: [want('db', access('read', 'alice')), want('gh', access('admin', 'alice'))],
      actual: [
        { provider: 'db', error: 'connection refused' },
        { provider: 'gh', accesses: [] },
      ],
      ended: new Map(),
    });
    expect(plan.grant.map((g) => g.provider)).toEqual(['gh']);
    expect(plan.revoke).toEqual([]);
    expect(plan.errors).toEqual([
      {
        provider: 'db',
        role: null,
        requester: null,
        code: 'E_PROVIDER_STATE',
        message: 'connection refused',
      },
      {
        provider: 'db',
        role: 'read',
        requester: 'alice',
        code: 'E_NOT_PLANNED',
        message: 'grants/read/alice.yaml cannot be provisioned until db can be read.',
      },
    ]);
  });

  it('refuses every grant but still revokes when history was rewritten', () => {
    const plan = planReconcile({
      desired: [want('db', access('read', 'alice'))],
      actual: [{ provider: 'db', accesses: [access('read', 'mallory')] }],
      ended: new Map(),
      refuseGrants: { code: 'E_HISTORY_REWRITTEN', message: 'main does not descend from abc' },
    });
    expect(plan.grant).toEqual([]);
    expect(plan.revoke.map((r) => r.requester)).toEqual(['mallory']);
    expect(plan.errors.map((e) => e.code)).toEqual(['E_HISTORY_REWRITTEN']);
  });

  it('reports desired grants at a provider whose state was never read', () => {
    const plan = planReconcile({
      desired: [want('db', access('read', 'alice'))],
      actual: [],
      ended: new Map(),
    });
    expect(plan.errors.map((e) => [e.code, e.requester])).toEqual([
      ['E_PROVIDER_MISSING', 'alice'],
    ]);
  });
});
