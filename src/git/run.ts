import { spawn } from 'node:child_process';
import { ExternalError } from '../core/errors.js';

export interface GitResult {
  stdout: Buffer;
  stderr: string;
  code: number;
}

/**
 * Runs git once and collects its output as bytes (paths are compared on git's own bytes).
 * `input` is written to stdin. Configuration that could change output between machines is pinned.
 */
export function git(
  repo: string,
  args: readonly string[],
  input?: string | Buffer,
): Promise<GitResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      'git',
      ['-c', 'core.quotePath=false', '-c', 'log.showSignature=false', ...args],
      {
        cwd: repo,
        env: { ...process.env, GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C' },
        stdio: ['pipe', 'pipe', 'pipe'],
      },
    );
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', (e) => reject(new ExternalError('E_GIT', `Could not run git: ${e.message}`)));
    child.on('close', (code) =>
      resolve({
        stdout: Buffer.concat(out),
        stderr: Buffer.concat(err).toString('utf8'),
        code: code ?? 1,
      }),
    );
    child.stdin.on('error', () => undefined); // git may exit before reading all input
    child.stdin.end(input ?? '');
  });
}

/** Like `git`, but a non-zero exit is an error naming the command and git's message. */
export async function gitOk(
  repo: string,
  args: readonly string[],
  input?: string | Buffer,
): Promise<Buffer> {
  const r = await git(repo, args, input);
  if (r.code !== 0) {
    throw new ExternalError(
      'E_GIT',
      `git ${args.slice(0, 3).join(' ')} failed: ${r.stderr.trim() || `exit ${r.code}`}`,
    );
  }
  return r.stdout;
}

/** The commit a revision names, or null when git knows no such commit. */
export async function tryResolveCommit(repo: string, rev: string): Promise<string | null> {
  const r = await git(repo, [
    'rev-parse',
    '--verify',
    '--quiet',
    '--end-of-options',
    `${rev}^{commit}`,
  ]);
  return r.code === 0 ? r.stdout.toString('utf8').trim() : null;
}

/** Resolves a revision to a commit id, or throws a usage-grade error naming it. */
export async function resolveCommit(repo: string, rev: string): Promise<string> {
  const commit = await tryResolveCommit(repo, rev);
  if (commit === null) {
    throw new ExternalError('E_GIT_REF', `${JSON.stringify(rev)} is not a commit in ${repo}.`);
  }
  return commit;
}

/** Splits NUL-terminated output into fields, each decoded byte for byte (latin1). */
export function splitZ(buf: Buffer): string[] {
  const parts = buf.toString('latin1').split('\0');
  if (parts[parts.length - 1] === '') parts.pop();
  return parts;
}
