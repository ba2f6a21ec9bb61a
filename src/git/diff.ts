import { MAX_GRANT_BYTES, isRegularFileMode } from '../core/paths.js';
import type { FileChange } from '../core/request/types.js';
import { decodeUtf8, readBlobs } from './objects.js';
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
 * candidate. Three git processes whatever the size of the change: diff, batch-check, batch.
 */
export async function readChanges(repo: string, base: string, head: string): Promise<FileChange[]> {
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
  // Sizes first, so nothing larger than the cap is ever read, let alone parsed.
  const wanted = changes.filter(
    (c) => c.oid && c.path.startsWith('grants/') && isRegularFileMode(c.newMode),
  );
  if (wanted.length) {
    const sizes = (
      await gitOk(
        repo,
        ['cat-file', '--batch-check=%(objectname) %(objectsize)'],
        wanted.map((c) => c.oid).join('\n') + '\n',
      )
    )
      .toString('latin1')
      .split('\n');
    const sizeOf = new Map(
      sizes.filter(Boolean).map((l) => [l.split(' ')[0]!, Number(l.split(' ')[1])]),
    );
    for (const c of wanted) c.size = sizeOf.get(c.oid) ?? null;
    const small = wanted.filter((c) => c.size !== null && c.size <= MAX_GRANT_BYTES);
    const blobs = await readBlobs(
      repo,
      small.map((c) => c.oid),
    );
    for (const c of small) {
      const text = decodeUtf8(blobs.get(c.oid) ?? Buffer.alloc(0));
      if (text === null) c.notUtf8 = true;
      else c.text = text;
    }
  }
  return changes.map(({ oid: _oid, ...c }) => c);
}
