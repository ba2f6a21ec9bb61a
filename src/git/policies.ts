import {
  loadPolicies,
  type LoadedPolicy,
  type LoadOptions,
  type ProviderSchemaSet,
  type SourceFile,
} from '../core/policy/load.js';
import { MAX_POLICY_BYTES, POLICIES_DIR, isRegularFileMode } from '../core/paths.js';
import { problem, type Problem } from '../core/problem.js';
import { BlobReader, type BlobContent } from './blob-stream.js';
import { decodeUtf8, listTree } from './objects.js';

/** A policy file may be named policies/<name>.yaml; nothing deeper, nothing else. */
export const POLICY_FILE = /^policies\/[A-Za-z0-9._-]+\.yaml$/;

/**
 * Loads the policies as they are at `rev` (the base of a request: never the change under
 * review), with one ls-tree and one cat-file. Returns the policy and every problem found.
 * `schemas` are the provider types' settings schemas, passed in: the ledger knows no provider.
 */
export async function readPoliciesAt(
  repo: string,
  rev: string,
  schemas: ProviderSchemaSet,
  opts: LoadOptions = {},
): Promise<LoadedPolicy> {
  return loadPolicySources(await readPolicySources(repo, rev), schemas, opts);
}

/** The policy files at `rev`, read but not yet loaded, and what kept some from being read. */
export interface PolicySources {
  files: SourceFile[];
  problems: Problem[];
  /** How many policy files there are, read or not. */
  count: number;
}

/**
 * Reads the policy files at `rev`: loading can then wait for what it needs to know. Contents come
 * through `reader` when the caller has one running (one `cat-file` for a whole command).
 */
export async function readPolicySources(
  repo: string,
  rev: string,
  reader?: BlobReader,
): Promise<PolicySources> {
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
          `This policy file is ${e.size} bytes, over the ${MAX_POLICY_BYTES} bytes (1 MiB) grantops reads in one policy file, so none of it was read. Split it into several files under policies/ (they are all merged).`,
        ),
      );
      return false;
    }
    return true;
  });
  const blobs = reader ?? new BlobReader(repo, MAX_POLICY_BYTES);
  let read: BlobContent[];
  try {
    read = await blobs.readMany(readable.map((e) => e.oid));
  } finally {
    if (!reader) await blobs.close();
  }
  const files = readable.flatMap((e, i) => {
    const text = decodeUtf8(read[i]!.bytes ?? Buffer.alloc(0));
    if (text === null) {
      problems.push(problem(e.path, null, 'E_ENCODING', 'Policy file is not valid UTF-8.'));
      return [];
    }
    return [{ path: e.path, text }];
  });
  return { files, problems, count: entries.length };
}

/** Loads policy files read by readPolicySources. */
export function loadPolicySources(
  sources: PolicySources,
  schemas: ProviderSchemaSet,
  opts: LoadOptions = {},
): LoadedPolicy {
  const loaded = loadPolicies(sources.files, schemas, opts);
  // Policy files refused above (too large, not regular files) are not missing ones.
  const loadedProblems = sources.count
    ? loaded.problems.filter((p) => p.code !== 'E_POLICY_MISSING')
    : loaded.problems;
  return { policy: loaded.policy, problems: [...sources.problems, ...loadedProblems] };
}
