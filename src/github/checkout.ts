import { spawn } from 'node:child_process';
import { ExternalError } from '../core/errors.js';

/**
 * Git's side of the GitHub forge: the commits a pull request names are fetched into the local
 * clone (the workflow's checkout), so files, diffs and commit lists come from git's own objects
 * and never from the API's file listing, which stops at 3,000 files. GitHub serves any reachable
 * commit by its SHA, forks' pull request heads included. Over HTTPS the token travels in an
 * `http.extraHeader` set through git's environment for this one command: it never lands in a
 * URL, a log, the process list or `.git/config`.
 */

interface GitResult {
  stdout: Buffer;
  stderr: string;
  code: number;
}

/**
 * Runs git in the checkout. The forge's own small runner: src/github/ imports only the core
 * (DESIGN §5), and these few read-only commands plus one fetch are all it asks of git.
 */
function git(
  dir: string,
  args: readonly string[],
  env: Record<string, string> = {},
): Promise<GitResult> {
  return new Promise((resolve, reject) => {
    const child = spawn('git', ['-c', 'core.quotePath=false', ...args], {
      cwd: dir,
      env: { ...process.env, GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', (e) =>
      reject(
        new ExternalError('E_GIT', `Could not run git in ${JSON.stringify(dir)}: ${e.message}`),
      ),
    );
    child.on('close', (code) =>
      resolve({
        stdout: Buffer.concat(out),
        stderr: Buffer.concat(err).toString('utf8'),
        code: code ?? 1,
      }),
    );
  });
}

async function gitOk(dir: string, args: readonly string[]): Promise<Buffer> {
  const r = await git(dir, args);
  if (r.code !== 0) {
    throw new ExternalError(
      'E_GIT',
      `git ${args.slice(0, 3).join(' ')} failed in the checkout: ${r.stderr.trim().slice(0, 300) || `exit ${r.code}`}`,
    );
  }
  return r.stdout;
}

export interface GitRemote {
  /** The local repository (a clone of the access repository). */
  dir: string;
  /** What to fetch from: the repository's clone URL, or a path (tests). */
  url: string;
  /** A token for HTTPS remotes; unused for paths. */
  token?: string;
}

async function present(dir: string, sha: string): Promise<boolean> {
  return (await git(dir, ['cat-file', '-e', `${sha}^{commit}`])).code === 0;
}

/** Makes sure every commit in `shas` is in the local repository. */
export async function fetchCommits(remote: GitRemote, shas: readonly string[]): Promise<void> {
  const missing: string[] = [];
  for (const sha of new Set(shas)) {
    if (!/^[0-9a-f]{40}$/.test(sha))
      throw new ExternalError(
        'E_GIT',
        `GitHub named ${JSON.stringify(sha)} as a commit; that is not a SHA-1.`,
      );
    if (!(await present(remote.dir, sha))) missing.push(sha);
  }
  if (!missing.length) return;
  // The token reaches git through its environment (GIT_CONFIG_*), never argv, which any process
  // on the runner can read.
  const auth: Record<string, string> = remote.token
    ? {
        GIT_CONFIG_COUNT: '1',
        GIT_CONFIG_KEY_0: 'http.extraHeader',
        GIT_CONFIG_VALUE_0: `Authorization: Basic ${Buffer.from(`x-access-token:${remote.token}`).toString('base64')}`,
      }
    : {};
  const r = await git(
    remote.dir,
    ['fetch', '--quiet', '--no-tags', '--no-write-fetch-head', remote.url, ...missing],
    auth,
  );
  if (
    r.code !== 0 ||
    !(await Promise.all(missing.map((s) => present(remote.dir, s)))).every(Boolean)
  ) {
    throw new ExternalError(
      'E_GIT_FETCH',
      `git could not fetch ${missing.map((s) => s.slice(0, 12)).join(', ')} from the repository: ${r.stderr.trim().slice(0, 300) || `exit ${r.code}`}. The checkout needs the repository's history (actions/checkout with fetch-depth: 0) and a token that can read it.`,
    );
  }
}

/** Commits reachable from `head` and not from `base`, oldest first, as git sees them. */
export async function commitsBetween(dir: string, base: string, head: string): Promise<string[]> {
  const out = await gitOk(dir, ['rev-list', '--reverse', '--topo-order', `${base}..${head}`]);
  return out.toString('utf8').split('\n').filter(Boolean);
}

/** The blob of `path` at `commit`, or null when there is no such file. */
export async function blobAt(dir: string, commit: string, path: string): Promise<string | null> {
  const r = await git(dir, [
    'rev-parse',
    '--verify',
    '--quiet',
    '--end-of-options',
    `${commit}:${path}`,
  ]);
  return r.code === 0 ? r.stdout.toString('utf8').trim() : null;
}

export async function mergeBase(dir: string, a: string, b: string): Promise<string> {
  return (await gitOk(dir, ['merge-base', a, b])).toString('utf8').trim();
}

/** `git diff --name-status` from `base` to `head`, as [status, path, status, path, …]. */
export async function nameStatus(dir: string, base: string, head: string): Promise<string[]> {
  const out = await gitOk(dir, ['diff', '--no-renames', '--name-status', '-z', base, head]);
  return out.toString('latin1').split('\0').filter(Boolean);
}
