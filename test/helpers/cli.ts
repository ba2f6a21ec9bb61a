import { runCli, type CliIO } from '../../src/cli.js';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in-process, collecting what it prints. */
export async function cli(dir: string, ...argv: string[]): Promise<CliRun> {
  return cliWith({}, dir, ...argv);
}

/** The same with an environment (secrets named by policies) or a command map with test seams. */
export async function cliWith(
  opts: { env?: CliIO['env']; commands?: CliIO['commands'] },
  dir: string,
  ...argv: string[]
): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, {
    stdout: (s) => (stdout += s.endsWith('\n') ? s : `${s}\n`),
    stderr: (s) => (stderr += s.endsWith('\n') ? s : `${s}\n`),
    env: opts.env ?? {},
    cwd: dir,
    ...(opts.commands ? { commands: opts.commands } : {}),
  });
  return { code, stdout, stderr };
}

/** `validate` of the branch `req` against `main` by `author` at `now`, in JSON. */
export const validateArgs = (author: string, now: string): string[] => [
  'validate',
  '--base',
  'main',
  '--head',
  'req',
  '--author',
  author,
  '--now',
  now,
  '--format',
  'json',
];
