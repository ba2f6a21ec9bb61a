import type { Access, AccessChanges, ApplyResult } from '../../core/provider.js';

/** What the database says about one (database role, member) pair. */
export interface PairState {
  roleExists: boolean;
  memberExists: boolean;
  inEffect: boolean;
  canGrant: boolean;
}

/** One row of grantops.managed_memberships. */
export interface RecordRow {
  provider: string;
  role: string;
  login: string;
  db_role: string;
  member: string;
  expires_at: Date | null;
  preexisting: boolean;
}

export interface Pair {
  dbRole: string;
  member: string;
}

/** The statements a batch needs, worked out from the state read at its start. */
export interface BatchPlan {
  grantPairs: Pair[];
  revokePairs: Pair[];
  upserts: RecordRow[];
  deletes: RecordRow[];
  /** Members whose sessions end after commit (a revoke with terminate_sessions really removed the role). */
  terminate: string[];
  result: ApplyResult;
}

export const dbRoleOf = (a: Access): string => a.target.role as string;
export const pairKey = (dbRole: string, member: string): string => `${dbRole}\u0000${member}`;
const accessPair = (a: Access) => pairKey(dbRoleOf(a), a.identity);
const rowPair = (r: RecordRow) => pairKey(r.db_role, r.member);
const rowKey = (r: RecordRow) => [r.provider, r.role, r.login, r.db_role, r.member].join('\u0000');
const accessKey = (provider: string, a: Access) =>
  [provider, a.role, a.login, dbRoleOf(a), a.identity].join('\u0000');

/**
 * Plans a batch the way `grant` and `revoke` one at a time would go, revokes first, on a copy of
 * the state, then keeps only the net change per pair: a revoke and a grant of the same
 * membership in one batch touch nothing. The rules:
 *
 * - grantops records each grant it manages. A membership already there without a record was
 *   given by hand: it is recorded as `preexisting` and never revoked by grantops.
 * - Several grants may share one membership (two roles giving the same database role); it is
 *   revoked only when the last record of it goes, and only if grantops gave it.
 * - A grant whose membership was removed by hand is granted again, and is then grantops' own.
 */
export function planBatch(
  provider: string,
  changes: AccessChanges,
  pairs: ReadonlyMap<string, PairState>,
  records: readonly RecordRow[],
): BatchPlan {
  const result: ApplyResult = { granted: [], revoked: [], unchanged: [], failed: [] };
  const inEffect = new Map([...pairs].map(([k, s]) => [k, s.inEffect]));
  const original = new Map(records.map((r) => [rowKey(r), r]));
  const recs = new RecordIndex(original);
  const recordsOf = (pk: string) => recs.ofPair(pk);
  const terminatePairs = new Set<string>();

  for (const a of changes.revoke) {
    const key = accessKey(provider, a);
    const rec = recs.get(key);
    if (!rec) {
      result.unchanged.push(a);
      continue;
    }
    recs.delete(key);
    result.revoked.push(a);
    const pk = accessPair(a);
    if (!rec.preexisting && recordsOf(pk).length === 0 && inEffect.get(pk)) {
      inEffect.set(pk, false);
      if (a.target.terminate_sessions === true) terminatePairs.add(pk);
    }
  }

  for (const a of changes.grant) {
    const pk = accessPair(a);
    const state = pairs.get(pk);
    const missing = missingFor(a, state);
    if (missing) {
      result.failed.push({ access: a, error: missing });
      continue;
    }
    const key = accessKey(provider, a);
    const rec = recs.get(key);
    const expires = a.expiresAt ?? null;
    if (rec && inEffect.get(pk)) {
      if (rec.expires_at?.getTime() !== expires?.getTime())
        recs.set(key, { ...rec, expires_at: expires });
      result.unchanged.push(a);
      continue;
    }
    const others = recordsOf(pk).filter((r) => rowKey(r) !== key);
    let preexisting = false;
    if (inEffect.get(pk)) {
      preexisting = others.length === 0 || others.some((r) => r.preexisting);
    } else {
      inEffect.set(pk, true);
      // grantops gives it now: no record may still claim it was given by hand.
      for (const r of others) if (r.preexisting) recs.set(rowKey(r), { ...r, preexisting: false });
    }
    const row = {
      provider,
      role: a.role,
      login: a.login,
      db_role: dbRoleOf(a),
      member: a.identity,
    };
    recs.set(key, { ...row, expires_at: expires, preexisting });
    result.granted.push(a);
  }

  const changed = (want: boolean) =>
    [...inEffect]
      .filter(([pk, now]) => now === want && pairs.get(pk)?.inEffect === !want)
      .map(([pk]) => splitPair(pk));
  const revokePairs = changed(false);
  return {
    grantPairs: changed(true),
    revokePairs,
    upserts: [...recs.entries()].filter(([k, r]) => !sameRow(original.get(k), r)).map(([, r]) => r),
    deletes: [...original].filter(([k]) => !recs.has(k)).map(([, r]) => r),
    terminate: [
      ...new Set(
        revokePairs
          .filter((p) => terminatePairs.has(pairKey(p.dbRole, p.member)))
          .map((p) => p.member),
      ),
    ],
    result,
  };
}

/** Why the database cannot take this grant, naming what is missing; undefined when it can. */
export function missingFor(a: Access, state: PairState | undefined): string | undefined {
  if (!state?.roleExists) {
    return `Database role ${JSON.stringify(dbRoleOf(a))} (grant.role of role ${JSON.stringify(a.role)}) does not exist. Create it, or fix the role's grant in the policy.`;
  }
  if (!state.memberExists) {
    return `Database login ${JSON.stringify(a.identity)} for GitHub user ${JSON.stringify(a.login)} does not exist. Create it (CREATE ROLE ... LOGIN), or map the user to an existing login with the provider's users setting.`;
  }
  return undefined;
}

/**
 * The batch's working copy of the records, indexed by membership too: planning asks "which
 * records share this membership" once per change, and a scan per question made a batch of a
 * thousand grants quadratic, inside the apply transaction.
 */
class RecordIndex {
  private readonly rows: Map<string, RecordRow>;
  private readonly byPair = new Map<string, Set<string>>();

  constructor(initial: ReadonlyMap<string, RecordRow>) {
    this.rows = new Map(initial);
    for (const [k, r] of this.rows) this.index(k, r);
  }

  get(key: string): RecordRow | undefined {
    return this.rows.get(key);
  }

  has(key: string): boolean {
    return this.rows.has(key);
  }

  set(key: string, row: RecordRow): void {
    this.rows.set(key, row);
    this.index(key, row);
  }

  delete(key: string): void {
    const row = this.rows.get(key);
    if (!row) return;
    this.rows.delete(key);
    this.byPair.get(rowPair(row))?.delete(key);
  }

  ofPair(pk: string): RecordRow[] {
    return [...(this.byPair.get(pk) ?? [])].map((k) => this.rows.get(k)!);
  }

  entries(): IterableIterator<[string, RecordRow]> {
    return this.rows.entries();
  }

  private index(key: string, row: RecordRow): void {
    const pk = rowPair(row);
    const set = this.byPair.get(pk) ?? this.byPair.set(pk, new Set()).get(pk)!;
    set.add(key);
  }
}

function splitPair(pk: string): Pair {
  const [dbRole, member] = pk.split('\u0000') as [string, string];
  return { dbRole, member };
}

function sameRow(a: RecordRow | undefined, b: RecordRow): boolean {
  return (
    !!a && a.preexisting === b.preexisting && a.expires_at?.getTime() === b.expires_at?.getTime()
  );
}
