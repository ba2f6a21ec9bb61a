import { spawn } from 'node:child_process';
import { ExternalError } from '../core/errors.js';
import { gitEnv } from './run.js';

/** One file change of a first-parent commit, as `git log --raw` reports it. */
export interface RawChange {
  /** A added, M modified, D deleted, T type changed (e.g. file → symlink). */
  status: string;
  newMode: string;
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
  /** The start of a field that a chunk ended inside, in pieces (copied: chunks are reused). */
  private carry: Buffer[] = [];
  private current: RawCommit | null = null;
  /** What the next field is. */
  private expect: 'header' | 'time' | 'message' | 'meta-or-header' | 'path' = 'header';
  /** The raw meta of the change whose path comes next. */
  private change = { status: '', newMode: '', newOid: '' };

  /** The commits this chunk completes. */
  feed(chunk: Buffer): RawCommit[] {
    const out: RawCommit[] = [];
    let pos = 0;
    if (this.carry.length) {
      // Only the field that spans the boundary is joined, never the whole chunk.
      const nul = chunk.indexOf(0);
      if (nul < 0) {
        this.carry.push(Buffer.from(chunk));
        return out;
      }
      const field = Buffer.concat([...this.carry, chunk.subarray(0, nul)]);
      this.carry = [];
      const done = this.field(field, 0, field.length);
      if (done) out.push(done);
      pos = nul + 1;
    }
    for (;;) {
      const nul = chunk.indexOf(0, pos);
      if (nul < 0) break;
      const done = this.field(chunk, pos, nul);
      if (done) out.push(done);
      pos = nul + 1;
    }
    if (pos < chunk.length) this.carry.push(Buffer.from(chunk.subarray(pos)));
    return out;
  }

  /** The last commit, once the output has ended. */
  end(): RawCommit[] {
    const out: RawCommit[] = [];
    const rest = Buffer.concat(this.carry);
    if (rest.length) {
      const done = this.field(rest, 0, rest.length);
      if (done) out.push(done);
    }
    this.carry = [];
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
          // `:oldmode newmode oldoid newoid status`: only the new side is the ledger's.
          const a = buf.indexOf(0x20, s + 1);
          const b = buf.indexOf(0x20, a + 1);
          const c = buf.indexOf(0x20, b + 1);
          const d = buf.indexOf(0x20, c + 1);
          if (a < 0 || d < 0 || d >= end) throw unexpected();
          this.change = {
            newMode: buf.toString('latin1', a + 1, b),
            newOid: buf.toString('latin1', c + 1, d),
            status: buf.toString('latin1', d + 1, end),
          };
          this.expect = 'path';
          return null;
        }
        if (buf[s] !== 0x01) throw unexpected();
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
        const { status, newMode, newOid } = this.change;
        this.current!.changes.push({
          status,
          newMode,
          newOid,
          path: buf.toString('latin1', start, end),
        });
        this.expect = 'meta-or-header';
        return null;
      }
    }
  }
}

function unexpected(): ExternalError {
  return new ExternalError(
    'E_GIT',
    'Unexpected output from git log (the ledger could not read the history). Check that git is 2.30 or later (git --version), then run again; if it is, report it as a bug in grantops.',
  );
}
