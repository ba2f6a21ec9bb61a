import { loadPolicies, type ProviderSchemaSet } from '../core/policy/load.js';
import type { Policy } from '../core/policy/types.js';
import { MAX_POLICY_BYTES, isRegularFileMode } from '../core/paths.js';
import type { BlobContent, BlobReader } from './blob-stream.js';
import type { RawChange } from './log-stream.js';
import { decodeUtf8 } from './objects.js';
import { POLICY_FILE } from './policies.js';

/** The policy files of the branch at one point of its history: path → blob. */
export interface PolicyFiles {
  readonly files: ReadonlyMap<string, { mode: string; oid: string }>;
  /** Loaded on first use, once: most epochs are never needed by any grant. */
  policy: Promise<Policy | null> | null;
}

/**
 * Follows `policies/*.yaml` along the first-parent history, from the changes the log already
 * carries (no process per commit). A grant is checked against the policies of its landing
 * commit's first parent: the base the request was reviewed against, never the change itself,
 * so a commit cannot widen a role (or add its author to a group) and use it at once.
 *
 * The ledger needs the roles (their limits, rules, requesters and approvers) and the groups
 * they name. Each policy file is read and loaded once per blob and cached, so a policy change
 * costs one batch of blob reads and the parse of the files it changed.
 */
export class PolicyHistory {
  private epoch: PolicyFiles = { files: new Map(), policy: null };
  private readonly byBlob = new Map<string, Promise<Policy>>();
  private lastGroups: Map<string, string[]> | null = null;

  /** `schemas`: the provider types' settings schemas, given by the caller (git knows no provider). */
  constructor(
    private readonly blobs: BlobReader,
    private readonly schemas: ProviderSchemaSet,
  ) {}

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

  /** The policies of an epoch; null when no policy file could be read. */
  policyOf(epoch: PolicyFiles): Promise<Policy | null> {
    if (!epoch.policy) {
      epoch.policy = this.load(epoch.files);
      // Awaited by whoever needs it; a pass that stops early must not leave it unhandled.
      epoch.policy.catch(() => undefined);
    }
    return epoch.policy;
  }

  private async load(
    files: ReadonlyMap<string, { mode: string; oid: string }>,
  ): Promise<Policy | null> {
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
        read.then((b) => policyIn(path, b[i]!, this.schemas)),
      ),
    );
    const perFile = await Promise.all(entries.map(([, f]) => this.byBlob.get(f.oid)!));
    const merged: Policy = {
      admins: [],
      groups: new Map(),
      providers: new Map(),
      roles: new Map(),
    };
    for (const p of perFile) {
      merged.admins.push(...p.admins);
      for (const key of ['groups', 'providers', 'roles'] as const)
        for (const [name, value] of p[key] as Map<string, never>)
          if (!merged[key].has(name)) (merged[key] as Map<string, never>).set(name, value);
    }
    merged.groups = this.sameGroups(merged.groups);
    return merged;
  }

  /**
   * The groups of an earlier epoch when they are the very same definitions: who a role's
   * requesters and approvers are is expanded once per groups map (principals.ts), so a policy
   * change that leaves the groups alone costs no new expansion for any role it did not touch.
   */
  private sameGroups(groups: Map<string, string[]>): Map<string, string[]> {
    const last = this.lastGroups;
    if (last && last.size === groups.size && [...groups].every(([k, v]) => last.get(k) === v))
      return last;
    this.lastGroups = groups;
    return groups;
  }
}

const EMPTY = (): Policy => ({
  admins: [],
  groups: new Map(),
  providers: new Map(),
  roles: new Map(),
});

/**
 * What one policy file defines. Problems are not the ledger's to report (validate and the
 * CODEOWNERS check do that when the file changes); what did not load does not exist.
 */
function policyIn(path: string, b: BlobContent, schemas: ProviderSchemaSet): Policy {
  if (!b.bytes || (b.size ?? 0) > MAX_POLICY_BYTES) return EMPTY();
  const text = decodeUtf8(b.bytes);
  return text === null ? EMPTY() : loadPolicies([{ path, text }], schemas, { check: false }).policy;
}
