import type { Command } from '../cli/context.js';
import { provision, type ProvisioningSeams } from './reconcile.js';
import { LEDGER_OPTIONS } from './status.js';

export function planCommand(seams: ProvisioningSeams = {}): Command {
  return {
    name: 'plan',
    summary: 'Show what reconcile would change at every provider, and why. Changes nothing.',
    usage: 'grantops plan [--ref REF] [--directory github|FILE]',
    formats: ['text', 'json'],
    options: LEDGER_OPTIONS,
    run: (ctx, args) => provision(ctx, args, seams, 'plan'),
  };
}
