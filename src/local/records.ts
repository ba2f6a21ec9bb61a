import { gitOk } from '../git/run.js';
import { readRef } from '../git/refs.js';
import { writeBlob } from '../git/write.js';

/**
 * Small JSON records kept as blobs behind refs: the last decision on a request (what a check
 * shows on GitHub) and how a commit on main landed (what GitHub's API answers about a merged
 * pull request). Whoever can write the repository can write these too: on the local forge,
 * writing the repository is the trust boundary (docs/forge.md).
 */
export async function writeRecord(repo: string, ref: string, value: unknown): Promise<void> {
  const blob = await writeBlob(repo, `${JSON.stringify(value, null, 2)}\n`);
  await gitOk(repo, ['update-ref', '-m', 'grantops', ref, blob]);
}

/** The record behind `ref`, or null when there is none or it is not JSON. */
export async function readRecord(repo: string, ref: string): Promise<unknown> {
  const oid = await readRef(repo, ref);
  if (!oid) return null;
  try {
    return JSON.parse((await gitOk(repo, ['cat-file', 'blob', oid])).toString('utf8'));
  } catch {
    return null;
  }
}
