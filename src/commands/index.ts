import type { Command } from '../cli/context.js';
import { approveCommand } from './approve.js';
import { auditCommand } from './audit.js';
import { codeownersCommand } from './codeowners.js';
import { demoCommand } from './demo.js';
import { doctorCommand } from './doctor.js';
import { expireCommand } from './expire.js';
import { initCommand } from './init.js';
import { mergeCommand } from './merge.js';
import { planCommand } from './plan.js';
import { reconcileCommand } from './reconcile.js';
import { requestCommand } from './request.js';
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
  request: requestCommand,
  approve: approveCommand,
  merge: mergeCommand,
  expire: expireCommand,
  demo: demoCommand(),
  doctor: doctorCommand(),
};
