import { spawn, type ChildProcess } from 'node:child_process';
import { ExternalError } from '../core/errors.js';
import { gitEnv } from './run.js';

/** One file change of a first-parent commit, as `git log --raw` reports it. */
export interface RawChange {
  /** A added, M modified, D deleted, T type changed (e.g. file → symlink). */
  status: string;
  oldMode: string;
  newMode: string;
  oldOid: string;
  newOid: string;
  /** Decoded byte for byte (latin1), so it is compared on git's own bytes. */
  path: string;
}

export interface RawCommit {
  oid: string;
  /** Committer time, seconds since the epoch. */
  committedAt: number;
  message: string;
  changes: RawChange[];
}

// GIT_FLUSH=0: git would otherwise flush its output after every commit when writing to a pipe.
const GIT_ENV = gitEnv({ GIT_FLUSH: '0' });
const PINNED = ['-c', 'core.quotePath=false', '-c', 'log.showSignature=false'];

export interface LogOptions {
  /**
   * Only the commits that change these paths (`rev-list -- PATHS`, compared with the first parent
   * alone), newest first; by default every first-parent commit, oldest first.
   */
  onlyCommitsChanging?: readonly string[];
  /** List every commit walked, even one with no change under `pathspecs` (`--always`). */
  always?: boolean;
}

/**
 * Streams the first-parent history of `commit`, oldest first, limited to commits that change
 * `pathspecs`, with each commit's changes against its first parent. This is the ledger's one
 * pass over history, read incrementally and never buffered whole:
 *
 *   git rev-list --first-parent --reverse COMMIT | git diff-tree --stdin --raw -z … -- PATHSPECS
 *
 * rev-list only walks commits, which is cheap; diff-tree diffs each commit once against its
 * first parent (`--diff-merges=first-parent`: a merge shows what it brought to the branch).
 * `git log --first-parent --reverse -- PATHSPECS` would print the same, but it diffs every
 * commit twice (once to decide whether to show it, once to show it) and finishes its walk before
 * printing anything. The two processes are joined by an OS pipe, not through this process.
 * `--no-renames` keeps every delete and add explicit; `--root` shows the first commit's files.
 * Commits come in batches, as git's output arrives (one await per batch, not per commit).
 */
