import { ConfigError, GrantopsError } from '../core/errors.js';
import { planReconcile, type DesiredGrant, type Plan, type ProviderState } from '../core/plan.js';
import type { Policy, ProviderConfig } from '../core/policy/types.js';
import { ProvisioningLedger, type Alarm } from '../core/provisioning.js';
import { descendsFrom, openLedger, readHistory } from '../git/ledger.js';
import { readMarker } from '../git/marker.js';
import { identityFor } from '../providers/identity.js';
import { createProvider, providerFactories } from '../providers/registry.js';
import type { Access, AccessChanges, Provider, ProviderFactory } from '../providers/types.js';
import type { CommandContext } from './context.js';
import { policiesAt } from './policy.js';

/** Everything `plan` and `reconcile` share: the branch, the plan, and the providers that made it. */
export interface Provisioning {
  ref: string;
  commit: string;
  plan: Plan;
  alarms: Alarm[];
  providers: Map<string, Provider>;
  /** The plan's changes as the providers take them, by provider name. */
  changes: Map<string, AccessChanges>;
  /** Whether a provider's state could not be read for a configuration reason (exit 2). */
  configErrors: boolean;
}

/** Seams for tests and the demo: extra provider types (an in-memory one) and GitHub's fetch. */
export interface ProvisioningSeams {
  factories?: Readonly<Record<string, ProviderFactory>>;
  fetch?: typeof fetch;
}

/**
 * Desired state (grants on the branch whose window contains now, approved, under the branch's
 * own policies) against actual state (what each provider lists), as a plan. Every provider is
 * asked once; one that cannot answer is reported and the others go on.
 */
export async function preparePlan(
  ctx: CommandContext,
  refArg: string | undefined,
  seams: ProvisioningSeams = {},
): Promise<Provisioning> {
  const { ref, commit } = await openLedger(ctx.repo, refArg, ctx.stderr);
  const policy = await policiesAt(ctx.repo, commit);
  const ledger = new ProvisioningLedger();
  await readHistory(ctx.repo, commit, (c) => ledger.apply(c));
  const now = ctx.clock.now();
  const view = ledger.view(now, policy);

  const marker = await readMarker(ctx.repo);
  const rewritten =
    marker !== null && !(await descendsFrom(ctx.repo, commit, marker).catch(() => false));
  const refuseGrants = rewritten
    ? {
        code: 'E_HISTORY_REWRITTEN',
        message: `${ref} (${commit.slice(0, 10)}) does not descend from ${marker!.slice(0, 10)}, the commit reconcile last acted on: the branch history was rewritten. Nothing is granted until an admin has checked the branch and reset the marker (git update-ref -d refs/grantops/reconciled); revocations continue.`,
      }
    : undefined;

  const desired: DesiredGrant[] = [];
  for (const g of view.active) {
    const role = policy.roles.get(g.role)!;
    const config = policy.providers.get(role.provider)!;
    desired.push({
      provider: config.name,
      path: g.path,
      commit: g.commit,
      access: {
        role: g.role,
        login: g.login,
        identity: identityFor(config, g.login),
        target: role.grant,
        expiresAt: g.window.expiresAt,
        ...(g.grant.params ? { params: g.grant.params } : {}),
      },
    });
  }

  const providers = new Map<string, Provider>();
  const actual: ProviderState[] = [];
  let configErrors = false;
  for (const config of usedProviders(policy)) {
    try {
      const provider = await createProvider(
        config,
        depsFor(ctx, policy, config, view.landed, seams),
        { ...providerFactories, ...seams.factories },
      );
      providers.set(config.name, provider);
      actual.push({ provider: config.name, accesses: await provider.list() });
    } catch (err) {
      if (err instanceof ConfigError) configErrors = true;
      actual.push({
        provider: config.name,
        error: err instanceof GrantopsError ? err.describe() : (err as Error).message,
      });
    }
  }
  const plan = planReconcile({
    desired,
    actual,
    ended: view.ended,
    ...(refuseGrants ? { refuseGrants } : {}),
  });
  return {
    ref,
    commit,
    plan,
    alarms: view.alarms,
    providers,
    changes: changesOf(plan, desired, actual),
    configErrors,
  };
}

const itemKey = (
  provider: string,
  a: Pick<Access, 'role' | 'identity'> & { login?: string; requester?: string },
) => `${provider}\u0000${a.role}\u0000${a.login ?? a.requester}\u0000${a.identity}`;

/** Maps the plan's items back to the accesses they stand for, grouped by provider. */
function changesOf(
  plan: Plan,
  desired: DesiredGrant[],
  actual: ProviderState[],
): Map<string, AccessChanges> {
  const wanted = new Map(desired.map((d) => [itemKey(d.provider, d.access), d.access]));
  const listed = new Map(
    actual.flatMap((s) =>
      'accesses' in s ? s.accesses.map((a) => [itemKey(s.provider, a), a] as const) : [],
    ),
  );
  const out = new Map<string, AccessChanges>();
  const entry = (p: string) => out.get(p) ?? out.set(p, { grant: [], revoke: [] }).get(p)!;
  for (const g of plan.grant) entry(g.provider).grant.push(wanted.get(itemKey(g.provider, g))!);
  for (const r of plan.revoke) entry(r.provider).revoke.push(listed.get(itemKey(r.provider, r))!);
  return out;
}

/** Providers that some role uses: one with no role has nothing grantops could have given there. */
function usedProviders(policy: Policy): ProviderConfig[] {
  const names = new Set([...policy.roles.values()].map((r) => r.provider));
  return [...policy.providers.values()].filter((p) => names.has(p.name));
}

function depsFor(
  ctx: CommandContext,
  policy: Policy,
  config: ProviderConfig,
  landed: ReadonlySet<string>,
  seams: ProvisioningSeams,
) {
  const roles = [...policy.roles.values()].filter((r) => r.provider === config.name);
  const roleNames = new Set(roles.map((r) => r.name));
  return {
    env: ctx.env,
    targets: roles.map((r) => ({ role: r.name, target: r.grant })),
    managed: new Set([...landed].filter((k) => roleNames.has(k.slice(0, k.indexOf('/'))))),
    repoDir: ctx.repo,
    ...(seams.fetch ? { fetch: seams.fetch } : {}),
  };
}

export async function closeAll(providers: Map<string, Provider>): Promise<void> {
  await Promise.all([...providers.values()].map((p) => p.close?.().catch(() => undefined)));
}
