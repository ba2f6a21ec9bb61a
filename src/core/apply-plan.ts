import { GrantopsError } from './errors.js';
import type { Plan, PlanError, PlanItem } from './plan.js';
import type { AccessChanges, Provider } from './provider.js';

/** What applying a plan did. */
export interface ApplyOutcome {
  granted: number;
  revoked: number;
  /** What went wrong, one error per failed change (or per failed batch). */
  errors: PlanError[];
  /** The plan's items that were not carried out. */
  failed: ReadonlySet<PlanItem>;
}

/**
 * Applies exactly the plan's items: each carries the access it stands for, target included, so
 * what is revoked is what the provider listed and what is granted is what git backs. Providers
 * one after the other, whatever the others did; a provider that is not available (or was not
 * read, so has no items) gets nothing.
 */
export async function applyPlan(
  plan: Plan,
  providers: ReadonlyMap<string, Provider | { unavailable: string }>,
): Promise<ApplyOutcome> {
  const outcome = {
    granted: 0,
    revoked: 0,
    errors: [] as PlanError[],
    failed: new Set<PlanItem>(),
  };
  const byProvider = new Map<string, { grant: PlanItem[]; revoke: PlanItem[] }>();
  const entry = (p: string) =>
    byProvider.get(p) ?? byProvider.set(p, { grant: [], revoke: [] }).get(p)!;
  for (const i of plan.grant) entry(i.provider).grant.push(i);
  for (const i of plan.revoke) entry(i.provider).revoke.push(i);
  for (const [name, items] of byProvider) {
    const provider = providers.get(name);
    if (!provider || 'unavailable' in provider) {
      for (const i of [...items.revoke, ...items.grant]) outcome.failed.add(i);
      outcome.errors.push(error(name, null, `Provider ${name} is not available; nothing applied.`));
      continue;
    }
    const done = await applyTo(name, provider, items);
    outcome.granted += done.granted;
    outcome.revoked += done.revoked;
    outcome.errors.push(...done.errors);
    for (const i of done.failed) outcome.failed.add(i);
  }
  return outcome;
}

/**
 * One provider's changes, revocations first (expired access goes before anything is added).
 * One batch when the provider can take one (one transaction for PostgreSQL); otherwise change
 * by change, so one failure does not stop the rest. Failures become errors: the next run
 * converges.
 */
async function applyTo(
  name: string,
  provider: Provider,
  items: { grant: PlanItem[]; revoke: PlanItem[] },
): Promise<{ granted: number; revoked: number; errors: PlanError[]; failed: PlanItem[] }> {
  const errors: PlanError[] = [];
  const failed: PlanItem[] = [];
  const fail = (i: PlanItem | null, err: unknown) =>
    errors.push(error(name, i, describeError(err)));
  if (provider.apply) {
    const changes: AccessChanges = {
      grant: items.grant.map((i) => i.access),
      revoke: items.revoke.map((i) => i.access),
    };
    const itemOf = new Map([...items.grant, ...items.revoke].map((i) => [i.access, i] as const));
    try {
      const r = await provider.apply(changes);
      for (const f of r.failed) {
        const i = itemOf.get(f.access) ?? null;
        if (i) failed.push(i);
        fail(i, new Error(f.error));
      }
      const asked = new Set(changes.grant);
      return {
        // A grant found already in place counts as granted: the person has the access now.
        granted: r.granted.length + r.unchanged.filter((u) => asked.has(u)).length,
        revoked: r.revoked.length,
        errors,
        failed,
      };
    } catch (err) {
      fail(null, err);
      return { granted: 0, revoked: 0, errors, failed: [...items.revoke, ...items.grant] };
    }
  }
  let granted = 0;
  let revoked = 0;
  for (const i of items.revoke) {
    try {
      await provider.revoke(i.access);
      revoked += 1;
    } catch (err) {
      failed.push(i);
      fail(i, err);
    }
  }
  for (const i of items.grant) {
    try {
      await provider.grant(i.access);
      granted += 1;
    } catch (err) {
      failed.push(i);
      fail(i, err);
    }
  }
  return { granted, revoked, errors, failed };
}

function error(provider: string, i: PlanItem | null, message: string): PlanError {
  return {
    provider,
    role: i?.access.role ?? null,
    requester: i?.access.login ?? null,
    code: 'E_PROVIDER_APPLY',
    message,
  };
}

/** An error as one line (or a message with its problems) for the plan's errors. */
export function describeError(err: unknown): string {
  return err instanceof GrantopsError ? err.describe() : String((err as Error)?.message ?? err);
}
