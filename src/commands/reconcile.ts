import { Provisioner } from '../core/provisioner.js';
import { iso } from '../core/time.js';
import { readMarker, writeMarker } from '../git/marker.js';
import { buildProviders, closeProviders, providerFactories } from '../providers/registry.js';
import type { ProviderFactory } from '../providers/types.js';
import { printable } from '../render/escape.js';
import { planJson, renderPlan, type PlanReport } from '../render/plan.js';
import type { Args, Command, CommandContext } from '../cli/context.js';
import { policiesAt } from '../wiring/policy.js';
import { LEDGER_OPTIONS, ledgerFromArgs } from './status.js';

/** Seams for tests and the demo: extra provider types (an in-memory one) and GitHub's fetch. */
export interface ProvisioningSeams {
  factories?: Readonly<Record<string, ProviderFactory>>;
  fetch?: typeof fetch;
}

export function reconcileCommand(seams: ProvisioningSeams = {}): Command {
  return {
    name: 'reconcile',
    summary:
      'Grant what the branch says is in effect now and revoke what it no longer backs, at every provider.',
    usage: 'grantops reconcile [--ref REF] [--directory github|FILE] [--dry-run]',
    formats: ['text', 'json'],
    options: {
      ...LEDGER_OPTIONS,
      'dry-run': {
        type: 'boolean',
        help: 'Print the plan a real run would apply, and change nothing.',
      },
    },
    run: (ctx, args) =>
      provision(ctx, args, seams, args.values['dry-run'] === true ? 'dry-run' : 'apply'),
  };
}

/**
 * `plan` and `reconcile`: the branch's ledger and policies, the providers they name, the
 * provisioner's plan, and for a real run the plan applied and the branch marked as trusted.
 */
export async function provision(
  ctx: CommandContext,
  args: Args,
  seams: ProvisioningSeams,
  mode: 'plan' | 'dry-run' | 'apply',
): Promise<number> {
  const ledger = await ledgerFromArgs(ctx, args, seams);
  const now = ctx.clock.now();
  const reconciled = readMarker(ctx.repo);
  const provisioner = await Provisioner.read({
    ledger,
    policy: policiesAt(ctx.repo, ledger.commit),
    now,
    reconciled,
  });
  const providers = await buildProviders(
    provisioner.scopes(),
    {
      env: ctx.env,
      log: ctx.stderr,
      repoDir: ctx.repo,
      ...(seams.fetch ? { fetch: seams.fetch } : {}),
    },
    { ...providerFactories, ...seams.factories },
  );
  let report: PlanReport;
  let configErrors: boolean;
  try {
    const p = await provisioner.plan(providers);
    configErrors = p.configErrors;
    const what =
      mode === 'plan' ? 'plan for' : mode === 'dry-run' ? 'dry run: would reconcile' : 'reconciled';
    const title = `${what} ${printable(p.ref, 100)} at ${p.commit.slice(0, 10)}, ${iso(now)}`;
    report = { title, ref: p.ref, commit: p.commit, plan: p.plan, alarms: p.alarms };
    if (mode === 'apply') {
      report.applied = await provisioner.apply(p.plan, providers);
      // The marker records the history this run trusted; never move it across a rewrite.
      if (p.trusted && (await reconciled) !== p.commit) await writeMarker(ctx.repo, p.commit);
    }
  } finally {
    await closeProviders(providers);
  }
  ctx.stdout(ctx.format === 'json' ? planJson(report) : renderPlan(report));
  if (configErrors) return 2;
  const errors = report.plan.errors.length + (report.applied?.errors.length ?? 0);
  return errors || report.alarms.length ? 1 : 0;
}
