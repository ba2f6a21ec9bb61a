import type { Code } from './codes.js';
import { applyPlan, describeError, type ApplyOutcome } from './apply-plan.js';
import { ConfigError } from './errors.js';
import { identityFor } from './identity.js';
import type { LandingChecks, LandingToCheck } from './landing-checks.js';
import type { Ledger } from './ledger.js';
import { rejectionMessage } from './landing-authority.js';
import {
  planReconcile,
  type DesiredGrant,
  type Plan,
  type PlanError,
  type ProviderState,
} from './plan.js';
import type { Policy, ProviderConfig } from './policy/types.js';
import type { Provider } from './provider.js';
import { ProvisioningLedger, type Alarm, type ProvisioningView } from './provisioning.js';

/** What one provider of the policies is asked to look after, for the caller that builds it. */
export interface ProviderScope {
  config: ProviderConfig;
  /** Every role that uses the provider, with its grant settings. */
  targets: { role: string; target: Record<string, unknown> }[];
  /** `<role>/<login>` of every grant of those roles that ever landed: what grantops may have given. */
  managed: ReadonlySet<string>;
}

/** A provider the caller could not build, and why (a missing secret is a configuration error). */
export interface UnavailableProvider {
  unavailable: string;
  configError: boolean;
}

/** The providers, by name, as the caller built them from `scopes()`. */
export type ProviderSet = ReadonlyMap<string, Provider | UnavailableProvider>;

/** The plan, with what the ledger raised and whether a configuration error held a provider back. */
export interface ProvisioningPlan {
  ref: string;
  commit: string;
  plan: Plan;
  alarms: Alarm[];
  /** A provider could not be built or read for a configuration reason: an admin must act (exit 2). */
  configErrors: boolean;
  /** False when the branch's history was rewritten since the last run: nothing is granted. */
  trusted: boolean;
}

/**
 * What the provisioner reads. The policies and the marker may be given while they are still
 * being loaded: they are needed only once the history has been read, so the caller's I/O and
 * the history pass overlap.
 */
export interface ProvisionerInput {
  ledger: Ledger;
  /** The branch's own policies (I5): what is provisioned is decided under them. */
  policy: Policy | Promise<Policy>;
  now: Date;
  /** The commit reconcile last acted on; null when none is recorded (a first run is trusted). */
  reconciled: string | null | Promise<string | null>;
}

interface Read {
  ledger: Ledger;
  policy: Policy;
  now: Date;
  reconciled: string | null;
}

/**
 * Desired state (grants on the branch whose window contains now, approved, under the branch's
 * own policies) against actual state (what each provider lists), as a plan; then that plan,
 * applied. Everything it touches comes in through ports: the ledger, and providers the caller
 * builds from `scopes()`. Every provider is asked once; one that cannot answer is reported and
 * the others go on.
 */
export class Provisioner {
  private constructor(
    private readonly input: Read,
    private readonly view: ProvisioningView,
    private readonly rewritten: boolean,
  ) {}

  /** Reads the branch's history once, and checks it still holds the commit last acted on. */
  static async read(input: ProvisionerInput): Promise<Provisioner> {
    const { ledger, now } = input;
    const folded = new ProvisioningLedger();
    // Every read is settled before any failure is reported: nothing is left running.
    const [history, policy, reconciled] = await Promise.allSettled([
      ledger.history((c) => folded.apply(c)),
      input.policy,
      input.reconciled,
    ]);
    for (const r of [policy, history, reconciled]) if (r.status === 'rejected') throw r.reason;
    const read = {
      ledger,
      now,
      policy: (policy as PromiseFulfilledResult<Policy>).value,
      reconciled: (reconciled as PromiseFulfilledResult<string | null>).value,
    };
    // The commit last acted on is trivially in the history when nothing landed since.
    const rewritten =
      read.reconciled !== null &&
      read.reconciled !== ledger.commit &&
      !(await ledger.descendsFrom(read.reconciled).catch(() => false));
    return new Provisioner(read, folded.view(now, read.policy), rewritten);
  }

