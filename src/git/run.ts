import { spawn } from 'node:child_process';
import { statSync } from 'node:fs';
import { ExternalError } from '../core/errors.js';
import { quote } from '../core/text.js';

export interface GitResult {
  stdout: Buffer;
  stderr: string;
  code: number;
}

/**
 * Variables that point git at another repository, work tree, index or object store. A git hook
 * sets them for its own repository; inherited by grantops, they would make every command read
 * and write that repository instead of the one named by --repo. git finds the repository from
 * its working folder once they are gone.
 */
const REPOSITORY_VARIABLES = [
  'GIT_DIR',
  'GIT_WORK_TREE',
  'GIT_INDEX_FILE',
  'GIT_OBJECT_DIRECTORY',
  'GIT_ALTERNATE_OBJECT_DIRECTORIES',
  'GIT_COMMON_DIR',
  'GIT_NAMESPACE',
  'GIT_CEILING_DIRECTORIES',
  'GIT_DISCOVERY_ACROSS_FILESYSTEM',
  'GIT_REPLACE_REF_BASE',
  'GIT_NO_REPLACE_OBJECTS',
  'GIT_GRAFT_FILE',
  'GIT_SHALLOW_FILE',
  'GIT_CONFIG',
  'GIT_CONFIG_PARAMETERS',
  'GIT_CONFIG_COUNT',
];

/** The environment every git process grantops starts runs with. */
export function gitEnv(extra: Readonly<Record<string, string>> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of REPOSITORY_VARIABLES) delete env[name];
  for (const name of Object.keys(env))
    if (/^GIT_CONFIG_(KEY|VALUE)_\d+$/.test(name)) delete env[name];
  return { ...env, GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C', ...extra };
}

/**
 * Runs git once and collects its output as bytes (paths are compared on git's own bytes).
 * `input` is written to stdin. Configuration that could change output between machines is pinned.
 * `env` adds variables (commit identities and dates, a temporary index) for this run only.
 */
export function git(
  repo: string,
  args: readonly string[],
  input?: string | Buffer,
  env: Readonly<Record<string, string>> = {},
): Promise<GitResult> {
  return new Promise((resolve, reject) => {
    let child;
    try {
      child = spawn(
        'git',
        ['-c', 'core.quotePath=false', '-c', 'log.showSignature=false', ...args],
        {
          cwd: repo,
          env: gitEnv(env),
          stdio: ['pipe', 'pipe', 'pipe'],
        },
      );
    } catch (e) {
      // Some failures (a working folder that is a file) are thrown, not emitted.
      reject(spawnFailure(repo, e as NodeJS.ErrnoException));
      return;
    }
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', (e) => reject(spawnFailure(repo, e)));
    child.on('close', (code) => {
      const stderr = Buffer.concat(err).toString('utf8');
      const unusable = code === 128 ? unusableRepo(repo, stderr) : null;
      if (unusable) reject(unusable);
      else resolve({ stdout: Buffer.concat(out), stderr, code: code ?? 1 });
    });
    child.stdin.on('error', () => undefined); // git may exit before reading all input
    child.stdin.end(input ?? '');
  });
}

const WHERE = "Run grantops in the access repository's folder, or name that folder with --repo.";

/**
 * Why git could not be started. Node reports a working folder that does not exist exactly as it
 * reports a missing program (`spawn git ENOENT`), so the folder is looked at to tell them apart.
 */
function spawnFailure(repo: string, e: NodeJS.ErrnoException): ExternalError {
  if (e.code === 'ENOENT' || e.code === 'ENOTDIR') {
    const folder = statSync(repo, { throwIfNoEntry: false });
    if (!folder)
      return new ExternalError(
        'E_REPO_NOT_FOUND',
        `The folder ${quote(repo, 200)} does not exist. ${WHERE}`,
      );
    if (!folder.isDirectory())
      return new ExternalError(
        'E_REPO_NOT_FOUND',
        `${quote(repo, 200)} is a file, not a folder. ${WHERE}`,
      );
    if (e.code === 'ENOENT')
      return new ExternalError(
        'E_GIT_NOT_FOUND',
        'grantops reads the access repository with git, and there is no git on PATH. Install git (2.30 or later), or add the folder that holds it to PATH.',
      );
  }
  return new ExternalError(
    'E_GIT',
    `Could not run git in ${quote(repo, 200)}: ${e.message}. Check that git is installed and the folder can be read, then run again.`,
  );
}

/** git's refusals (exit 128) that mean no git command can work in this folder, worded for people. */
function unusableRepo(repo: string, stderr: string): ExternalError | null {
  if (/^fatal: not a git repository/m.test(stderr))
    return new ExternalError(
      'E_NOT_A_GIT_REPO',
      `${quote(repo, 200)} is not a git repository (nor inside one): grantops reads the grants and policies from the git history of a clone of the access repository. ${WHERE}`,
    );
  if (/^fatal: detected dubious ownership/m.test(stderr))
    return new ExternalError(
      'E_GIT_UNSAFE_REPO',
      `git refuses to read ${quote(repo, 200)}: the folder belongs to another user (git's safe.directory check). If you trust it, run: git config --global --add safe.directory <the folder>`,
    );
  return null;
}

/** Like `git`, but a non-zero exit is an error naming the command and git's message. */
export async function gitOk(
  repo: string,
  args: readonly string[],
  input?: string | Buffer,
  env?: Readonly<Record<string, string>>,
): Promise<Buffer> {
  const r = await git(repo, args, input, env);
  if (r.code !== 0) {
    throw new ExternalError(
      'E_GIT',
      `git ${args.slice(0, 3).join(' ')} failed: ${r.stderr.trim() || `exit ${r.code}`}. Fix what git reports, then run again.`,
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
    throw new ExternalError(
      'E_GIT_REF',
      `${quote(rev, 200)} is not a commit in ${quote(repo, 200)}. Name a branch, tag or commit that exists there (git fetch first, if it is on a remote).`,
    );
  }
  return commit;
}

/**
 * Resolves several revisions to commit ids with one git process; when any is not a commit, each
 * is resolved on its own so the error names the one that is not.
 */
export async function resolveCommits(repo: string, revs: readonly string[]): Promise<string[]> {
  const r = await git(repo, [
    'rev-parse',
    '--end-of-options',
    ...revs.map((v) => `${v}^{commit}`),
    '--',
  ]);
  // rev-parse echoes the separators it was given (some versions `--end-of-options` too).
  const ids =
    r.code === 0
      ? r.stdout
          .toString('latin1')
          .split('\n')
          .filter((l) => l && l !== '--' && l !== '--end-of-options')
      : [];
  if (ids.length === revs.length && ids.every((id) => OBJECT_ID.test(id))) return ids;
  return Promise.all(revs.map((v) => resolveCommit(repo, v)));
}

/** A full object id, SHA-1 or SHA-256. */
export const OBJECT_ID = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/;

/** Splits NUL-terminated output into fields, each decoded byte for byte (latin1). */
export function splitZ(buf: Buffer): string[] {
  const parts = buf.toString('latin1').split('\0');
  if (parts[parts.length - 1] === '') parts.pop();
  return parts;
}
