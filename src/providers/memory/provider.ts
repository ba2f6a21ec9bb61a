import { ExternalError } from '../../core/errors.js';
import type { ProviderConfig } from '../../core/policy/types.js';
import { problem, quote, type Problem } from '../../core/problem.js';
import type { JsonSchema } from '../../core/yaml-value.js';
import { providerSettings } from '../common-schema.js';
import type { Access, AccessChanges, ApplyResult, Provider } from '../../core/provider.js';
import type { ProviderFactory } from '../types.js';
import {
  MemoryTarget,
  membershipKey,
  recordKey,
  targetKey,
  type MemoryCall,
  type MemoryRecord,
} from './target.js';

export { MemoryTarget, type MemoryCall, type MemoryRecord } from './target.js';

export interface MemoryProviderOptions {
  name?: string;
  /** The world it drives; several providers may share one. Default: a fresh, empty one. */
  target?: MemoryTarget;
  /** Whether to claim native expiry, for tests of reconcile's handling of it. */
  nativeExpiry?: boolean;
  /** Makes a call fail as a broken target would: return an error to throw it. */
  failWith?: (method: MemoryCall['method'], access?: Access) => Error | undefined;
}

/**
 * An honest in-memory provider: the same semantics as the PostgreSQL provider (records what it
 * manages, never revokes access given by hand, lists only recorded access that is in effect,
 * applies a batch all or nothing), with no I/O. It backs tests of reconcile and the demo, and
 * logs every call so a negative test can assert that no provider was asked anything.
 */
export class MemoryProvider implements Provider {
  readonly type = 'memory';
  readonly name: string;
  readonly target: MemoryTarget;
  readonly nativeExpiry?: boolean;
  private readonly failWith: MemoryProviderOptions['failWith'];

  constructor(options: MemoryProviderOptions = {}) {
    this.name = options.name ?? 'memory';
    this.target = options.target ?? new MemoryTarget();
    if (options.nativeExpiry) this.nativeExpiry = true;
    this.failWith = options.failWith;
  }

  async list(): Promise<Access[]> {
    this.log('list', []);
    return [...this.target.records.values()]
      .filter(
        (r) => r.provider === this.name && this.target.has(r.access.target, r.access.identity),
      )
      .map((r) => copy(r.access));
  }

  async grant(access: Access): Promise<void> {
    this.log('grant', [access]);
    this.throwIfMissing(access);
    this.grantOne(access);
  }

  async revoke(access: Access): Promise<void> {
    this.log('revoke', [access]);
    this.revokeOne(access);
  }

  async apply(changes: AccessChanges): Promise<ApplyResult> {
    this.log('apply', [...changes.grant, ...changes.revoke]);
    const result: ApplyResult = { granted: [], revoked: [], unchanged: [], failed: [] };
    const undo = this.target.snapshot();
    try {
      for (const a of changes.revoke)
        (this.revokeOne(a) ? result.revoked : result.unchanged).push(a);
      for (const a of changes.grant) {
        const missing = this.missing(a);
        if (missing) result.failed.push({ access: a, error: missing });
        else (this.grantOne(a) ? result.granted : result.unchanged).push(a);
      }
    } catch (err) {
      undo(); // all or nothing, as the PostgreSQL provider's transaction
      throw err;
    }
    return result;
  }

  async check(accesses: readonly Access[]): Promise<Problem[]> {
    this.log('check', [...accesses]);
    return accesses.flatMap((a) => {
      const missing = this.missing(a);
      const path = `grants/${a.role}/${a.login}.yaml`;
      if (!missing) return [];
      // The same codes as the postgres provider's check.
      const code =
        this.target.identities?.has(a.identity) === false
          ? 'E_PROVIDER_IDENTITY_MISSING'
          : 'E_PROVIDER_TARGET_MISSING';
      return [problem(path, null, code, missing)];
    });
  }

  async close(): Promise<void> {
    this.log('close', []);
  }