  /**
   * The providers some role uses, each with its roles' targets and the people grantops may have
   * given access there. A provider no role uses is never contacted (docs/decisions.md).
   */
  scopes(): ProviderScope[] {
    const { policy } = this.input;
    return [...policy.providers.values()].flatMap((config) => {
      const roles = [...policy.roles.values()].filter((r) => r.provider === config.name);
      if (roles.length === 0) return [];
      const names = new Set(roles.map((r) => r.name));
      const managed = new Set(
        [...this.view.landed].filter((k) => names.has(k.slice(0, k.indexOf('/')))),
      );
      return [{ config, targets: roles.map((r) => ({ role: r.name, target: r.grant })), managed }];
    });
  }

  /** The landings a grant would be provisioned from now: what the forge is asked about. */
  landingsToCheck(): LandingToCheck[] {
    return this.view.active.map((g) => ({ commit: g.commit, path: g.path, landedAt: g.landedAt }));
  }

  /**
   * Lists every provider and plans the changes; changes nothing. `checks` is the forge's word on
   * the landings (`landingsToCheck`): a refused one is never provisioned and raises an alarm; one
   * that could not be checked grants nothing now, and access it already backs is left alone.
   */
  async plan(
    providers: ProviderSet,
    checks?: LandingChecks | Promise<LandingChecks>,
  ): Promise<ProvisioningPlan> {
    const { ledger } = this.input;
    // Each provider is a system of its own: all are listed at once, and while the forge is
    // still being asked (`checks` on its way). A provider an identity mapping may hold back is
    // left untouched until the answer says whether it does.
    const mayHoldBack = this.desired(this.held(undefined)).errors;
    const early = new Map<string, Promise<Listing>>();
    for (const { config } of this.scopes()) {
      if (mayHoldBack.has(config.name)) continue;
      const listing = listOf(providers.get(config.name));
      listing.catch(() => undefined); // settled below, after the forge's word
      early.set(config.name, listing);
    }
    const held = this.held(await checks);
    const desired = this.desired(held);
    const states = await Promise.all(
      this.scopes().map(({ config: { name } }) =>
        stateOf(name, providers.get(name), early.get(name), desired.errors.get(name)),
      ),
    );
    const actual: ProviderState[] = states.map((s) => s.state);
    const configErrors = states.some((s) => s.configError);
    const plan = planReconcile({
      desired: desired.grants,
      actual,
      ended: held.ended,
      ...(this.rewritten ? { refuseGrants: this.refusal() } : {}),
    });
    // What a landing that could not be checked already gives stays until a run can tell.
    plan.revoke = plan.revoke.filter(
      (i) => !held.waiting.has(`${i.access.role}/${i.access.login}`),
    );
    plan.errors.push(...held.errors);
    return {
      ref: ledger.ref,
      commit: ledger.commit,
      plan,
      alarms: [...this.view.alarms, ...held.alarms],
      configErrors,
      trusted: !this.rewritten,
    };
  }

  /** Applies exactly the plan's items, revocations first, provider by provider. */
  apply(plan: Plan, providers: ProviderSet): Promise<ApplyOutcome> {
    return applyPlan(plan, providers);
  }

