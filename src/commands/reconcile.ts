import { GrantopsError } from '../core/errors.js';
import type { PlanError } from '../core/plan.js';
import { iso } from '../core/time.js';
import { writeMarker } from '../git/marker.js';
import type { Access, AccessChanges, Provider } from '../providers/types.js';
import { stringArg } from './args.js';
import type { Command } from './context.js';
import { planJson, renderPlan, type ApplyOutcome } from './plan-output.js';
import { closeAll, preparePlan, type ProvisioningSeams } from './provisioning.js';

export function reconcileCommand(seams: ProvisioningSeams = {}): Command {
  return {
    name: 'reconcile',
    summary:
      'Grant what the branch says is in effect now and revoke what it no longer backs, at every provider.',
    usage: 'grantops reconcile [--ref REF] [--dry-run]',
    formats: ['text', 'json'],
    options: {
      ref: {
        type: 'string',
        help: 'The branch holding the grants (default: origin/main, main, HEAD).',
      },
      'dry-run': {
        type: 'boolean',
        help: 'Print the plan a real run would apply, and change nothing.',
      },
    },
    async run(ctx, args) {
      const dryRun = args.values['dry-run'] === true;
      const p = await preparePlan(ctx, stringArg(args, 'ref'), seams);
      let applied: ApplyOutcome | undefined;
      try {
        if (!dryRun) {
          applied = { granted: 0, revoked: 0 };
          for (const [name, changes] of p.changes) {
            const result = await applyTo(name, p.providers.get(name)!, changes);
            applied.granted += result.granted;
            applied.revoked += result.revoked;
            p.plan.errors.push(...result.errors);
          }
          // The marker records the history this run trusted; never move it across a rewrite.
          if (!p.plan.errors.some((e) => e.code === 'E_HISTORY_REWRITTEN'))
            await writeMarker(ctx.repo, p.commit);
        }
      } finally {
        await closeAll(p.providers);
      }
      const title = `${dryRun ? 'dry run: would reconcile' : 'reconciled'} ${p.ref} at ${p.commit.slice(0, 10)}, ${iso(ctx.clock.now())}`;
      ctx.stdout(
        ctx.format === 'json'
          ? planJson(p.ref, p.commit, p.plan, p.alarms, applied)
          : renderPlan(title, p.plan, p.alarms, applied),
      );
      if (p.configErrors) return 2;
      return p.plan.errors.length || p.alarms.length ? 1 : 0;
    },
  };
}

/**
 * Applies one provider's changes, revocations first (expired access goes before anything is
 * added). One batch when the provider can take one (one transaction for PostgreSQL); otherwise
 * change by change, so one failure does not stop the rest. Failures become plan errors: the next
 * run converges.
 */
async function applyTo(
  name: string,
  provider: Provider,
  changes: AccessChanges,
): Promise<{ granted: number; revoked: number; errors: PlanError[] }> {
  const errors: PlanError[] = [];
  const fail = (a: Access | null, err: unknown) =>
    errors.push({
      provider: name,
      role: a?.role ?? null,
      requester: a?.login ?? null,
      code: 'E_PROVIDER_APPLY',
      message:
        err instanceof GrantopsError ? err.describe() : String((err as Error).message ?? err),
    });
  if (provider.apply) {
    try {
      const r = await provider.apply(changes);
      for (const f of r.failed) fail(f.access, new Error(f.error));
      return {
        granted: r.granted.length + r.unchanged.filter((u) => changes.grant.includes(u)).length,
        revoked: r.revoked.length,
        errors,
      };
    } catch (err) {
      fail(null, err);
      return { granted: 0, revoked: 0, errors };
    }
  }
  let granted = 0;
  let revoked = 0;
  for (const a of changes.revoke) {
    try {
      await provider.revoke(a);
      revoked += 1;
    } catch (err) {
      fail(a, err);
    }
  }
  for (const a of changes.grant) {
    try {
      await provider.grant(a);
      granted += 1;
    } catch (err) {
      fail(a, err);
    }
  }
  return { granted, revoked, errors };
}
