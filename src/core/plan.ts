import type { Code } from './codes.js';
import type { Access } from './provider.js';
import { iso } from './time.js';

/** A grant that should be in effect now at one provider, with where git says it comes from. */
export interface DesiredGrant {
  provider: string;
  access: Access;
  path: string;
  commit: string;
}

/** What a provider reported, or why it could not. */
export type ProviderState =
  { provider: string; accesses: readonly Access[] } | { provider: string; error: string };

/**
 * One change at one provider. `access` is exactly what reconcile hands the provider: for a
 * grant, the access git backs; for a revocation, the access as the provider listed it (its own
 * target and identity), so a stale target is revoked and never mistaken for the current one.
 */
export interface PlanItem {
  provider: string;
  access: Access;
  /** The grant file and landing commit a grant comes from; null for revocations. */
  path: string | null;
  commit: string | null;
  /** Why this change: "window open until …", "expired at …", "revoked at … (file deleted)", "no grant on the branch". */
  why: string;
}

export interface PlanError {
  provider: string | null;
  role: string | null;
  requester: string | null;
  code: Code;
  message: string;
}

/** The changes that bring every provider to what git says, as data: printed by `plan`, applied by `reconcile`. */
export interface Plan {
  grant: PlanItem[];
  revoke: PlanItem[];
  unchanged: number;
  errors: PlanError[];
}

export interface PlanInput {
  desired: readonly DesiredGrant[];
  actual: readonly ProviderState[];
  /** Why a grant (`role/login`) is no longer desired, from the ledger: expired or revoked, and when. */
  ended: ReadonlyMap<string, string>;
  /** When set, nothing is granted (revocations still run) and this says why (history rewritten). */
  refuseGrants?: { code: Code; message: string };
}

/**
 * Two accesses are the same when role, person, identity and target agree: a policy that points a
 * role at another database role (or team) must revoke the old target and grant the new one.
 */
const accessKey = (a: Access) =>
  `${a.role}\u0000${a.login}\u0000${a.identity}\u0000${canonical(a.target)}`;
const grantKey = (a: Access) => `${a.role}/${a.login}`;

/** JSON with object keys sorted, so equal settings compare equal whatever their order. */
export function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v) ?? 'null';
}

/**
 * Desired against actual, per provider. A provider whose state could not be read gets neither
 * grants nor revocations (its error is reported, and the next run converges); the others go on.
 */
export function planReconcile(input: PlanInput): Plan {
  const plan: Plan = { grant: [], revoke: [], unchanged: 0, errors: [] };
  const byProvider = new Map<string, DesiredGrant[]>();
  for (const d of input.desired) {
    const list = byProvider.get(d.provider) ?? [];
    list.push(d);
    byProvider.set(d.provider, list);
  }
  const seen = new Set<string>();
  for (const state of input.actual) {
    seen.add(state.provider);
    const wanted = byProvider.get(state.provider) ?? [];
    if ('error' in state) {
      plan.errors.push({
        provider: state.provider,
        role: null,
        requester: null,
        code: 'E_PROVIDER_STATE',
        message: state.error,
      });
      // Say which grants wait on it, so "nothing planned" is never mistaken for "nothing to do".
      for (const d of wanted) {
        plan.errors.push({
          provider: state.provider,
          role: d.access.role,
          requester: d.access.login,
          code: 'E_NOT_PLANNED',
          message: `${d.path} cannot be provisioned until ${state.provider} can be read.`,
        });
      }
      continue;
    }
    const have = new Map(state.accesses.map((a) => [accessKey(a), a]));
    const want = new Map(wanted.map((d) => [accessKey(d.access), d]));
    const current = new Map(wanted.map((d) => [grantKey(d.access), d.access]));
    for (const [key, d] of want) {
      if (have.has(key)) {
        plan.unchanged += 1;
        continue;
      }
      if (input.refuseGrants) continue;
      plan.grant.push({
        provider: state.provider,
        access: d.access,
        path: d.path,
        commit: d.commit,
        why: `window open until ${d.access.expiresAt ? iso(d.access.expiresAt) : '?'}`,
      });
    }
    for (const [key, a] of have) {
      if (want.has(key)) continue;
      const now = current.get(grantKey(a));
      const why = now
        ? superseded(a, now)
        : (input.ended.get(grantKey(a)) ?? 'no grant for it on the branch');
      plan.revoke.push({ provider: state.provider, access: a, path: null, commit: null, why });
    }
  }
  for (const [provider, wanted] of byProvider) {
    if (seen.has(provider)) continue;
    for (const d of wanted) {
      plan.errors.push({
        provider,
        role: d.access.role,
        requester: d.access.login,
        code: 'E_PROVIDER_MISSING',
        message: `No state was read from provider ${provider}, so ${d.path} cannot be provisioned.`,
      });
    }
  }
  if (input.refuseGrants) {
    plan.errors.push({ provider: null, role: null, requester: null, ...input.refuseGrants });
  }
  plan.grant.sort(byItem);
  plan.revoke.sort(byItem);
  return plan;
}

/**
 * Why access the person still has a grant for is revoked: the grant now stands for another
 * target or identity (the policy changed), and this is the old one, left over.
 */
function superseded(old: Access, now: Access): string {
  if (old.identity !== now.identity)
    return `superseded: the grant now gives identity ${JSON.stringify(now.identity)}, not ${JSON.stringify(old.identity)}`;
  return `superseded: the grant now gives target ${canonical(now.target)}, not ${canonical(old.target)}`;
}

/** Stable order: provider, role, person, then identity and target (two items of one person). */
function byItem(a: PlanItem, b: PlanItem): number {
  const x = a.access;
  const y = b.access;
  return (
    cmp(a.provider, b.provider) ||
    cmp(x.role, y.role) ||
    cmp(x.login, y.login) ||
    cmp(x.identity, y.identity) ||
    cmp(canonical(x.target), canonical(y.target))
  );
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
