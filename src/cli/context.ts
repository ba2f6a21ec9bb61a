import type { Clock } from '../core/time.js';
import type { Style } from './colour.js';
import type { Progress } from './progress.js';

export type Format = 'text' | 'json' | 'csv' | 'markdown';

/** Everything a command may touch from the outside world, passed in so tests can supply it. */
export interface CommandContext {
  /** The access repository (a git work tree). */
  repo: string;
  clock: Clock;
  format: Format;
  env: Readonly<Record<string, string | undefined>>;
  /** Results: for people (text) or machines (json). */
  stdout: (text: string) => void;
  /** Diagnostics. */
  stderr: (text: string) => void;
  /**
   * Emphasis for text output (a verdict, a heading), around text already escaped. It colours
   * only on a terminal that wants colour (cli/colour.ts) and is plain for json, csv, markdown.
   */
  style: Style;
  /**
   * A progress line on stderr for a step that can take seconds (`''` removes it); a no-op
   * unless stderr is a terminal, so logs and pipes never see it.
   */
  progress: Progress;
}

/** A parsed command line: flag values (strings or booleans) and positional arguments. */
export interface Args {
  values: Record<string, string | boolean | (string | boolean)[] | undefined>;
  positionals: string[];
}

export interface OptionSpec {
  type: 'string' | 'boolean';
  /** May be given several times (`--param a=1 --param b=2`): the value is then a list. */
  multiple?: boolean;
  /** One line for `--help`. */
  help: string;
}

/** One CLI command. `run` returns the exit code: 0 success, 1 a decision against, 2 errors. */
export interface Command {
  name: string;
  summary: string;
  usage: string;
  options: Record<string, OptionSpec>;
  /** Formats this command can print; the first is the default. */
  formats: Format[];
  run(ctx: CommandContext, args: Args): Promise<number>;
}
