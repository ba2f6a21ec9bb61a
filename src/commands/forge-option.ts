import { UsageError } from '../core/errors.js';
import { FORGE_KINDS, type Forge, type ForgeKind } from '../core/forge.js';
import { quote } from '../core/problem.js';
import { gitRepository } from '../git/repository.js';
import { LocalForge } from '../local/forge.js';
import { stringArg } from './args.js';
import type { Args, CommandContext, OptionSpec } from './context.js';

/** `--forge`, shared by the commands that talk to a forge. */
export const FORGE_OPTION: Record<'forge', OptionSpec> = {
  forge: {
    type: 'string',
    help: 'github or local (default: github inside GitHub Actions or when GITHUB_REPOSITORY is set, else local).',
  },
};

/** The forge asked for, or DESIGN §3's default: GitHub where GitHub runs us, else local. */
export function forgeKind(ctx: CommandContext, args: Args): ForgeKind {
  const asked = stringArg(args, 'forge');
  if (asked === undefined)
    return ctx.env.GITHUB_ACTIONS === 'true' || ctx.env.GITHUB_REPOSITORY ? 'github' : 'local';
  if (!(FORGE_KINDS as readonly string[]).includes(asked))
    throw new UsageError(
      `--forge ${quote(asked)} is not a forge. Forges: ${FORGE_KINDS.join(', ')}.`,
    );
  return asked as ForgeKind;
}

/**
 * The forge a command works with. Only the local forge exists in this version: any other is a
 * usage error (exit 2) that names the way out, never a silent fallback to another forge.
 */
export function openForge(ctx: CommandContext, args: Args, command: string): Forge {
  return localForge(ctx, args, command);
}

/** The local forge of `--repo` at the command's clock, or a usage error for any other forge. */
export function localForge(ctx: CommandContext, args: Args, command: string): LocalForge {
  const kind = forgeKind(ctx, args);
  if (kind !== 'local') {
    throw new UsageError(
      `grantops ${command} --forge ${kind} is not available yet in this version. Use --forge local on a plain git repository${kind === 'github' && !stringArg(args, 'forge') ? ' (GitHub was chosen because GITHUB_ACTIONS or GITHUB_REPOSITORY is set)' : ''}.`,
    );
  }
  return new LocalForge({ git: gitRepository(ctx.repo), clock: ctx.clock });
}
