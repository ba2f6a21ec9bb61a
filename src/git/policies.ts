import { loadPolicies, type LoadedPolicy } from '../core/policy/load.js';
import { MAX_POLICY_BYTES, POLICIES_DIR, isRegularFileMode } from '../core/paths.js';
import { problem, type Problem } from '../core/problem.js';
import { providerSchemas } from '../providers/schemas.js';
import { decodeUtf8, listTree, readBlobs } from './objects.js';

/** A policy file may be named policies/<name>.yaml; nothing deeper, nothing else. */
export const POLICY_FILE = /^policies\/[A-Za-z0-9._-]+\.yaml$/;

/**
 * Loads the policies as they are at `rev` (the base of a request: never the change under
 * review), with one ls-tree and one cat-file. Returns the policy and every problem found.
 */
export async function readPoliciesAt(repo: string, rev: string): Promise<LoadedPolicy> {
  const entries = (await listTree(repo, rev, [POLICIES_DIR])).filter((e) =>
    POLICY_FILE.test(e.path),
  );
  const problems: Problem[] = [];
  const readable = entries.filter((e) => {
    if (!isRegularFileMode(e.mode)) {
      problems.push(
        problem(
          e.path,
          null,
          'E_NOT_REGULAR_FILE',
          'Policy files must be regular files, not symlinks or submodules.',
        ),
      );
      return false;
    }
    if ((e.size ?? 0) > MAX_POLICY_BYTES) {
      problems.push(
        problem(
          e.path,
          null,
          'E_FILE_TOO_LARGE',
          `Policy file is ${e.size} bytes; the limit is ${MAX_POLICY_BYTES}. Split it into several files.`,
        ),
      );
      return false;
    }
    return true;
  });
  const blobs = await readBlobs(
    repo,
    readable.map((e) => e.oid),
  );
  const files = readable.flatMap((e) => {
    const text = decodeUtf8(blobs.get(e.oid) ?? Buffer.alloc(0));
    if (text === null) {
      problems.push(problem(e.path, null, 'E_ENCODING', 'Policy file is not valid UTF-8.'));
      return [];
    }
    return [{ path: e.path, text }];
  });
  const loaded = loadPolicies(files, providerSchemas);
  return { policy: loaded.policy, problems: [...problems, ...loaded.problems] };
}
