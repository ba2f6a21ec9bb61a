import { spawn } from 'node:child_process';
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
/**
 * Settings that would change what `git log` prints are pinned: the root commit's files are
 * always shown, no path is followed through renames, messages come as UTF-8, and submodule
 * changes are never hidden (a submodule under grants/ must be seen to be refused).
 */
const PINNED = [
  '-c',
  'core.quotePath=false',
  '-c',
  'log.showSignature=false',
  '-c',
  'log.showRoot=true',
  '-c',
  'log.follow=false',
];

/**
 * Streams the first-parent history of `commit`, oldest first, each commit with every change
 * against its first parent (`--diff-merges=first-parent`: a merge shows what it brought to the
 * branch), read as git writes it and never buffered whole. One `git log` process:
 *
 *   git log --first-parent --reverse --raw -z COMMIT
 *
 * Every path is shown, grants/ and policies/ alike, and the reader keeps what it needs: one walk
 * of the history serves both. Diffing whole trees costs git what `--relative=grants/` does (the
 * top-level tree has a handful of entries); a pathspec would make git diff every commit twice
 * (once to decide whether to show it, once to show it), and a second log for policies/ would
 * walk the whole history again before the first commit could be judged. `--no-renames` keeps
 * every delete and add explicit. Commits come in batches, as git's output arrives (one await
 * per batch, not per commit).
 */
export async function* firstParentBatches(
  repo: string,
  commit: string,
): AsyncGenerator<RawCommit[]> {
  const log = spawn(
    'git',
    [
      ...PINNED,
      'log',
      '--first-parent',
      '--reverse',
      '-r',
      '--raw',
      '--no-abbrev',
      '--no-renames',
      '--root',
      '--diff-merges=first-parent',
      '--ignore-submodules=none',
      '--no-ext-diff',
      '--no-textconv',
      '--no-color',
      '--encoding=UTF-8',
      '-z',
      '--format=%x01%H%x00%ct%x00%B',
      '--end-of-options',
      commit,
      '--',
    ],
    { cwd: repo, env: GIT_ENV, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stderr = '';
  log.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s.slice(0, 2000)));
  const exit = new Promise<number>((resolve, reject) => {
    log.on('error', (e) =>
      reject(
        new ExternalError(
          'E_GIT',
          `Could not run git: ${e.message}. Check that git (2.30 or later) is installed and on PATH, then run again.`,
        ),
      ),
    );
    log.on('close', (code) => resolve(code ?? 1));
  });
  exit.catch(() => undefined); // awaited below, unless the reader stops first

  const parser = new LogParser();
  let done = false;
  try {
    for await (const chunk of log.stdout as AsyncIterable<Buffer>) {
      const batch = parser.feed(chunk);
      if (batch.length) yield batch;
    }
    const last = parser.end();
    if (last.length) yield last;
    done = true;
  } finally {
    // An early return (audit --at, --until) stops git instead of letting it run on.
    if (!done) log.kill();
  }
  const code = await exit;
  if (code !== 0)
    throw new ExternalError(
      'E_GIT',
      `git log failed: ${stderr.trim() || `exit ${code}`}. Fix what git reports, then run again.`,
    );
}

/** `firstParentBatches`, one commit at a time. */
export async function* firstParentLog(repo: string, commit: string): AsyncGenerator<RawCommit> {
  for await (const batch of firstParentBatches(repo, commit)) yield* batch;
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

  /** The commits this chunk completes. */
  feed(chunk: Buffer): RawCommit[] {
    const out: RawCommit[] = [];
    const buf = this.carry ? Buffer.concat([this.carry, chunk]) : chunk;
    let pos = 0;
    for (;;) {
      const nul = buf.indexOf(0, pos);
      if (nul < 0) break;
      const done = this.field(buf, pos, nul);
      if (done) out.push(done);
      pos = nul + 1;
    }
    this.carry = pos < buf.length ? Buffer.from(buf.subarray(pos)) : null;
    return out;
  }

  /** The last commit, once the output has ended. */
  end(): RawCommit[] {
    const out: RawCommit[] = [];
    if (this.carry && this.carry.length) {
      const done = this.field(this.carry, 0, this.carry.length);
      if (done) out.push(done);
    }
    this.carry = null;
    if (this.current) out.push(this.current);
    this.current = null;
    return out;
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
            'Unexpected output from git diff-tree (the ledger could not read the history). Check that git is 2.30 or later (git --version), then run again; if it is, report it as a bug in grantops.',
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
