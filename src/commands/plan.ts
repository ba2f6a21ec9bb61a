import { iso } from '../core/time.js';
import { stringArg } from './args.js';
import type { Command } from './context.js';
import { planJson, renderPlan } from './plan-output.js';
import { closeAll, preparePlan, type ProvisioningSeams } from './provisioning.js';

export function planCommand(seams: ProvisioningSeams = {}): Command {
  return {
    name: 'plan',
    summary: 'Show what reconcile would change at every provider, and why. Changes nothing.',
    usage: 'grantops plan [--ref REF]',
    formats: ['text', 'json'],
    options: {
      ref: {
        type: 'string',
        help: 'The branch holding the grants (default: origin/main, main, HEAD).',
      },
    },
    async run(ctx, args) {
      const p = await preparePlan(ctx, stringArg(args, 'ref'), seams);
      try {
        ctx.stdout(
          ctx.format === 'json'
            ? planJson(p.ref, p.commit, p.plan, p.alarms)
            : renderPlan(
                `plan for ${p.ref} at ${p.commit.slice(0, 10)}, ${iso(ctx.clock.now())}`,
                p.plan,
                p.alarms,
              ),
        );
      } finally {
        await closeAll(p.providers);
      }
      if (p.configErrors) return 2;
      return p.plan.errors.length || p.alarms.length ? 1 : 0;
    },
  };
}
