import { parseArgs } from 'node:util';
import type { Args, Command, OptionSpec } from './context.js';

/** The options every command takes, besides its own. */
export const GLOBAL_OPTIONS: Record<string, OptionSpec & { short?: string }> = {
  repo: { type: 'string', help: 'The access repository (default: the current directory).' },
  now: { type: 'string', help: 'Act as if it were this time (RFC 3339 or @unix-seconds).' },
  format: {
    type: 'string',
    help: 'Output format: text (default) or json; some commands add csv, markdown.',
  },
  help: { type: 'boolean', short: 'h', help: 'Show this help.' },
};

/** A command's options and the global ones, as `--help` lists them. */
export function optionsOf(command: Pick<Command, 'options'>): Record<string, OptionSpec> {
  return { ...GLOBAL_OPTIONS, ...command.options };
}

/**
 * The command line after the command's name, read strictly against its options: an unknown
 * option, or a string option without a value, throws node's own error (cli.ts words it). The
 * help's examples are checked with this same function.
 */
export function parseCommandLine(command: Pick<Command, 'options'>, argv: readonly string[]): Args {
  const options = optionsOf(command);
  const parsed = parseArgs({
    args: [...argv],
    options: Object.fromEntries(
      Object.entries(options).map(([name, spec]) => [
        name,
        {
          type: spec.type,
          multiple: spec.multiple === true,
          ...('short' in spec && typeof spec.short === 'string' ? { short: spec.short } : {}),
        },
      ]),
    ),
    allowPositionals: true,
    strict: true,
  });
  return { values: parsed.values, positionals: parsed.positionals };
}
