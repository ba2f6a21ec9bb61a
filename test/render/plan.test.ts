import { describe, expect, it } from 'vitest';
import type { Plan, PlanItem } from '../../src/core/plan.js';
import type { Access } from '../../src/core/provider.js';
import { planJson, renderPlan, type PlanReport } from '../../src/render/plan.js';

const END = new Date('2026-11-25T14:00:00Z');
const access = (login: string, role: string, over: Partial<Access> = {}): Access => ({
  role: 'read',
  login,
  identity: login,
  target: { role },
  ...over,
});
const grant = (a: Access): PlanItem => ({
  provider: 'db',
  access: { ...a, expiresAt: END },
  path: `grants/read/${a.login}.yaml`,
  commit: 'c0ffee',
  why: 'window open until 2026-11-25T14:00:00Z',
});
const revoke = (a: Access, why: string): PlanItem => ({
  provider: 'db',
  access: a,
  path: null,
  commit: null,
  why,
});

function report(plan: Plan, failed: PlanItem[] = []): PlanReport {
  return {
    title: 'reconciled main at c0ffee, 2026-11-25T10:00:00Z',
    ref: 'main',
    commit: 'c0ffee',
    plan,
    alarms: [],
    applied: {
      granted: plan.grant.length - failed.length,
      revoked: plan.revoke.length,
      errors: failed.map((i) => ({
        provider: 'db',
        role: i.access.role,
        requester: i.access.login,
        code: 'E_PROVIDER_APPLY',
        message: 'boom',
      })),
      failed: new Set(failed),
    },
  };
}

describe('plan output', () => {
  const moved = grant(access('alice', 'orders_read_v2'));
  const stale = revoke(
    access('alice', 'orders_read'),
    'superseded: the grant now gives target {"role":"orders_read_v2"}, not {"role":"orders_read"}',
  );
  const bob = grant(access('bob', 'orders_read'));

  it('names the targets of two changes to one person, and only then', () => {
    const text = renderPlan(
      report({ grant: [moved, bob], revoke: [stale], unchanged: 0, errors: [] }),
    );
    expect(text).toContain('+ grant  read for alice {"role":"orders_read_v2"} at db:');
    expect(text).toContain('- revoke read for alice {"role":"orders_read"} at db: superseded');
    expect(text).toContain('+ grant  read for bob at db: window open until');
  });

  it('marks exactly the changes that failed', () => {
    const text = renderPlan(
      report({ grant: [moved, bob], revoke: [stale], unchanged: 0, errors: [] }, [bob]),
    );
    const rows = text.split('\n').filter((l) => l.includes('FAILED'));
    expect(rows).toEqual([expect.stringContaining('read for bob')]);
    expect(text).toContain('E_PROVIDER_APPLY (db): boom');
  });

  it('gives each JSON item its target, keeps the contract fields, and applied as two counts', () => {
    const out = JSON.parse(
      planJson(report({ grant: [moved], revoke: [stale], unchanged: 3, errors: [] })),
    );
    expect(out.grant).toEqual([
      {
        provider: 'db',
        role: 'read',
        requester: 'alice',
        identity: 'alice',
        target: { role: 'orders_read_v2' },
        path: 'grants/read/alice.yaml',
        commit: 'c0ffee',
        expires_at: '2026-11-25T14:00:00Z',
        why: 'window open until 2026-11-25T14:00:00Z',
      },
    ]);
    expect(out.revoke[0]).toMatchObject({ target: { role: 'orders_read' }, path: null });
    expect(out).toMatchObject({ unchanged: 3, errors: [], applied: { granted: 1, revoked: 1 } });
    expect(Object.keys(out.applied)).toEqual(['granted', 'revoked']);
  });
});
