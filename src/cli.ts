import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Command, CommandContext, Format } from './cli/context.js';
import { GrantopsError, UsageError } from './core/errors.js';
import { escapeText, quote, safeOutput } from './core/text.js';
import { fixedClock, parseInstant, systemClock } from './core/time.js';

interface CatalogueEntry {
  summary: string;
  load: () => Promise<Command>;
}

/**
 * The commands by name, each loaded only when it runs: a command brings its providers, SDKs and
 * schema validators with it, and the help (or the action starting) needs none of them. The
 * summaries are repeated here for the help; a test (test/cli-errors.test.ts) holds this list
 * equal to commands/index.ts, the full registry, where a name not listed here is looked up.
 */
export const CATALOGUE: Record<string, CatalogueEntry> = {
  validate: {
    summary:
      'Decide whether the change base..head is a valid access request (and, with approvals, whether it may merge).',
    load: async () => (await import('./commands/validate.js')).validateCommand(),
  },
  codeowners: {
    summary: 'Write (or with --check, verify) .github/CODEOWNERS from the policies.',
    load: async () => (await import('./commands/codeowners.js')).codeownersCommand,
  },
  init: {
    summary: 'Start a new access repository: example policies, workflows, CODEOWNERS, schemas.',
    load: async () => (await import('./commands/init.js')).initCommand,
  },
  status: {
    summary: 'Show the grants on the main branch that are active or scheduled now.',
    load: async () => (await import('./commands/status.js')).statusCommand,
  },
  audit: {
    summary: 'Print the access timeline from git history, or who had access at a given time.',
    load: async () => (await import('./commands/audit.js')).auditCommand,
  },
  plan: {
    summary: 'Show what reconcile would change at every provider, and why. Changes nothing.',
    load: async () => (await import('./commands/plan.js')).planCommand(),
  },
  reconcile: {
    summary:
      'Grant what the branch says is in effect now and revoke what it no longer backs, at every provider.',
    load: async () => (await import('./commands/reconcile.js')).reconcileCommand(),
  },
  request: {
    summary:
      'Ask for a role: check the request, then write the grant file on a new request branch.',
    load: async () => (await import('./commands/request.js')).requestCommand,
  },
  approve: {
    summary: "Record an approval of a request's current head commit (local forge).",
    load: async () => (await import('./commands/approve.js')).approveCommand,
  },
  merge: {
    summary:
      'Decide open requests with main’s policies and their approvals, and squash-merge those that pass, with the audit trailers.',
    load: async () => (await import('./commands/merge.js')).mergeCommand,
  },
  expire: {
    summary:
      'Record in git the grants whose window has ended: a revert deleting each file, merged onto main.',
    load: async () => (await import('./commands/expire.js')).expireCommand,
  },
  demo: {
    summary:
      'Watch one access request go through its whole life, offline, in a throwaway repository.',
    load: async () => (await import('./commands/demo.js')).demoCommand(),
  },
  doctor: {
    summary: 'Check the GitHub repository settings grantops relies on, and say what to fix.',
    load: async () => (await import('./commands/doctor.js')).doctorCommand(),
  },
};

const GLOBAL_OPTIONS = {
  repo: { type: 'string', help: 'The access repository (default: the current directory).' },
  now: { type: 'string', help: 'Act as if it were this time (RFC 3339 or @unix-seconds).' },
  format: {
    type: 'string',
    help: 'Output format: text (default) or json; some commands add csv, markdown.',
  },
  help: { type: 'boolean', help: 'Show help.' },
} as const;

