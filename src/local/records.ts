import type { GitRepository } from '../core/git-port.js';

/**
 * Small JSON records kept as blobs behind refs: the last decision on a request (what a check
 * shows on GitHub) and how a commit on main landed (what GitHub's API answers about a merged
 * pull request). Whoever can write the repository can write these too: on the local forge,
 * writing the repository is the trust boundary (docs/forge.md).
 */
export async function writeRecord(git: GitRepository, ref: string, value: unknown): Promise<void> {
  const blob = await git.writeBlob(`${JSON.stringify(value, null, 2)}\n`);
  await git.setRef(ref, blob, 'grantops');
}

/** The record behind `ref`, or null when there is none or it is not JSON. */
export async function readRecord(git: GitRepository, ref: string): Promise<unknown> {
  const oid = await git.readRef(ref);
  if (!oid) return null;
  try {
    return JSON.parse(await git.readText(oid));
  } catch {
    return null;
  }
}
