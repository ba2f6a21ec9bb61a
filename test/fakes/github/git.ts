import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * The git side of a fake repository: a real bare repository in a temp dir. Commits, trees and
 * SHAs are git's own, so a client that `git fetch`es a pull request's head gets exactly the
 * objects the API talks about, and a squash merge is a real commit whose message is what was
 * sent. Everything is synchronous (the fake's handlers are), which is fine for test-sized repos.
 */

export interface GitPerson {
  name: string;
  email: string;
  /** RFC 3339. */
  date: string;
}

export interface GitCommit {
  sha: string;
  tree: string;
  parents: string[];
  author: GitPerson;
  committer: GitPerson;
  message: string;
}

const ENV = { GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null', LC_ALL: 'C' };

const SHA = /^[0-9a-f]{40}$/;

/** Where the post-receive hook notes each `git push` a client makes to the bare repository. */
const PUSH_LOG = 'pushes.log';

export class GitBackend {
  /** Answers about objects never change; answers about refs change with every ref update. */
  private readonly objects = new Map<string, unknown>();
  private readonly refCache = new Map<string, unknown>();
  private pushLogSize = 0;

  private constructor(readonly dir: string) {}

  /** Spawning git is slow on a busy machine: what cannot change is asked once. */
  private memo<T>(key: string, byRef: boolean, compute: () => T): T {
    if (byRef) this.noticeGitPushes();
    const cache = byRef ? this.refCache : this.objects;
    if (cache.has(key)) return cache.get(key) as T;
    const value = compute();
    cache.set(key, value);
    return value;
  }

  static create(): GitBackend {
    const dir = mkdtempSync(join(tmpdir(), 'fake-github-'));
    const git = new GitBackend(dir);
    git.run(['init', '-q', '--bare', '-b', 'main']);
    // GitHub serves any reachable commit by SHA; clients may fetch a head they read in the API.
    git.run(['config', 'uploadpack.allowAnySHA1InWant', 'true']);
    // A client may `git push` to the directory itself (as to GitHub over HTTPS): the hook notes
    // it, so answers about refs are asked again (see `noticeGitPushes`).
    writeFileSync(join(dir, 'hooks', 'post-receive'), `#!/bin/sh\ncat >> ${PUSH_LOG}\n`, {
      mode: 0o755,
    });
    return git;
  }

  /**
   * Forgets what refs pointed at when a client pushed with git since the last look: one stat of
   * the hook's log, so a ref read never answers from before a push.
   */
  private noticeGitPushes(): void {
    const size = statSync(join(this.dir, PUSH_LOG), { throwIfNoEntry: false })?.size ?? 0;
    if (size === this.pushLogSize) return;
    this.pushLogSize = size;
    this.refCache.clear();
  }

  run(args: readonly string[], options: { input?: string; env?: Record<string, string> } = {}) {
    return execFileSync('git', args, {
      cwd: this.dir,
      env: { ...process.env, ...ENV, ...options.env },
      encoding: 'utf8',
      input: options.input,
      stdio: ['pipe', 'pipe', 'pipe'],
      maxBuffer: 64 * 1024 * 1024,
    });
  }

  /** The commit a ref or SHA names, or null. */
  resolve(rev: string): string | null {
    return this.memo(`resolve ${rev}`, !SHA.test(rev), () => this.resolveNow(rev));
  }

  private resolveNow(rev: string): string | null {
    const r = spawnSync('git', ['rev-parse', '--verify', '-q', `${rev}^{commit}`], {
      cwd: this.dir,
      env: { ...process.env, ...ENV },
      encoding: 'utf8',
    });
    return r.status === 0 ? r.stdout.trim() : null;
  }

  /** Refs under `prefix` (e.g. `refs/heads/`), sorted by name. */
  refs(prefix: string): { ref: string; sha: string }[] {
    const out = this.memo(`refs ${prefix}`, true, () =>
      this.run(['for-each-ref', '--format=%(refname) %(objectname)', prefix]),
    );
    return out
      .split('\n')
      .filter(Boolean)
      .map((line) => {
        const [ref, sha] = line.split(' ');
        return { ref: ref as string, sha: sha as string };
      });
  }

  setRef(ref: string, sha: string): void {
    this.refCache.clear();
    this.run(['update-ref', ref, sha]);
  }

  deleteRef(ref: string): void {
    this.refCache.clear();
    this.run(['update-ref', '-d', ref]);
  }

  isAncestor(ancestor: string, of: string): boolean {
    return this.memo(`ancestor ${ancestor} ${of}`, !SHA.test(ancestor) || !SHA.test(of), () =>
      this.isAncestorNow(ancestor, of),
    );
  }

  private isAncestorNow(ancestor: string, of: string): boolean {
    return (
      spawnSync('git', ['merge-base', '--is-ancestor', ancestor, of], {
        cwd: this.dir,
        env: { ...process.env, ...ENV },
      }).status === 0
    );
  }

  mergeBase(a: string, b: string): string | null {
    const r = spawnSync('git', ['merge-base', a, b], {
      cwd: this.dir,
      env: { ...process.env, ...ENV },
      encoding: 'utf8',
    });
    return r.status === 0 ? r.stdout.trim() : null;
  }

  /** Commits reachable from `head` but not from `base`, oldest first (what a PR shows). */
  commitsBetween(base: string, head: string): GitCommit[] {
    return this.memo(`between ${base} ${head}`, !SHA.test(base) || !SHA.test(head), () =>
      this.log(['--reverse', '--topo-order', `${base}..${head}`]),
    );
  }

  commit(sha: string): GitCommit {
    return this.memo(`commit ${sha}`, !SHA.test(sha), () => this.log(['-1', sha])[0] as GitCommit);
  }

  /** Commits as `git log` lists them, read in one run; each is remembered by its SHA. */
  private log(args: string[]): GitCommit[] {
    const f = ['%H', '%T', '%P', '%an', '%ae', '%aI', '%cn', '%ce', '%cI', '%B'].join('%x00');
    const out = this.run(['log', `--format=${f}%x1e`, ...args]);
    return out
      .split('\x1e')
      .map((record) => record.replace(/^\n/, ''))
      .filter(Boolean)
      .map((record) => {
        const [h, tree, parents, an, ae, ad, cn, ce, cd, ...body] = record.split('\0');
        const c: GitCommit = {
          sha: h as string,
          tree: tree as string,
          parents: (parents as string).split(' ').filter(Boolean),
          author: { name: an as string, email: ae as string, date: utc(ad as string) },
          committer: { name: cn as string, email: ce as string, date: utc(cd as string) },
          message: body.join('\0').replace(/\n$/, ''),
        };
        this.objects.set(`commit ${c.sha}`, c);
        return c;
      });
  }

  /** The blob at `path` in `rev`, or null. */
  blob(rev: string, path: string): string | null {
    return this.memo(`blob ${rev} ${path}`, !SHA.test(rev), () => this.blobNow(rev, path));
  }

  private blobNow(rev: string, path: string): string | null {
    const r = spawnSync('git', ['rev-parse', '--verify', '-q', `${rev}:${path}`], {
      cwd: this.dir,
      env: { ...process.env, ...ENV },
      encoding: 'utf8',
    });
    return r.status === 0 ? r.stdout.trim() : null;
  }

  readFile(rev: string, path: string): string | null {
    const blob = this.blob(rev, path);
    return blob ? this.run(['cat-file', 'blob', blob]) : null;
  }

  /** The change a pull request shows: base's merge base with head, to head. */
  diff(base: string, head: string): string {
    return this.memo(`diff ${base} ${head}`, !SHA.test(base) || !SHA.test(head), () =>
      this.run(['diff', '--no-color', `${base}...${head}`]),
    );
  }

  /** Files changed from the merge base to `head`, with lines added and deleted. */
  numstat(base: string, head: string): { added: number; deleted: number; path: string }[] {
    return this.memo(`numstat ${base} ${head}`, !SHA.test(base) || !SHA.test(head), () =>
      this.run(['diff', '--numstat', `${base}...${head}`])
        .split('\n')
        .filter(Boolean)
        .map((l) => {
          const [a, d, ...path] = l.split('\t');
          return { added: Number(a) || 0, deleted: Number(d) || 0, path: path.join('\t') };
        }),
    );
  }

  /** The tree git's merge of the two commits gives, or null when they conflict. */
  mergeTree(base: string, head: string): string | null {
    return this.memo(`merge ${base} ${head}`, !SHA.test(base) || !SHA.test(head), () => {
      const merged = spawnSync('git', ['merge-tree', '--write-tree', base, head], {
        cwd: this.dir,
        env: { ...process.env, ...ENV },
        encoding: 'utf8',
      });
      return merged.status === 0 ? (merged.stdout.split('\n')[0] as string) : null;
    });
  }

  /**
   * A squash of `head` onto `base`: one commit whose tree is git's merge of the two and whose
   * only parent is `base`. Null when the merge conflicts.
   */
  squash(base: string, head: string, message: string, author: GitPerson, committer: GitPerson) {
    const tree = this.mergeTree(base, head);
    return tree === null ? null : this.commitTree(tree, [base], message, author, committer);
  }

  /** A commit on `parent` (none: a root commit) writing `files`; null deletes a file. */
  commitFiles(
    parent: string | null,
    files: Record<string, string | null>,
    message: string,
    author: GitPerson,
    committer: GitPerson = author,
  ): string {
    const work = mkdtempSync(join(tmpdir(), 'fake-github-index-'));
    try {
      const env = { GIT_INDEX_FILE: join(work, 'index') };
      if (parent) this.run(['read-tree', parent], { env });
      // One blob per distinct text and one index update for all paths: a request with
      // thousands of files costs a handful of git runs, not thousands.
      const blobs = new Map<string, string>();
      const lines = Object.entries(files).map(([path, text]) => {
        if (text === null) return `0 ${'0'.repeat(40)}\t${path}`;
        let blob = blobs.get(text);
        if (!blob) {
          blob = this.run(['hash-object', '-w', '--stdin'], { input: text }).trim();
          blobs.set(text, blob);
        }
        return `100644 ${blob}\t${path}`;
      });
      // No files: an empty commit, as `git commit --allow-empty` makes.
      if (lines.length)
        this.run(['update-index', '--index-info'], { env, input: `${lines.join('\n')}\n` });
      const tree = this.run(['write-tree'], { env }).trim();
      return this.commitTree(tree, parent ? [parent] : [], message, author, committer);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  }

  /**
   * `count` commits on `parent`, each writing `path` with a new line, made in one
   * `git fast-import` run (for tests of pull requests with many commits). Returns the last.
   */
  chain(parent: string, count: number, path: string, author: GitPerson): string {
    const when = `${Math.floor(Date.parse(author.date) / 1000)} +0000`;
    const who = `${author.name} <${author.email}>`;
    const parts: string[] = [];
    let text = '';
    for (let i = 1; i <= count; i++) {
      text += `line ${i}\n`;
      const message = `Commit ${i}\n`;
      parts.push(
        `commit refs/fake/chain\nmark :${i}\nauthor ${who} ${when}\ncommitter ${who} ${when}\n`,
        `data ${Buffer.byteLength(message)}\n${message}`,
        i === 1 ? `from ${parent}\n` : '',
        `M 100644 inline ${path}\ndata ${Buffer.byteLength(text)}\n${text}\n`,
      );
    }
    this.run(['fast-import', '--quiet'], { input: parts.join('') });
    const last = this.run(['rev-parse', 'refs/fake/chain']).trim();
    this.run(['update-ref', '-d', 'refs/fake/chain']);
    return last;
  }

  /** A commit on `parent` that deletes `path` (what the contents API does). */
  deleteFile(parent: string, path: string, message: string, who: GitPerson): string {
    const work = mkdtempSync(join(tmpdir(), 'fake-github-index-'));
    try {
      const env = { GIT_INDEX_FILE: join(work, 'index') };
      this.run(['read-tree', parent], { env });
      this.remove(path, env);
      const tree = this.run(['write-tree'], { env }).trim();
      return this.commitTree(tree, [parent], message, who, who);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  }

  /** Drops `path` from a temporary index (`--force-remove` wants a work tree; mode 0 does not). */
  private remove(path: string, env: Record<string, string>): void {
    this.run(['update-index', '--index-info'], { env, input: `0 ${'0'.repeat(40)}\t${path}\n` });
  }

  commitTree(
    tree: string,
    parents: string[],
    message: string,
    author: GitPerson,
    committer: GitPerson,
  ): string {
    const args = ['commit-tree', tree, ...parents.flatMap((p) => ['-p', p]), '-F', '-'];
    return this.run(args, {
      input: message,
      env: {
        GIT_AUTHOR_NAME: author.name,
        GIT_AUTHOR_EMAIL: author.email,
        GIT_AUTHOR_DATE: author.date,
        GIT_COMMITTER_NAME: committer.name,
        GIT_COMMITTER_EMAIL: committer.email,
        GIT_COMMITTER_DATE: committer.date,
      },
    }).trim();
  }

  /** Copies `ref` of another fake repository (a fork) into `into` here. */
  fetchFrom(other: GitBackend, ref: string, into: string): void {
    this.refCache.clear();
    this.run(['fetch', '-q', '--no-tags', other.dir, `+${ref}:${into}`]);
  }

  dispose(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** git prints dates with the committer's offset; GitHub's API speaks UTC. */
function utc(iso: string): string {
  return new Date(iso).toISOString().replace('.000Z', 'Z');
}
