import { MAX_GRANT_BYTES, isRegularFileMode } from '../core/paths.js';
import type { FileChange } from '../core/request/types.js';
import { BlobReader } from './blob-stream.js';
import { decodeUtf8 } from './objects.js';
import { gitOk, splitZ } from './run.js';

const STATUS: Record<string, FileChange['status']> = {
  A: 'added',
  M: 'modified',
  D: 'deleted',
  T: 'type-changed',
};
const ZERO = /^0+$/;

/**
 * The files a request changes, from the merge base of `base` and `head` to `head` (what a pull
 * request shows, even when the base branch has moved on), with the new content of each grant
 * candidate. Two git processes whatever the size of the change: the diff, and a `cat-file
 * --batch` (the caller's, when it reads other blobs too). A blob over the grant size cap is
 * never held: its size comes from git's header and its bytes stream past unkept.
 */
export async function readChanges(
  repo: string,
  base: string,
  head: string,
  reader?: BlobReader,
): Promise<FileChange[]> {
  const fields = splitZ(
    await gitOk(repo, [
      'diff',
      '--raw',
      '-z',
      '--no-renames',
      '--no-abbrev',
      '--no-ext-diff',
      `${base}...${head}`,
      '--',
    ]),
  );
  const changes: (FileChange & { oid: string })[] = [];
  for (let i = 0; i + 1 < fields.length; i += 2) {
    const [oldMode, newMode, , newOid, status] = fields[i]!.slice(1).split(' ');
    changes.push({
      path: fields[i + 1]!,
      status: STATUS[status![0]!] ?? 'modified',
      oldMode: oldMode!,
      newMode: newMode!,
      size: null,
      text: null,
      oid: ZERO.test(newOid!) ? '' : newOid!,
    });
  }
  const wanted = changes.filter(
    (c) => c.oid && c.path.startsWith('grants/') && isRegularFileMode(c.newMode),
  );
  if (wanted.length) {
    const blobs = reader ?? new BlobReader(repo, MAX_GRANT_BYTES);
    try {
      const read = await blobs.readMany(wanted.map((c) => c.oid));
      wanted.forEach((c, i) => {
        const b = read[i]!;
        c.size = b.size;
        // Over the cap: refused by its size alone, never decoded, let alone parsed.
        if (b.size === null || b.size > MAX_GRANT_BYTES || !b.bytes) return;
        const text = decodeUtf8(b.bytes);
        if (text === null) c.notUtf8 = true;
        else c.text = text;
      });
    } finally {
      if (!reader) await blobs.close();
    }
  }
  return changes.map(({ oid: _oid, ...c }) => c);
}

/**
 * Which of `paths` the base changed since the request branched off (merge base to base): the
 * files whose squash would hold a version the request never showed, one git process.
 */
export async function changedOnBase(
  repo: string,
  base: string,
  head: string,
  paths: readonly string[],
): Promise<string[]> {
  if (paths.length === 0) return [];
  return splitZ(
    await gitOk(repo, [
      'diff',
      '--name-only',
      '-z',
      '--no-renames',
      '--no-ext-diff',
      `${head}...${base}`,
      '--',
      ...paths.map((p) => `:(literal)${p}`),
    ]),
  );
}
