import { loadPolicies } from '../core/policy/load.js';
import type { Policy } from '../core/policy/types.js';
import { MAX_POLICY_BYTES, isRegularFileMode } from '../core/paths.js';
import { providerSchemas } from '../providers/schemas.js';
import type { BlobReader } from './blob-stream.js';
import type { RawChange } from './log-stream.js';
import { decodeUtf8 } from './objects.js';
import { POLICY_FILE } from './policies.js';

/** The policy files of the branch at one point of its history: path → blob. */
interface PolicyFiles {
  readonly files: ReadonlyMap<string, { mode: string; oid: string }>;
  /** Loaded on first use, once: most epochs are never needed by any grant. */
  policy: Promise<Policy | null> | null;
}

/**
 * Follows `policies/*.yaml` along the first-parent history, from the changes the log already
 * carries (no process per commit). A grant is checked against the policies of its landing
 * commit's first parent: the base the request was reviewed against, never the change itself,
 * so a commit cannot widen a role and use the wider role at once. Policies are loaded only for
 * epochs a grant needs, with one batch of blob reads each.
 */
export class PolicyHistory {
  private epoch: PolicyFiles = { files: new Map(), policy: null };

  constructor(private readonly blobs: BlobReader) {}

  /** The epoch in force now (before the changes of the commit being read). */
  get current(): PolicyFiles {
    return this.epoch;
  }

  /** Applies a commit's changes to policies/; starts a new epoch when any policy file changed. */
  apply(changes: readonly RawChange[]): void {
    let next: Map<string, { mode: string; oid: string }> | null = null;
    for (const c of changes) {
      if (!POLICY_FILE.test(c.path)) continue;
      next ??= new Map(this.epoch.files);
      if (c.status === 'D') next.delete(c.path);
      else next.set(c.path, { mode: c.newMode, oid: c.newOid });
    }
    if (next) this.epoch = { files: next, policy: null };
  }

  /** The policies of an epoch; null when none could be read (no files, or none valid). */
  policyOf(epoch: PolicyFiles): Promise<Policy | null> {
    epoch.policy ??= this.load(epoch.files);
    return epoch.policy;
  }

  private async load(
    files: ReadonlyMap<string, { mode: string; oid: string }>,
  ): Promise<Policy | null> {
    const entries = [...files].filter(([, f]) => isRegularFileMode(f.mode));
    if (entries.length === 0) return null;
    // Grants are checked against whatever roles loaded: a problem elsewhere in the policies
    // (reported by `validate` when it happened) must not hide which roles existed.
    const blobs = await this.blobs.readMany(entries.map(([, f]) => f.oid));
    const sources = entries.flatMap(([path], i) => {
      const b = blobs[i]!;
      if (!b.bytes || (b.size ?? 0) > MAX_POLICY_BYTES) return [];
      const text = decodeUtf8(b.bytes);
      return text === null ? [] : [{ path, text }];
    });
    return loadPolicies(sources, providerSchemas).policy;
  }
}
