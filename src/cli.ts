import { resolve } from 'node:path';
import { colourWanted, painter, PLAIN, type Style } from './cli/colour.js';
import type { Args, Command, CommandContext, Format } from './cli/context.js';
import { EXAMPLES } from './cli/examples.js';
import { closest, commandHelp, overview } from './cli/help.js';
import { optionsOf, parseCommandLine } from './cli/parse.js';
import { NO_PROGRESS, StatusLine, type Progress } from './cli/progress.js';
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

export interface CliIO {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
  /** The command map; tests pass commands built with their own seams (e.g. a fake GitHub). */
  commands?: Record<string, Command>;
  /**
   * What the executable knows of its streams (bin.ts). Without it (tests, the action, the demo's
   * own commands) nothing is a terminal: no colour unless FORCE_COLOR, no progress.
   */
  terminal?: {
    /** process.stdout.isTTY and process.stderr.isTTY. */
    stdout: boolean;
    stderr: boolean;
    /** Writes to stderr as it is, no line break added: the progress line redraws in place. */
    stderrRaw: (s: string) => void;
    /** stderr's width in columns, when known. */
    columns?: () => number | undefined;
  };
}

/**
 * Runs one CLI invocation and returns its exit code. Errors are caught here, once. Everything
 * written passes `safeOutput`, the last check that no control, escape, bidi or invisible
 * character reaches a terminal or a log raw, whatever a renderer let through; colour is added
 * after it, by grantops, only on a stream that should have it (cli/colour.ts).
 */
export async function runCli(argv: readonly string[], io: CliIO): Promise<number> {
  const [name, ...rest] = argv;
  const json = asksForFormat(rest, ['json']);
  const term = io.terminal;
  const colour = {
    stdout: colourWanted(term?.stdout, io.env) && !asksForFormat(rest, ['json', 'csv', 'markdown']),
    stderr: colourWanted(term?.stderr, io.env),
  };
  const paint = colour.stdout || colour.stderr ? painter() : null;
  const style = paint?.style ?? PLAIN;
  const line = term?.stderr ? new StatusLine(term.stderrRaw, term.columns) : null;
  const stdout = (s: string) => {
    line?.clear();
    const clean = (t: string) => safeOutput(t, json);
    io.stdout(paint ? paint.paint(s, colour.stdout, clean) : clean(s));
  };
  const stderr = (s: string) => {
    line?.clear();
    const clean = (t: string) => safeOutput(t);
    io.stderr(paint ? paint.paint(s, colour.stderr, clean) : clean(s));
  };
  const progress: Progress = line ? (t) => line.show(safeOutput(t)) : NO_PROGRESS;
  try {
    if (!name || name === '--help' || name === '-h' || (name === 'help' && !isWord(rest[0]))) {
      stdout(overview(summaries(io.commands), style));
      return name ? 0 : 2;
    }
    // `grantops help status` is `grantops status --help`.
    const [asked, words] = name === 'help' ? [rest[0]!, ['--help']] : [name, rest];
    return await runCommand(asked, words, { io, style, progress, stdout, stderr, json });
  } finally {
    line?.clear();
  }
}

interface Session {
  io: CliIO;
  style: Style;
  progress: Progress;
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  json: boolean;
}

async function runCommand(name: string, rest: readonly string[], s: Session): Promise<number> {
  const { io, style, stdout, stderr } = s;
  try {
    const command = await findCommand(name, io.commands);
    if (!command) {
      const names = Object.keys(await allCommands(io.commands));
      const guess = closest(name, names);
      throw new UsageError(
        `Unknown command ${quote(name)}. Commands: ${names.join(', ')}.${guess ? ` Did you mean grantops ${guess}?` : ''} Run grantops --help to see what each does.`,
      );
    }
    let args: Args;
    try {
      args = parseCommandLine(command, rest);
    } catch (err) {
      // node's message repeats the option as typed: escaped like any input. An unknown option
      // gets a shorter one than node's, with the option it was probably meant to be.
      const message = (err as Error).message;
      const unknown = /^Unknown option '(-[^']*)'/.exec(message)?.[1];
      const guess =
        unknown && closest(unknown.replace(/^--?/, ''), Object.keys(optionsOf(command)));
      const what = unknown
        ? `Unknown option '${escapeText(unknown, 80)}' for grantops ${command.name}.${guess ? ` Did you mean --${guess}?` : ''}`
        : escapeText(message, 300);
      throw new UsageError(
        `${what}\nUsage: ${command.usage}\nRun grantops ${command.name} --help for its options and examples.`,
      );
    }
    if (args.values.help) {
      stdout(commandHelp(command, EXAMPLES[command.name] ?? [], style));
      return 0;
    }
    const format = (args.values.format as string | undefined) ?? command.formats[0]!;
    if (!command.formats.includes(format as Format)) {
      throw new UsageError(
        `--format ${quote(format)} is not one of ${command.formats.join(', ')}, the formats of ${name}. Use one of those, or leave --format out for ${command.formats[0]}.`,
      );
    }
    let clock = systemClock;
    if (typeof args.values.now === 'string') {
      const at = parseInstant(args.values.now);
      if (!at)
        throw new UsageError(
          `--now ${quote(args.values.now)} is not a time. Use RFC 3339 like 2026-11-26T09:00:00Z.`,
        );
      clock = fixedClock(at);
    }
    const ctx: CommandContext = {
      repo: resolve(io.cwd, typeof args.values.repo === 'string' ? args.values.repo : '.'),
      clock,
      format: format as Format,
      env: io.env,
      stdout,
      stderr,
      style: format === 'text' ? style : PLAIN,
      progress: s.progress,
    };
    return await command.run(ctx, args);
  } catch (err) {
    if (err instanceof GrantopsError) {
      stderr(`${style.red(style.bold('grantops:'))} ${err.describe()}`);
      // Machines asked for JSON: give them the error in the same channel as results.
      if (s.json) {
        stdout(
          JSON.stringify({
            error: { code: err.code, message: err.message, problems: err.problems },
          }),
        );
      }
      return err.exitCode;
    }
    stderr(
      `${style.red(style.bold('grantops:'))} unexpected error: ${(err as Error).stack ?? String(err)}\nThis is a bug in grantops, not in your input: please report it with the command line you ran and the output above.`,
    );
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

/** Whether the command line asked for one of `formats`, even when it could not be parsed. */
function asksForFormat(argv: readonly string[], formats: readonly string[]): boolean {
  return argv.some(
    (a, i) =>
      formats.some((f) => a === `--format=${f}`) ||
      (a === '--format' && formats.includes(argv[i + 1] ?? '')),
  );
}

/** A command name after `help` (not an option). */
function isWord(arg: string | undefined): arg is string {
  return arg !== undefined && arg !== '' && !arg.startsWith('-');
}
