import type { Access } from '../../core/provider.js';

/** One call a provider received, for tests that assert what was (or was not) asked of it. */
export interface MemoryCall {
  provider: string;
  method: 'list' | 'grant' | 'revoke' | 'apply' | 'check' | 'close';
  /** The accesses the call was about (none for list and close). */
  accesses: Access[];
}

/** What grantops recorded for one grant, as the PostgreSQL provider keeps it in its table. */
export interface MemoryRecord {
  provider: string;
  access: Access;
  /** The membership was already there, given by hand, when grantops granted. */
  preexisting: boolean;
}

/**
 * The pretend system a memory provider drives: memberships of identities in targets, grantops'
 * own records of what it manages, and a log of every call. It lives apart from the provider so
 * that several provider instances (one per reconcile run) see the same world, as they would
 * see the same database, and so a test can give or take access "by hand" behind grantops' back.
 */
export class MemoryTarget {
  readonly memberships = new Set<string>();
  readonly records = new Map<string, MemoryRecord>();
  readonly calls: MemoryCall[] = [];
  /** Identities that exist at the target; null means every identity exists. */
  identities: Set<string> | null = null;
  /** Targets (by `targetKey`) that exist; null means every target exists. */
  targets: Set<string> | null = null;

  giveByHand(target: Record<string, unknown>, identity: string): void {
    this.memberships.add(membershipKey(target, identity));
  }

  removeByHand(target: Record<string, unknown>, identity: string): void {
    this.memberships.delete(membershipKey(target, identity));
  }

  has(target: Record<string, unknown>, identity: string): boolean {
    return this.memberships.has(membershipKey(target, identity));
  }

  /** Calls made by the named provider, or by any provider. */
  callsOf(provider?: string): MemoryCall[] {
    return provider === undefined
      ? [...this.calls]
      : this.calls.filter((c) => c.provider === provider);
  }

  /** A deep copy of the mutable state, so a failed batch can be undone as a transaction would. */
  snapshot(): () => void {
    const memberships = new Set(this.memberships);
    const records = new Map(this.records);
    return () => {
      this.memberships.clear();
      for (const m of memberships) this.memberships.add(m);
      this.records.clear();
      for (const [k, v] of records) this.records.set(k, v);
    };
  }
}

/**
 * A target's identity: its settings with keys sorted, minus settings that only say how to grant
 * (like `terminate_sessions`), so that the same membership is one key however it is written.
 */
export function targetKey(target: Record<string, unknown>): string {
  const entries = Object.entries(target)
    .filter(([k]) => !BEHAVIOUR_KEYS.has(k))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return JSON.stringify(entries);
}

const BEHAVIOUR_KEYS = new Set(['terminate_sessions', 'exclusive']);

export function membershipKey(target: Record<string, unknown>, identity: string): string {
  return `${targetKey(target)}\u0000${identity}`;
}

export function recordKey(provider: string, a: Access): string {
  return [provider, a.role, a.login, a.identity, targetKey(a.target)].join('\u0000');
}