  /** True when the grant is newly managed (given now, or found given by hand and recorded). */
  private grantOne(a: Access): boolean {
    this.failIfAsked('grant', a);
    const key = recordKey(this.name, a);
    const membership = membershipKey(a.target, a.identity);
    const inEffect = this.target.memberships.has(membership);
    const existing = this.target.records.get(key);
    if (existing && inEffect) {
      this.target.records.set(key, { ...existing, access: copy(a) });
      return false;
    }
    const others = this.recordsOf(membership).filter(
      (r) => recordKey(r.provider, r.access) !== key,
    );
    // Access already there by hand is recorded as such, so revoking the grant leaves it be.
    const preexisting = inEffect && (others.length === 0 || others.some((r) => r.preexisting));
    if (!inEffect) {
      this.target.memberships.add(membership);
      // grantops gave it now: no record of this membership may claim a hand grant any more.
      for (const r of others)
        this.target.records.set(recordKey(r.provider, r.access), { ...r, preexisting: false });
    }
    this.target.records.set(key, { provider: this.name, access: copy(a), preexisting });
    return true;
  }

  /** True when a record was removed (and the membership with it, unless kept for others). */
  private revokeOne(a: Access): boolean {
    this.failIfAsked('revoke', a);
    const key = recordKey(this.name, a);
    const record = this.target.records.get(key);
    if (!record) return false;
    this.target.records.delete(key);
    const membership = membershipKey(a.target, a.identity);
    if (!record.preexisting && this.recordsOf(membership).length === 0) {
      this.target.memberships.delete(membership);
    }
    return true;
  }

  private recordsOf(membership: string) {
    return [...this.target.records.values()].filter((r) => membershipOf(r) === membership);
  }

  private missing(a: Access): string | undefined {
    const { identities, targets } = this.target;
    if (identities && !identities.has(a.identity)) {
      return `Identity ${quote(a.identity)} (GitHub login ${quote(a.login)}) does not exist at provider ${quote(this.name)}. Create it there, or map the login to an identity that exists.`;
    }
    if (targets && !targets.has(targetKey(a.target))) {
      return `Target ${targetKey(a.target)} of role ${quote(a.role)} does not exist at provider ${quote(this.name)}. Create it there, or fix the role's grant.`;
    }
    return undefined;
  }

  private throwIfMissing(a: Access): void {
    const missing = this.missing(a);
    if (missing) throw new ExternalError('E_PROVIDER', missing);
  }

  private failIfAsked(method: MemoryCall['method'], a?: Access): void {
    const err = this.failWith?.(method, a);
    if (err) throw err;
  }

  private log(method: MemoryCall['method'], accesses: Access[]): void {
    this.target.calls.push({ provider: this.name, method, accesses: accesses.map(copy) });
    if (method === 'list' || method === 'check') this.failIfAsked(method);
  }
}

/**
 * A record's membership key, worked out once per record (records are replaced, never changed):
 * every grant and revoke asks which records share a membership, and recomputing each record's
 * key for every question made a thousand-grant reconcile in memory take seconds.
 */
const memberships = new WeakMap<MemoryRecord, string>();
function membershipOf(r: MemoryRecord): string {
  let key = memberships.get(r);
  if (key === undefined) {
    key = membershipKey(r.access.target, r.access.identity);
    memberships.set(r, key);
  }
  return key;
}

function copy(a: Access): Access {
  return structuredClone(a);
}

export const settings = providerSettings(
  'memory',
  'An in-memory provider for tests and the demo: nothing outside the grantops process is changed.',
  {
    native_expiry: {
      description:
        'Claim that the target ends access at its expiry by itself (default false), for tests.',
      type: 'boolean',
    },
  },
  [],
);

export const grant: JsonSchema = {
  type: 'object',
  description: 'Free-form settings naming what a grant of this role gives in memory.',
  additionalProperties: { type: ['string', 'number', 'boolean'] },
};

/**
 * A factory for memory providers that all drive `target`, for registering in tests: the policy
 * schemas grantops ships do not accept `type: memory`, so it is never reachable from a policy.
 */
export function memoryProviderFactory(target: MemoryTarget): ProviderFactory {
  return {
    type: 'memory',
    settings,
    grant,
    create: (config: ProviderConfig) =>
      new MemoryProvider({
        name: config.name,
        target,
        nativeExpiry: config.settings.native_expiry === true,
      }),
  };
}
