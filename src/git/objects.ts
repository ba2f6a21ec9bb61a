import { git, gitOk, OBJECT_ID } from './run.js';

export interface TreeEntry {
  mode: string;
  type: string;
  oid: string;
  size: number | null;
  /** Path decoded byte for byte (latin1): non-ASCII bytes never match the allow-list. */
  path: string;
}

/** Every entry under `prefixes` at `rev`, with sizes, in one `git ls-tree`. */
export async function listTree(
  repo: string,
  rev: string,
  prefixes: readonly string[],
): Promise<TreeEntry[]> {
  const out = await gitOk(repo, [
    'ls-tree',
    '-r',
    '-l',
    '-z',
    '--full-tree',
    rev,
    '--',
    ...prefixes,
  ]);
  const entries: TreeEntry[] = [];
  for (const line of out.toString('latin1').split('\0')) {
    if (!line) continue;
    const tab = line.indexOf('\t');
    const [mode, type, oid, size] = line.slice(0, tab).split(/ +/);
    entries.push({
      mode: mode!,
      type: type!,
      oid: oid!,
      size: size === '-' ? null : Number(size),
      path: line.slice(tab + 1),
    });
  }
  return entries;
}

/**
 * The object at each of `paths` in `commit` (null: no such path), in one `git cat-file
 * --batch-check`; null when the repository does not hold `commit` at all. Paths are git's bytes
 * decoded as latin1 (as ls-tree and diff give them here), so they are written back as latin1.
 * A path holding a newline cannot be one line of the batch: it is asked on its own.
 */
export async function objectsAt(
  repo: string,
  commit: string,
  paths: readonly string[],
): Promise<Map<string, string | null> | null> {
  const batched = paths.filter((p) => !p.includes('\n'));
  const lines = [`${commit}^{commit}`, ...batched.map((p) => `${commit}:${p}`)];
  const out = (
    await gitOk(
      repo,
      ['cat-file', '--batch-check=%(objectname)'],
      Buffer.from(`${lines.join('\n')}\n`, 'latin1'),
    )
  )
    .toString('latin1')
    .split('\n');
  // A found object is its id alone; anything else is `<the line> missing` (or ambiguous).
  const found = (line: string | undefined) => (line && OBJECT_ID.test(line) ? line : null);
  if (!found(out[0])) return null;
  const result = new Map<string, string | null>();
  batched.forEach((p, i) => result.set(p, found(out[i + 1])));
  for (const p of paths) if (!result.has(p)) result.set(p, await objectAt(repo, commit, p));
  return result;
}

/** The object at `path` in `commit`, or null when there is no such path. */
export async function objectAt(repo: string, commit: string, path: string): Promise<string | null> {
  const r = await git(repo, [
    'rev-parse',
    '--verify',
    '--quiet',
    '--end-of-options',
    `${commit}:${path}`,
  ]);
  const id = r.stdout.toString('utf8').trim();
  return r.code === 0 && OBJECT_ID.test(id) ? id : null;
}

/**
 * Reads many blobs in one `git cat-file --batch` process. Returns oid → bytes. Callers check
 * sizes first (from ls-tree or diff), so nothing oversized is ever read.
 */
export async function readBlobs(
  repo: string,
  oids: readonly string[],
): Promise<Map<string, Buffer>> {
  const unique = [...new Set(oids)];
  const result = new Map<string, Buffer>();
  if (unique.length === 0) return result;
  const out = await gitOk(repo, ['cat-file', '--batch'], unique.join('\n') + '\n');
  let pos = 0;
  for (const oid of unique) {
    const nl = out.indexOf(0x0a, pos);
    const header = out.subarray(pos, nl).toString('latin1').split(' ');
    if (header[1] === 'missing') {
      pos = nl + 1;
      continue;
    }
    const size = Number(header[2]);
    result.set(oid, out.subarray(nl + 1, nl + 1 + size));
    pos = nl + 1 + size + 1;
  }
  return result;
}

// One decoder for every file: without `stream`, each decode starts afresh.
const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/** Strict UTF-8 decoding: a file that is not UTF-8 is refused, not mangled. */
export function decodeUtf8(bytes: Buffer): string | null {
  try {
    return UTF8.decode(bytes);
  } catch {
    return null;
  }
}