export async function* firstParentBatches(
  repo: string,
  commit: string,
  pathspecs: readonly string[],
  opts: LogOptions = {},
): AsyncGenerator<RawCommit[]> {
  const revList = spawn(
    'git',
    [
      ...PINNED,
      'rev-list',
      '--first-parent',
      ...(opts.onlyCommitsChanging ? [] : ['--reverse']),
      commit,
      '--',
      ...(opts.onlyCommitsChanging ?? []),
    ],
    { cwd: repo, env: GIT_ENV, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const diffTree = spawn(
    'git',
    [
      ...PINNED,
      'diff-tree',
      '--stdin',
      '-r',
      '--raw',
      '--no-abbrev',
      '--no-renames',
      '--root',
      '--diff-merges=first-parent',
      '--no-ext-diff',
      '--no-textconv',
      '--no-color',
      ...(opts.always ? ['--always'] : []),
      '-z',
      '--format=%x01%H%x00%ct%x00%B',
      '--',
      ...pathspecs,
    ],
    { cwd: repo, env: GIT_ENV, stdio: [revList.stdout, 'pipe', 'pipe'] },
  );
  const errors = { revList: '', diffTree: '' };
  revList.stderr
    .setEncoding('utf8')
    .on('data', (s: string) => (errors.revList += s.slice(0, 2000)));
  diffTree.stderr
    .setEncoding('utf8')
    .on('data', (s: string) => (errors.diffTree += s.slice(0, 2000)));
  const exit = (child: ChildProcess) =>
    new Promise<number>((resolve, reject) => {
      child.on('error', (e) =>
        reject(new ExternalError('E_GIT', `Could not run git: ${e.message}`)),
      );
      child.on('close', (code) => resolve(code ?? 1));
    });
  const revListExit = exit(revList);
  const diffTreeExit = exit(diffTree);
  revListExit.catch(() => undefined);
  diffTreeExit.catch(() => undefined);
  // diff-tree holds its own copy of the pipe; this process must not read it.
  revList.stdout.destroy();

  const parser = new LogParser();
  let done = false;
  try {
    for await (const chunk of diffTree.stdout as AsyncIterable<Buffer>) {
      const batch = [...parser.feed(chunk)];
      if (batch.length) yield batch;
    }
    const last = [...parser.end()];
    if (last.length) yield last;
    done = true;
  } finally {
    // An early return (audit --at, --until) stops git instead of letting it run on.
    if (!done) {
      revList.kill();
      diffTree.kill();
    }
  }
  const [a, b] = await Promise.all([revListExit, diffTreeExit]);
  if (a !== 0)
    throw new ExternalError(
      'E_GIT',
      `git rev-list failed: ${errors.revList.trim() || `exit ${a}`}`,
    );
  if (b !== 0)
    throw new ExternalError(
      'E_GIT',
      `git diff-tree failed: ${errors.diffTree.trim() || `exit ${b}`}`,
    );
}

/** `firstParentBatches`, one commit at a time. */
export async function* firstParentLog(
  repo: string,
  commit: string,
  pathspecs: readonly string[],
  opts: LogOptions = {},
): AsyncGenerator<RawCommit> {
  for await (const batch of firstParentBatches(repo, commit, pathspecs, opts)) yield* batch;
}

/**
 * Parses `--format=%x01%H%x00%ct%x00%B -z --raw` output. Fields are NUL-terminated; a
 * commit is: header (`\x01oid`), committer time, message, then pairs of raw meta
 * (`:mode mode oid oid status`, after a newline for the first) and path. The message is the
 * last format field and cannot contain NUL, so no message or path can be mistaken for structure.
 */
export class LogParser {
  private carry: Buffer | null = null;
  private current: RawCommit | null = null;
  /** What the next field is. */
  private expect: 'header' | 'time' | 'message' | 'meta-or-header' | 'path' = 'header';
  private meta: string[] = [];

  *feed(chunk: Buffer): Generator<RawCommit> {
    const buf = this.carry ? Buffer.concat([this.carry, chunk]) : chunk;
    let pos = 0;
    for (;;) {
      const nul = buf.indexOf(0, pos);
      if (nul < 0) break;
      const done = this.field(buf, pos, nul);
      if (done) yield done;
      pos = nul + 1;
    }
    this.carry = pos < buf.length ? Buffer.from(buf.subarray(pos)) : null;
  }

  *end(): Generator<RawCommit> {
    if (this.carry && this.carry.length) {
      const done = this.field(this.carry, 0, this.carry.length);
      if (done) yield done;
    }
    this.carry = null;
    if (this.current) yield this.current;
    this.current = null;
  }

  /** Consumes one field; returns a commit when the field starts the next one. */
  private field(buf: Buffer, start: number, end: number): RawCommit | null {
    switch (this.expect) {
      case 'header':
      case 'meta-or-header': {
        // A raw meta field starts with ':' (the first one after a newline).
        let s = start;
        if (buf[s] === 0x0a) s++;
        if (this.expect === 'meta-or-header' && buf[s] === 0x3a) {
          this.meta = buf.toString('latin1', s + 1, end).split(' ');
          this.expect = 'path';
          return null;
        }
        if (buf[s] !== 0x01)
          throw new ExternalError(
            'E_GIT',
            'Unexpected output from git diff-tree (the ledger could not read the history).',
          );
        const finished = this.current;
        this.current = {
          oid: buf.toString('latin1', s + 1, end),
          committedAt: 0,
          message: '',
          changes: [],
        };
        this.expect = 'time';
        return finished;
      }
      case 'time':
        this.current!.committedAt = Number(buf.toString('latin1', start, end));
        this.expect = 'message';
        return null;
      case 'message':
        this.current!.message = buf.toString('utf8', start, end);
        this.expect = 'meta-or-header';
        return null;
      case 'path': {
        const [oldMode, newMode, oldOid, newOid, status] = this.meta;
        this.current!.changes.push({
          status: status!,
          oldMode: oldMode!,
          newMode: newMode!,
          oldOid: oldOid!,
          newOid: newOid!,
          path: buf.toString('latin1', start, end),
        });
        this.expect = 'meta-or-header';
        return null;
      }
    }
  }
}
