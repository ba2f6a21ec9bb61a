import type { Command } from '../cli/context.js';
import { provision, type ProvisioningSeams } from './reconcile.js';
import { FORGE_OPTION } from '../wiring/forge.js';
import { LEDGER_OPTIONS } from './status.js';

export function planCommand(seams: ProvisioningSeams = {}): Command {
  return {
    name: 'plan',
    summary: 'Show what reconcile would change at every provider, and why. Changes nothing.',
    usage: 'grantops plan [--ref REF] [--directory github|FILE] [--forge github|local]',
    formats: ['text', 'json'],
    options: { ...LEDGER_OPTIONS, ...FORGE_OPTION },
    run: (ctx, args) => provision(ctx, args, seams, 'plan'),
  };
}
