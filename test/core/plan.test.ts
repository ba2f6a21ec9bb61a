import { describe, expect, it } from 'vitest';
import { planReconcile, type DesiredGrant } from '../../src/core/plan.js';
import type { Access } from '../../src/core/provider.js';

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
        access: { ...access('read', 'alice'), expiresAt: END },
        path: 'grants/read/alice.yaml',
        commit: 'c0ffee',
        why: 'window open until 2026-11-25T14:00:00Z',
      },
    ]);
    expect(plan.revoke).toEqual([
      {
        provider: 'db',
        access: access('read', 'carol'),
        path: null,
        commit: null,
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
    expect(plan.grant.map((g) => g.access.identity)).toEqual(['alice_db']);
    expect(plan.revoke.map((g) => [g.access.identity, g.why])).toEqual([
      ['alice', 'superseded: the grant now gives identity "alice_db", not "alice"'],
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
    expect(plan.grant.map((g) => [g.access.login, g.access.target])).toEqual([
      ['alice', { role: 'orders_read_v2' }],
    ]);
    expect(plan.revoke.map((g) => [g.access.login, g.access.target, g.why])).toEqual([
      [
        'alice',
        { role: 'orders_read' },
        'superseded: the grant now gives target {"role":"orders_read_v2"}, not {"role":"orders_read"}',
      ],
    ]);
    expect(plan.unchanged).toBe(1);
  });

  it('revokes the stale target and keeps the current one when a provider lists both', () => {
    // A role's target moved from orders_read to orders_read_v2 and the revoke of the old one
    // failed: the provider lists both for one person, in either order.
    const stale = access('read', 'alice');
    const current = access('read', 'alice', { target: { role: 'orders_read_v2' } });
    for (const listed of [
      [stale, current],
      [current, stale],
    ]) {
      const plan = planReconcile({
        desired: [want('db', current)],
        actual: [{ provider: 'db', accesses: listed }],
        ended: new Map(),
      });
      expect(plan.grant).toEqual([]);
      expect(plan.unchanged).toBe(1);
      expect(plan.revoke).toHaveLength(1);
      // The item is the very access the provider listed: what reconcile hands to revoke.
      expect(plan.revoke[0]!.access).toBe(stale);
    }
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
    expect(plan.revoke.map((r) => r.access.login)).toEqual(['mallory']);
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
