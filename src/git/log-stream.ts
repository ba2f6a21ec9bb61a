import { spawn } from 'node:child_process';
import { ExternalError } from '../core/errors.js';

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
  parents: string[];
  /** Committer time, seconds since the epoch. */
  committedAt: number;
  message: string;
  changes: RawChange[];
}

/**
 * Streams the first-parent history of `commit`, oldest first, limited to commits that change
 * `pathspecs`, with each commit's changes against its first parent. This is the ledger's one
 * pass over history: one git process, read incrementally from its stdout, never buffered whole.
 *
 * `--diff-merges=first-parent` makes a merge show what it brought to the branch; `--no-renames`
 * keeps every delete and add explicit; `--root` shows the first commit's files as added.
 * `--reverse` makes git walk the history before printing, which costs git a little memory per
 * commit but lets the ledger see time in order.
 */
export async function* firstParentLog(
  repo: string,
  commit: string,
  pathspecs: readonly string[],
): AsyncGenerator<RawCommit> {
  const args = [
    '-c',
    'core.quotePath=false',
    '-c',
    'log.showSignature=false',
    '-c',
    'diff.noprefix=false',
    'log',
    '--first-parent',
    '--reverse',
    '--raw',
    '--no-abbrev',
    '--no-renames',
    '--root',
    '--diff-merges=first-parent',
    '--no-ext-diff',
    '--no-textconv',
    '--no-color',
    '-z',
    '--format=%x01%H %P%x00%ct%x00%B',
    commit,
    '--',
    ...pathspecs,
  ];
  const child = spawn('git', args, {
    cwd: repo,
    env: { ...process.env, GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s.slice(0, 4000)));
  const exited = new Promise<number>((resolve, reject) => {
    child.on('error', (e) => reject(new ExternalError('E_GIT', `Could not run git: ${e.message}`)));
    child.on('close', (code) => resolve(code ?? 1));
  });
  const parser = new LogParser();
  let done = false;
  try {
    for await (const chunk of child.stdout as AsyncIterable<Buffer>) {
      yield* parser.feed(chunk);
    }
    yield* parser.end();
    done = true;
  } finally {
    // An early return (audit --at, --until) stops git instead of letting it run on.
    if (!done) child.kill();
  }
  const code = await exited;
  if (code !== 0)
    throw new ExternalError('E_GIT', `git log failed: ${stderr.trim() || `exit ${code}`}`);
}

/**
 * Parses `--format=%x01%H %P%x00%ct%x00%B -z --raw` output. Fields are NUL-terminated; a
 * commit is: header (`\x01oid parents`), committer time, message, then pairs of raw meta
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
            'Unexpected output from git log (the ledger could not read the history).',
          );
        const finished = this.current;
        const [oid, ...parents] = buf.toString('latin1', s + 1, end).split(' ');
        this.current = {
          oid: oid!,
          parents: parents.filter(Boolean),
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
