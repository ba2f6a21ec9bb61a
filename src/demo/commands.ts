import { approveCommand } from '../commands/approve.js';
import { auditCommand } from '../commands/audit.js';
import { codeownersCommand } from '../commands/codeowners.js';
import type { Command } from '../cli/context.js';
import { expireCommand } from '../commands/expire.js';
import { initCommand } from '../commands/init.js';
import { mergeCommand } from '../commands/merge.js';
import { reconcileCommand } from '../commands/reconcile.js';
import { requestCommand } from '../commands/request.js';
import { statusCommand } from '../commands/status.js';
import type { ProviderFactory } from '../providers/types.js';

/**
 * The commands the story runs, as `grantops` has them, with reconcile given the demo's
 * provider types (the embedded database it shares). Listed here rather than taken from
 * commands/index.ts, which registers the demo itself.
 */
export function storyCommands(
  factories: Readonly<Record<string, ProviderFactory>>,
): Record<string, Command> {
  return {
    init: initCommand,
    codeowners: codeownersCommand,
    request: requestCommand,
    approve: approveCommand,
    merge: mergeCommand,
    reconcile: reconcileCommand({ factories }),
    expire: expireCommand,
    status: statusCommand,
    audit: auditCommand,
  };
}
