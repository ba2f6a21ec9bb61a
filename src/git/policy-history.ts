import { loadPolicies } from '../core/policy/load.js';
import type { Role } from '../core/policy/types.js';
import { MAX_POLICY_BYTES, isRegularFileMode } from '../core/paths.js';
import { providerSchemas } from '../providers/schemas.js';
import type { BlobContent, BlobReader } from './blob-stream.js';
import type { RawChange } from './log-stream.js';
import { decodeUtf8 } from './objects.js';
import { POLICY_FILE } from './policies.js';

/** The roles a grant is judged by: role name → its definition. */
export type Roles = ReadonlyMap<string, Role>;

/** The policy files of the branch at one point of its history: path → blob. */
interface PolicyFiles {
  readonly files: ReadonlyMap<string, { mode: string; oid: string }>;
  /** Loaded on first use, once: most epochs are never needed by any grant. */
  roles: Promise<Roles | null> | null;
}

/**
 * Follows `policies/*.yaml` along the first-parent history, from the changes the log already
 * carries (no process per commit). A grant is checked against the policies of its landing
 * commit's first parent: the base the request was reviewed against, never the change itself,
 * so a commit cannot widen a role and use the wider role at once.
 *
 * The ledger needs only the roles (their max_duration and params). Each policy file's roles
 * are read once per blob and cached, so a policy change costs one batch of blob reads and the
 * parse of the files it changed, however many roles the other files define.
 */
export class PolicyHistory {
  private epoch: PolicyFiles = { files: new Map(), roles: null };
  private readonly byBlob = new Map<string, Promise<Roles>>();

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
    if (next) this.epoch = { files: next, roles: null };
  }

  /** The roles of an epoch; null when no policy file could be read. */
  rolesOf(epoch: PolicyFiles): Promise<Roles | null> {
    epoch.roles ??= this.load(epoch.files);
    return epoch.roles;
  }

  private async load(
    files: ReadonlyMap<string, { mode: string; oid: string }>,
  ): Promise<Roles | null> {
    // Sorted by path, first definition wins: the order loadPolicies merges files in.
    const entries = [...files]
      .filter(([, f]) => isRegularFileMode(f.mode))
      .sort(([a], [b]) => (a < b ? -1 : 1));
    if (entries.length === 0) return null;
    const missing = entries.filter(([, f]) => !this.byBlob.has(f.oid));
    const read = this.blobs.readMany(missing.map(([, f]) => f.oid));
    missing.forEach(([path, f], i) =>
      this.byBlob.set(
        f.oid,
        read.then((b) => rolesIn(path, b[i]!)),
      ),
    );
    const perFile = await Promise.all(entries.map(([, f]) => this.byBlob.get(f.oid)!));
    const roles = new Map<string, Role>();
    for (const m of perFile)
      for (const [name, role] of m) if (!roles.has(name)) roles.set(name, role);
    return roles;
  }
}

/**
 * The roles one policy file defines. Problems are not the ledger's to report (validate and
 * CODEOWNERS checks do that when the file changes); a role that did not load does not exist.
 */
function rolesIn(path: string, b: BlobContent): Roles {
  if (!b.bytes || (b.size ?? 0) > MAX_POLICY_BYTES) return new Map();
  const text = decodeUtf8(b.bytes);
  return text === null ? new Map() : loadPolicies([{ path, text }], providerSchemas).policy.roles;
}