  /**
   * The access each active grant stands for. A grant whose identity cannot be worked out (a bad
   * `users` override) holds back its whole provider, as a missing secret would: revoking there
   * could take away the very access that grant backs.
   */
  private desired(held: Held): { grants: DesiredGrant[]; errors: Map<string, string> } {
    const { policy } = this.input;
    const grants: DesiredGrant[] = [];
    const errors = new Map<string, string>();
    for (const g of this.view.active) {
      if (held.commits.has(g.commit)) continue;
      const role = policy.roles.get(g.role)!;
      const config = policy.providers.get(role.provider)!;
      let identity: string;
      try {
        identity = identityFor(config, g.login);
      } catch (err) {
        if (!errors.has(config.name)) errors.set(config.name, describeError(err));
        continue;
      }
      grants.push({
        provider: config.name,
        path: g.path,
        commit: g.commit,
        access: {
          role: g.role,
          login: g.login,
          identity,
          target: role.grant,
          expiresAt: g.window.expiresAt,
          ...(g.grant.params ? { params: g.grant.params } : {}),
        },
      });
    }
    return { grants, errors };
  }

  /** The active grants the forge refused or could not vouch for, and what the plan says of them. */
  private held(checks: LandingChecks | undefined): Held {
    const held: Held = {
      commits: new Set(),
      ended: new Map(this.view.ended),
      waiting: new Set(),
      alarms: [],
      errors: [],
    };
    if (!checks) return held;
    for (const g of this.view.active) {
      const key = `${g.role}/${g.login}`;
      const verdict = checks.refused.get(g.commit);
      const why = checks.unchecked.get(g.commit);
      if (verdict) {
        held.commits.add(g.commit);
        held.ended.set(key, 'its landing was refused by the forge');
        held.alarms.push({
          path: g.path,
          commit: g.commit,
          code: 'E_LANDING_REJECTED',
          message: rejectionMessage(g.path, verdict),
        });
      } else if (why !== undefined) {
        held.commits.add(g.commit);
        held.waiting.add(key);
        held.errors.push({
          provider: null,
          role: g.role,
          requester: g.login,
          code: 'E_LANDING_UNVERIFIED',
          message: `${g.path} (landed in ${g.commit.slice(0, 10)}) is not granted until the forge confirms how it landed: ${why}`,
        });
      }
    }
    return held;
  }

  private refusal(): { code: Code; message: string } {
    const { ledger, reconciled } = this.input;
    return {
      code: 'E_HISTORY_REWRITTEN',
      message: `${ledger.ref} (${ledger.commit.slice(0, 10)}) does not descend from ${reconciled!.slice(0, 10)}, the commit reconcile last acted on: the branch history was rewritten. Nothing is granted until an admin has checked the branch and reset the marker (git update-ref -d refs/grantops/reconciled); revocations continue.`,
    };
  }
}

interface Held {
  /** Landing commits not provisioned in this run. */
  commits: Set<string>;
  /** The ledger's reasons a grant ended, with the refused ones added. */
  ended: Map<string, string>;
  /** `role/login` of grants waiting for the forge: their access is not revoked meanwhile. */
  waiting: Set<string>;
  alarms: Alarm[];
  errors: PlanError[];
}

type Listing = Awaited<ReturnType<Provider['list']>>;

/** A provider's listing, started: what it holds, or why it could not be read. */
async function listOf(slot: Provider | UnavailableProvider | undefined): Promise<Listing> {
  if (!slot || 'unavailable' in slot) return [];
  return slot.list();
}

/** One provider's listing, or why there is none; `configError`: an admin must fix the policies or secrets. */
async function stateOf(
  name: string,
  slot: Provider | UnavailableProvider | undefined,
  /** The listing started early, if it was. */
  listing: Promise<Listing> | undefined,
  unmapped: string | undefined,
): Promise<{ state: ProviderState; configError: boolean }> {
  const failed = (error: string, configError: boolean) => ({
    state: { provider: name, error },
    configError,
  });
  if (unmapped !== undefined) return failed(unmapped, true);
  if (!slot) return failed(`Provider ${name} was not set up, so it was not read.`, false);
  if ('unavailable' in slot) return failed(slot.unavailable, slot.configError);
  try {
    return {
      state: { provider: name, accesses: await (listing ?? slot.list()) },
      configError: false,
    };
  } catch (err) {
    return failed(describeError(err), err instanceof ConfigError);
  }
}
