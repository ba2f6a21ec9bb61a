import { spawn } from 'node:child_process';

export interface RunOptions {
  /** Program and arguments. Never a shell string: each element is one argv entry. */
  argv: readonly string[];
  /** Written to stdin, then stdin is closed. */
  input: string;
  /** The whole environment the program sees. */
  env: Record<string, string>;
  cwd: string;
  timeoutMs: number;
  /** Output beyond this is a failure, not a memory problem (default 16 MiB). */
  maxOutputBytes?: number;
}

export interface RunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
  /** Why the program could not be started, or its output was cut; null when it ran. */
  error: string | null;
}

/** Grace between asking a timed-out program to stop (SIGTERM) and forcing it (SIGKILL). */
const KILL_GRACE_MS = 2_000;

/**
 * Runs a program with argv only (`shell: false`, so no value is ever parsed by a shell) and
 * resolves once it and its output are done. On timeout the whole process group is stopped:
 * the program is started as a group leader so that what it spawned (terraform's plugins, a
 * shell script's children) goes with it instead of lingering with grantops' pipes open.
 */
export function runCommand(opts: RunOptions): Promise<RunResult> {
  const max = opts.maxOutputBytes ?? 16 * 1024 * 1024;
  return new Promise((resolve) => {
    const [program, ...args] = opts.argv;
    const child = spawn(program!, args, {
      shell: false,
      cwd: opts.cwd,
      env: opts.env,
      stdio: ['pipe', 'pipe', 'pipe'],
      detached: true,
      windowsHide: true,
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let size = 0;
    let timedOut = false;
    let error: string | null = null;
    let done = false;
    const timers: NodeJS.Timeout[] = [];

    const killGroup = (signal: NodeJS.Signals) => {
      if (child.pid === undefined) return;
      try {
        process.kill(-child.pid, signal);
      } catch {
        // The group is already gone.
      }
    };
    const stop = () => {
      killGroup('SIGTERM');
      timers.push(setTimeout(() => killGroup('SIGKILL'), KILL_GRACE_MS));
      // A descendant that left the group could hold the pipes open forever: stop waiting.
      timers.push(setTimeout(() => finish(null, 'SIGKILL'), KILL_GRACE_MS + 1_000));
    };
    const collect = (into: Buffer[]) => (chunk: Buffer) => {
      size += chunk.length;
      if (size > max) {
        if (!error) {
          error = `printed more than ${max} bytes of output`;
          stop();
        }
        return;
      }
      into.push(chunk);
    };
    const finish = (code: number | null, signal: NodeJS.Signals | null) => {
      if (done) return;
      done = true;
      for (const t of timers) clearTimeout(t);
      child.stdout.destroy();
      child.stderr.destroy();
      resolve({
        code,
        signal,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
        timedOut,
        error,
      });
    };

    child.stdout.on('data', collect(out));
    child.stderr.on('data', collect(err));
    child.on('error', (e: NodeJS.ErrnoException) => {
      // Could not start (ENOENT, EACCES): there is no process to wait for.
      error = `could not be started: ${e.code ?? e.message}`;
      finish(null, null);
    });
    child.on('close', (code, signal) => finish(code, signal));
    timers.push(
      setTimeout(() => {
        timedOut = true;
        stop();
      }, opts.timeoutMs),
    );
    // A program that never reads stdin closes the pipe early; that is its business.
    child.stdin.on('error', () => {});
    child.stdin.end(opts.input);
  });
}
