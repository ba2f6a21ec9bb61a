import { UsageError } from '../core/errors.js';
import { FORGE_KINDS, type Forge, type ForgeKind } from '../core/forge.js';
import { quote } from '../core/problem.js';
import { gitRepository } from '../git/repository.js';
import { LocalForge } from '../local/forge.js';
import { stringArg } from '../cli/args.js';
import type { Args, CommandContext, OptionSpec } from '../cli/context.js';

/** Seams for tests: an in-memory GitHub's fetch and the path git fetches its repository from. */
export interface ForgeSeams {
  fetch?: typeof fetch;
  gitUrl?: string;
}

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
      `--forge ${quote(asked)} is not a forge. Use one of: ${FORGE_KINDS.join(', ')}.`,
    );
  return asked as ForgeKind;
}

/**
 * The forge a command works with: GitHub's pull requests (the App's token, from the workflow's
 * environment) or the local forge of `--repo`. The GitHub forge loads only when chosen, so local
 * commands never load Octokit.
 */
export async function openForge(
  ctx: CommandContext,
  args: Args,
  command: string,
  seams: ForgeSeams = {},
): Promise<Forge> {
  if (forgeKind(ctx, args) === 'github') {
    const { githubForgeFromEnv } = await import('../github/from-env.js');
    return githubForgeFromEnv({ env: ctx.env, git: gitRepository(ctx.repo), ...seams });
  }
  return localForge(ctx, args, command);
}

/**
 * The local forge of `--repo` at the command's clock, for the commands only it has (`approve`),
 * or a usage error for any other forge.
 */
export function localForge(ctx: CommandContext, args: Args, command: string): LocalForge {
  const kind = forgeKind(ctx, args);
  if (kind !== 'local') {
    throw new UsageError(
      `grantops ${command} --forge ${kind} works on the local forge only; on GitHub, use the pull request itself. Use --forge local on a plain git repository${kind === 'github' && !stringArg(args, 'forge') ? ' (GitHub was chosen because GITHUB_ACTIONS or GITHUB_REPOSITORY is set)' : ''}.`,
    );
  }
  return new LocalForge({ git: gitRepository(ctx.repo), clock: ctx.clock });
}
