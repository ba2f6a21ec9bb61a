import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { commands } from './commands/index.js';
import type { Command, CommandContext, Format } from './commands/context.js';
import { GrantopsError, UsageError } from './core/errors.js';
import { fixedClock, parseInstant, systemClock } from './core/time.js';

const GLOBAL_OPTIONS = {
  repo: { type: 'string', help: 'The access repository (default: the current directory).' },
  now: { type: 'string', help: 'Act as if it were this time (RFC 3339 or @unix-seconds).' },
  format: {
    type: 'string',
    help: 'Output format: text (default) or json; some commands add csv, markdown.',
  },
  help: { type: 'boolean', help: 'Show help.' },
} as const;

function usage(): string {
  const width = Math.max(...Object.keys(commands).map((n) => n.length));
  return [
    'grantops: temporary production access as pull requests',
    '',
    'Usage: grantops <command> [options]',
    '',
    'Commands:',
    ...Object.values(commands).map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Global options: --repo DIR, --now TIME, --format text|json, --help',
    'Exit codes: 0 success, 1 the request or check failed, 2 usage or configuration error.',
  ].join('\n');
}

export interface CliIO {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
  /** The command map; tests pass commands built with their own seams (e.g. a fake GitHub). */
  commands?: Record<string, Command>;
}

/** Runs one CLI invocation and returns its exit code. Errors are caught here, once. */
export async function runCli(argv: readonly string[], io: CliIO): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(usage());
    return name ? 0 : 2;
  }
  try {
    const known = io.commands ?? commands;
    const command = Object.hasOwn(known, name) ? known[name] : undefined;
    if (!command)
      throw new UsageError(
        `Unknown command ${JSON.stringify(name)}. Commands: ${Object.keys(known).join(', ')}.`,
      );
    const options = { ...GLOBAL_OPTIONS, ...command.options };
    let parsed;
    try {
      parsed = parseArgs({
        args: [...rest],
        options: Object.fromEntries(
          Object.entries(options).map(([k, v]) => [
            k,
            { type: v.type, multiple: 'multiple' in v && v.multiple === true },
          ]),
        ),
        allowPositionals: true,
        strict: true,
      });
    } catch (err) {
      throw new UsageError(`${(err as Error).message}\nUsage: ${command.usage}`);
    }
    if (parsed.values.help) {
      io.stdout(
        `Usage: ${command.usage}\n\n${command.summary}\n\nOptions:\n${Object.entries(options)
          .map(([k, v]) => `  --${k.padEnd(14)} ${v.help}`)
          .join('\n')}`,
      );
      return 0;
    }
    const format = (parsed.values.format as string | undefined) ?? command.formats[0]!;
    if (!command.formats.includes(format as Format)) {
      throw new UsageError(`--format must be one of ${command.formats.join(', ')} for ${name}.`);
    }
    let clock = systemClock;
    if (typeof parsed.values.now === 'string') {
      const at = parseInstant(parsed.values.now);
      if (!at)
        throw new UsageError(
          `--now ${JSON.stringify(parsed.values.now)} is not a time. Use RFC 3339 like 2026-11-26T09:00:00Z.`,
        );
      clock = fixedClock(at);
    }
    const ctx: CommandContext = {
      repo: resolve(io.cwd, typeof parsed.values.repo === 'string' ? parsed.values.repo : '.'),
      clock,
      format: format as Format,
      env: io.env,
      stdout: io.stdout,
      stderr: io.stderr,
    };
    return await command.run(ctx, { values: parsed.values, positionals: parsed.positionals });
  } catch (err) {
    if (err instanceof GrantopsError) {
      io.stderr(`grantops: ${err.describe()}`);
      // Machines asked for JSON: give them the error in the same channel as results.
      if (asksForJson(rest)) {
        io.stdout(
          JSON.stringify({
            error: { code: err.code, message: err.message, problems: err.problems },
          }),
        );
      }
      return err.exitCode;
    }
    io.stderr(`grantops: unexpected error: ${(err as Error).stack ?? String(err)}`);
    return 2;
  }
}

/** Whether the command line asked for JSON, even when it could not be parsed. */
function asksForJson(argv: readonly string[]): boolean {
  return argv.some((a, i) => a === '--format=json' || (a === '--format' && argv[i + 1] === 'json'));
}