function usage(summaries: Record<string, string>): string {
  const width = Math.max(...Object.keys(summaries).map((n) => n.length));
  return [
    'grantops: temporary production access as pull requests',
    '',
    'Usage: grantops <command> [options]',
    '',
    'Commands:',
    ...Object.entries(summaries).map(([name, summary]) => `  ${name.padEnd(width)}  ${summary}`),
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

/**
 * Runs one CLI invocation and returns its exit code. Errors are caught here, once. Everything
 * written passes `safeOutput`, the last check that no control, escape, bidi or invisible
 * character reaches a terminal or a log raw, whatever a renderer let through.
 */
export async function runCli(argv: readonly string[], io: CliIO): Promise<number> {
  const [name, ...rest] = argv;
  const json = asksForJson(rest);
  const stdout = (s: string) => io.stdout(safeOutput(s, json));
  const stderr = (s: string) => io.stderr(safeOutput(s));
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    stdout(usage(summaries(io.commands)));
    return name ? 0 : 2;
  }
  try {
    const command = await findCommand(name, io.commands);
    if (!command) {
      const names = Object.keys(await allCommands(io.commands)).join(', ');
      throw new UsageError(`Unknown command ${quote(name)}. Commands: ${names}.`);
    }
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
      // node's message repeats the option as typed: escaped like any input.
      throw new UsageError(`${escapeText((err as Error).message, 300)}\nUsage: ${command.usage}`);
    }
    if (parsed.values.help) {
      stdout(
        `Usage: ${command.usage}\n\n${command.summary}\n\nOptions:\n${Object.entries(options)
          .map(([k, v]) => `  --${k.padEnd(14)} ${v.help}`)
          .join('\n')}`,
      );
      return 0;
    }
    const format = (parsed.values.format as string | undefined) ?? command.formats[0]!;
    if (!command.formats.includes(format as Format)) {
      throw new UsageError(
        `--format ${quote(format)} is not one of ${command.formats.join(', ')}, the formats of ${name}.`,
      );
    }
    let clock = systemClock;
    if (typeof parsed.values.now === 'string') {
      const at = parseInstant(parsed.values.now);
      if (!at)
        throw new UsageError(
          `--now ${quote(parsed.values.now)} is not a time. Use RFC 3339 like 2026-11-26T09:00:00Z.`,
        );
      clock = fixedClock(at);
    }
    const ctx: CommandContext = {
      repo: resolve(io.cwd, typeof parsed.values.repo === 'string' ? parsed.values.repo : '.'),
      clock,
      format: format as Format,
      env: io.env,
      stdout,
      stderr,
    };
    return await command.run(ctx, { values: parsed.values, positionals: parsed.positionals });
  } catch (err) {
    if (err instanceof GrantopsError) {
      stderr(`grantops: ${err.describe()}`);
      // Machines asked for JSON: give them the error in the same channel as results.
      if (json) {
        stdout(
          JSON.stringify({
            error: { code: err.code, message: err.message, problems: err.problems },
          }),
        );
      }
      return err.exitCode;
    }
    stderr(`grantops: unexpected error: ${(err as Error).stack ?? String(err)}`);
    return 2;
  }
}

async function findCommand(
  name: string,
  given: Record<string, Command> | undefined,
): Promise<Command | undefined> {
  if (given) return Object.hasOwn(given, name) ? given[name] : undefined;
  if (Object.hasOwn(CATALOGUE, name)) return CATALOGUE[name]!.load();
  const all = await allCommands(undefined);
  return Object.hasOwn(all, name) ? all[name] : undefined;
}

/** Every command, loaded: only for a name the catalogue does not know. */
async function allCommands(
  given: Record<string, Command> | undefined,
): Promise<Record<string, Command>> {
  return given ?? (await import('./commands/index.js')).commands;
}

function summaries(given: Record<string, Command> | undefined): Record<string, string> {
  const source: Record<string, { summary: string }> = given ?? CATALOGUE;
  return Object.fromEntries(Object.entries(source).map(([name, c]) => [name, c.summary]));
}

/** Whether the command line asked for JSON, even when it could not be parsed. */
function asksForJson(argv: readonly string[]): boolean {
  return argv.some((a, i) => a === '--format=json' || (a === '--format' && argv[i + 1] === 'json'));
}
