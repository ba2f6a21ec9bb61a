import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { ExternalError } from '../core/errors.js';
import { gitEnv } from './run.js';

export interface BlobContent {
  oid: string;
  /** null when missing from the repository. */
  size: number | null;
  /** null when missing or larger than the reader's cap (it is skipped, never held). */
  bytes: Buffer | null;
}

const FLUSH_AT = 2048;

interface Request {
  oid: string;
  resolve: (b: BlobContent) => void;
  reject: (e: Error) => void;
}

/**
 * One long-running `git cat-file --batch` for a whole ledger pass: blob ids go in as the log is
 * read, contents come back in order, so reading thousands of grant files costs one process and
 * runs alongside `git log`. Blobs over `maxBytes` are skipped as they stream past.
 */
export class BlobReader {
  private child: ChildProcessWithoutNullStreams | null = null;
  private readonly queue: Request[] = [];
  private head = 0;
  private pendingOids: string[] = [];
  private flushScheduled = false;
  private carry: Buffer | null = null;
  /** The blob being received: its header is read, `remaining` content bytes (+1 newline) to go. */
  private body: { req: Request; size: number; remaining: number; parts: Buffer[] | null } | null =
    null;
  private failure: Error | null = null;
  private stderr = '';

  constructor(
    private readonly repo: string,
    private readonly maxBytes: number,
  ) {}

  read(oid: string): Promise<BlobContent> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => this.ask({ oid, resolve, reject }));
  }

  /**
   * Reads a batch and sends it to git at once: one promise for the whole batch, not one per
   * blob (the ledger reads tens of thousands).
   */
  readMany(oids: readonly string[]): Promise<BlobContent[]> {
    if (this.failure) return Promise.reject(this.failure);
    if (oids.length === 0) return Promise.resolve([]);
    return new Promise((resolve, reject) => {
      const out = new Array<BlobContent>(oids.length);
      let left = oids.length;
      let failed = false;
      oids.forEach((oid, i) =>
        this.ask({
          oid,
          resolve: (b) => {
            out[i] = b;
            if (--left === 0) resolve(out);
          },
          reject: (e) => {
            if (!failed) reject(e);
            failed = true;
          },
        }),
      );
      this.flush();
    });
  }

  private ask(req: Request): void {
    this.start();
    this.queue.push(req);
    this.pendingOids.push(req.oid);
    // Ids go to git in batches: a pipe write per id costs more than reading the blob. A batch
    // leaves when it is full, when a caller is about to wait (`flush`), or after 10 ms at most.
    if (this.pendingOids.length >= FLUSH_AT) this.flush();
    else if (!this.flushScheduled) {
      this.flushScheduled = true;
      setTimeout(() => this.flush(), 10);
    }
  }

  /** Ends git's input; resolves when git has exited. */
  async close(): Promise<void> {
    const child = this.child;
    if (!child) return;
    this.flush();
    await new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) resolve();
      else {
        child.once('close', () => resolve());
        child.stdin.end();
      }
    });
    this.child = null;
  }

  private start(): void {
    if (this.child) return;
    const child = spawn('git', ['cat-file', '--batch'], {
      cwd: this.repo,
      env: gitEnv(),
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    this.child = child;
    child.stdin.on('error', () => undefined); // reported through 'close'
    child.stderr.setEncoding('utf8').on('data', (s: string) => (this.stderr += s.slice(0, 2000)));
    child.stdout.on('data', (chunk: Buffer) => this.receive(chunk));
    child.on('error', (e) =>
      this.fail(
        new ExternalError(
          'E_GIT',
          `Could not run git cat-file: ${e.message}. Check that git is installed and on PATH, then run again.`,
        ),
      ),
    );
    child.on('close', (code) => {
      if (this.head < this.queue.length)
        this.fail(
          new ExternalError(
            'E_GIT',
            `git cat-file stopped early (exit ${code}): ${this.stderr.trim()}. Check the repository with git fsck, then run again.`,
          ),
        );
    });
  }

  /** Sends the ids asked for so far: call it before waiting for one of them. */
  flush(): void {
    this.flushScheduled = false;
    if (!this.pendingOids.length || !this.child) return;
    this.child.stdin.write(this.pendingOids.join('\n') + '\n');
    this.pendingOids = [];
  }

  private fail(e: Error): void {
    this.failure = e;
    for (let i = this.head; i < this.queue.length; i++) this.queue[i]!.reject(e);
    this.queue.length = 0;
    this.head = 0;
  }

  private next(): Request {
    const req = this.queue[this.head++]!;
    // Drop answered requests now and then so the queue does not grow with the history.
    if (this.head > 4096) {
      this.queue.splice(0, this.head);
      this.head = 0;
    }
    return req;
  }

  private receive(chunk: Buffer): void {
    const buf = this.carry ? Buffer.concat([this.carry, chunk]) : chunk;
    this.carry = null;
    let pos = 0;
    while (pos < buf.length) {
      if (this.body) {
        const b = this.body;
        const take = Math.min(b.remaining, buf.length - pos);
        // The content is kept only when it fits the cap; the last byte is git's newline.
        if (b.parts) b.parts.push(buf.subarray(pos, pos + take));
        b.remaining -= take;
        pos += take;
        if (b.remaining === 0) {
          this.body = null;
          // One copy, owned by the caller (never a view that keeps git's whole chunk alive).
          const bytes = !b.parts
            ? null
            : b.parts.length === 1
              ? Buffer.from(b.parts[0]!.subarray(0, b.size))
              : Buffer.concat(b.parts).subarray(0, b.size);
          b.req.resolve({ oid: b.req.oid, size: b.size, bytes });
        }
        continue;
      }
      const nl = buf.indexOf(0x0a, pos);
      if (nl < 0) break;
      const header = buf.toString('latin1', pos, nl).split(' ');
      pos = nl + 1;
      const req = this.next();
      if (header[1] === 'missing' || header.length < 3) {
        req.resolve({ oid: req.oid, size: null, bytes: null });
        continue;
      }
      const size = Number(header[2]);
      this.body = { req, size, remaining: size + 1, parts: size <= this.maxBytes ? [] : null };
    }
    if (pos < buf.length) this.carry = Buffer.from(buf.subarray(pos));
  }
}
