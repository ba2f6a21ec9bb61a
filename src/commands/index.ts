import type { Command } from './context.js';
import { auditCommand } from './audit.js';
import { codeownersCommand } from './codeowners.js';
import { initCommand } from './init.js';
import { planCommand } from './plan.js';
import { reconcileCommand } from './reconcile.js';
import { statusCommand } from './status.js';
import { validateCommand } from './validate.js';

/** Every CLI command by name: a plain map, so an unknown name can list the known ones. */
export const commands: Record<string, Command> = {
  validate: validateCommand(),
  codeowners: codeownersCommand,
  init: initCommand,
  status: statusCommand,
  audit: auditCommand,
  plan: planCommand(),
  reconcile: reconcileCommand(),
};
