import { gitOk } from './run.js';

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
