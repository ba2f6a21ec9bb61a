import { Provisioner } from '../core/provisioner.js';
import { iso } from '../core/time.js';
import { readMarker, writeMarker } from '../git/marker.js';
import { readVerdicts } from '../git/verdicts.js';
import { buildProviders, closeProviders, providerFactories } from '../providers/registry.js';
import type { ProviderFactory } from '../providers/types.js';
import { printable } from '../render/escape.js';
import { planJson, renderPlan, type PlanReport } from '../render/plan.js';
import type { Args, Command, CommandContext } from '../cli/context.js';
import { FORGE_OPTION, type ForgeSeams } from '../wiring/forge.js';
import { openLandingAuthority } from '../wiring/landing-authority.js';
import { policiesAt } from '../wiring/policy.js';
import { LEDGER_OPTIONS, ledgerFromArgs } from './status.js';

/**
 * Seams for tests and the demo: extra provider types (an in-memory one), GitHub's fetch, and
 * the path git fetches the repository from (an in-memory GitHub's bare repository).
 */
export interface ProvisioningSeams extends ForgeSeams {
  factories?: Readonly<Record<string, ProviderFactory>>;
}

export function reconcileCommand(seams: ProvisioningSeams = {}): Command {
  return {
    name: 'reconcile',
    summary:
      'Grant what the branch says is in effect now and revoke what it no longer backs, at every provider.',
    usage:
      'grantops reconcile [--ref REF] [--directory github|FILE] [--forge github|local] [--dry-run]',
    formats: ['text', 'json'],
    options: {
      ...LEDGER_OPTIONS,
      ...FORGE_OPTION,
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
 * On GitHub, every landing about to be provisioned is first judged from GitHub's record of how
 * it landed (once: verdicts are remembered in git); a refused one is never provisioned and
 * raises an alarm issue. `plan` and `--dry-run` ask GitHub too, but write nothing anywhere.
 */
export async function provision(
  ctx: CommandContext,
  args: Args,
  seams: ProvisioningSeams,
  mode: 'plan' | 'dry-run' | 'apply',
): Promise<number> {
  const reconciled = readMarker(ctx.repo);
  reconciled.catch(() => undefined); // awaited by the provisioner, unless reading fails first
  const authorityP = openLandingAuthority(ctx, args, seams);
  // On GitHub only the verdicts this job sealed count; the local forge trusts the repository.
  const rememberedP = authorityP.then((a) => readVerdicts(ctx.repo, a?.seal));
  // The landings the forge refused before read as refused. The branch is opened while the
  // forge's code loads and the verdicts are read.
  const [authority, remembered, ledger] = await Promise.all([
    authorityP,
    rememberedP,
    ledgerFromArgs(
      ctx,
      args,
      seams,
      rememberedP.then((r) => r.refused),
    ),
  ]);
  const now = ctx.clock.now();
  const provisioner = await Provisioner.read({
    ledger,
    policy: policiesAt(ctx.repo, ledger.commit),
    now,
    reconciled,
  });
  // The forge is asked while the providers are built and listed: neither needs the other's
  // answer, and on GitHub both are network round trips between an approval and its access.
  const checks = authority?.check(provisioner.landingsToCheck(), remembered.judged, ledger.commit);
  // Verdicts are facts about the past: kept even if applying the plan fails below.
  const remembering =
    authority && checks && mode === 'apply'
      ? checks.then((c) => authority.remember(c.judged, now, remembered))
      : undefined;
  // Both are awaited below; until then a failure must not count as unhandled.
  checks?.catch(() => undefined);
  remembering?.catch(() => undefined);
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
    const p = await provisioner.plan(providers, checks);
    configErrors = p.configErrors;
    const what =
      mode === 'plan' ? 'plan for' : mode === 'dry-run' ? 'dry run: would reconcile' : 'reconciled';
    const title = `${what} ${printable(p.ref, 100)} at ${p.commit.slice(0, 10)}, ${iso(now)}`;
    report = { title, ref: p.ref, commit: p.commit, plan: p.plan, alarms: p.alarms };
    if (mode === 'apply') {
      report.applied = await provisioner.apply(p.plan, providers);
      // The marker records the history this run trusted; never move it across a rewrite.
      if (p.trusted && (await reconciled) !== p.commit) await writeMarker(ctx.repo, p.commit);
      if (authority) {
        const raised = await authority.raise(p.alarms);
        for (const n of raised.opened) ctx.stderr(`grantops: opened alarm issue #${n}`);
        report.applied.errors.push(...raised.errors);
      }
    }
  } finally {
    // Closing and writing the verdicts go on together; a failure to write them is told below.
    await Promise.all([closeProviders(providers), remembering?.catch(() => undefined)]);
  }
  await remembering;
  ctx.stdout(ctx.format === 'json' ? planJson(report) : renderPlan(report));
  if (configErrors) return 2;
  const errors = report.plan.errors.length + (report.applied?.errors.length ?? 0);
  return errors || report.alarms.length ? 1 : 0;
}
