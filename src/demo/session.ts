import { join } from 'node:path';
import { runCli } from '../cli.js';
import type { Command } from '../cli/context.js';
import { git } from '../git/run.js';

/** A step that did not behave as the story says: the demo stops and exits 1, naming the step. */
export class StoryFailure extends Error {}

/** The demo was interrupted (Ctrl-C): it stops at the next command and cleans up. */
export class Interrupted extends Error {}

export interface SessionOptions {
  /** The throwaway folder (`$WORK` in what is shown). */
  work: string;
  /** Where the transcript goes: the demo's stdout. */
  print: (text: string) => void;
  /** The commands, as `grantops` would find them (reconcile built with the demo's database). */
  commands: Record<string, Command>;
  /** The environment the commands see: the database URL, nothing of the caller's. */
  env: Readonly<Record<string, string>>;
  signal: AbortSignal;
}

export interface CommandRun {
  code: number;
  /** What the command printed (stdout and stderr, in order), with `$WORK` for the folder. */
  output: string;
}

/**
 * The demo's terminal: numbered steps, plain-words notes, and commands run in this process
 * exactly as the line shown would run them, with their output. The access repository is
 * `$WORK/access`, where every command runs after `grantops init` made it.
 */
export class Session {
  readonly repo: string;
  /** The step running now, for a failure to name. */
  current = 'starting';
  private steps = 0;

  constructor(private readonly opts: SessionOptions) {
    this.repo = join(opts.work, 'access');
  }

  /** A path or text as shown: the throwaway folder is `$WORK`. */
  shown(text: string): string {
    return text.replaceAll(this.opts.work, '$WORK');
  }

  step(title: string): void {
    this.steps += 1;
    this.current = `${this.steps}. ${title}`;
    this.opts.print(`\n== ${this.current}`);
  }

  /** A note on what happened and why. */
  say(...lines: string[]): void {
    this.opts.print(lines.map((l) => `# ${l}`).join('\n'));
  }

  /** Lines shown as they are (SQL, a file's lines). */
  show(text: string): void {
    this.opts.print(this.shown(text));
  }

  /**
   * Runs `grantops ARGV` in the repository (or `cwd`), shows the line and its output, and checks
   * its exit code. `quiet` runs it without showing anything: a check of what was shown.
   */
  async grantops(
    argv: readonly string[],
    expect: { exit: number; cwd?: string; quiet?: boolean },
  ): Promise<CommandRun> {
    this.checkInterrupted();
    const chunks: string[] = [];
    const collect = (s: string) => chunks.push(s.endsWith('\n') ? s : `${s}\n`);
    const cwd = expect.cwd ?? this.repo;
    if (!expect.quiet)
      this.opts.print(`$ ${shellLine(['grantops', ...argv.map((a) => this.shown(a))])}`);
    const code = await runCli(argv, {
      stdout: collect,
      stderr: collect,
      env: this.opts.env,
      cwd,
      commands: this.opts.commands,
    });
    const output = this.shown(chunks.join('').trimEnd());
    if (!expect.quiet) {
      if (output) this.opts.print(output);
      if (code !== 0) this.opts.print(`(exit ${code})`);
    }
    if (code !== expect.exit)
      throw new StoryFailure(
        `\`grantops ${argv[0]}\` exited with ${code}, where the story expects ${expect.exit}.${expect.quiet && output ? `\n${output}` : ''}`,
      );
    return { code, output };
  }

  /** git in the repository; `shown` is the line to show for it, if any. Fails on a non-zero exit. */
  async git(
    args: readonly string[],
    opts: { shown?: string; env?: Record<string, string>; print?: boolean } = {},
  ): Promise<string> {
    this.checkInterrupted();
    if (opts.shown) this.opts.print(`$ ${opts.shown}`);
    const r = await git(this.repo, args, undefined, opts.env);
    const out = r.stdout.toString('utf8').trimEnd();
    if (r.code !== 0)
      throw new StoryFailure(
        `git ${args.join(' ')} failed: ${r.stderr.trim() || `exit ${r.code}`}`,
      );
    if (opts.print && out) this.opts.print(this.shown(out));
    return out;
  }

  /** Whether `ref` exists in the repository. */
  async hasRef(ref: string): Promise<boolean> {
    return (await git(this.repo, ['show-ref', '--verify', '--quiet', ref])).code === 0;
  }

  /** Waits for `promise`, or stops as soon as the demo is interrupted. */
  async until<T>(promise: Promise<T>): Promise<T> {
    this.checkInterrupted();
    const signal = this.opts.signal;
    let onAbort = () => {};
    const aborted = new Promise<never>((_, reject) => {
      onAbort = () => reject(new Interrupted('interrupted'));
      signal.addEventListener('abort', onAbort, { once: true });
    });
    try {
      return await Promise.race([promise, aborted]);
    } finally {
      signal.removeEventListener('abort', onAbort);
    }
  }

  checkInterrupted(): void {
    if (this.opts.signal.aborted) throw new Interrupted('interrupted');
  }
}

/** A command line as a user would type it: words quoted only when the shell needs it. */
export function shellLine(words: readonly string[]): string {
  return words
    .map((w) =>
      /^[\w@%+=:,./$-]+$/.test(w)
        ? w
        : /^[^"$`\\!]*$/.test(w)
          ? `"${w}"`
          : `'${w.replaceAll("'", `'\\''`)}'`,
    )
    .join(' ');
}
